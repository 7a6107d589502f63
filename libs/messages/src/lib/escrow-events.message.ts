import { EscrowRecordedV1, EscrowRecordV1 } from './escrow';
import { EventStoredScan, RecordCorrectedEventBase } from './event-parts.message';
import { RecordCorrectedV1, SupervisionStateV1 } from './scans';
import {
  EventBoolean,
  EventInteger,
  EventIsoDate,
  EventJsonObject,
  EventNested,
  EventOneOf,
  EventPresaleNumber,
  EventRegionCode,
  EventText,
  EventTimestamp,
} from './validation/event-constraints';

/**
 * The escrow service's event payloads (hn.escrow.*) as message classes: the wire format is the V1
 * interfaces, unchanged; the alerts read model validates `event.data` with these (validateEvent)
 * and skips an invalid event whole. Structure only (see event-constraints.ts); unknown fields refused.
 */

/** An escrow record as the escrow service answers it (EscrowRecordV1); money in fen. */
export class EscrowEventRecord implements EscrowRecordV1 {
  @EventPresaleNumber({ example: '430223201906200101-Z01' })
  presaleNumber!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventText({ example: '锦绣星城一期' })
  projectName!: string;

  @EventInteger({
    example: 5_000_000_00,
    minimum: 0,
    nullable: true,
    description: 'fen; null with a commitment letter',
  })
  capitalGuaranteeAmount!: number | null;

  @EventBoolean({ example: false })
  commitmentLetter!: boolean;

  @EventBoolean({ example: true })
  fundSupervision!: boolean;

  @EventText({ example: '中国建设银行攸县支行', nullable: true })
  bank!: string | null;

  @EventText({ example: '43050162123456789012', nullable: true })
  account!: string | null;

  @EventInteger({ example: 12_000_000_00, minimum: 0, description: 'fen' })
  balance!: number;

  @EventIsoDate({ example: '2026-10-31' })
  balanceAsOf!: string;

  @EventOneOf(['DRAFT', 'SUBMITTED'], { example: 'SUBMITTED' })
  state!: SupervisionStateV1;

  @EventInteger({ example: 1, minimum: 1 })
  version!: number;

  @EventText({ example: 'youxian.a', nonEmpty: true })
  enteredBy!: string;

  @EventTimestamp({ example: '2026-11-02T01:00:00.000Z' })
  updatedAt!: string;

  @EventNested(() => EventStoredScan, { nullable: true })
  commitmentLetterScan!: EventStoredScan | null;
}

/** data of hn.escrow.record.recorded.v1 (on submit) */
export class EscrowRecordedEvent implements EscrowRecordedV1 {
  @EventNested(() => EscrowEventRecord)
  record!: EscrowEventRecord;
}

/** data of hn.escrow.record.corrected.v1: the corrected record in `after` */
export class EscrowRecordCorrectedEvent extends RecordCorrectedEventBase implements RecordCorrectedV1 {
  @EventOneOf(['ESCROW'], { example: 'ESCROW' })
  recordType!: 'ESCROW';

  @EventJsonObject({ description: 'the record as it stood (not projected by the consumers)' })
  before!: Record<string, unknown>;

  @EventNested(() => EscrowEventRecord)
  after!: EscrowEventRecord;
}

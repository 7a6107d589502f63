import { PresalePermitBackfilledV1, UnpermittedPresaleProjectV1, UnpermittedPresaleRegisteredV1 } from './backfill';
import { EventStoredScan, RecordCorrectedEventBase } from './event-parts.message';
import { PresalePermitIssuedV1, PresalePermitV1, PresaleStatus } from './presale';
import { RecordCorrectedV1 } from './scans';
import {
  EventBoolean,
  EventInteger,
  EventIsoDate,
  EventJsonObject,
  EventNested,
  EventNumber,
  EventOneOf,
  eventPermitNumberReason,
  EventPresaleNumber,
  EventRegionCode,
  EventText,
  EventTextList,
  EventTimestamp,
} from './validation/event-constraints';

/**
 * The presale service's event payloads (hn.presale.*) as message classes: the wire format is the V1
 * interfaces, unchanged; the consumers (contracts' and escrow's presale replicas, the alerts read
 * models) validate `event.data` with these (validateEvent) and skip an invalid event whole. Structure
 * only (see event-constraints.ts); unknown fields are refused.
 */

export class PresaleEventDeveloper {
  @EventText({ example: '攸县锦绣置业有限公司' })
  name!: string;

  @EventText({ example: '91430223MA4Q0ABC1F' })
  creditCode!: string;
}

export class PresaleEventLocation {
  @EventNumber({ example: 27.0 })
  lat!: number;

  @EventNumber({ example: 113.34 })
  lng!: number;
}

export class PresaleEventFundSupervision {
  @EventText({ example: '中国建设银行攸县支行' })
  bank!: string;

  @EventText({ example: '43050162123456789012' })
  account!: string;
}

/** A presale permit as the presale service records it (PresalePermitV1). */
export class PresaleEventPermit implements PresalePermitV1 {
  @EventPresaleNumber()
  presaleNumber!: string;

  @EventOneOf(['Y', 'Z'], { example: 'Y' })
  letter!: 'Y' | 'Z';

  @EventInteger({ example: 1, minimum: 1 })
  serial!: number;

  @EventBoolean({ example: false, description: '联调测试 records are never published; a consumer ignores one' })
  sandbox!: boolean;

  @EventText({ example: '2024-430223-70-03-012345', nonEmpty: true })
  projectCode!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventTextList({ example: ['430223202406200101'] }, eventPermitNumberReason)
  constructionPermitNumbers!: string[];

  @EventTextList({ example: ['2024-430223-70-03-012345-DT022'] })
  unitCodes!: string[];

  @EventText({ example: '攸住建预字〔2024〕第018号' })
  localCertificateNumber!: string;

  @EventText({ example: '攸县住房和城乡建设局' })
  issuingAuthority!: string;

  @EventIsoDate({ example: '2024-06-20' })
  issueDate!: string;

  @EventNested(() => PresaleEventDeveloper)
  developer!: PresaleEventDeveloper;

  @EventText({ example: '锦绣星城三期' })
  projectName!: string;

  @EventText({ example: '攸县联星街道锦绣路 8 号' })
  address!: string;

  @EventTextList({ example: ['22#栋'] })
  buildings!: string[];

  @EventNumber({ example: 12345.67, description: 'm²' })
  presaleArea!: number;

  @EventInteger({ example: 132, minimum: 0 })
  unitCount!: number;

  @EventText({ example: '住宅' })
  plannedUse!: string;

  @EventNested(() => PresaleEventFundSupervision, { nullable: true })
  fundSupervision!: PresaleEventFundSupervision | null;

  @EventNested(() => PresaleEventLocation)
  location!: PresaleEventLocation;

  @EventText({ nonEmpty: true })
  chainToken!: string;

  @EventText({ nonEmpty: true })
  verifyUrl!: string;

  @EventInteger({ example: 41, minimum: 0 })
  logIndex!: number;

  @EventOneOf(['VALID', 'CORRECTED'], { example: 'VALID' })
  status!: PresaleStatus;

  @EventTimestamp({ example: '2024-06-20T02:00:00.000Z' })
  issuedAt!: string;
}

/** data of hn.presale.permit.issued.v1 */
export class PresalePermitIssuedEvent implements PresalePermitIssuedV1 {
  @EventNested(() => PresaleEventPermit)
  permit!: PresaleEventPermit;
}

/** data of hn.presale.permit.backfilled.v1 (a submitted Z backfill) */
export class PresalePermitBackfilledEvent implements PresalePermitBackfilledV1 {
  @EventNested(() => PresaleEventPermit)
  permit!: PresaleEventPermit;

  @EventText({ example: 'youxian.a', nonEmpty: true })
  backfilledBy!: string;
}

/** data of hn.presale.permit.corrected.v1: the corrected permit in `after` */
export class PresalePermitCorrectedEvent extends RecordCorrectedEventBase implements RecordCorrectedV1 {
  @EventOneOf(['PRESALE_PERMIT'], { example: 'PRESALE_PERMIT' })
  recordType!: 'PRESALE_PERMIT';

  @EventJsonObject({ description: 'the permit as it stood (not projected by the consumers)' })
  before!: Record<string, unknown>;

  @EventNested(() => PresaleEventPermit)
  after!: PresaleEventPermit;
}

export class UnpermittedEventProject implements UnpermittedPresaleProjectV1 {
  @EventText({ example: '6f1c2a8e-3b4d-4c5e-9f60-7a8b9c0d1e2f', nonEmpty: true })
  id!: string;

  @EventText({ example: '攸县滨江花园一期' })
  projectName!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventNested(() => PresaleEventDeveloper)
  developer!: PresaleEventDeveloper;

  @EventText({ example: '攸住建预字〔2023〕第021号' })
  localCertificateNumber!: string;

  @EventIsoDate({ example: '2023-05-12' })
  issueDate!: string;

  @EventText({ optional: true, example: '攸县江桥街道滨江路 1 号' })
  address?: string;

  @EventText({ example: 'youxian.a', nonEmpty: true })
  registeredBy!: string;

  @EventTimestamp({ example: '2026-11-02T01:00:00.000Z' })
  registeredAt!: string;

  @EventNested(() => EventStoredScan)
  scan!: EventStoredScan;
}

/** data of hn.presale.unpermitted-project.registered.v1 */
export class UnpermittedProjectRegisteredEvent implements UnpermittedPresaleRegisteredV1 {
  @EventNested(() => UnpermittedEventProject)
  project!: UnpermittedEventProject;
}

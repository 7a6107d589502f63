import {
  ReconciliationDifferenceEventV1,
  ReconciliationDifferenceStateV1,
  ReconciliationDifferenceV1,
  ReconciliationFiguresV1,
  SigningStatisticKindV1,
  SigningStatisticReportedV1,
  SigningStatisticStateV1,
  SigningStatisticV1,
} from './reconciliation';
import {
  EventInteger,
  EventMonth,
  EventNested,
  EventNumber,
  EventOneOf,
  EventPresaleNumber,
  EventRegionCode,
  EventText,
  EventTextList,
  EventTimestamp,
} from './validation/event-constraints';

/**
 * The contracts service's statistics and reconciliation events (hn.contracts.statistics.*,
 * hn.contracts.reconciliation.*) as message classes: the wire format is the V1 interfaces,
 * unchanged. The alerts read model validates the differences with these (validateEvent) and skips
 * an invalid event whole; statistics have no consumer yet. Structure only (see
 * event-constraints.ts); unknown fields are refused.
 */

export class SigningEventStatistic implements SigningStatisticV1 {
  @EventPresaleNumber()
  presaleNumber!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventText({ example: '锦绣星城三期', nullable: true })
  projectName!: string | null;

  @EventMonth()
  month!: string;

  @EventInteger({ example: 12, minimum: 0 })
  contractsSigned!: number;

  @EventNumber({ example: 1074.5, description: 'm²' })
  floorArea!: number;

  @EventInteger({ example: 780_000_000, minimum: 0, description: 'fen' })
  amountFen!: number;

  @EventOneOf(['BACKFILL', 'PERIODIC'], { example: 'PERIODIC' })
  kind!: SigningStatisticKindV1;

  @EventOneOf(['DRAFT', 'SUBMITTED'], { example: 'SUBMITTED' })
  state!: SigningStatisticStateV1;

  @EventInteger({ example: 1, minimum: 1 })
  version!: number;

  @EventText({ example: 'youxian.a', nonEmpty: true })
  enteredBy!: string;

  @EventTimestamp()
  createdAt!: string;

  @EventTimestamp()
  updatedAt!: string;

  @EventTimestamp({ nullable: true })
  submittedAt!: string | null;

  @EventText({ example: 'youxian.a', nullable: true })
  submittedBy!: string | null;
}

/** data of hn.contracts.statistics.reported.v1 (one event per submitted month) */
export class SigningStatisticReportedEvent implements SigningStatisticReportedV1 {
  @EventNested(() => SigningEventStatistic)
  statistic!: SigningEventStatistic;
}

export class ReconciliationEventFigures implements ReconciliationFiguresV1 {
  @EventInteger({ example: 12, minimum: 0 })
  contracts!: number;

  @EventNumber({ example: 1074.5, description: 'm²' })
  floorArea!: number;

  @EventInteger({ example: 780_000_000, description: 'fen' })
  amountFen!: number;
}

/** A reconciliation difference (ours − market) as the contracts service answers it. */
export class ReconciliationEventDifference implements ReconciliationDifferenceV1 {
  @EventText({ example: '6f1c2a4e-0000-4000-8000-000000000001', nonEmpty: true })
  id!: string;

  @EventPresaleNumber()
  presaleNumber!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventMonth()
  month!: string;

  @EventInteger({ example: -1 })
  countDelta!: number;

  @EventNumber({ example: -89.5, description: 'm²' })
  areaDelta!: number;

  @EventInteger({ example: -65_000_000, description: 'fen' })
  amountDeltaFen!: number;

  @EventTextList({ example: [] })
  missingOnOurs!: string[];

  @EventTextList({ example: [] })
  missingOnMarket!: string[];

  @EventTextList({ example: [] })
  mismatched!: string[];

  @EventNested(() => ReconciliationEventFigures)
  ours!: ReconciliationEventFigures;

  @EventNested(() => ReconciliationEventFigures)
  market!: ReconciliationEventFigures;

  @EventOneOf(['OPEN', 'ACKNOWLEDGED', 'RESOLVED'], { example: 'OPEN' })
  state!: ReconciliationDifferenceStateV1;

  @EventText({ nonEmpty: true })
  runId!: string;

  @EventText({ nonEmpty: true })
  lastRunId!: string;

  @EventTimestamp()
  foundAt!: string;

  @EventText({ nullable: true })
  explanation!: string | null;

  @EventText({ nullable: true })
  acknowledgedBy!: string | null;

  @EventTimestamp({ nullable: true })
  acknowledgedAt!: string | null;

  @EventTimestamp({ nullable: true })
  resolvedAt!: string | null;
}

/** data of hn.contracts.reconciliation.difference-found.v1 */
export class ReconciliationDifferenceFoundEvent implements ReconciliationDifferenceEventV1 {
  @EventNested(() => ReconciliationEventDifference)
  difference!: ReconciliationEventDifference;
}

/** The same payload under …difference-resolved.v1 (the difference no longer found). */
export class ReconciliationDifferenceResolvedEvent extends ReconciliationDifferenceFoundEvent {}

/** The same payload under …difference-acknowledged.v1 (核实说明 recorded). */
export class ReconciliationDifferenceAcknowledgedEvent extends ReconciliationDifferenceFoundEvent {}

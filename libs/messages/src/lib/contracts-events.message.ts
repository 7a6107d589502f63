import {
  BUYER_ID_TYPES,
  BuyerIdTypeV1,
  ContractCancellationV1,
  ContractDocumentV1,
  ContractFilingCancelledV1,
  ContractFilingFiledV1,
  ContractFilingStatusV1,
  ContractFilingV1,
  ContractPaymentV1,
  ContractRoomV1,
  OrganizationBuyerV1,
  PAYMENT_METHODS,
  PaymentMethodV1,
  PersonBuyerV1,
} from './contract-filings';
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
  EventBoolean,
  EventContractNumber,
  EventInteger,
  EventIsoDate,
  EventMonth,
  EventNested,
  EventNestedList,
  EventNestedListByKind,
  EventNumber,
  EventOneOf,
  EventPresaleNumber,
  EventRegionCode,
  EventSha256,
  EventText,
  EventTextList,
  EventTimestamp,
} from './validation/event-constraints';

/**
 * The contracts service's event payloads (hn.contracts.*) as message classes: the wire format is
 * the V1 interfaces, unchanged. The alerts read model validates the reconciliation differences with
 * these (validateEvent) and skips an invalid event whole; filings and statistics have no consumer
 * yet, and their class is the contract a consumer will validate with. Structure only (see
 * event-constraints.ts); unknown fields are refused.
 */

export class ContractEventRoom implements ContractRoomV1 {
  @EventText({ example: '1-101' })
  roomNumber!: string;

  @EventInteger({ example: 1, description: 'negative for basements' })
  floor!: number;

  @EventNumber({ example: 89.5, description: 'm²' })
  floorArea!: number;
}

/** A natural-person buyer; idNumber and phone masked in events. */
export class ContractEventPersonBuyer implements PersonBuyerV1 {
  @EventOneOf(['PERSON'], { example: 'PERSON' })
  type!: 'PERSON';

  @EventText({ example: '张伟' })
  name!: string;

  @EventOneOf(BUYER_ID_TYPES, { example: 'RESIDENT_ID' })
  idType!: BuyerIdTypeV1;

  @EventText({ example: '430223********1234' })
  idNumber!: string;

  @EventText({ example: '138****5678' })
  phone!: string;
}

export class ContractEventOrganizationBuyer implements OrganizationBuyerV1 {
  @EventOneOf(['ORGANIZATION'], { example: 'ORGANIZATION' })
  type!: 'ORGANIZATION';

  @EventText({ example: '株洲市某某投资有限公司' })
  name!: string;

  @EventText({ example: '91430200MA4L12345X' })
  creditCode!: string;
}

/** A buyer whose `type` is neither: refused for that field alone. */
export class ContractEventUnknownBuyer {
  @EventOneOf(['PERSON', 'ORGANIZATION'])
  type!: string;
}

export class ContractEventPayment implements Required<ContractPaymentV1> {
  @EventOneOf(PAYMENT_METHODS, { example: 'COMMERCIAL_LOAN' })
  method!: PaymentMethodV1;

  @EventInteger({ example: 30_000_000, minimum: 0, description: 'fen' })
  downPayment!: number;

  @EventInteger({ example: 35_000_000, minimum: 0, description: 'fen' })
  commercialLoan!: number;

  @EventInteger({ example: 0, minimum: 0, description: 'fen' })
  providentFundLoan!: number;
}

export class ContractEventDocument implements ContractDocumentV1 {
  @EventSha256()
  sha256!: string;

  @EventText({ example: '商品房买卖合同.pdf' })
  fileName!: string;
}

export class ContractEventCancellation implements ContractCancellationV1 {
  @EventText({ example: '买受人退房' })
  reason!: string;

  @EventTimestamp({ example: '2026-11-02T01:00:00.000Z' })
  cancelledAt!: string;

  @EventText({ example: 'client-developer-01', nonEmpty: true })
  cancelledBy!: string;
}

/** A filed contract as published (ContractFilingV1, personal data masked). */
export class ContractEventFiling implements ContractFilingV1 {
  @EventContractNumber()
  contractNumber!: string;

  @EventPresaleNumber()
  presaleNumber!: string;

  @EventInteger({ example: 1, minimum: 1 })
  serial!: number;

  @EventBoolean({ example: false })
  sandbox!: boolean;

  @EventOneOf(['ACTIVE', 'CANCELLED'], { example: 'ACTIVE' })
  status!: ContractFilingStatusV1;

  @EventRegionCode()
  regionCode!: string;

  @EventText({ example: '2024-430223-70-03-012345', nonEmpty: true })
  projectCode!: string;

  @EventText({ example: '22#栋' })
  building!: string;

  @EventNestedList(() => ContractEventRoom)
  rooms!: ContractEventRoom[];

  @EventText({ example: '攸县联星街道锦绣路 8 号 22 栋 1-101' })
  address!: string;

  @EventNestedListByKind(
    'type',
    { PERSON: ContractEventPersonBuyer, ORGANIZATION: ContractEventOrganizationBuyer },
    {},
    ContractEventUnknownBuyer,
  )
  buyers!: Array<ContractEventPersonBuyer | ContractEventOrganizationBuyer>;

  @EventInteger({ example: 65_000_000, minimum: 0, description: 'fen' })
  contractAmount!: number;

  @EventNested(() => ContractEventPayment)
  payment!: ContractEventPayment;

  @EventIsoDate({ example: '2026-11-02' })
  filingDate!: string;

  @EventNested(() => ContractEventDocument)
  document!: ContractEventDocument;

  @EventTimestamp({ example: '2026-11-02T01:00:00.000Z' })
  filedAt!: string;

  @EventNested(() => ContractEventCancellation, { nullable: true })
  cancellation!: ContractEventCancellation | null;

  @EventBoolean({ example: true })
  piiMasked!: boolean;
}

/** data of hn.contracts.filing.filed.v1 */
export class ContractFilingFiledEvent implements ContractFilingFiledV1 {
  @EventNested(() => ContractEventFiling)
  filing!: ContractEventFiling;
}

/** data of hn.contracts.filing.cancelled.v1 */
export class ContractFilingCancelledEvent implements ContractFilingCancelledV1 {
  @EventNested(() => ContractEventFiling)
  filing!: ContractEventFiling;
}

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

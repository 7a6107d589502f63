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
  EventBoolean,
  EventContractNumber,
  EventInteger,
  EventIsoDate,
  EventNested,
  EventNestedList,
  EventNestedListByKind,
  EventNumber,
  EventOneOf,
  EventPresaleNumber,
  EventRegionCode,
  EventSha256,
  EventText,
  EventTimestamp,
} from './validation/event-constraints';

/**
 * The contracts service's filing events (hn.contracts.filing.*) as message classes: the wire format
 * is the V1 interfaces, unchanged; the alerts service's statistics validate `event.data` with these
 * (validateEvent) and skip an invalid event whole. Structure only (see event-constraints.ts);
 * unknown fields are refused. Signing statistics and reconciliation: reconciliation-events.message.ts.
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

  @EventText({ example: '91430200MA4L12345F' })
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

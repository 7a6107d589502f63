/** Messages owned by the contracts service (网签合同备案). Amounts are integers in fen (分). */

/** 证件类型: 居民身份证 / 护照 / 港澳居民来往内地通行证 / 台湾居民来往大陆通行证 / 其他 */
export type BuyerIdTypeV1 = 'RESIDENT_ID' | 'PASSPORT' | 'HK_MACAO_PERMIT' | 'TAIWAN_PERMIT' | 'OTHER';

export const BUYER_ID_TYPES: readonly BuyerIdTypeV1[] = [
  'RESIDENT_ID',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'OTHER',
];

/** A natural-person buyer. idNumber and phone are personal data: encrypted at rest, masked in responses and events. */
export interface PersonBuyerV1 {
  type: 'PERSON';
  name: string;
  idType: BuyerIdTypeV1;
  idNumber: string;
  phone: string;
}

/** An organisation buyer, identified by its 统一社会信用代码 (GB 32100). */
export interface OrganizationBuyerV1 {
  type: 'ORGANIZATION';
  name: string;
  creditCode: string;
}

export type ContractBuyerV1 = PersonBuyerV1 | OrganizationBuyerV1;

export interface ContractRoomV1 {
  /** e.g. "1-101" */
  roomNumber: string;
  /** negative for basements, never 0 */
  floor: number;
  /** 建筑面积 m², two decimals */
  floorArea: number;
}

export type PaymentMethodV1 = 'FULL' | 'COMMERCIAL_LOAN' | 'PROVIDENT_FUND_LOAN' | 'COMBINED';

export const PAYMENT_METHODS: readonly PaymentMethodV1[] = [
  'FULL',
  'COMMERCIAL_LOAN',
  'PROVIDENT_FUND_LOAN',
  'COMBINED',
];

/** downPayment + commercialLoan + providentFundLoan = contractAmount; loans absent = 0. */
export interface ContractPaymentV1 {
  method: PaymentMethodV1;
  downPayment: number;
  commercialLoan?: number;
  providentFundLoan?: number;
}

export interface ContractDocumentV1 {
  /** 64 lowercase or uppercase hex digits of the signed contract file */
  sha256: string;
  fileName: string;
}

/** Body of POST /api/v1/contract-filings. */
export interface ContractFilingSubmissionV1 {
  presaleNumber: string;
  building: string;
  /** one or more */
  rooms: ContractRoomV1[];
  address: string;
  /** one or more */
  buyers: ContractBuyerV1[];
  /** fen */
  contractAmount: number;
  payment: ContractPaymentV1;
  /** YYYY-MM-DD, from the cut-over date (2024-09-01), not in the future */
  filingDate: string;
  document: ContractDocumentV1;
}

export type ContractFilingStatusV1 = 'ACTIVE' | 'CANCELLED';

/** 注销 details of a cancelled filing. */
export interface ContractCancellationV1 {
  reason: string;
  cancelledAt: string;
  cancelledBy: string;
}

/**
 * A filed contract. buyers[].idNumber / phone are masked (430223********1234, 138****5678) unless
 * the caller holds scope pii:read; piiMasked says which.
 */
export interface ContractFilingV1 {
  contractNumber: string;
  presaleNumber: string;
  /** 1..9999 */
  serial: number;
  /** 联调测试 sandbox record: never a real filing */
  sandbox: boolean;
  status: ContractFilingStatusV1;
  regionCode: string;
  projectCode: string;
  building: string;
  rooms: ContractRoomV1[];
  address: string;
  buyers: ContractBuyerV1[];
  contractAmount: number;
  payment: Required<ContractPaymentV1>;
  filingDate: string;
  document: ContractDocumentV1;
  /** RFC 3339 UTC */
  filedAt: string;
  cancellation: ContractCancellationV1 | null;
  piiMasked: boolean;
}

/** Request of rpc.contracts.filing.issue.v1 (inside RpcRequest). */
export interface ContractFilingIssueRequestV1 {
  idempotencyKey: string;
  submission: ContractFilingSubmissionV1;
}

/** 201 answer of a filing. */
export interface ContractFilingIssuedV1 {
  contractNumber: string;
  sandbox: boolean;
  filing: ContractFilingV1;
}

/** Request of rpc.contracts.filing.get.v1. */
export interface ContractFilingGetRequestV1 {
  contractNumber: string;
}

/** Request of rpc.contracts.filing.cancel.v1 (注销); reason 1–500 characters. */
export interface ContractFilingCancelRequestV1 {
  contractNumber: string;
  reason: string;
}

/** Scopes the contracts service looks at (the gateway checks contracts:issue first). */
export const ContractScopes = {
  issue: 'contracts:issue',
  /** clear buyer ID numbers and phone numbers in responses */
  piiRead: 'pii:read',
} as const;

export const ContractsRpc = {
  filingIssue: 'rpc.contracts.filing.issue.v1',
  filingGet: 'rpc.contracts.filing.get.v1',
  filingCancel: 'rpc.contracts.filing.cancel.v1',
  health: 'rpc.contracts.health.v1',
} as const;

export const ContractsEvents = {
  stream: 'HN_CONTRACTS',
  streamSubjects: ['hn.contracts.>'],
  filingFiled: 'hn.contracts.filing.filed.v1',
  filingCancelled: 'hn.contracts.filing.cancelled.v1',
} as const;

/** data of hn.contracts.filing.filed.v1 (PII masked; never published for sandbox filings) */
export interface ContractFilingFiledV1 {
  filing: ContractFilingV1;
}

/** data of hn.contracts.filing.cancelled.v1 (PII masked; never published for sandbox filings) */
export interface ContractFilingCancelledV1 {
  filing: ContractFilingV1;
}

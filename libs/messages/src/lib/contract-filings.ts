/**
 * Messages owned by the contracts service (网签合同备案). Amounts are integers in fen (分). The replies
 * are classes: the contracts service returns them and the gateway's OpenAPI document is generated
 * from their decorators.
 */
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

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

export const CONTRACT_FILING_STATUSES: readonly ContractFilingStatusV1[] = ['ACTIVE', 'CANCELLED'];

export const CONTRACT_NUMBER_EXAMPLE = '430223202406200101-Y01-B0001';

/** A room of a filed contract (OpenAPI shape of the answer; the submission's rooms are checked elsewhere). */
export class ContractRoomRecordV1 implements ContractRoomV1 {
  @ApiProperty({ example: '1-101', description: '房号' }) roomNumber!: string;
  @ApiProperty({ example: 1, description: '所在楼层（地下为负数，不为 0）' }) floor!: number;
  @ApiProperty({ example: 89.5, description: '建筑面积（m²，两位小数）' }) floorArea!: number;
}

/** A natural-person buyer as answered: ID number and phone masked unless the caller holds pii:read. */
export class PersonBuyerRecordV1 implements PersonBuyerV1 {
  @ApiProperty({ enum: ['PERSON'], example: 'PERSON', description: '自然人' }) type!: 'PERSON';
  @ApiProperty({ example: '张三', description: '姓名' }) name!: string;
  @ApiProperty({
    enum: BUYER_ID_TYPES,
    example: 'RESIDENT_ID',
    description: '证件类型：居民身份证 / 护照 / 港澳居民来往内地通行证 / 台湾居民来往大陆通行证 / 其他',
  })
  idType!: BuyerIdTypeV1;
  @ApiProperty({ example: '430223********1235', description: '证件号码，默认脱敏；持 pii:read 权限范围时为明文' })
  idNumber!: string;
  @ApiProperty({ example: '138****5678', description: '联系电话，默认脱敏；持 pii:read 权限范围时为明文' })
  phone!: string;
}

/** An organisation buyer as answered. */
export class OrganizationBuyerRecordV1 implements OrganizationBuyerV1 {
  @ApiProperty({ enum: ['ORGANIZATION'], example: 'ORGANIZATION', description: '单位' }) type!: 'ORGANIZATION';
  @ApiProperty({ example: '攸县星城投资有限公司', description: '单位名称' }) name!: string;
  @ApiProperty({ example: '91430223MA4R0DEF2Y', description: '统一社会信用代码' }) creditCode!: string;
}

/** The payment of a filed contract: both loans always present (0 when none). */
export class ContractPaymentRecordV1 implements Required<ContractPaymentV1> {
  @ApiProperty({ example: 'COMBINED', enum: PAYMENT_METHODS }) method!: PaymentMethodV1;
  @ApiProperty({ example: 43_456_700, description: '首付款（分）' }) downPayment!: number;
  @ApiProperty({ example: 50_000_000, description: '商业贷款（分，无则 0）' }) commercialLoan!: number;
  @ApiProperty({ example: 30_000_000, description: '公积金贷款（分，无则 0）' }) providentFundLoan!: number;
}

/** The signed contract file of a filing (digest and name). */
export class ContractDocumentRecordV1 implements ContractDocumentV1 {
  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: '已签合同文件的 SHA-256 摘要（64 位十六进制）',
  })
  sha256!: string;
  @ApiProperty({ example: '商品房买卖合同（预售）22#1-101.pdf', description: '文件名（不含路径）' }) fileName!: string;
}

/** 注销 details of a cancelled filing. */
export class ContractCancellationV1 {
  @ApiProperty({ example: '买受人退房，双方协商解除合同' }) reason!: string;
  @ApiProperty({ example: '2024-09-10T03:00:00.000Z', format: 'date-time' }) cancelledAt!: string;
  @ApiProperty({ example: 'c-yx-signing-01', description: '注销的凭据 client id / staff username' })
  cancelledBy!: string;
}

/**
 * A filed contract. buyers[].idNumber / phone are masked (430223********1234, 138****5678) unless
 * the caller holds scope pii:read; piiMasked says which.
 */
@ApiExtraModels(PersonBuyerRecordV1, OrganizationBuyerRecordV1)
export class ContractFilingV1 {
  @ApiProperty({ example: CONTRACT_NUMBER_EXAMPLE, description: '统一网签合同备案编号：<预售许可证号>-B<四位序号>' })
  contractNumber!: string;
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  /** 1..9999 */
  @ApiProperty({ example: 1, minimum: 1, maximum: 9999, description: '每个预售许可证 0001–9999 连续不断号、不复用' })
  serial!: number;
  /** 联调测试 sandbox record: never a real filing */
  @ApiProperty({ example: false, description: '联调测试（沙箱）备案，非正式记录' }) sandbox!: boolean;
  @ApiProperty({ example: 'ACTIVE', enum: CONTRACT_FILING_STATUSES, description: '有效 / 已注销（注销后编号保留）' })
  status!: ContractFilingStatusV1;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '工改项目编码' }) projectCode!: string;
  @ApiProperty({ example: '22#' }) building!: string;
  @ApiProperty({ type: () => [ContractRoomRecordV1] }) rooms!: ContractRoomV1[];
  @ApiProperty({ example: '攸县联星街道锦绣大道 88 号锦绣星城三期 22#栋 1-101' }) address!: string;
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(PersonBuyerRecordV1) }, { $ref: getSchemaPath(OrganizationBuyerRecordV1) }],
      discriminator: { propertyName: 'type' },
    },
    example: [
      { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: '430223********1235', phone: '138****5678' },
      { type: 'ORGANIZATION', name: '攸县星城投资有限公司', creditCode: '91430223MA4R0DEF2Y' },
    ],
    description:
      '买受人。证件号码与电话默认脱敏（430223********1235、138****5678）；凭据持有 pii:read 权限范围时为明文',
  })
  buyers!: ContractBuyerV1[];
  @ApiProperty({ example: 123_456_700, description: '合同总价（分）' }) contractAmount!: number;
  @ApiProperty({ type: () => ContractPaymentRecordV1 }) payment!: Required<ContractPaymentV1>;
  @ApiProperty({ example: '2024-09-02', format: 'date' }) filingDate!: string;
  @ApiProperty({ type: () => ContractDocumentRecordV1 }) document!: ContractDocumentV1;
  /** RFC 3339 UTC */
  @ApiProperty({ example: '2024-09-02T02:30:00.000Z', format: 'date-time' }) filedAt!: string;
  @ApiProperty({ type: () => ContractCancellationV1, nullable: true, description: '注销信息（未注销为 null）' })
  cancellation!: ContractCancellationV1 | null;
  @ApiProperty({ example: true, description: '证件号码与电话是否已脱敏（无 pii:read 时为 true）' }) piiMasked!: boolean;
}

/** Request of rpc.contracts.filing.issue.v1 (inside RpcRequest). */
export interface ContractFilingIssueRequestV1 {
  idempotencyKey: string;
  submission: ContractFilingSubmissionV1;
}

/** 201 answer of a filing (also for an idempotent replay). */
export class ContractFilingIssuedV1 {
  @ApiProperty({ example: CONTRACT_NUMBER_EXAMPLE, description: '统一网签合同备案编号' }) contractNumber!: string;
  @ApiProperty({ example: false, description: '联调测试（沙箱）取号，独立序号空间' }) sandbox!: boolean;
  @ApiProperty({ type: () => ContractFilingV1 }) filing!: ContractFilingV1;
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

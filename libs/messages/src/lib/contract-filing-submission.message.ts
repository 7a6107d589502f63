import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { chinaToday } from '@hn/numbering';
import {
  buyerItemErrors,
  buyerTypeReason,
  contractAmountReason,
  creditCodeReason,
  fenReason,
  fileNameReason,
  filingDateReason,
  floorAreaReason,
  floorReason,
  idNumberReason,
  idTypeReason,
  listReason,
  loanReason,
  MAX_BUYERS,
  MAX_ROOMS,
  paymentMethodReason,
  paymentTotalReason,
  phoneReason,
  presaleNumberReason,
  roomItemErrors,
  sha256Reason,
  textReason,
} from './contract-filing-rules';
import { BUYERS_LIST_LABEL, notForBuyerType, objectReason, ROOMS_LIST_LABEL } from './contract-filing-validation';
import {
  BUYER_ID_TYPES,
  BuyerIdTypeV1,
  ContractBuyerV1,
  ContractFilingSubmissionV1,
  PAYMENT_METHODS,
  PaymentMethodV1,
} from './contract-filings';
import { Trim } from './validation/submission-constraints';
import { FieldRule } from './validation/field-rule';
import { ListRule } from './validation/list-rule';

/*
 * The body of POST /api/v1/contract-filings (网签合同备案取号) as one message class: the gateway
 * validates the HTTP body with it and the contracts service validates the RPC payload with it again
 * (validateSubmission), so both answer the same field list. The OpenAPI schema names of the first
 * release (…Dto) are kept with @ApiSchema: integrators' generated clients keep their type names.
 * The cut-over date is configuration: the contracts service checks it, not this class.
 */

@ApiSchema({ name: 'ContractRoomDto' })
export class ContractRoom {
  @ApiProperty({ example: '1-101', maxLength: 50, description: '房号' })
  @Trim()
  @FieldRule('roomNumber', (v) => textReason(v, 50))
  roomNumber!: string;

  @ApiProperty({ example: 1, minimum: -20, maximum: 300, description: '所在楼层（地下为负数，不为 0）' })
  @FieldRule('floor', floorReason)
  floor!: number;

  @ApiProperty({
    example: 89.5,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: 100_000,
    description: '建筑面积（m²，最多两位小数）',
  })
  @FieldRule('floorArea', floorAreaReason)
  floorArea!: number;
}

/** A natural-person buyer (OpenAPI schema; ContractBuyer validates). */
@ApiSchema({ name: 'PersonBuyerDto' })
export class PersonBuyer {
  @ApiProperty({ enum: ['PERSON'], example: 'PERSON', description: '自然人' }) type!: 'PERSON';
  @ApiProperty({ example: '张三', maxLength: 100, description: '姓名' }) name!: string;
  @ApiProperty({
    enum: BUYER_ID_TYPES,
    example: 'RESIDENT_ID',
    description: '证件类型：居民身份证 / 护照 / 港澳居民来往内地通行证 / 台湾居民来往大陆通行证 / 其他',
  })
  idType!: BuyerIdTypeV1;
  @ApiProperty({
    example: '430223199001011235',
    description:
      '证件号码（居民身份证按 GB 11643 校验出生日期与校验位；其他证件校验格式）。个人信息：加密存储，应答中脱敏（430223********1235），持 pii:read 权限范围者可见明文',
  })
  idNumber!: string;
  @ApiProperty({
    example: '13812345678',
    description: '联系电话（11 位手机号、带区号固话或 +国际号码）。个人信息：加密存储，应答中脱敏（138****5678）',
  })
  phone!: string;
}

/** An organisation buyer (OpenAPI schema; ContractBuyer validates). */
@ApiSchema({ name: 'OrganizationBuyerDto' })
export class OrganizationBuyer {
  @ApiProperty({ enum: ['ORGANIZATION'], example: 'ORGANIZATION', description: '单位' }) type!: 'ORGANIZATION';
  @ApiProperty({ example: '攸县星城投资有限公司', maxLength: 200, description: '单位名称' }) name!: string;
  @ApiProperty({ example: '91430223MA4R0DEF2Y', description: '统一社会信用代码（18 位，GB 32100 校验位）' })
  creditCode!: string;
}

/**
 * Validation of one buyer, PERSON or ORGANIZATION by its `type`: the fields of that kind are required
 * and checked, those of the other kind refused; with a missing or unknown type only the type is reported.
 */
export class ContractBuyer {
  @FieldRule('buyerType', buyerTypeReason)
  type!: string;

  @Trim()
  @FieldRule('buyerName', (v, o) =>
    o['type'] === 'PERSON' ? textReason(v, 100) : o['type'] === 'ORGANIZATION' ? textReason(v, 200) : null,
  )
  name!: string;

  @FieldRule('idType', (v, o) =>
    o['type'] === 'PERSON' ? idTypeReason(v) : o['type'] === 'ORGANIZATION' ? notForBuyerType(v, o['type']) : null,
  )
  idType?: BuyerIdTypeV1;

  @FieldRule('idNumber', (v, o) =>
    o['type'] === 'PERSON'
      ? idNumberReason(v, o['idType'], chinaToday())
      : o['type'] === 'ORGANIZATION'
        ? notForBuyerType(v, o['type'])
        : null,
  )
  idNumber?: string;

  @FieldRule('phone', (v, o) =>
    o['type'] === 'PERSON' ? phoneReason(v) : o['type'] === 'ORGANIZATION' ? notForBuyerType(v, o['type']) : null,
  )
  phone?: string;

  @Trim()
  @FieldRule('creditCode', (v, o) =>
    o['type'] === 'ORGANIZATION' ? creditCodeReason(v) : o['type'] === 'PERSON' ? notForBuyerType(v, o['type']) : null,
  )
  creditCode?: string;
}

@ApiSchema({ name: 'ContractPaymentDto' })
export class ContractPayment {
  @ApiProperty({
    enum: PAYMENT_METHODS,
    example: 'COMBINED',
    description: '付款方式：一次性 / 商业贷款 / 公积金贷款 / 组合贷款',
  })
  @FieldRule('paymentMethod', paymentMethodReason)
  method!: PaymentMethodV1;

  @ApiProperty({ example: 43_456_700, minimum: 0, description: '首付款（分）' })
  @FieldRule('downPayment', (v) => fenReason(v, false))
  downPayment!: number;

  @ApiPropertyOptional({
    example: 50_000_000,
    minimum: 0,
    description: '商业贷款（分；COMMERCIAL_LOAN / COMBINED 必填且大于 0，其他付款方式不填或为 0）',
  })
  @FieldRule('commercialLoan', (v, o) => loanReason('commercialLoan', v, o['method']))
  commercialLoan?: number;

  @ApiPropertyOptional({
    example: 30_000_000,
    minimum: 0,
    description: '公积金贷款（分；PROVIDENT_FUND_LOAN / COMBINED 必填且大于 0，其他付款方式不填或为 0）',
  })
  @FieldRule('providentFundLoan', (v, o) => loanReason('providentFundLoan', v, o['method']))
  providentFundLoan?: number;
}

@ApiSchema({ name: 'ContractDocumentDto' })
export class ContractDocument {
  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: '已签合同文件的 SHA-256 摘要（64 位十六进制）',
  })
  @FieldRule('sha256', sha256Reason)
  sha256!: string;

  @ApiProperty({ example: '商品房买卖合同（预售）22#1-101.pdf', maxLength: 255, description: '文件名（不含路径）' })
  @Trim()
  @FieldRule('fileName', fileNameReason)
  fileName!: string;
}

/** Body of POST /api/v1/contract-filings (网签合同备案取号). Amounts in fen (分). */
@ApiExtraModels(PersonBuyer, OrganizationBuyer)
@ApiSchema({ name: 'ContractFilingSubmissionDto' })
export class ContractFilingSubmission implements ContractFilingSubmissionV1 {
  @ApiProperty({ example: '430223202406200101-Y01', description: '统一预售许可证号（须在本凭据区划内）' })
  @Trim()
  @FieldRule('presaleNumber', presaleNumberReason)
  presaleNumber!: string;

  @ApiProperty({ example: '22#', maxLength: 50, description: '楼栋（须为预售许可证所列楼栋）' })
  @Trim()
  @FieldRule('building', (v) => textReason(v, 50))
  building!: string;

  @ApiProperty({
    type: [ContractRoom],
    minItems: 1,
    maxItems: MAX_ROOMS,
    description: '房屋（一个或多个；房号不得已有有效备案）',
  })
  @ListRule('rooms', (v) => listReason(v, ROOMS_LIST_LABEL, MAX_ROOMS), roomItemErrors)
  @ValidateNested({ each: true })
  @Type(() => ContractRoom)
  rooms!: ContractRoom[];

  @ApiProperty({
    example: '攸县联星街道锦绣大道 88 号锦绣星城三期 22#栋 1-101',
    maxLength: 300,
    description: '房屋坐落',
  })
  @Trim()
  @FieldRule('address', (v) => textReason(v, 300))
  address!: string;

  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(PersonBuyer) }, { $ref: getSchemaPath(OrganizationBuyer) }],
      discriminator: { propertyName: 'type' },
    },
    minItems: 1,
    maxItems: MAX_BUYERS,
    description: '买受人（一个或多个）：自然人 PERSON 或单位 ORGANIZATION',
  })
  @ListRule('buyers', (v) => listReason(v, BUYERS_LIST_LABEL, MAX_BUYERS), buyerItemErrors)
  @ValidateNested({ each: true })
  @Type(() => ContractBuyer)
  buyers!: ContractBuyerV1[];

  @ApiProperty({ example: 123_456_700, minimum: 1, description: '合同总价（分）' })
  @FieldRule('contractAmount', contractAmountReason)
  contractAmount!: number;

  @ApiProperty({
    type: ContractPayment,
    description: '付款方式与金额（分）：首付款 + 商业贷款 + 公积金贷款 = 合同总价',
  })
  @FieldRule('paymentTotal', (v, o) => paymentTotalReason(v, o['contractAmount']))
  @ValidateNested()
  @Type(() => ContractPayment)
  payment!: ContractPayment;

  @ApiProperty({
    example: '2024-09-02',
    format: 'date',
    description: '网签备案日期（YYYY-MM-DD；自切换日 2024-09-01 起取统一编号，此前的合同按统计数据报送；不晚于今天）',
  })
  @FieldRule('filingDate', (v) => filingDateReason(v, { today: chinaToday(), cutoverDate: '' }))
  filingDate!: string;

  @ApiProperty({ type: ContractDocument, description: '已签合同文件（摘要与文件名）' })
  @FieldRule('document', objectReason)
  @ValidateNested()
  @Type(() => ContractDocument)
  document!: ContractDocument;
}

/** The example of issue 5 (攸县 锦绣星城三期 22#栋 1-101) as a complete request body. */
export const CONTRACT_FILING_EXAMPLE: ContractFilingSubmissionV1 = {
  presaleNumber: '430223202406200101-Y01',
  building: '22#',
  rooms: [{ roomNumber: '1-101', floor: 1, floorArea: 89.5 }],
  address: '攸县联星街道锦绣大道 88 号锦绣星城三期 22#栋 1-101',
  buyers: [
    { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: '430223199001011235', phone: '13812345678' },
    { type: 'ORGANIZATION', name: '攸县星城投资有限公司', creditCode: '91430223MA4R0DEF2Y' },
  ],
  contractAmount: 123_456_700,
  payment: { method: 'COMBINED', downPayment: 43_456_700, commercialLoan: 50_000_000, providentFundLoan: 30_000_000 },
  filingDate: '2024-09-02',
  document: {
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    fileName: '商品房买卖合同（预售）22#1-101.pdf',
  },
};

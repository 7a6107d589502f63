import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import {
  BUYER_ID_TYPES,
  BuyerIdTypeV1,
  ContractBuyerV1,
  ContractFilingSubmissionV1,
  PAYMENT_METHODS,
  PaymentMethodV1,
  Trim,
} from '@hn/messages';
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
  BUYERS_LIST_LABEL,
  notForBuyerType,
  objectReason,
  ROOMS_LIST_LABEL,
} from '@hn/messages';
import { ListRule, Rule } from './rule.decorators';

export class ContractRoomDto {
  @ApiProperty({ example: '1-101', maxLength: 50, description: '房号' })
  @Trim()
  @Rule('roomNumber', (v) => textReason(v, 50))
  roomNumber!: string;

  @ApiProperty({ example: 1, minimum: -20, maximum: 300, description: '所在楼层（地下为负数，不为 0）' })
  @Rule('floor', floorReason)
  floor!: number;

  @ApiProperty({
    example: 89.5,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: 100_000,
    description: '建筑面积（m²，最多两位小数）',
  })
  @Rule('floorArea', floorAreaReason)
  floorArea!: number;
}

/** A natural-person buyer (OpenAPI schema; BuyerDto validates). */
export class PersonBuyerDto {
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

/** An organisation buyer (OpenAPI schema; BuyerDto validates). */
export class OrganizationBuyerDto {
  @ApiProperty({ enum: ['ORGANIZATION'], example: 'ORGANIZATION', description: '单位' }) type!: 'ORGANIZATION';
  @ApiProperty({ example: '攸县星城投资有限公司', maxLength: 200, description: '单位名称' }) name!: string;
  @ApiProperty({ example: '91430223MA4R0DEF2Y', description: '统一社会信用代码（18 位，GB 32100 校验位）' })
  creditCode!: string;
}

/**
 * Validation of one buyer, PERSON or ORGANIZATION by its `type`: the fields of that kind are required
 * and checked, those of the other kind refused; with a missing or unknown type only the type is reported.
 */
export class BuyerDto {
  @Rule('buyerType', buyerTypeReason)
  type!: string;

  @Trim()
  @Rule('buyerName', (v, o) =>
    o['type'] === 'PERSON' ? textReason(v, 100) : o['type'] === 'ORGANIZATION' ? textReason(v, 200) : null,
  )
  name!: string;

  @Rule('idType', (v, o) =>
    o['type'] === 'PERSON' ? idTypeReason(v) : o['type'] === 'ORGANIZATION' ? notForBuyerType(v, o['type']) : null,
  )
  idType?: BuyerIdTypeV1;

  @Rule('idNumber', (v, o) =>
    o['type'] === 'PERSON'
      ? idNumberReason(v, o['idType'], chinaToday())
      : o['type'] === 'ORGANIZATION'
        ? notForBuyerType(v, o['type'])
        : null,
  )
  idNumber?: string;

  @Rule('phone', (v, o) =>
    o['type'] === 'PERSON' ? phoneReason(v) : o['type'] === 'ORGANIZATION' ? notForBuyerType(v, o['type']) : null,
  )
  phone?: string;

  @Trim()
  @Rule('creditCode', (v, o) =>
    o['type'] === 'ORGANIZATION' ? creditCodeReason(v) : o['type'] === 'PERSON' ? notForBuyerType(v, o['type']) : null,
  )
  creditCode?: string;
}

export class ContractPaymentDto {
  @ApiProperty({
    enum: PAYMENT_METHODS,
    example: 'COMBINED',
    description: '付款方式：一次性 / 商业贷款 / 公积金贷款 / 组合贷款',
  })
  @Rule('paymentMethod', paymentMethodReason)
  method!: PaymentMethodV1;

  @ApiProperty({ example: 43_456_700, minimum: 0, description: '首付款（分）' })
  @Rule('downPayment', (v) => fenReason(v, false))
  downPayment!: number;

  @ApiPropertyOptional({
    example: 50_000_000,
    minimum: 0,
    description: '商业贷款（分；COMMERCIAL_LOAN / COMBINED 必填且大于 0，其他付款方式不填或为 0）',
  })
  @Rule('commercialLoan', (v, o) => loanReason('commercialLoan', v, o['method']))
  commercialLoan?: number;

  @ApiPropertyOptional({
    example: 30_000_000,
    minimum: 0,
    description: '公积金贷款（分；PROVIDENT_FUND_LOAN / COMBINED 必填且大于 0，其他付款方式不填或为 0）',
  })
  @Rule('providentFundLoan', (v, o) => loanReason('providentFundLoan', v, o['method']))
  providentFundLoan?: number;
}

export class ContractDocumentDto {
  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: '已签合同文件的 SHA-256 摘要（64 位十六进制）',
  })
  @Rule('sha256', sha256Reason)
  sha256!: string;

  @ApiProperty({ example: '商品房买卖合同（预售）22#1-101.pdf', maxLength: 255, description: '文件名（不含路径）' })
  @Trim()
  @Rule('fileName', fileNameReason)
  fileName!: string;
}

/** Body of POST /api/v1/contract-filings (网签合同备案取号). Amounts in fen (分). */
@ApiExtraModels(PersonBuyerDto, OrganizationBuyerDto)
export class ContractFilingSubmissionDto implements ContractFilingSubmissionV1 {
  @ApiProperty({ example: '430223202406200101-Y01', description: '统一预售许可证号（须在本凭据区划内）' })
  @Trim()
  @Rule('presaleNumber', presaleNumberReason)
  presaleNumber!: string;

  @ApiProperty({ example: '22#', maxLength: 50, description: '楼栋（须为预售许可证所列楼栋）' })
  @Trim()
  @Rule('building', (v) => textReason(v, 50))
  building!: string;

  @ApiProperty({
    type: [ContractRoomDto],
    minItems: 1,
    maxItems: MAX_ROOMS,
    description: '房屋（一个或多个；房号不得已有有效备案）',
  })
  @ListRule('rooms', (v) => listReason(v, ROOMS_LIST_LABEL, MAX_ROOMS), roomItemErrors)
  @ValidateNested({ each: true })
  @Type(() => ContractRoomDto)
  rooms!: ContractRoomDto[];

  @ApiProperty({
    example: '攸县联星街道锦绣大道 88 号锦绣星城三期 22#栋 1-101',
    maxLength: 300,
    description: '房屋坐落',
  })
  @Trim()
  @Rule('address', (v) => textReason(v, 300))
  address!: string;

  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(PersonBuyerDto) }, { $ref: getSchemaPath(OrganizationBuyerDto) }],
      discriminator: { propertyName: 'type' },
    },
    minItems: 1,
    maxItems: MAX_BUYERS,
    description: '买受人（一个或多个）：自然人 PERSON 或单位 ORGANIZATION',
  })
  @ListRule('buyers', (v) => listReason(v, BUYERS_LIST_LABEL, MAX_BUYERS), buyerItemErrors)
  @ValidateNested({ each: true })
  @Type(() => BuyerDto)
  buyers!: ContractBuyerV1[];

  @ApiProperty({ example: 123_456_700, minimum: 1, description: '合同总价（分）' })
  @Rule('contractAmount', contractAmountReason)
  contractAmount!: number;

  @ApiProperty({
    type: ContractPaymentDto,
    description: '付款方式与金额（分）：首付款 + 商业贷款 + 公积金贷款 = 合同总价',
  })
  @Rule('paymentTotal', (v, o) => paymentTotalReason(v, o['contractAmount']))
  @ValidateNested()
  @Type(() => ContractPaymentDto)
  payment!: ContractPaymentDto;

  @ApiProperty({
    example: '2024-09-02',
    format: 'date',
    description: '网签备案日期（YYYY-MM-DD；自切换日 2024-09-01 起取统一编号，此前的合同按统计数据报送；不晚于今天）',
  })
  @Rule('filingDate', (v) => filingDateReason(v, { today: chinaToday(), cutoverDate: '' }))
  filingDate!: string;

  @ApiProperty({ type: ContractDocumentDto, description: '已签合同文件（摘要与文件名）' })
  @Rule('document', objectReason)
  @ValidateNested()
  @Type(() => ContractDocumentDto)
  document!: ContractDocumentDto;
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

import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import {
  ContractDocumentDto,
  ContractRoomDto,
  OrganizationBuyerDto,
  PersonBuyerDto,
} from './contract-filing-submission.dto';

export const CONTRACT_NUMBER_EXAMPLE = '430223202406200101-Y01-B0001';

export class ContractPaymentRecordDto {
  @ApiProperty({ example: 'COMBINED', enum: ['FULL', 'COMMERCIAL_LOAN', 'PROVIDENT_FUND_LOAN', 'COMBINED'] })
  method!: string;
  @ApiProperty({ example: 43_456_700, description: '首付款（分）' }) downPayment!: number;
  @ApiProperty({ example: 50_000_000, description: '商业贷款（分，无则 0）' }) commercialLoan!: number;
  @ApiProperty({ example: 30_000_000, description: '公积金贷款（分，无则 0）' }) providentFundLoan!: number;
}

export class ContractCancellationDto {
  @ApiProperty({ example: '买受人退房，双方协商解除合同' }) reason!: string;
  @ApiProperty({ example: '2024-09-10T03:00:00.000Z', format: 'date-time' }) cancelledAt!: string;
  @ApiProperty({ example: 'c-yx-signing-01', description: '注销的凭据 client id / staff username' })
  cancelledBy!: string;
}

/** A filed contract as answered by the contracts service. */
export class ContractFilingDto {
  @ApiProperty({ example: CONTRACT_NUMBER_EXAMPLE, description: '统一网签合同备案编号：<预售许可证号>-B<四位序号>' })
  contractNumber!: string;
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({ example: 1, minimum: 1, maximum: 9999, description: '每个预售许可证 0001–9999 连续不断号、不复用' })
  serial!: number;
  @ApiProperty({ example: false, description: '联调测试（沙箱）备案，非正式记录' }) sandbox!: boolean;
  @ApiProperty({ example: 'ACTIVE', enum: ['ACTIVE', 'CANCELLED'], description: '有效 / 已注销（注销后编号保留）' })
  status!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '工改项目编码' }) projectCode!: string;
  @ApiProperty({ example: '22#' }) building!: string;
  @ApiProperty({ type: [ContractRoomDto] }) rooms!: ContractRoomDto[];
  @ApiProperty({ example: '攸县联星街道锦绣大道 88 号锦绣星城三期 22#栋 1-101' }) address!: string;
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(PersonBuyerDto) }, { $ref: getSchemaPath(OrganizationBuyerDto) }],
      discriminator: { propertyName: 'type' },
    },
    example: [
      { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: '430223********1235', phone: '138****5678' },
      { type: 'ORGANIZATION', name: '攸县星城投资有限公司', creditCode: '91430223MA4R0DEF2Y' },
    ],
    description:
      '买受人。证件号码与电话默认脱敏（430223********1235、138****5678）；凭据持有 pii:read 权限范围时为明文',
  })
  buyers!: Array<PersonBuyerDto | OrganizationBuyerDto>;
  @ApiProperty({ example: 123_456_700, description: '合同总价（分）' }) contractAmount!: number;
  @ApiProperty({ type: ContractPaymentRecordDto }) payment!: ContractPaymentRecordDto;
  @ApiProperty({ example: '2024-09-02', format: 'date' }) filingDate!: string;
  @ApiProperty({ type: ContractDocumentDto }) document!: ContractDocumentDto;
  @ApiProperty({ example: '2024-09-02T02:30:00.000Z', format: 'date-time' }) filedAt!: string;
  @ApiProperty({ type: ContractCancellationDto, nullable: true, description: '注销信息（未注销为 null）' })
  cancellation!: ContractCancellationDto | null;
  @ApiProperty({ example: true, description: '证件号码与电话是否已脱敏（无 pii:read 时为 true）' }) piiMasked!: boolean;
}

/** Response of POST /api/v1/contract-filings (201, also for an idempotent replay). */
export class ContractFilingIssuedDto {
  @ApiProperty({ example: CONTRACT_NUMBER_EXAMPLE, description: '统一网签合同备案编号' }) contractNumber!: string;
  @ApiProperty({ example: false, description: '联调测试（沙箱）取号，独立序号空间' }) sandbox!: boolean;
  @ApiProperty({ type: ContractFilingDto }) filing!: ContractFilingDto;
}

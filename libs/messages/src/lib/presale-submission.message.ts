import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { HUNAN_BOUNDS, PresaleSubmissionV1 } from './presale';
import {
  buildingItemReason,
  EachItem,
  IsCreditCode,
  IsPastIsoDate,
  permitNumberItemReason,
  REQUIRED_MESSAGE as REQUIRED,
  RequiredObject,
  RequiredText,
  Trim,
  TrimEach,
  unitCodeItemReason,
} from './validation/submission-constraints';

/**
 * The 取号 / 补录 submission as a message class: the gateway validates the HTTP body with it (and
 * OpenAPI is generated from it), the presale service validates the RPC payload with it again.
 * Rules that need data or configuration (cut-over, replica, eligibility) stay in the service.
 */

export class Developer {
  @ApiProperty({ example: '攸县锦绣置业有限公司', maxLength: 200, description: '开发企业名称' })
  @RequiredText(200)
  name!: string;

  @ApiProperty({ example: '91430223MA4Q0ABC1F', description: '统一社会信用代码（18 位，GB 32100 校验位）' })
  @Trim()
  @IsDefined(REQUIRED)
  @IsCreditCode()
  creditCode!: string;
}

export class FundSupervision {
  @ApiProperty({ example: '中国建设银行攸县支行', maxLength: 100, description: '监管银行' })
  @RequiredText(100)
  bank!: string;

  @ApiProperty({ example: '43050162123400000123', description: '监管账号（6–40 位数字，可含连字符）' })
  @Trim()
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @Matches(/^[0-9-]{6,40}$/, { message: '监管账号须为 6–40 位数字，可含连字符 (6–40 digits or "-")' })
  account!: string;
}

export class Location {
  @ApiProperty({
    example: 27.0,
    minimum: HUNAN_BOUNDS.minLat,
    maximum: HUNAN_BOUNDS.maxLat,
    description: '纬度（WGS-84）',
  })
  @IsDefined(REQUIRED)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '纬度须为数字 (latitude must be a number)' })
  @Min(HUNAN_BOUNDS.minLat, {
    message: `纬度须在湖南范围内 ${HUNAN_BOUNDS.minLat}–${HUNAN_BOUNDS.maxLat} (latitude outside Hunan)`,
  })
  @Max(HUNAN_BOUNDS.maxLat, {
    message: `纬度须在湖南范围内 ${HUNAN_BOUNDS.minLat}–${HUNAN_BOUNDS.maxLat} (latitude outside Hunan)`,
  })
  lat!: number;

  @ApiProperty({
    example: 113.3,
    minimum: HUNAN_BOUNDS.minLng,
    maximum: HUNAN_BOUNDS.maxLng,
    description: '经度（WGS-84）',
  })
  @IsDefined(REQUIRED)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '经度须为数字 (longitude must be a number)' })
  @Min(HUNAN_BOUNDS.minLng, {
    message: `经度须在湖南范围内 ${HUNAN_BOUNDS.minLng}–${HUNAN_BOUNDS.maxLng} (longitude outside Hunan)`,
  })
  @Max(HUNAN_BOUNDS.maxLng, {
    message: `经度须在湖南范围内 ${HUNAN_BOUNDS.minLng}–${HUNAN_BOUNDS.maxLng} (longitude outside Hunan)`,
  })
  lng!: number;
}

/** Body of POST /api/v1/presale-permits (取号): a presale permit approved by a municipal / county system. */
export class PresaleSubmission implements PresaleSubmissionV1 {
  @ApiProperty({
    example: ['430223202406200101'],
    type: [String],
    minItems: 1,
    maxItems: 50,
    description: '施工许可证编号（有序，首个用于组成预售许可证号）',
  })
  @IsDefined(REQUIRED)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少一个施工许可证编号 (at least one permit number)' })
  @ArrayMaxSize(50, { message: '最多 50 个施工许可证编号 (at most 50)' })
  @EachItem('permitNumberItems', permitNumberItemReason)
  constructionPermitNumbers!: string[];

  @ApiProperty({
    example: ['2024-430223-70-03-012345-DT022'],
    type: [String],
    minItems: 1,
    maxItems: 2000,
    description: '单体编码（须属于所列施工许可证）',
  })
  @TrimEach()
  @IsDefined(REQUIRED)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少一个单体编码 (at least one unit code)' })
  @ArrayMaxSize(2000, { message: '最多 2000 个单体编码 (at most 2000)' })
  @EachItem('unitCodeItems', unitCodeItemReason)
  unitCodes!: string[];

  @ApiProperty({ example: '攸住建预字〔2024〕第015号', maxLength: 100, description: '本地预售许可证号' })
  @RequiredText(100)
  localCertificateNumber!: string;

  @ApiProperty({ example: '攸县住房和城乡建设局', maxLength: 100, description: '发证机关' })
  @RequiredText(100)
  issuingAuthority!: string;

  @ApiProperty({ example: '2024-08-15', format: 'date', description: '发证日期（YYYY-MM-DD，不晚于今天）' })
  @IsDefined(REQUIRED)
  @IsPastIsoDate()
  issueDate!: string;

  @ApiProperty({ type: Developer, description: '开发企业' })
  @RequiredObject(() => Developer)
  developer!: Developer;

  @ApiProperty({ example: '锦绣星城三期（22#栋）', maxLength: 200, description: '项目名称' })
  @RequiredText(200)
  projectName!: string;

  @ApiProperty({ example: '攸县联星街道锦绣大道 88 号', maxLength: 300, description: '坐落地址' })
  @RequiredText(300)
  address!: string;

  @ApiProperty({ example: ['22#'], type: [String], minItems: 1, maxItems: 500, description: '预售楼栋' })
  @TrimEach()
  @IsDefined(REQUIRED)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少一栋楼 (at least one building)' })
  @ArrayMaxSize(500, { message: '最多 500 栋 (at most 500)' })
  @EachItem('buildingItems', buildingItemReason)
  buildings!: string[];

  @ApiProperty({
    example: 12345.67,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: 10_000_000,
    description: '预售面积（m²，最多两位小数）',
  })
  @IsDefined(REQUIRED)
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: '须为数字，最多两位小数 (a number with at most 2 decimals)' },
  )
  @IsPositive({ message: '须大于 0 (must be > 0)' })
  @Max(10_000_000, { message: '不超过 10,000,000 m² (at most 10,000,000)' })
  presaleArea!: number;

  @ApiProperty({ example: 120, minimum: 1, maximum: 100_000, description: '预售套数' })
  @IsDefined(REQUIRED)
  @IsInt({ message: '须为整数 (must be an integer)' })
  @Min(1, { message: '至少 1 套 (at least 1)' })
  @Max(100_000, { message: '不超过 100000 套 (at most 100000)' })
  unitCount!: number;

  @ApiProperty({ example: '住宅', maxLength: 50, description: '规划用途' })
  @RequiredText(50)
  plannedUse!: string;

  @ApiPropertyOptional({
    type: FundSupervision,
    nullable: true,
    description: '预售资金监管（可选；填写时银行与账号均必填）',
  })
  @IsOptional()
  @IsObject({ message: '须为对象 (must be an object)' })
  @ValidateNested()
  @Type(() => FundSupervision)
  fundSupervision?: FundSupervision | null;

  @ApiProperty({ type: Location, description: '落图选点（WGS-84，须在湖南省范围内）' })
  @RequiredObject(() => Location)
  location!: Location;
}

/** The work-plan example (湘建数函〔2024〕86号) as a complete request body. */
export const PRESALE_SUBMISSION_EXAMPLE: PresaleSubmissionV1 = {
  constructionPermitNumbers: ['430223202406200101'],
  unitCodes: ['2024-430223-70-03-012345-DT022'],
  localCertificateNumber: '攸住建预字〔2024〕第015号',
  issuingAuthority: '攸县住房和城乡建设局',
  issueDate: '2024-08-15',
  developer: { name: '攸县锦绣置业有限公司', creditCode: '91430223MA4Q0ABC1F' },
  projectName: '锦绣星城三期（22#栋）',
  address: '攸县联星街道锦绣大道 88 号',
  buildings: ['22#'],
  presaleArea: 12345.67,
  unitCount: 120,
  plannedUse: '住宅',
  fundSupervision: { bank: '中国建设银行攸县支行', account: '43050162123400000123' },
  location: { lat: 27.0, lng: 113.3 },
};

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCreditCode, IsMainlandMobile, REQUIRED_MESSAGE, RequiredText, Trim } from '@hn/messages';

export const INTEGRATION_STATES = ['NOT_STARTED', 'SANDBOX_PASSED', 'LIVE'] as const;
export type IntegrationState = (typeof INTEGRATION_STATES)[number];
export const INTEGRATION_STATE_NAMES: Record<IntegrationState, string> = {
  NOT_STARTED: '未联调',
  SANDBOX_PASSED: '联调测试通过',
  LIVE: '已正式上线',
};

/** A vendor's technicians and a city's counties: the plan's table has a handful per row. */
export const MAX_TECHNICIANS = 10;
export const MAX_COUNTIES = 30;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTY_CODE = /^43\d{2}(?!00)\d{2}$/;

const TrimUpper = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
const TrimEach = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value,
  );

export class TechnicianInput {
  @ApiProperty({ example: '周工', description: '技术人员姓名 technician' })
  @RequiredText(50)
  name!: string;

  @ApiProperty({ example: '13712345678', description: '技术人员手机号 mobile' })
  @Trim()
  @IsDefined(REQUIRED_MESSAGE)
  @IsMainlandMobile()
  phone!: string;
}

export class VendorInput {
  @ApiProperty({ example: '湖南星辰软件有限公司', description: '技术单位名称 vendor name' })
  @RequiredText(100)
  name!: string;

  @ApiProperty({
    example: '91430100MA4L0ABC1M',
    description:
      '技术单位统一社会信用代码（GB 32100，校验位正确）vendor credit code: identifies the vendor across cities',
  })
  @TrimUpper()
  @IsDefined(REQUIRED_MESSAGE)
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ type: [TechnicianInput], description: `技术人员，1–${MAX_TECHNICIANS} 人 technicians` })
  @IsDefined(REQUIRED_MESSAGE)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少填写一名技术人员 (at least one technician)' })
  @ArrayMaxSize(MAX_TECHNICIANS, { message: `最多 ${MAX_TECHNICIANS} 名技术人员 (at most ${MAX_TECHNICIANS})` })
  @ValidateNested({ each: true })
  @Type(() => TechnicianInput)
  technicians!: TechnicianInput[];
}

export class OfficeInput {
  @ApiProperty({ example: '房地产市场监管科', description: '责任处室（科室）responsible office' })
  @RequiredText(100)
  name!: string;

  @ApiProperty({ example: '刘科长', description: '处室负责人 head of the office' })
  @RequiredText(50)
  head!: string;

  @ApiProperty({ example: '13612345678', description: '处室负责人手机号 head mobile' })
  @Trim()
  @IsDefined(REQUIRED_MESSAGE)
  @IsMainlandMobile()
  headPhone!: string;
}

export class ContactInput {
  @ApiProperty({ example: '陈联络', description: '联系人 contact person' })
  @RequiredText(50)
  name!: string;

  @ApiProperty({ example: '13512345678', description: '联系人手机号 contact mobile' })
  @Trim()
  @IsDefined(REQUIRED_MESSAGE)
  @IsMainlandMobile()
  phone!: string;
}

/** One row of 附件3: a city, the vendor its counties use, its office and contact. */
export class RegistryEntryInput {
  @ApiProperty({ example: '430200', description: '市州区划代码（GB/T 2260，现行）city code in force' })
  @Trim()
  @IsDefined(REQUIRED_MESSAGE)
  @Matches(/^43\d{2}00$/, { message: '须为湖南省 6 位市州区划代码，如 430200 (a Hunan city code XXYY00)' })
  cityCode!: string;

  @ApiProperty({ type: VendorInput, description: '技术单位（按信用代码唯一，各市州共用一条）the vendor' })
  @IsDefined(REQUIRED_MESSAGE)
  @ValidateNested()
  @Type(() => VendorInput)
  vendor!: VendorInput;

  @ApiProperty({
    example: ['430223', '430224'],
    description: '使用该系统的县市区（须属本市州，现行代码）counties of the city using the vendor’s system',
  })
  @TrimEach()
  @IsDefined(REQUIRED_MESSAGE)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少填写一个县市区 (at least one county)' })
  @ArrayMaxSize(MAX_COUNTIES, { message: `最多 ${MAX_COUNTIES} 个县市区 (at most ${MAX_COUNTIES})` })
  @ArrayUnique({ message: '县市区重复 (duplicate county)' })
  @Matches(COUNTY_CODE, { each: true, message: '须为湖南省 6 位县市区区划代码 (a 6-digit Hunan county code)' })
  counties!: string[];

  @ApiProperty({ type: OfficeInput, description: '责任处室、处室负责人 the city’s responsible office' })
  @IsDefined(REQUIRED_MESSAGE)
  @ValidateNested()
  @Type(() => OfficeInput)
  office!: OfficeInput;

  @ApiProperty({ type: ContactInput, description: '联系人 contact' })
  @IsDefined(REQUIRED_MESSAGE)
  @ValidateNested()
  @Type(() => ContactInput)
  contact!: ContactInput;
}

/** 联调 of a vendor: recorded once for the vendor, seen in every city's row. */
export class IntegrationInput {
  @ApiProperty({ enum: INTEGRATION_STATES, example: 'SANDBOX_PASSED', description: '联调状态 state' })
  @IsDefined(REQUIRED_MESSAGE)
  @IsIn(INTEGRATION_STATES, { message: `须为 ${INTEGRATION_STATES.join('、')} 之一 (unknown state)` })
  state!: IntegrationState;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: '联调测试通过日期（SANDBOX_PASSED、LIVE 必填，不晚于今天）sandbox passed on',
  })
  @ValidateIf((o: IntegrationInput) => o.state !== 'NOT_STARTED' || o.sandboxPassedOn !== undefined)
  @IsDefined({ message: '联调测试通过后必填 (required once the sandbox is passed)' })
  @Matches(ISO_DATE, { message: '须为 YYYY-MM-DD 日期 (an ISO date)' })
  sandboxPassedOn?: string;

  @ApiPropertyOptional({
    example: '周工',
    description: '完成联调的技术人员（须为该技术单位登记的技术人员）technician who passed it, one of the vendor’s',
  })
  @ValidateIf((o: IntegrationInput) => o.state !== 'NOT_STARTED' || o.technician !== undefined)
  @RequiredText(50)
  technician?: string;

  @ApiPropertyOptional({ example: '2026-12-05', description: '正式上线日期（LIVE 必填）live on' })
  @ValidateIf((o: IntegrationInput) => o.state === 'LIVE' || o.liveOn !== undefined)
  @IsDefined({ message: '正式上线时必填 (required when LIVE)' })
  @Matches(ISO_DATE, { message: '须为 YYYY-MM-DD 日期 (an ISO date)' })
  liveOn?: string;
}

/** A change of one row: any part; vendor parts change the vendor for every city using it. */
export class RegistryEntryPatch {
  @ApiPropertyOptional({ example: ['430223'], description: '使用该系统的县市区（整体替换）counties, replaced whole' })
  @IsOptional()
  @TrimEach()
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少填写一个县市区 (at least one county)' })
  @ArrayMaxSize(MAX_COUNTIES, { message: `最多 ${MAX_COUNTIES} 个县市区 (at most ${MAX_COUNTIES})` })
  @ArrayUnique({ message: '县市区重复 (duplicate county)' })
  @Matches(COUNTY_CODE, { each: true, message: '须为湖南省 6 位县市区区划代码 (a 6-digit Hunan county code)' })
  counties?: string[];

  @ApiPropertyOptional({ type: OfficeInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => OfficeInput)
  office?: OfficeInput;

  @ApiPropertyOptional({ type: ContactInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactInput)
  contact?: ContactInput;

  @ApiPropertyOptional({
    type: [TechnicianInput],
    description: '技术单位的技术人员（整体替换）technicians, replaced whole',
  })
  @IsOptional()
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少填写一名技术人员 (at least one technician)' })
  @ArrayMaxSize(MAX_TECHNICIANS, { message: `最多 ${MAX_TECHNICIANS} 名技术人员 (at most ${MAX_TECHNICIANS})` })
  @ValidateNested({ each: true })
  @Type(() => TechnicianInput)
  technicians?: TechnicianInput[];

  @ApiPropertyOptional({
    example: 'hn_Ab3dE5fG7hJ9k',
    type: String,
    nullable: true,
    description:
      '该技术单位的对接凭据 clientId：一个凭据覆盖其全部市州的全部县市区；null 解除 the vendor’s one credential, covering every county of every city using it',
  })
  @IsOptional()
  @ValidateIf((o: RegistryEntryPatch) => o.clientId !== null)
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: '须为凭据的 clientId (a clientId)' })
  clientId?: string | null;

  @ApiPropertyOptional({
    type: IntegrationInput,
    description: '联调状态（技术单位一次记录）integration state of the vendor',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => IntegrationInput)
  integration?: IntegrationInput;
}

export class RegistryListQuery {
  @ApiPropertyOptional({ example: '430200', description: '按市州筛选 city' })
  @IsOptional()
  @Trim()
  @Matches(/^43\d{2}00$/, { message: '须为湖南省 6 位市州区划代码 (a Hunan city code)' })
  cityCode?: string;

  @ApiPropertyOptional({ example: '91430100MA4L0ABC1M', description: '按技术单位信用代码筛选 vendor' })
  @IsOptional()
  @TrimUpper()
  @IsCreditCode()
  vendorCreditCode?: string;
}

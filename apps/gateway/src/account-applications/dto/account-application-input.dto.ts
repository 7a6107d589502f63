import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCreditCode, IsMainlandMobile, IsResidentIdNumber, REQUIRED_MESSAGE, RequiredText, Trim } from '@hn/messages';

/** The tasks of the work plan a responsible person applies for (任务二 (1)–(3)). */
export const APPLICATION_PERMISSIONS = ['MARKING', 'PERMIT_BACKFILL', 'ESCROW_BACKFILL'] as const;
export type ApplicationPermission = (typeof APPLICATION_PERMISSIONS)[number];
export const PERMISSION_NAMES: Record<ApplicationPermission, string> = {
  MARKING: '存量预售项目标记',
  PERMIT_BACKFILL: '补录预售许可证',
  ESCROW_BACKFILL: '补录预售资金监管信息',
};

/** Several people may share a county's work (附件2 说明); one account each. */
export const MAX_PERSONS = 20;

/** Trimmed and upper-cased (a typed lower-case x check character, a credit code in lower case). */
const TrimUpper = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/** An empty optional field counts as absent. */
const EmptyAsAbsent = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value,
  );

/** One responsible person as validated (the shape handlers and services work with). */
export interface ResponsiblePersonFields {
  id?: string;
  name: string;
  mobile: string;
  idNumber?: string;
  unitName: string;
  unitIsPermitAuthority: boolean;
  unitCreditCode?: string;
  permissions: ApplicationPermission[];
}

/** The form as validated. Handlers take this interface, so only the message pipe validates (not the global one). */
export interface AccountApplicationFields {
  countyCode: string;
  mainLeader: string;
  leaderInCharge: string;
  contactName: string;
  contactMobile: string;
  persons: ResponsiblePersonFields[];
}

/** One row of 附件2: 标记补录责任人, 手机号, 身份证号, 单位名称 (and its organisation code when needed). */
export class ResponsiblePersonInput implements ResponsiblePersonFields {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '6f1c2a4e-8b3d-4c5e-9f60-7a8b9c0d1e2f',
    description:
      '已保存的责任人编号（修改草稿时）：带上它并省略 idNumber 即保留原身份证号 id of a saved person (editing a draft): with it, an absent idNumber keeps the stored one',
  })
  @IsOptional()
  @IsUUID('4', { message: '须为 UUID (must be a UUID)' })
  id?: string;

  @ApiProperty({ example: '张三', description: '标记补录责任人姓名 name (真实姓名)' })
  @RequiredText(50)
  name!: string;

  @ApiProperty({ example: '13812345678', description: '手机号（登录动态监管平台使用）11-digit mainland mobile' })
  @Trim()
  @IsDefined(REQUIRED_MESSAGE)
  @IsMainlandMobile()
  mobile!: string;

  @ApiPropertyOptional({
    example: '430223199001011235',
    description:
      '居民身份证号码（GB 11643，18 位，校验位正确）；加密存储，回显时脱敏。新责任人必填 resident ID number: stored encrypted, shown masked; required for a new person',
  })
  @TrimUpper()
  @ValidateIf((o: ResponsiblePersonInput) => o.id === undefined || o.idNumber !== undefined)
  @IsResidentIdNumber()
  idNumber?: string;

  @ApiProperty({
    example: '攸县住房和城乡建设局',
    description: '单位名称，应尽量与施工许可证审批发证机关一致 unit name',
  })
  @RequiredText(100)
  unitName!: string;

  @ApiProperty({
    example: true,
    description:
      '单位名称与施工许可证审批发证机关一致；不一致时须填写单位组织机构代码 the unit is the permit-issuing authority; otherwise its credit code is required',
  })
  @IsDefined(REQUIRED_MESSAGE)
  @IsBoolean({ message: '须为 true 或 false (must be a boolean)' })
  unitIsPermitAuthority!: boolean;

  @ApiPropertyOptional({
    example: '114302230061234563',
    nullable: true,
    description:
      '单位统一社会信用代码（GB 32100，校验位正确），单位与发证机关不一致时必填 unified social credit code of the unit, required when it is not the permit-issuing authority',
  })
  @EmptyAsAbsent()
  @TrimUpper()
  @ValidateIf((o: ResponsiblePersonInput) => o.unitIsPermitAuthority === false || o.unitCreditCode !== undefined)
  @IsDefined({ message: '单位与施工许可证发证机关不一致时必填 (required when the unit is not the permit authority)' })
  @IsCreditCode()
  unitCreditCode?: string;

  @ApiProperty({
    enum: APPLICATION_PERMISSIONS,
    isArray: true,
    example: ['MARKING', 'PERMIT_BACKFILL', 'ESCROW_BACKFILL'],
    description:
      '申请的权限：MARKING 存量预售项目标记、PERMIT_BACKFILL 补录预售许可证、ESCROW_BACKFILL 补录预售资金监管信息',
  })
  @IsDefined(REQUIRED_MESSAGE)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少申请一项权限 (at least one permission)' })
  @ArrayMaxSize(APPLICATION_PERMISSIONS.length, { message: '权限重复 (duplicate permissions)' })
  @ArrayUnique({ message: '权限重复 (duplicate permissions)' })
  @IsIn(APPLICATION_PERMISSIONS, {
    each: true,
    message: '权限须为 MARKING、PERMIT_BACKFILL 或 ESCROW_BACKFILL (unknown permission)',
  })
  permissions!: ApplicationPermission[];
}

/** 附件2 存量预售项目标记补录责任人及权限申请表, one county per form (as the plan's rows are per county). */
export class AccountApplicationInput implements AccountApplicationFields {
  @ApiProperty({
    example: '430223',
    description: '县市区区划代码（GB/T 2260，须属本市州）county code, inside the city of the caller',
  })
  @Trim()
  @IsDefined(REQUIRED_MESSAGE)
  @Matches(/^43[0-9]{4}$/, { message: '须为湖南省 6 位县市区区划代码 (a 6-digit Hunan county code)' })
  countyCode!: string;

  @ApiProperty({ example: '王五', description: '局主要领导审签 the bureau head who signed the form' })
  @RequiredText(50)
  mainLeader!: string;

  @ApiProperty({ example: '赵六', description: '分管领导审签 the deputy in charge who signed the form' })
  @RequiredText(50)
  leaderInCharge!: string;

  @ApiProperty({ example: '李四', description: '工作联系人 contact person' })
  @RequiredText(50)
  contactName!: string;

  @ApiProperty({ example: '13912345678', description: '联系手机号 contact mobile' })
  @Trim()
  @IsDefined(REQUIRED_MESSAGE)
  @IsMainlandMobile()
  contactMobile!: string;

  @ApiProperty({
    type: [ResponsiblePersonInput],
    description: `标记补录责任人，1–${MAX_PERSONS} 人 responsible persons`,
  })
  @IsDefined(REQUIRED_MESSAGE)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少填写一名责任人 (at least one person)' })
  @ArrayMaxSize(MAX_PERSONS, { message: `最多 ${MAX_PERSONS} 名责任人 (at most ${MAX_PERSONS} persons)` })
  @ValidateNested({ each: true })
  @Type(() => ResponsiblePersonInput)
  persons!: ResponsiblePersonInput[];
}

export interface ReturnApplicationFields {
  reason: string;
}

export class ReturnApplicationInput implements ReturnApplicationFields {
  @ApiProperty({ example: '责任人身份证号与姓名不符，请核实后重新报送', description: '退回原因 reason for returning' })
  @RequiredText(500)
  reason!: string;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { Rule } from '../../contract-filings/dto/rule.decorators';
import {
  EachItem,
  IsPlainText,
  permitNumberItemReason,
  PROJECT_TYPES,
  ProjectType,
  Trim,
  TrimEach,
} from '@hn/messages';

/** At most this many permit numbers in one batch or submit (the permits service has the same limit). */
export const MAX_MARKING_PERMITS = 1000;
export const PERMIT_EXAMPLE = '430223202406200101';
export const PROJECT_CODE_EXAMPLE = '2024-430223-70-03-012345';
export const PROJECT_CODE = /^\d{4}-(43\d{4})-\d{2}-\d{2}-\d{6}$/;
const REQUIRED = { message: '必填 (required)' };
const TYPE_REASON = { message: '项目类型须为 PRESALE（预售商品房）、CURRENT_SALE（现售商品房）或 OTHER（其它）' };

function permitListReason(value: unknown): string | null {
  if (value === undefined || value === null) return '必填 (required)';
  if (!Array.isArray(value)) return '须为施工许可证编号数组 (must be an array of permit numbers)';
  if (value.length < 1 || value.length > MAX_MARKING_PERMITS)
    return `须列出 1–${MAX_MARKING_PERMITS} 个施工许可证编号 (1..${MAX_MARKING_PERMITS} permit numbers)`;
  return null;
}

/** The list once (required, array, 1..1000), else each bad or repeated number on its own path. */
function PermitNumbers(): PropertyDecorator {
  return applyDecorators(
    TrimEach(),
    Rule('permitNumbers', permitListReason),
    EachItem('permitNumberItems', permitNumberItemReason),
  );
}

const projectTypeReason = (value: unknown): string | null =>
  value === undefined || value === null
    ? '必填 (required)'
    : (PROJECT_TYPES as readonly unknown[]).includes(value)
      ? null
      : TYPE_REASON.message;

/** Body of POST /api/v1/supervision/marking/batch (批量标记). */
export class MarkingBatchDto {
  @ApiProperty({
    example: [PERMIT_EXAMPLE, '430223202406200201'],
    type: [String],
    minItems: 1,
    maxItems: MAX_MARKING_PERMITS,
    description: '勾选的施工许可证编号（不重复）；标记的是其所属工改项目',
  })
  @PermitNumbers()
  permitNumbers!: string[];

  @ApiProperty({
    enum: PROJECT_TYPES,
    example: 'PRESALE',
    description: '预售商品房 PRESALE / 现售商品房 CURRENT_SALE / 其它 OTHER',
  })
  @Rule('projectType', projectTypeReason)
  projectType!: ProjectType;
}

/** Body of POST /api/v1/supervision/marking/submit (提交). */
export class MarkingSubmitDto {
  @ApiProperty({
    example: [PERMIT_EXAMPLE],
    type: [String],
    minItems: 1,
    maxItems: MAX_MARKING_PERMITS,
    description: '要提交锁定的施工许可证编号（其项目须已标记为草稿；全部成功或全部不提交）',
  })
  @PermitNumbers()
  permitNumbers!: string[];
}

/** The `data` part of POST /api/v1/supervision/marking/correction (纠错, multipart). */
export class MarkingCorrectionDataDto {
  @ApiProperty({ example: PROJECT_CODE_EXAMPLE, description: '工改项目编码' })
  @Trim()
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @IsPlainText({})
  @Matches(PROJECT_CODE, { message: '工改项目编码格式应为 YYYY-43XXXX-NN-NN-NNNNNN (project code format)' })
  projectCode!: string;

  @ApiProperty({ enum: PROJECT_TYPES, example: 'OTHER', description: '更正后的项目类型' })
  @IsDefined(REQUIRED)
  @IsIn(PROJECT_TYPES as ProjectType[], TYPE_REASON)
  projectType!: ProjectType;

  @ApiProperty({
    example: '经核实该项目为企业自持，未办理预售，误标为预售商品房',
    maxLength: 500,
    description: '纠错原因（1–500 字）',
  })
  @Trim()
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @IsPlainText({})
  @IsNotEmpty({ message: '不能为空 (must not be empty)' })
  @MaxLength(500, { message: '最长 500 字 (at most 500 characters)' })
  reason!: string;

  @ApiProperty({ example: '攸住建函〔2024〕12号', maxLength: 100, description: '书面报告文号（1–100 字）' })
  @Trim()
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @IsPlainText({})
  @IsNotEmpty({ message: '不能为空 (must not be empty)' })
  @MaxLength(100, { message: '最长 100 字 (at most 100 characters)' })
  documentNumber!: string;
}

/** Empty query strings count as absent. */
export const EmptyAsUndefined = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsPlainText, PROJECT_TYPES, ProjectType, Trim } from '@hn/messages';

export const PERMIT_EXAMPLE = '430223202406200101';
export const PROJECT_CODE_EXAMPLE = '2024-430223-70-03-012345';
export const PROJECT_CODE = /^\d{4}-(43\d{4})-\d{2}-\d{2}-\d{6}$/;
const REQUIRED = { message: '必填 (required)' };
const TYPE_REASON = { message: '项目类型须为 PRESALE（预售商品房）、CURRENT_SALE（现售商品房）或 OTHER（其它）' };

// 批量标记 and 提交 bodies are the message classes MarkingBatchRequest / MarkingSubmitRequest of @hn/messages.

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

import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, Matches } from 'class-validator';
import { IsPlainText } from './plain-text';
import { PROJECT_TYPES, ProjectType } from './permits';
import { PresaleSubmission } from './presale-submission.message';
import type { PresaleSubmissionV1 } from './presale';
import { projectTypeReason } from './marking.message';
import { FieldRule } from './validation/field-rule';
import { REQUIRED_MESSAGE, RequiredObject, RequiredText, Trim } from './validation/submission-constraints';

/**
 * The `data` parts of the ADMIN corrections on a written report (书面报告, multipart `data` + `scan`)
 * as message classes: the gateway validates the multipart `data` part with them (422
 * INCOMPLETE_SUBMISSION, OpenAPI generated from them), the owning service the same fields of its RPC
 * payload again (correctionDataPart + validateMessage). The staged scan reference travels beside them
 * in the payload and is checked by the service where it takes the scan.
 */

/** 工改项目编码 YYYY-43XXXX-NN-NN-NNNNNN; group 1 is the region code. */
export const MARKING_PROJECT_CODE = /^\d{4}-(43\d{4})-\d{2}-\d{2}-\d{6}$/;
export const MARKING_PROJECT_CODE_EXAMPLE = '2024-430223-70-03-012345';

/** A required 工改项目编码 (trimmed): the project a marking correction names. */
export function MarkingProjectCode(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: MARKING_PROJECT_CODE_EXAMPLE, description: '工改项目编码' }),
    Trim(),
    IsDefined(REQUIRED_MESSAGE),
    IsString({ message: '须为字符串 (must be a string)' }),
    IsPlainText(),
    Matches(MARKING_PROJECT_CODE, { message: '工改项目编码格式应为 YYYY-43XXXX-NN-NN-NNNNNN (project code format)' }),
  );
}

/** `data` part of POST /api/v1/supervision/marking/correction (纠错 of a submitted marking). */
export class MarkingCorrectionData {
  @MarkingProjectCode()
  projectCode!: string;

  @ApiProperty({ enum: PROJECT_TYPES, example: 'OTHER', description: '更正后的项目类型' })
  @FieldRule('projectType', projectTypeReason)
  projectType!: ProjectType;

  @ApiProperty({
    example: '经核实该项目为企业自持，未办理预售，误标为预售商品房',
    maxLength: 500,
    description: '纠错原因（1–500 字）',
  })
  @RequiredText(500)
  reason!: string;

  @ApiProperty({ example: '攸住建函〔2024〕12号', maxLength: 100, description: '书面报告文号（1–100 字）' })
  @RequiredText(100)
  documentNumber!: string;
}

/** `data` part of POST …/backfill/presale-permits/{presaleNumber}/correction (更正 of a submitted backfill). */
export class PresaleCorrectionData {
  @ApiProperty({ example: '预售面积录入错误，按原证更正为 12,300.50 平方米', maxLength: 500, description: '更正原因' })
  @RequiredText(500)
  reason!: string;

  @ApiProperty({ example: '湘建房函〔2024〕12号', maxLength: 100, description: '书面报告文号' })
  @RequiredText(100)
  documentNumber!: string;

  @ApiProperty({
    type: PresaleSubmission,
    description: '更正后的完整预售许可信息（与取号请求体相同；首个施工许可证不变，编号不变）',
  })
  @RequiredObject(() => PresaleSubmission)
  submission!: PresaleSubmissionV1;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * The `data` part inside a correction's RPC payload, as the gateway validated it: the payload's own
 * fields and its report's, without the report's scan (checked where it is taken) and without the
 * fields the gateway took from the path (e.g. presaleNumber). Anything but a plain object is returned
 * unchanged, so validateMessage refuses it whole.
 */
export function correctionDataPart(payload: unknown, ...pathFields: string[]): unknown {
  if (!isPlainObject(payload)) return payload;
  const { report, ...rest } = payload;
  for (const field of pathFields) delete rest[field];
  if (!isPlainObject(report)) return rest;
  const { scan: _scan, ...reportFields } = report;
  return { ...rest, ...reportFields };
}

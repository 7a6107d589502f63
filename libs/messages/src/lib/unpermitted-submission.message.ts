import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { isIsoDate, regionValidOn } from '@hn/numbering';
import { UnpermittedPresaleSubmissionV1 } from './backfill';
import { IsPlainText } from './plain-text';
import type { FieldError } from './problem';
import { Developer } from './presale-submission.message';
import { IsPastIsoDate, REQUIRED_MESSAGE as REQUIRED, RequiredText, Trim } from './validation/submission-constraints';
import { MessageValidation, validateMessage } from './validation/validate-message';

const HUNAN_REGION = /^43\d{4}$/;

/**
 * 已办预售未办施工许可 registration (the `data` part of POST /api/v1/supervision/presale-without-permit)
 * as a message class: the gateway validates the data part with it, the presale service its RPC
 * payload again (validateUnpermittedSubmission, with the cross-field region rule).
 */
export class UnpermittedPresaleSubmission implements UnpermittedPresaleSubmissionV1 {
  @ApiProperty({ example: '攸县滨江花园一期', maxLength: 200, description: '项目名称' })
  @RequiredText(200)
  projectName!: string;

  @ApiProperty({ example: '430223', description: '项目所在区划（GB/T 2260，发证日期时有效）' })
  @IsDefined(REQUIRED)
  @Matches(HUNAN_REGION, { message: '须为湖南省 6 位区划代码 (6-digit Hunan region code)' })
  regionCode!: string;

  @ApiProperty({ type: Developer })
  @IsDefined(REQUIRED)
  @IsObject({ message: '须为对象 (must be an object)' })
  @ValidateNested()
  @Type(() => Developer)
  developer!: Developer;

  @ApiProperty({ example: '攸住建预字〔2023〕第021号', maxLength: 100, description: '预售许可证号（本地）' })
  @RequiredText(100)
  localCertificateNumber!: string;

  @ApiProperty({ example: '2023-11-20', format: 'date', description: '预售许可发证日期，不晚于今天' })
  @IsDefined(REQUIRED)
  @IsPastIsoDate()
  issueDate!: string;

  @ApiPropertyOptional({ example: '攸县江桥街道滨江路 18 号', maxLength: 300, description: '坐落地址' })
  @IsOptional()
  @Trim()
  @IsString({ message: '须为字符串 (must be a string)' })
  @IsPlainText({})
  @MaxLength(300, { message: '最长 300 字 (at most 300 characters)' })
  address?: string;
}

/** The region must be in force (GB/T 2260) on the issue date: a cross-field rule beside the class's shapes. */
export function unpermittedRegionError(value: unknown): FieldError | null {
  const { regionCode, issueDate } = (typeof value === 'object' && value !== null ? value : {}) as {
    regionCode?: unknown;
    issueDate?: unknown;
  };
  if (
    typeof regionCode !== 'string' ||
    !HUNAN_REGION.test(regionCode) ||
    typeof issueDate !== 'string' ||
    !isIsoDate(issueDate)
  )
    return null;
  return regionValidOn(regionCode, issueDate)
    ? null
    : {
        field: 'regionCode',
        reason: `区划 ${regionCode} 在发证日期 ${issueDate} 未生效或已撤销 (not in force on the issue date)`,
      };
}

/**
 * The class and the region rule together, as both sides apply them: the region error first, then
 * the class's field errors (one list, every field at once).
 */
export async function validateUnpermittedSubmission(
  value: unknown,
): Promise<MessageValidation<UnpermittedPresaleSubmission>> {
  const region = unpermittedRegionError(value);
  const checked = await validateMessage(UnpermittedPresaleSubmission, value);
  if (!checked.ok) return { ok: false, errors: region ? [region, ...checked.errors] : checked.errors };
  if (region) return { ok: false, errors: [region] };
  return checked;
}

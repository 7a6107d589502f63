import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsOptional, IsString } from 'class-validator';
import { BackfillSubmitRequestV1, BackfillWithdrawRequestV1 } from './backfill';
import { IsPlainText } from './plain-text';
import type { FieldError } from './problem';
import { REQUIRED_MESSAGE as REQUIRED } from './validation/submission-constraints';

/** A Z number, as in the OpenAPI examples. */
export const Z_PRESALE_EXAMPLE = '430223202406200101-Z01';

/**
 * 撤回 / 提交 bodies of backfilled presale permits as message classes: the gateway validates the HTTP
 * body with them, the presale service its RPC payload again (validateMessage). Both then check the Z
 * numbers (400 INVALID_PRESALE_NUMBER) and, for submit, that no number is listed twice.
 */
export class BackfillWithdrawRequest implements BackfillWithdrawRequestV1 {
  @ApiPropertyOptional({
    example: Z_PRESALE_EXAMPLE,
    description: '可选：指定本人的某个未提交补录；不填则撤回本人最近一次未提交的补录',
  })
  @IsOptional()
  @IsString({ message: '须为字符串 (must be a string)' })
  @IsPlainText({})
  presaleNumber?: string;
}

export class BackfillSubmitRequest implements BackfillSubmitRequestV1 {
  @ApiProperty({
    example: [Z_PRESALE_EXAMPLE, '430223202406200101-Z02'],
    type: [String],
    description: '要提交（锁定）的补录预售许可证号，1–100 个，不重复',
  })
  @IsDefined(REQUIRED)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ArrayMinSize(1, { message: '至少 1 个 (at least one)' })
  @ArrayMaxSize(100, { message: '最多 100 个 (at most 100)' })
  @IsString({ each: true, message: '须为字符串 (strings)' })
  @IsPlainText({}, { each: true })
  presaleNumbers!: string[];
}

/** The submit list names a number twice (checked after the Z numbers, on both sides). */
export function duplicatePresaleNumbersError(numbers: readonly string[]): FieldError | null {
  return new Set(numbers).size === numbers.length
    ? null
    : { field: 'presaleNumbers', reason: '不能重复 (must be distinct)' };
}

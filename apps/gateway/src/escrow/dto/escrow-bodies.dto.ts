import { ApiProperty } from '@nestjs/swagger';
import { EscrowCorrectedRecord, presaleNumberReason, REQUIRED, textReason } from '@hn/messages';
import { FieldRule as Rule, ListRule } from '@hn/messages';

export const MAX_SUBMIT_PERMITS = 100;
export const ESCROW_PRESALE_EXAMPLE = '430223202306150101-Z01';

function presaleNumbersReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  if (!Array.isArray(v)) return '须为预售许可证号数组 (an array of presale numbers)';
  if (v.length < 1 || v.length > MAX_SUBMIT_PERMITS)
    return `须列出 1–${MAX_SUBMIT_PERMITS} 个预售许可证号 (1..${MAX_SUBMIT_PERMITS} presale numbers)`;
  if (new Set(v).size !== v.length) return '预售许可证号不能重复 (must be distinct)';
  return null;
}

/** Body of POST …/escrow/withdraw (撤回). */
export class WithdrawEscrowDto {
  @ApiProperty({ example: ESCROW_PRESALE_EXAMPLE, description: '统一预售许可证号' })
  @Rule('presaleNumber', presaleNumberReason)
  presaleNumber!: string;
}

/** Body of POST …/escrow/submit (提交). */
export class SubmitEscrowDto {
  @ApiProperty({
    example: [ESCROW_PRESALE_EXAMPLE],
    type: [String],
    minItems: 1,
    maxItems: MAX_SUBMIT_PERMITS,
    description: '要提交锁定的预售许可证号（均须为草稿，全部成功或全部不提交）',
  })
  @ListRule('presaleNumbers', presaleNumbersReason, (v, path) =>
    (v as unknown[]).flatMap((n, i) => {
      const reason = presaleNumberReason(n);
      return reason ? [{ field: `${path}[${i}]`, reason }] : [];
    }),
  )
  presaleNumbers!: string[];
}

/**
 * The `data` part of POST …/escrow/{presaleNumber}/correction (书面报告 + corrected record); the
 * `record` (its rules and paths) is the message class the escrow service validates again.
 */
export class EscrowCorrectionDataDto extends EscrowCorrectedRecord {
  @ApiProperty({
    example: '监管账号余额录入错误，按开户银行出具的对账单更正',
    maxLength: 500,
    description: '更正原因（1–500 字）',
  })
  @Rule('reason', (v) => textReason(v, 500))
  reason!: string;

  @ApiProperty({ example: '湘建房函〔2024〕12号', maxLength: 100, description: '书面报告文号（1–100 字）' })
  @Rule('documentNumber', (v) => textReason(v, 100))
  documentNumber!: string;
}

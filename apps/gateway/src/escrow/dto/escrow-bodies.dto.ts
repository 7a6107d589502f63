import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { isIsoDate } from '@hn/numbering';
import { isPlainObject, presaleNumberReason, REQUIRED, textReason } from '@hn/messages';
import { ListRule, Rule } from '../../contract-filings/dto/rule.decorators';

/** Bounds shared with the escrow service (its validator has the same limits and checks again). */
export const MAX_FEN = 100_000_000_000_000;
export const MAX_BANK_LENGTH = 100;
export const ACCOUNT_PATTERN = /^\d(?:-?\d){3,39}$/;
export const MAX_SUBMIT_PERMITS = 100;
export const ESCROW_PRESALE_EXAMPLE = '430223202306150101-Z01';

const fenReason =
  (what: string) =>
  (v: unknown): string | null => {
    if (v === undefined || v === null) return REQUIRED;
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_FEN
      ? null
      : `${what}须为非负整数，单位为分 (non-negative integer in fen)`;
  };
const booleanReason = (v: unknown): string | null =>
  v === undefined || v === null ? REQUIRED : typeof v === 'boolean' ? null : '须为 true 或 false (boolean)';

function guaranteeReason(v: unknown, o: Record<string, unknown>): string | null {
  if (v === undefined) return '必填，以承诺函替代时填 null (required; null with a commitment letter)';
  if (v === null)
    return o['commitmentLetter'] === true
      ? null
      : '未填资本保证金总额时须有承诺函（commitmentLetter=true）(without a guarantee amount a commitment letter is required)';
  return fenReason('资本保证金总额')(v);
}

function bankReason(v: unknown, o: Record<string, unknown>): string | null {
  if (o['fundSupervision'] === true) {
    const own = textReason(v, MAX_BANK_LENGTH);
    return own ? `实行资金监管时须填写监管银行：${own}` : null;
  }
  return o['fundSupervision'] === false && v !== null && v !== undefined
    ? '未实行资金监管时监管银行须为 null (must be null without fund supervision)'
    : null;
}

function accountReason(v: unknown, o: Record<string, unknown>): string | null {
  if (o['fundSupervision'] === true) {
    return typeof v === 'string' && ACCOUNT_PATTERN.test(v.trim())
      ? null
      : '实行资金监管时须填写监管账号：4–40 位数字，可含单个连字符 (required with fund supervision: digits and dashes)';
  }
  return o['fundSupervision'] === false && v !== null && v !== undefined
    ? '未实行资金监管时监管账号须为 null (must be null without fund supervision)'
    : null;
}

/** The balance date: a real date, not in the future (China time; the service also checks the permit's issue date). */
function balanceAsOfReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  if (typeof v !== 'string' || !isIsoDate(v)) return '余额日期须为 YYYY-MM-DD 格式的真实日期 (a real YYYY-MM-DD date)';
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return v > today ? `余额日期不能晚于今天 ${today} (not in the future)` : null;
}

function presaleNumbersReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  if (!Array.isArray(v)) return '须为预售许可证号数组 (an array of presale numbers)';
  if (v.length < 1 || v.length > MAX_SUBMIT_PERMITS)
    return `须列出 1–${MAX_SUBMIT_PERMITS} 个预售许可证号 (1..${MAX_SUBMIT_PERMITS} presale numbers)`;
  if (new Set(v).size !== v.length) return '预售许可证号不能重复 (must be distinct)';
  return null;
}

/** Body of PUT /api/v1/supervision/escrow/{presaleNumber} (EscrowRecordInputV1). */
export class EscrowRecordDto {
  @ApiProperty({
    example: 150_000_000,
    nullable: true,
    type: Number,
    minimum: 0,
    description:
      '资本保证金总额（分）；以承诺函替代时为 null capital guarantee, fen; null when a commitment letter replaces it',
  })
  @Rule('capitalGuaranteeAmount', guaranteeReason)
  capitalGuaranteeAmount!: number | null;

  @ApiProperty({
    example: false,
    description: '是否有项目资本保证金承诺函（扫描件上传到 …/commitment-letter）commitment letter',
  })
  @Rule('commitmentLetter', booleanReason)
  commitmentLetter!: boolean;

  @ApiProperty({ example: true, description: '是否实行预售资金监管 fund supervision' })
  @Rule('fundSupervision', booleanReason)
  fundSupervision!: boolean;

  @ApiProperty({
    example: '中国建设银行攸县支行',
    nullable: true,
    type: String,
    maxLength: MAX_BANK_LENGTH,
    description: '监管银行；未实行资金监管时为 null escrow bank',
  })
  @Rule('bank', bankReason)
  bank!: string | null;

  @ApiProperty({
    example: '43050162123400000123',
    nullable: true,
    type: String,
    description: '监管账号（数字，可含连字符）；未实行资金监管时为 null escrow account',
  })
  @Rule('account', accountReason)
  account!: string | null;

  @ApiProperty({ example: 8_765_432_100, minimum: 0, description: '监管账号余额（分）balance, fen' })
  @Rule('balance', fenReason('监管账号余额'))
  balance!: number;

  @ApiProperty({
    example: '2024-07-31',
    description: '余额日期 YYYY-MM-DD，不晚于今天、不早于预售许可证发证日期 balance date',
  })
  @Rule('balanceAsOf', balanceAsOfReason)
  balanceAsOf!: string;
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

/** The `data` part of POST …/escrow/{presaleNumber}/correction (书面报告 + corrected record). */
export class EscrowCorrectionDataDto {
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

  @ApiProperty({ type: EscrowRecordDto, description: '更正后的完整资金监管信息 the corrected record' })
  @Rule('record', (v) =>
    v === undefined || v === null ? REQUIRED : isPlainObject(v) ? null : '须为 JSON 对象 (must be an object)',
  )
  @ValidateNested()
  @Type(() => EscrowRecordDto)
  record!: EscrowRecordDto;
}

import { ApiProperty } from '@nestjs/swagger';
import { FieldRule } from './validation/field-rule';
import { Transform, Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { chinaToday, isIsoDate } from '@hn/numbering';
import { isPlainObject, REQUIRED } from './contract-filing-rules';
import type { EscrowRecordInputV1 } from './escrow';
import { textCharacterProblem } from './plain-text';

/**
 * The 资金监管信息 record as a message class: the gateway validates the PUT body (and the corrected
 * record of a correction) with it and OpenAPI is generated from it; the escrow service validates
 * the RPC payload's `record` with it again (validateMessage). The bound that needs data (the balance
 * date not before the permit's issue date) stays in the service. Money in fen (integer).
 */

/** 1 万亿元 in fen: far beyond any real guarantee or balance. */
export const ESCROW_MAX_FEN = 100_000_000_000_000;
export const ESCROW_MAX_BANK_LENGTH = 100;
export const ESCROW_MAX_ACCOUNT_LENGTH = 40;
/** 监管账号: 4–40 digits and single dashes, starting and ending with a digit. */
export const ESCROW_ACCOUNT_PATTERN = /^\d(?:-?\d){3,39}$/;

const TrimmedText = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

const isFen = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= ESCROW_MAX_FEN;

const booleanReason =
  (what: string) =>
  (v: unknown): string | null =>
    v === undefined || v === null ? REQUIRED : typeof v === 'boolean' ? null : `${what}须为 true 或 false (boolean)`;

function guaranteeReason(v: unknown, o: Record<string, unknown>): string | null {
  if (v === undefined) return '必填，以承诺函替代时填 null (required; null with a commitment letter)';
  // a non-boolean commitmentLetter is reported on its own field only
  if (v === null)
    return o['commitmentLetter'] === false
      ? '未填资本保证金总额时须有承诺函（commitmentLetter=true）(without a guarantee amount a commitment letter is required)'
      : null;
  return isFen(v)
    ? null
    : '资本保证金总额须为非负整数（分），以承诺函替代时为 null (non-negative integer in fen, or null with a commitment letter)';
}

function bankReason(v: unknown, o: Record<string, unknown>): string | null {
  if (o['fundSupervision'] === true) {
    return typeof v === 'string' && v.length > 0 && v.length <= ESCROW_MAX_BANK_LENGTH && !textCharacterProblem(v)
      ? null
      : `实行资金监管时须填写监管银行（1–${ESCROW_MAX_BANK_LENGTH} 字）(required with fund supervision, 1..${ESCROW_MAX_BANK_LENGTH} characters)`;
  }
  return o['fundSupervision'] === false && v !== null && v !== undefined
    ? '未实行资金监管时监管银行须为 null (must be null without fund supervision)'
    : null;
}

function accountReason(v: unknown, o: Record<string, unknown>): string | null {
  if (o['fundSupervision'] === true) {
    return typeof v === 'string' && ESCROW_ACCOUNT_PATTERN.test(v)
      ? null
      : `实行资金监管时须填写监管账号：4–${ESCROW_MAX_ACCOUNT_LENGTH} 位数字，可含单个连字符 (required with fund supervision: digits and dashes)`;
  }
  return o['fundSupervision'] === false && v !== null && v !== undefined
    ? '未实行资金监管时监管账号须为 null (must be null without fund supervision)'
    : null;
}

function balanceReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  return isFen(v) ? null : '监管账号余额须为非负整数，单位为分 (non-negative integer in fen)';
}

/** A real date, not in the future (China time). */
function balanceAsOfReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  if (typeof v !== 'string' || !isIsoDate(v)) return '余额日期须为 YYYY-MM-DD 格式的真实日期 (a real YYYY-MM-DD date)';
  const today = chinaToday();
  return v > today ? `余额日期不能晚于今天 ${today} (not in the future)` : null;
}

/** Body of PUT /api/v1/supervision/escrow/{presaleNumber}; `record` of the escrowPut and escrowCorrect RPCs. */
export class EscrowRecordInput implements EscrowRecordInputV1 {
  @ApiProperty({
    example: 150_000_000,
    nullable: true,
    type: Number,
    minimum: 0,
    maximum: ESCROW_MAX_FEN,
    description:
      '资本保证金总额（分）；以承诺函替代时为 null capital guarantee, fen; null when a commitment letter replaces it',
  })
  @FieldRule('capitalGuaranteeAmount', guaranteeReason)
  capitalGuaranteeAmount!: number | null;

  @ApiProperty({
    example: false,
    description: '是否有项目资本保证金承诺函（扫描件上传到 …/commitment-letter）commitment letter',
  })
  @FieldRule('commitmentLetter', booleanReason('是否有承诺函'))
  commitmentLetter!: boolean;

  @ApiProperty({ example: true, description: '是否实行预售资金监管 fund supervision' })
  @FieldRule('fundSupervision', booleanReason('是否实行预售资金监管'))
  fundSupervision!: boolean;

  @ApiProperty({
    example: '中国建设银行攸县支行',
    nullable: true,
    type: String,
    maxLength: ESCROW_MAX_BANK_LENGTH,
    description: '监管银行（去除首尾空白）；未实行资金监管时为 null escrow bank',
  })
  @TrimmedText()
  @FieldRule('bank', bankReason)
  bank!: string | null;

  @ApiProperty({
    example: '43050162123400000123',
    nullable: true,
    type: String,
    pattern: ESCROW_ACCOUNT_PATTERN.source,
    description: '监管账号（4–40 位数字，可含单个连字符）；未实行资金监管时为 null escrow account',
  })
  @TrimmedText()
  @FieldRule('account', accountReason)
  account!: string | null;

  @ApiProperty({
    example: 8_765_432_100,
    minimum: 0,
    maximum: ESCROW_MAX_FEN,
    description: '监管账号余额（分）balance, fen',
  })
  @FieldRule('balance', balanceReason)
  balance!: number;

  @ApiProperty({
    example: '2024-07-31',
    format: 'date',
    description: '余额日期 YYYY-MM-DD，不晚于今天、不早于预售许可证发证日期 balance date',
  })
  @FieldRule('balanceAsOf', balanceAsOfReason)
  balanceAsOf!: string;
}

/** The record a validated message says: bank and account null where not supervised (or absent). */
export function escrowInputOf(m: EscrowRecordInputV1): EscrowRecordInputV1 {
  return {
    capitalGuaranteeAmount: m.capitalGuaranteeAmount,
    commitmentLetter: m.commitmentLetter,
    fundSupervision: m.fundSupervision,
    bank: m.fundSupervision ? m.bank : null,
    account: m.fundSupervision ? m.account : null,
    balance: m.balance,
    balanceAsOf: m.balanceAsOf,
  };
}

/** The `record` of a correction is one object (reported on `record`, like a nested message class). */
export function escrowRecordObjectReason(v: unknown): string | null {
  return v === undefined || v === null ? REQUIRED : isPlainObject(v) ? null : '须为 JSON 对象 (must be an object)';
}

/**
 * The corrected record of an escrowCorrect payload, nested as in the gateway's correction data part,
 * so its problems carry the same `record.…` paths and reasons on both sides.
 */
export class EscrowCorrectedRecord {
  @ApiProperty({ type: EscrowRecordInput, description: '更正后的完整资金监管信息 the corrected record' })
  @FieldRule('record', escrowRecordObjectReason)
  @ValidateNested()
  @Type(() => EscrowRecordInput)
  record!: EscrowRecordInput;
}

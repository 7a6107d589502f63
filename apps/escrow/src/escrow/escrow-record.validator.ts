import { EscrowRecordInputV1, FieldError, isCleanText } from '@hn/messages';
import { isIsoDate } from '@hn/numbering';
import { correctionReportErrors } from '@hn/documents';

/** 1 万亿元 in fen: far beyond any real guarantee or balance. */
export const MAX_FEN = 100_000_000_000_000;
export const MAX_BANK_LENGTH = 100;
/** 监管账号: 4–40 digits and single dashes, starting and ending with a digit. */
export const ACCOUNT_PATTERN = /^\d(?:-?\d){3,39}$/;
export const MAX_ACCOUNT_LENGTH = 40;

const hasControlChar = (v: string): boolean => !isCleanText(v);
const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_FEN;

/** A checked record input: bank trimmed, null where not supervised. */
export type ValidEscrowInput = EscrowRecordInputV1;

/**
 * Every problem of an escrow record input at once (422 lists them all). The bounds against the
 * presale permit (balanceAsOf not before its issue date) are checked by the caller, which knows it.
 */
export function validateEscrowInput(
  input: unknown,
  today: string,
): { value: ValidEscrowInput | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const b = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Partial<
    Record<keyof EscrowRecordInputV1, unknown>
  >;
  const guarantee = b.capitalGuaranteeAmount;
  if (guarantee !== null && !isFen(guarantee)) {
    errors.push({
      field: 'capitalGuaranteeAmount',
      reason:
        '资本保证金总额须为非负整数（分），以承诺函替代时为 null (non-negative integer in fen, or null with a commitment letter)',
    });
  }
  if (typeof b.commitmentLetter !== 'boolean')
    errors.push({ field: 'commitmentLetter', reason: '是否有承诺函须为 true 或 false (boolean)' });
  else if (guarantee === null && b.commitmentLetter !== true) {
    errors.push({
      field: 'capitalGuaranteeAmount',
      reason:
        '未填资本保证金总额时须有承诺函（commitmentLetter=true）(without a guarantee amount a commitment letter is required)',
    });
  }
  if (typeof b.fundSupervision !== 'boolean')
    errors.push({ field: 'fundSupervision', reason: '是否实行预售资金监管须为 true 或 false (boolean)' });
  const bank = typeof b.bank === 'string' ? b.bank.trim() : b.bank;
  const account = typeof b.account === 'string' ? b.account.trim() : b.account;
  if (b.fundSupervision === true) {
    if (typeof bank !== 'string' || bank.length === 0 || bank.length > MAX_BANK_LENGTH || hasControlChar(bank)) {
      errors.push({
        field: 'bank',
        reason: `实行资金监管时须填写监管银行（1–${MAX_BANK_LENGTH} 字）(required with fund supervision, 1..${MAX_BANK_LENGTH} characters)`,
      });
    }
    if (typeof account !== 'string' || !ACCOUNT_PATTERN.test(account)) {
      errors.push({
        field: 'account',
        reason: `实行资金监管时须填写监管账号：4–${MAX_ACCOUNT_LENGTH} 位数字，可含单个连字符 (required with fund supervision: digits and dashes)`,
      });
    }
  } else if (b.fundSupervision === false) {
    if (bank !== null && bank !== undefined)
      errors.push({
        field: 'bank',
        reason: '未实行资金监管时监管银行须为 null (must be null without fund supervision)',
      });
    if (account !== null && account !== undefined)
      errors.push({
        field: 'account',
        reason: '未实行资金监管时监管账号须为 null (must be null without fund supervision)',
      });
  }
  if (!isFen(b.balance))
    errors.push({ field: 'balance', reason: '监管账号余额须为非负整数，单位为分 (non-negative integer in fen)' });
  if (typeof b.balanceAsOf !== 'string' || !isIsoDate(b.balanceAsOf))
    errors.push({ field: 'balanceAsOf', reason: '余额日期须为 YYYY-MM-DD 格式的真实日期 (a real YYYY-MM-DD date)' });
  else if (b.balanceAsOf > today)
    errors.push({ field: 'balanceAsOf', reason: `余额日期不能晚于今天 ${today} (not in the future)` });
  if (errors.length > 0) return { value: null, errors };
  const supervised = b.fundSupervision as boolean;
  return {
    value: {
      capitalGuaranteeAmount: guarantee as number | null,
      commitmentLetter: b.commitmentLetter as boolean,
      fundSupervision: supervised,
      bank: supervised ? (bank as string) : null,
      account: supervised ? (account as string) : null,
      balance: b.balance as number,
      balanceAsOf: b.balanceAsOf as string,
    },
    errors,
  };
}

/** Whether two inputs say the same thing (a put of the same values writes no version). */
export function sameInput(a: EscrowRecordInputV1, b: EscrowRecordInputV1): boolean {
  return (
    a.capitalGuaranteeAmount === b.capitalGuaranteeAmount &&
    a.commitmentLetter === b.commitmentLetter &&
    a.fundSupervision === b.fundSupervision &&
    a.bank === b.bank &&
    a.account === b.account &&
    a.balance === b.balance &&
    a.balanceAsOf === b.balanceAsOf
  );
}

/** 书面报告 fields of a correction (the platform-wide rule). */
export const validateCorrectionReport = correctionReportErrors;

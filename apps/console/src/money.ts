/**
 * Money as staff type it (元, up to two decimals) and as the API carries it (分, integer). The
 * decimal string is converted digit by digit, never through a floating-point multiplication, so
 * "0.29" is 29 fen and "1234567890.12" is 123456789012 fen exactly.
 */
export type FenResult = { ok: true; fen: number } | { ok: false; reason: string };

/** Thousands separators (ASCII or full-width comma) and spaces are ignored; "元" or "¥" around the number too. */
const CLEAN = /[\s,，¥￥元]/g;

/** 元 text → 分. `max` in fen (inclusive). */
export function yuanToFen(text: string, max = Number.MAX_SAFE_INTEGER): FenResult {
  const s = text.replace(CLEAN, '').replace(/^＋|^\+/, '');
  if (s === '') return { ok: false, reason: '必填 (required)' };
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) {
    return /^-/.test(s)
      ? { ok: false, reason: '金额不能为负数 (must not be negative)' }
      : /^\d+\.\d{3,}$/.test(s)
        ? { ok: false, reason: '金额最多两位小数（分）(at most two decimals)' }
        : { ok: false, reason: '请输入金额（元），如 1500000.00 (an amount in yuan)' };
  }
  const digits = `${m[1]}${(m[2] ?? '').padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return { ok: false, reason: `金额过大，最多 ${fenToYuan(max)} 元 (too large)` };
  const fen = Number(digits);
  if (!Number.isSafeInteger(fen) || fen > max)
    return { ok: false, reason: `金额过大，最多 ${fenToYuan(max)} 元 (too large)` };
  return { ok: true, fen };
}

/** 分 → "1,500,000.00" (grouped, for reading) or "1500000.00" (grouped = false, for a form field). */
export function fenToYuan(fen: number, grouped = true): string {
  if (!Number.isSafeInteger(fen)) return String(fen);
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const whole = digits.slice(0, -2);
  const cents = digits.slice(-2);
  const shown = grouped ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return `${negative ? '-' : ''}${shown}.${cents}`;
}

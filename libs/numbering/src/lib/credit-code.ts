/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-symbol
 * alphabet (digits and upper-case letters without I, O, S, V, Z); the 18th is a MOD 31 check
 * character over the first 17 with weights 3^i mod 31.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** Check character for the first 17 characters, or null when they are not 17 valid symbols. */
export function creditCodeCheckChar(first17: string): string | null {
  if (typeof first17 !== 'string' || first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** True for an 18-character code (upper case, no spaces) whose check character matches. */
export function isValidCreditCode(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  const expected = creditCodeCheckChar(code.slice(0, 17));
  return expected !== null && expected === code[17];
}

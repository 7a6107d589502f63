import { compactDateToIso, resolveToday } from './iso-date';

/**
 * 公民身份号码 (resident identity number), GB 11643-1999: 6-digit address code, 8-digit birth
 * date, 3-digit sequence, ISO 7064 MOD 11-2 check character ('X' stands for 10).
 */
const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const CHECK_CHARS = '10X98765432';

/** MOD 11-2 check character for 17 digits; throws RangeError when the input is not 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  if (typeof first17 !== 'string' || !/^[0-9]{17}$/.test(first17)) {
    throw new RangeError(
      `身份证号前 17 位必须是数字 (first 17 characters must be digits, got ${JSON.stringify(first17)})`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * True for an 18-character resident ID: 17 digits + check character (digit or upper-case 'X')
 * that matches, a real birth date not after `today` (default: current UTC+8 date), and a
 * plausible province prefix 11..82.
 */
export function isValidResidentId(id: string, options?: { today?: string }): boolean {
  const today = resolveToday(options?.today);
  if (typeof id !== 'string' || !/^[0-9]{17}[0-9X]$/.test(id)) return false;
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 82) return false;
  const birthDate = compactDateToIso(id.slice(6, 14));
  if (birthDate === null || birthDate > today) return false;
  return residentIdCheckDigit(id.slice(0, 17)) === id[17];
}

/**
 * 证件号码脱敏: 18-character (and other long) numbers keep the first 6 and last 4 characters with
 * eight stars between (430223********1234); shorter documents keep 2 + 2, very short ones only
 * the last character. The star count never reveals the length of long numbers.
 */
export function maskIdNumber(value: string): string {
  if (typeof value !== 'string' || value.length === 0) return '';
  if (value.length >= 15) return `${value.slice(0, 6)}********${value.slice(-4)}`;
  if (value.length >= 8) return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
  return `${'*'.repeat(Math.max(value.length - 1, 3))}${value.slice(-1)}`;
}

/** 手机号脱敏: first 3 and last 4 kept, four stars between (138****5678); short numbers keep the last 2. */
export function maskPhone(value: string): string {
  if (typeof value !== 'string' || value.length === 0) return '';
  if (value.length >= 8) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  return `****${value.slice(-2)}`;
}

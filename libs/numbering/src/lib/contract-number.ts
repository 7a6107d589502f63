import { parsePresaleNumber } from './presale-number';

const CONTRACT_NUMBER = /^(.+)-B([0-9]{4})$/;

/**
 * `<presale number>-B<NNNN>`, e.g. 430223202406200101-Y01-B0001. Throws RangeError when serial is
 * not an integer in 1..9999 or the presale number is malformed.
 */
export function formatContractNumber(presaleNumber: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 9999) {
    throw new RangeError(`合同备案流水号须为 1-9999 (contract serial must be an integer in 1..9999, got ${serial})`);
  }
  if (parsePresaleNumber(presaleNumber) === null) {
    throw new RangeError(`预售许可证编号格式错误 (malformed presale number: ${JSON.stringify(presaleNumber)})`);
  }
  return `${presaleNumber}-B${String(serial).padStart(4, '0')}`;
}

/** Structural parse of a contract filing number; null when malformed or the serial is 0000. */
export function parseContractNumber(s: string): { presaleNumber: string; serial: number } | null {
  if (typeof s !== 'string') return null;
  const m = CONTRACT_NUMBER.exec(s);
  if (!m || parsePresaleNumber(m[1]) === null) return null;
  const serial = Number(m[2]);
  if (serial < 1) return null;
  return { presaleNumber: m[1], serial };
}

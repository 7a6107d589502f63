export type PresaleLetter = 'Y' | 'Z';

const PRESALE_NUMBER = /^([0-9]{18})-([YZ])([0-9]{2})$/;

/**
 * `<construction permit number>-<Y|Z><NN>`, e.g. 430223202406200101-Y01.
 * Y: issued through the API; Z: backfilled stock permit. Throws RangeError when serial is not an
 * integer in 1..99, the letter is not Y/Z, or the permit number is not 18 digits.
 */
export function formatPresaleNumber(permitNumber: string, letter: PresaleLetter, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 99) {
    throw new RangeError(`预售许可证流水号须为 1-99 (presale serial must be an integer in 1..99, got ${serial})`);
  }
  if (letter !== 'Y' && letter !== 'Z') {
    throw new RangeError(`预售许可证字母须为 Y 或 Z (presale letter must be Y or Z, got ${JSON.stringify(letter)})`);
  }
  if (typeof permitNumber !== 'string' || !/^[0-9]{18}$/.test(permitNumber)) {
    throw new RangeError(
      `施工许可证编号须为 18 位数字 (permit number must be 18 digits, got ${JSON.stringify(permitNumber)})`,
    );
  }
  return `${permitNumber}-${letter}${String(serial).padStart(2, '0')}`;
}

/**
 * Structural parse of a presale permit number; null when malformed or the serial is 00.
 * The embedded construction permit number is not validated against regions or dates.
 */
export function parsePresaleNumber(s: string): { permitNumber: string; letter: PresaleLetter; serial: number } | null {
  if (typeof s !== 'string') return null;
  const m = PRESALE_NUMBER.exec(s);
  if (!m) return null;
  const serial = Number(m[3]);
  if (serial < 1) return null;
  return { permitNumber: m[1], letter: m[2] as PresaleLetter, serial };
}

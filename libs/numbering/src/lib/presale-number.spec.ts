import fc from 'fast-check';
import { formatPresaleNumber, parsePresaleNumber, type PresaleLetter } from './presale-number';

const permitNumber = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 18, maxLength: 18 });
const letter = fc.constantFrom<PresaleLetter>('Y', 'Z');

describe(formatPresaleNumber.name, () => {
  it('formats the design example', () => {
    expect(formatPresaleNumber('430223202406200101', 'Y', 1)).toBe('430223202406200101-Y01');
    expect(formatPresaleNumber('430223202406200101', 'Z', 99)).toBe('430223202406200101-Z99');
  });

  it.each([0, 100, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws RangeError for serial %p', (serial) => {
    expect(() => formatPresaleNumber('430223202406200101', 'Y', serial)).toThrow(RangeError);
  });

  it('throws RangeError for a malformed permit number or letter', () => {
    expect(() => formatPresaleNumber('43022320240620010', 'Y', 1)).toThrow(RangeError);
    expect(() => formatPresaleNumber('430223202406200101', 'X' as PresaleLetter, 1)).toThrow(RangeError);
  });
});

describe(parsePresaleNumber.name, () => {
  it('parses the design example', () => {
    expect(parsePresaleNumber('430223202406200101-Y01')).toEqual({
      permitNumber: '430223202406200101',
      letter: 'Y',
      serial: 1,
    });
  });

  it.each([
    '430223202406200101-Y00',
    '430223202406200101-Y1',
    '430223202406200101-X01',
    '430223202406200101-y01',
    '430223202406200101Y01',
    '43022320240620010-Y01',
    '430223202406200101-Y01-B0001',
    ' 430223202406200101-Y01',
    '',
  ])('rejects %j', (s) => {
    expect(parsePresaleNumber(s)).toBeNull();
  });

  it('format ∘ parse round-trips', () => {
    fc.assert(
      fc.property(permitNumber, letter, fc.integer({ min: 1, max: 99 }), (p, l, n) => {
        const formatted = formatPresaleNumber(p, l, n);
        expect(formatted).toHaveLength(22);
        expect(parsePresaleNumber(formatted)).toEqual({ permitNumber: p, letter: l, serial: n });
      }),
    );
  });
});

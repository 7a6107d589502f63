import fc from 'fast-check';
import { formatContractNumber, parseContractNumber } from './contract-number';
import { formatPresaleNumber } from './presale-number';

const presaleNumber = fc
  .record({
    permit: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 18, maxLength: 18 }),
    letter: fc.constantFrom<'Y' | 'Z'>('Y', 'Z'),
    serial: fc.integer({ min: 1, max: 99 }),
  })
  .map(({ permit, letter, serial }) => formatPresaleNumber(permit, letter, serial));

describe(formatContractNumber.name, () => {
  it('formats the design example', () => {
    expect(formatContractNumber('430223202406200101-Y01', 1)).toBe('430223202406200101-Y01-B0001');
    expect(formatContractNumber('430223202406200101-Z12', 9999)).toBe('430223202406200101-Z12-B9999');
  });

  it.each([0, 10000, -5, 2.5, Number.NaN])('throws RangeError for serial %p', (serial) => {
    expect(() => formatContractNumber('430223202406200101-Y01', serial)).toThrow(RangeError);
  });

  it('throws RangeError for a malformed presale number', () => {
    expect(() => formatContractNumber('430223202406200101', 1)).toThrow(RangeError);
    expect(() => formatContractNumber('430223202406200101-Y00', 1)).toThrow(RangeError);
  });
});

describe(parseContractNumber.name, () => {
  it('parses the design example', () => {
    expect(parseContractNumber('430223202406200101-Y01-B0001')).toEqual({
      presaleNumber: '430223202406200101-Y01',
      serial: 1,
    });
  });

  it.each([
    '430223202406200101-Y01-B0000',
    '430223202406200101-Y01-B001',
    '430223202406200101-Y01-B00001',
    '430223202406200101-Y01-b0001',
    '430223202406200101-Y00-B0001',
    '430223202406200101-B0001',
    'x-B0001',
    '',
  ])('rejects %j', (s) => {
    expect(parseContractNumber(s)).toBeNull();
  });

  it('format ∘ parse round-trips', () => {
    fc.assert(
      fc.property(presaleNumber, fc.integer({ min: 1, max: 9999 }), (p, n) => {
        const formatted = formatContractNumber(p, n);
        expect(formatted).toHaveLength(28);
        expect(parseContractNumber(formatted)).toEqual({ presaleNumber: p, serial: n });
      }),
    );
  });
});

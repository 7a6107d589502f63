import fc from 'fast-check';
import { isInRegions, regionCovers, regionPrefix, regionPrefixes } from './region-coverage';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe(regionCovers.name, () => {
  it('province 430000 covers every 43xxxx and nothing else', () => {
    expect(regionCovers('430000', '430223')).toBe(true);
    expect(regionCovers('430000', '430200')).toBe(true);
    expect(regionCovers('430000', '430000')).toBe(true);
    expect(regionCovers('430000', '439001')).toBe(true);
    expect(regionCovers('430000', '420223')).toBe(false);
  });

  it('a city code covers its own counties only', () => {
    expect(regionCovers('430200', '430223')).toBe(true);
    expect(regionCovers('430200', '430200')).toBe(true);
    expect(regionCovers('430200', '430124')).toBe(false);
    expect(regionCovers('430200', '430000')).toBe(false);
  });

  it('a county code covers only itself', () => {
    expect(regionCovers('430223', '430223')).toBe(true);
    expect(regionCovers('430223', '430224')).toBe(false);
    expect(regionCovers('430223', '430200')).toBe(false);
  });

  it('malformed codes cover nothing', () => {
    expect(regionCovers('43', '430223')).toBe(false);
    expect(regionCovers('430000', '4302231')).toBe(false);
    expect(regionCovers('43000A', '430223')).toBe(false);
    expect(regionCovers('', '')).toBe(false);
  });

  it('is reflexive and transitive for 6-digit codes', () => {
    fc.assert(
      fc.property(digits(6), digits(6), digits(6), (a, b, c) => {
        expect(regionCovers(a, a)).toBe(true);
        if (regionCovers(a, b) && regionCovers(b, c)) expect(regionCovers(a, c)).toBe(true);
      }),
    );
  });
});

describe(isInRegions.name, () => {
  it('is true when any granted code covers the target', () => {
    expect(isInRegions(['430100', '430223'], '430223')).toBe(true);
    expect(isInRegions(['430100', '430223'], '430105')).toBe(true);
    expect(isInRegions(['430100', '430223'], '430224')).toBe(false);
    expect(isInRegions([], '430223')).toBe(false);
  });
});

describe(regionPrefixes.name, () => {
  it('maps province, city and county codes to the prefixes they cover, once each', () => {
    expect(regionPrefix('430000')).toBe('43');
    expect(regionPrefix('430200')).toBe('4302');
    expect(regionPrefix('430223')).toBe('430223');
    expect(regionPrefixes(['430200', '430223', '430200', 'bad', '430000'])).toEqual(['4302', '430223', '43']);
    expect(regionPrefixes([])).toEqual([]);
  });
});

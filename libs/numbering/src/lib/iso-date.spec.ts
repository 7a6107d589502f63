import fc from 'fast-check';
import { chinaToday, compactDateToIso, daysInMonth, isIsoDate, resolveToday } from './iso-date';

describe(isIsoDate.name, () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '0001-01-01', '9999-12-31', '2024-06-20'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-02-30',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '0000-01-01',
    '2024-6-20',
    '20240620',
    ' 2024-06-20',
    '2024-06-20T00:00:00Z',
    '２０２４-06-20',
    '',
  ])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it('agrees with the JavaScript Date round trip for every day in years 1900..2100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const roundTrips = new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso;
          expect(isIsoDate(iso)).toBe(roundTrips);
        },
      ),
    );
  });
});

describe(daysInMonth.name, () => {
  it('knows leap years', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(1900, 2), daysInMonth(2000, 2)]).toEqual([
      29, 28, 28, 29,
    ]);
  });
});

describe(compactDateToIso.name, () => {
  it('converts real dates and rejects impossible ones', () => {
    expect(compactDateToIso('20240620')).toBe('2024-06-20');
    expect(compactDateToIso('20240230')).toBeNull();
    expect(compactDateToIso('2024062')).toBeNull();
  });
});

describe(chinaToday.name, () => {
  it('uses UTC+8: 2024-06-20T16:00Z is already 2024-06-21 in China', () => {
    expect(chinaToday(Date.parse('2024-06-20T15:59:59Z'))).toBe('2024-06-20');
    expect(chinaToday(Date.parse('2024-06-20T16:00:00Z'))).toBe('2024-06-21');
  });
});

describe(resolveToday.name, () => {
  it('returns a valid option unchanged and throws RangeError on a malformed one', () => {
    expect(resolveToday('2024-06-20')).toBe('2024-06-20');
    expect(isIsoDate(resolveToday(undefined))).toBe(true);
    expect(() => resolveToday('2024-02-30')).toThrow(RangeError);
  });
});

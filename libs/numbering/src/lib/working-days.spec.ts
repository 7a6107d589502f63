import fc from 'fast-check';
import { addWorkingDays, workingCalendar, workingDaysBetween } from './working-days';

/**
 * The oracle, written independently of the data file and the implementation: the days off and
 * make-up days of 2024–2026 typed out one by one from the notices, and a naive day-by-day walk on
 * JavaScript Date objects.
 */
const DAYS_OFF = new Set([
  // 2024
  '2024-01-01',
  ...['10', '11', '12', '13', '14', '15', '16', '17'].map((d) => `2024-02-${d}`),
  '2024-04-04',
  '2024-04-05',
  '2024-04-06',
  '2024-05-01',
  '2024-05-02',
  '2024-05-03',
  '2024-05-04',
  '2024-05-05',
  '2024-06-10',
  '2024-09-15',
  '2024-09-16',
  '2024-09-17',
  '2024-10-01',
  '2024-10-02',
  '2024-10-03',
  '2024-10-04',
  '2024-10-05',
  '2024-10-06',
  '2024-10-07',
  // 2025
  '2025-01-01',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-02-01',
  '2025-02-02',
  '2025-02-03',
  '2025-02-04',
  '2025-04-04',
  '2025-04-05',
  '2025-04-06',
  '2025-05-01',
  '2025-05-02',
  '2025-05-03',
  '2025-05-04',
  '2025-05-05',
  '2025-05-31',
  '2025-06-01',
  '2025-06-02',
  '2025-10-01',
  '2025-10-02',
  '2025-10-03',
  '2025-10-04',
  '2025-10-05',
  '2025-10-06',
  '2025-10-07',
  '2025-10-08',
  // 2026
  '2026-01-01',
  '2026-01-02',
  '2026-01-03',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
  '2026-02-23',
  '2026-04-04',
  '2026-04-05',
  '2026-04-06',
  '2026-05-01',
  '2026-05-02',
  '2026-05-03',
  '2026-05-04',
  '2026-05-05',
  '2026-06-19',
  '2026-06-20',
  '2026-06-21',
  '2026-09-25',
  '2026-09-26',
  '2026-09-27',
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
]);
const MAKE_UP = new Set([
  '2024-02-04',
  '2024-02-18',
  '2024-04-07',
  '2024-04-28',
  '2024-05-11',
  '2024-09-14',
  '2024-09-29',
  '2024-10-12',
  '2025-01-26',
  '2025-02-08',
  '2025-04-27',
  '2025-09-28',
  '2025-10-11',
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
]);

function oracleIsWorking(d: Date): boolean {
  const iso = d.toISOString().slice(0, 10);
  if (MAKE_UP.has(iso)) return true;
  if (DAYS_OFF.has(iso)) return false;
  return d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
}
function oracleBetween(from: string, to: string): number {
  let n = 0;
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  for (d.setUTCDate(d.getUTCDate() + 1); d <= end; d.setUTCDate(d.getUTCDate() + 1)) if (oracleIsWorking(d)) n++;
  return n;
}
function oracleAdd(from: string, n: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (oracleIsWorking(d)) left--;
  }
  return d.toISOString().slice(0, 10);
}

const START = Date.UTC(2023, 11, 1);
const SPAN_DAYS = 365 * 3 + 60;
const dateArb = fc
  .integer({ min: 0, max: SPAN_DAYS })
  .map((i) => new Date(START + i * 86_400_000).toISOString().slice(0, 10));
/** dates near Spring Festival and National Day, where the make-up days are */
const festivalArb = fc
  .constantFrom('2024-02-01', '2024-09-25', '2025-01-20', '2025-09-25', '2026-02-08', '2026-09-15')
  .chain((base) => fc.integer({ min: 0, max: 30 }).map((i) => addDaysIso(base, i)));
function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('working-day calendar', () => {
  it('workingDaysBetween agrees with the day-by-day oracle (any two dates 2023-12 … 2027-01)', () => {
    fc.assert(
      fc.property(fc.oneof(dateArb, festivalArb), fc.oneof(dateArb, festivalArb), (a, b) => {
        expect(workingDaysBetween(a, b)).toBe(oracleBetween(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('addWorkingDays agrees with the oracle across Spring Festival and National Day', () => {
    fc.assert(
      fc.property(fc.oneof(festivalArb, dateArb), fc.integer({ min: 0, max: 40 }), (from, n) => {
        const due = addWorkingDays(from, n);
        expect(due).toBe(oracleAdd(from, n));
        expect(workingDaysBetween(from, due)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('counts the make-up Saturdays and Sundays and skips the breaks (known cases)', () => {
    // 2024 Spring Festival: 2024-02-04 (Sun) and 2024-02-18 (Sun) are working days
    expect(workingCalendar().isWorkingDay('2024-02-04')).toBe(true);
    expect(workingCalendar().isWorkingDay('2024-02-18')).toBe(true);
    expect(workingCalendar().isWorkingDay('2024-02-12')).toBe(false);
    // received Friday 2024-02-09: 5 working days → 02-18 (Sun make-up), 02-19, 02-20, 02-21, 02-22
    expect(addWorkingDays('2024-02-09', 5)).toBe('2024-02-22');
    // 2025 National Day + Mid-Autumn: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) on
    expect(workingDaysBetween('2025-09-26', '2025-10-12')).toBe(6); // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Saturday make-up before Spring Festival
  });

  it('applies a city override over the national calendar', () => {
    const zhuzhou = workingCalendar([
      { regionCode: '430200', basis: '示例：市政府临时调休', holidays: ['2025-03-03'], workdays: ['2025-03-08'] },
    ]);
    expect(zhuzhou.isWorkingDay('2025-03-03')).toBe(false);
    expect(zhuzhou.isWorkingDay('2025-03-08')).toBe(true);
    expect(workingCalendar().isWorkingDay('2025-03-03')).toBe(true);
  });

  it('refuses impossible dates and negative counts', () => {
    expect(() => workingDaysBetween('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => addWorkingDays('2025-03-01', -1)).toThrow(RangeError);
  });
});

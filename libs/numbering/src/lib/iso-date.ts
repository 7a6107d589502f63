const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month of the proleptic Gregorian calendar (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year/month/day name a real date; years 0001..9999 only. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Strict `YYYY-MM-DD` that is a real calendar date (e.g. 2024-02-29 yes, 2023-02-29 no).
 * No time part, no surrounding whitespace, year 0001..9999.
 */
export function isIsoDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it is a real calendar date, otherwise null. */
export function compactDateToIso(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : null;
}

/** Today's date in China Standard Time (UTC+8) as `YYYY-MM-DD`. */
export function chinaToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Resolves an optional `today` option: validated if given, else the current UTC+8 date. */
export function resolveToday(today: string | undefined): string {
  if (today === undefined) return chinaToday();
  if (!isIsoDate(today)) {
    throw new RangeError(
      `options.today 必须是 YYYY-MM-DD 格式的真实日期 (options.today must be a real YYYY-MM-DD date, got ${JSON.stringify(today)})`,
    );
  }
  return today;
}

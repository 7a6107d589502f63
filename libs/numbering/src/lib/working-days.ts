import { STATE_COUNCIL_HOLIDAY_NOTICES, HolidayNotice } from './data/cn-holidays.data';
import { isIsoDate } from './iso-date';

/**
 * Working-day calendar (工作日): Monday–Friday, minus the State Council's holidays, plus its 调休
 * make-up workdays (STATE_COUNCIL_HOLIDAY_NOTICES), then a city's own overrides. Dates are China
 * calendar dates `YYYY-MM-DD`; no times, no time zones (a "day" is a date, never 24 hours).
 */
export interface CalendarOverride {
  /** e.g. 430200 株洲市 */
  regionCode: string;
  /** why (e.g. the city's notice number) */
  basis: string;
  /** extra days off */
  holidays?: readonly string[];
  /** extra working days (e.g. a local make-up day) */
  workdays?: readonly string[];
}

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** the notice years the calendar knows; outside them only weekends count as days off */
  years: readonly number[];
}

const DAY_MS = 86_400_000;

function toEpochDay(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS);
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function expand(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = toEpochDay(from); d <= toEpochDay(to); d++) out.push(fromEpochDay(d));
  return out;
}

/** A calendar from notices (the State Council's by default) and optional city overrides. */
export function workingCalendar(
  overrides: readonly CalendarOverride[] = [],
  notices: readonly HolidayNotice[] = STATE_COUNCIL_HOLIDAY_NOTICES,
): WorkingCalendar {
  const off = new Set<string>();
  const on = new Set<string>();
  for (const n of notices)
    for (const b of n.breaks) {
      expand(b.from, b.to).forEach((d) => off.add(d));
      b.workdays.forEach((d) => on.add(d));
    }
  for (const o of overrides) {
    (o.holidays ?? []).forEach((d) => {
      off.add(d);
      on.delete(d);
    });
    (o.workdays ?? []).forEach((d) => {
      on.add(d);
      off.delete(d);
    });
  }
  return {
    years: notices.map((n) => n.year),
    isWorkingDay(date: string): boolean {
      const day = toEpochDay(date);
      if (on.has(date)) return true;
      if (off.has(date)) return false;
      const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
      return weekday !== 0 && weekday !== 6;
    },
  };
}

const NATIONAL = workingCalendar();

/**
 * Working days after `from` up to and including `to` (0 when `to` ≤ `from`): how many working days
 * a time limit starting the day after receipt has used by `to` (《行政许可法》: 期限从次日起算).
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar = NATIONAL): number {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  let count = 0;
  for (let d = start + 1; d <= end; d++) if (calendar.isWorkingDay(fromEpochDay(d))) count++;
  return count;
}

/**
 * The date on which `n` working days after `from` have elapsed (n ≥ 0; the due date of a limit of
 * n working days received on `from`). `n = 0` is `from` itself.
 */
export function addWorkingDays(from: string, n: number, calendar: WorkingCalendar = NATIONAL): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer: ${n}`);
  let day = toEpochDay(from);
  let left = n;
  while (left > 0) {
    day++;
    if (calendar.isWorkingDay(fromEpochDay(day))) left--;
  }
  return fromEpochDay(day);
}

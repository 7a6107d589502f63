import { chinaToday } from '@hn/numbering';

// Staff and region checks live in @hn/auth (assertStaff, assertRegionAllowed, regionOf); months here.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A YYYY-MM month from 2000-01 on. */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value) && value >= '2000-01';
}

/** The current month in China (UTC+8), YYYY-MM. */
export function currentMonthInChina(now: Date = new Date()): string {
  return chinaToday(now.getTime()).slice(0, 7);
}

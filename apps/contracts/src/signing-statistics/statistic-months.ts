import { chinaToday } from '@hn/numbering';

// Staff and region checks live in @hn/auth (assertStaff, assertRegionAllowed, regionOf); the month
// format is @hn/messages isMonth (shared with the gateway).
export { isMonth } from '@hn/messages';

/** The current month in China (UTC+8), YYYY-MM. */
export function currentMonthInChina(now: Date = new Date()): string {
  return chinaToday(now.getTime()).slice(0, 7);
}

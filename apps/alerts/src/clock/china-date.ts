/** China dates (Asia/Shanghai, UTC+8 all year, no daylight saving): "today" of the rules. */
const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The China calendar date (YYYY-MM-DD) of an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China day begins (00:00 Asia/Shanghai). */
export function startOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The last instant of a China day (23:59:59.999 Asia/Shanghai): where an `asOf` list is taken. */
export function endOfChinaDay(date: string): Date {
  return new Date(startOfChinaDay(date).getTime() + DAY_MS - 1);
}

/** date + n days (n may be negative). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The next instant at HH:MM China time strictly after `after`. */
export function nextChinaTime(after: Date, hour: number, minute: number): Date {
  const today = chinaDateOf(after);
  const at = new Date(startOfChinaDay(today).getTime() + (hour * 60 + minute) * 60_000);
  return at.getTime() > after.getTime() ? at : new Date(at.getTime() + DAY_MS);
}

import { isIsoDate } from '@hn/numbering';

/** Dates without a time are Beijing dates (UTC+8), as staff read them. */
const BEIJING = '+08:00';

/**
 * Turns a `from` / `to` filter into an instant: a date means its 00:00 Beijing time for `from`,
 * and the next day's 00:00 for `to` (so `to` includes that whole day). Null when not a real date.
 */
export function auditBound(value: string, bound: 'from' | 'to'): Date | null {
  const date = value.slice(0, 10);
  if (!isIsoDate(date)) return null;
  if (value.length === 10) {
    const start = new Date(`${date}T00:00:00${BEIJING}`);
    return bound === 'from' ? start : new Date(start.getTime() + 24 * 3600 * 1000);
  }
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

import { chinaDateOf } from '../../clock/china-date';
import { sameVector, Vector } from './figure-vector';

/** One version of a record: the (time, id) of the event that stated it. */
export interface Versioned {
  /** RFC 3339 instant */
  at: string;
  event: string;
}

/** What a record group adds to the stock figures on the China days [from, to) (to null: open). */
export interface StockRow {
  region: string;
  from: string;
  to: string | null;
  figures: Vector;
}

/** What a record group adds to the flows of a month (YYYY-MM-01). */
export interface FlowRow {
  region: string;
  month: string;
  figures: Vector;
}

export interface Contribution {
  stock: StockRow[];
  flow: FlowRow[];
}

/** (time, id) order; ids compared by code point, as the SQL side orders them (COLLATE "C"). */
export function compareVersions(a: Versioned, b: Versioned): number {
  const d = Date.parse(a.at) - Date.parse(b.at);
  if (d !== 0) return d;
  return a.event < b.event ? -1 : a.event > b.event ? 1 : 0;
}

export const sortVersions = <T extends Versioned>(versions: readonly T[]): T[] => [...versions].sort(compareVersions);

/** The China day an event's statement became known. */
export const dayOf = (v: Versioned): string => chinaDateOf(new Date(v.at));

/** The version in force at the end of China day `day` (the latest stated by then); versions sorted. */
export function inForce<T extends Versioned>(sorted: readonly T[], day: string): T | undefined {
  let found: T | undefined;
  for (const v of sorted) {
    if (dayOf(v) > day) break;
    found = v;
  }
  return found;
}

export const monthOf = (date: string): string => `${date.slice(0, 7)}-01`;

/**
 * The stock rows of a group whose state can only change on the given days (the days its versions were
 * stated and its records' own dates): the state is evaluated on each and holds until the next.
 */
export function stockTimeline(
  breakpoints: Iterable<string>,
  state: (day: string) => { region: string; figures: Vector } | null,
): StockRow[] {
  const days = [...new Set(breakpoints)].sort();
  const rows: StockRow[] = [];
  days.forEach((day, i) => {
    const s = state(day);
    const to = days[i + 1] ?? null;
    if (!s || Object.keys(s.figures).length === 0) return;
    const last = rows[rows.length - 1];
    if (last && last.to === day && last.region === s.region && sameVector(last.figures, s.figures)) last.to = to;
    else rows.push({ region: s.region, from: day, to, figures: s.figures });
  });
  return rows;
}

import { GB2260_HUNAN_REGIONS } from './data/gb2260-hunan.data';
import { isIsoDate } from './iso-date';
import type { RegionInfo } from './region-info';

function freezeRow(row: RegionInfo): RegionInfo {
  return Object.freeze({ ...row, newCode: Object.freeze([...row.newCode]) as string[] });
}

/** code → its rows, oldest first. Rows are frozen: callers share them and must not mutate. */
const HISTORY: ReadonlyMap<string, readonly RegionInfo[]> = (() => {
  const byCode = new Map<string, RegionInfo[]>();
  for (const row of GB2260_HUNAN_REGIONS) {
    const rows = byCode.get(row.code) ?? [];
    rows.push(freezeRow(row));
    byCode.set(row.code, rows);
  }
  for (const rows of byCode.values()) rows.sort((a, b) => a.startYear - b.startYear);
  return byCode;
})();

const ACTIVE_COUNTY_CODES: readonly string[] = Object.freeze(
  [...HISTORY.entries()]
    .filter(([, rows]) => rows.some((r) => r.level === 'county' && r.endYear === null))
    .map(([code]) => code)
    .sort(),
);

/** True when the row is in force during `year` (startYear inclusive, endYear exclusive). */
export function rowValidInYear(row: RegionInfo, year: number): boolean {
  return row.startYear <= year && (row.endYear === null || year < row.endYear);
}

/** All rows recorded for the code, oldest first; empty when the code is unknown. */
export function findRegionHistory(code: string): RegionInfo[] {
  return [...(HISTORY.get(code) ?? [])];
}

/**
 * The row of `code` in force on `isoDate` (granularity: year; a code retired in year Y is valid
 * for dates before Y, a code introduced in year Y is valid from Y-01-01). Null when the code is
 * unknown, not in force that year, or `isoDate` is not a real YYYY-MM-DD date.
 */
export function regionValidOn(code: string, isoDate: string): RegionInfo | null {
  if (!isIsoDate(isoDate)) return null;
  const year = Number(isoDate.slice(0, 4));
  return HISTORY.get(code)?.find((row) => rowValidInYear(row, year)) ?? null;
}

/** Current name, or the latest recorded name of a retired code; undefined when unknown. */
export function regionName(code: string): string | undefined {
  const rows = HISTORY.get(code);
  if (!rows || rows.length === 0) return undefined;
  return (rows.find((r) => r.endYear === null) ?? rows[rows.length - 1]).name;
}

/** County-level codes in force today (no endYear), sorted ascending. */
export function activeCountyCodes(): string[] {
  return [...ACTIVE_COUNTY_CODES];
}

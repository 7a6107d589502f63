import { GB2260_HUNAN_REGIONS } from './data/gb2260-hunan.data';
import type { RegionInfo, RegionLevel } from './region-info';
import { findRegionHistory } from './regions';

/**
 * GB/T 2260 succession: under which code in force today a record carrying an older code is counted
 * (统计口径: a retired county code counts under its successor, e.g. 430124 宁乡县 → 430182 宁乡市,
 * 430221 株洲县 → 430212 渌口区). Pure data, no I/O.
 */

/** The row of a code in force today (no end year), if any. */
function activeRow(code: string): RegionInfo | undefined {
  return findRegionHistory(code).find((r) => r.endYear === null);
}

const CURRENT: ReadonlyMap<string, string | null> = (() => {
  const out = new Map<string, string | null>();
  const resolve = (code: string, path: Set<string>): string | null => {
    if (out.has(code)) return out.get(code)!;
    if (activeRow(code)) return code;
    const rows = findRegionHistory(code);
    if (rows.length === 0 || path.has(code)) return null;
    path.add(code);
    // the latest retired row names the successors; a split counts under the first successor listed
    const last = rows[rows.length - 1]!;
    for (const next of last.newCode.filter((c) => c !== code)) {
      const found = resolve(next, path);
      if (found) return found;
    }
    return null;
  };
  for (const row of GB2260_HUNAN_REGIONS) out.set(row.code, resolve(row.code, new Set()));
  return out;
})();

/**
 * The code in force today under which `code` counts: the code itself while in force; for a retired
 * code its successor (followed through later changes; a division split in several counts under the
 * first successor listed); null for an unknown code or one with no successor in force.
 */
export function currentRegionCode(code: string): string | null {
  return CURRENT.get(code) ?? null;
}

/** Level of a code in force today, undefined when it is not in force. */
export function activeRegionLevel(code: string): RegionLevel | undefined {
  return activeRow(code)?.level;
}

const CHILDREN: ReadonlyMap<string, readonly string[]> = (() => {
  const out = new Map<string, string[]>();
  for (const row of GB2260_HUNAN_REGIONS) {
    if (row.endYear !== null || row.parentCode === null) continue;
    const list = out.get(row.parentCode) ?? [];
    if (!list.includes(row.code)) list.push(row.code);
    out.set(row.parentCode, list);
  }
  for (const list of out.values()) list.sort();
  return out;
})();

/** Codes in force today directly under `parent` (the prefectures of the province, the counties of a prefecture), sorted. */
export function activeChildRegions(parent: string): string[] {
  return [...(CHILDREN.get(parent) ?? [])];
}

/**
 * Every known code (in force or retired) whose current code lies inside `region` (the region itself,
 * its counties, and retired codes that now count there), sorted: what a region's figures are read from.
 */
export function regionCodesCountedUnder(region: string): string[] {
  const inside = (c: string): boolean =>
    region.endsWith('0000')
      ? c.slice(0, 2) === region.slice(0, 2)
      : region.endsWith('00')
        ? c.slice(0, 4) === region.slice(0, 4)
        : c === region;
  return [...CURRENT.entries()]
    .filter(([, current]) => current !== null && inside(current))
    .map(([code]) => code)
    .sort();
}

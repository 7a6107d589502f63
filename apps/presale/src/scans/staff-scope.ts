import { assertRegionAllowed } from '@hn/auth';
import { Principal } from '@hn/messages';

// Staff and region checks themselves live in @hn/auth (assertStaff, assertRegionAllowed, regionOf).

/** LIKE patterns for the caller's regions: 430000 → '43%', 430200 → '4302%', a county → itself. */
export function regionPatterns(regions: readonly string[]): string[] {
  return regions
    .filter((r) => /^\d{6}$/.test(r))
    .map((r) => (r.endsWith('0000') ? `${r.slice(0, 2)}%` : r.endsWith('00') ? `${r.slice(0, 4)}%` : r));
}

/** A regionCode filter must lie inside the caller's regions (403 otherwise). */
export function assertRegionFilter(principal: Principal, regionCode: string | undefined): void {
  if (regionCode !== undefined) assertRegionAllowed(principal, regionCode, { field: 'regionCode' });
}

/** A validated page of a staff list (the list query classes of @hn/messages check the bounds). */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** Escapes LIKE wildcards of a user keyword. */
export function likeContains(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

import { Principal } from '@hn/messages';
import { isInRegions, regionPrefixes } from '@hn/numbering';

/** Administrative level of a GB/T 2260 code: 0 province (PP0000), 1 city (PPCC00), 2 county. */
export function regionLevel(code: string): number {
  return code.endsWith('0000') ? 0 : code.endsWith('00') ? 1 : 2;
}

/** The region a staff account is bound to (its one region). */
export function staffRegion(principal: Principal): string {
  return principal.regions[0] ?? '';
}

/**
 * Whether `decider` is one level above a request made from `requestedRegion` about `subjectRegion`:
 * city staff decide their counties' requests, province staff the cities' (and counties'), a province
 * request goes to a 省厅 ADMIN account. The subject must lie inside the decider's region.
 */
export function isLevelAbove(decider: Principal, requestedRegion: string, subjectRegion: string): boolean {
  if (!isInRegions(decider.regions, subjectRegion)) return false;
  const requested = regionLevel(requestedRegion);
  if (requested === 0) return decider.role === 'ADMIN';
  return decider.regions.some((r) => regionLevel(r) < requested && isInRegions([r], requestedRegion));
}

/** LIKE patterns of the regions a list may show, and of the one region a filter asks for (null: none). */
export function regionPatterns(
  principal: Principal,
  requested: string | undefined,
): { regionPatterns: string[]; requestedPattern: string | null } {
  return {
    regionPatterns: regionPrefixes(principal.regions).map((p) => `${p}%`),
    requestedPattern: requested ? `${regionPrefixes([requested])[0]}%` : null,
  };
}

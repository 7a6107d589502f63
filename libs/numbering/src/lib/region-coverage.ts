const REGION_CODE = /^\d{6}$/;

/**
 * Whether a granted area includes a target area, by GB/T 2260 code structure:
 * a province code `PP0000` covers every `PPxxxx`; a prefecture code `PPCC00` covers every
 * `PPCCxx`; any other (county-level) code covers only itself. Malformed codes cover nothing.
 */
export function regionCovers(granted: string, target: string): boolean {
  if (!REGION_CODE.test(granted) || !REGION_CODE.test(target)) return false;
  if (granted.endsWith('0000')) return target.startsWith(granted.slice(0, 2));
  if (granted.endsWith('00')) return target.startsWith(granted.slice(0, 4));
  return granted === target;
}

/** True when any of the granted codes covers the target (see regionCovers). */
export function isInRegions(granted: readonly string[], target: string): boolean {
  return granted.some((g) => regionCovers(g, target));
}

/** The code prefix a granted region covers: a province code PP0000 → "PP", a city code PPCC00 → "PPCC", a county code → itself. */
export function regionPrefix(region: string): string {
  return region.endsWith('0000') ? region.slice(0, 2) : region.endsWith('00') ? region.slice(0, 4) : region;
}

/** Distinct prefixes covering the granted regions (malformed codes skipped), for prefix matching in SQL. */
export function regionPrefixes(regions: readonly string[]): string[] {
  return [...new Set((regions ?? []).filter((r) => /^\d{6}$/.test(r)).map(regionPrefix))];
}

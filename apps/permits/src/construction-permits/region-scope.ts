import { Principal } from '@hn/messages';

// The region check itself is @hn/auth's assertRegionAllowed (gateway and services alike).

/** The caller's regions as filter parts (province / city prefix / county), for the repositories' WHERE. */
export interface RegionScope {
  all: boolean;
  counties: string[];
  cityPrefixes: string[];
}

export function regionFilter(principal: Principal): RegionScope {
  if (principal.regions.some((r) => r === '430000')) return { all: true, counties: [], cityPrefixes: [] };
  const cityPrefixes = principal.regions.filter((r) => /^43\d{2}00$/.test(r)).map((r) => r.slice(0, 4));
  const counties = principal.regions.filter((r) => /^43\d{4}$/.test(r) && !r.endsWith('00'));
  return { all: false, counties, cityPrefixes };
}

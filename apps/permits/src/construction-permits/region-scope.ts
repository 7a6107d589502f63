import { Principal } from '@hn/messages';

// The region check itself is @hn/auth's assertRegionAllowed (gateway and services alike).

/** SQL filter parts for "region inside the caller's regions" (province / city prefix / county). */
export function regionFilter(principal: Principal): { all: boolean; counties: string[]; cityPrefixes: string[] } {
  if (principal.regions.some((r) => r === '430000')) return { all: true, counties: [], cityPrefixes: [] };
  const cityPrefixes = principal.regions.filter((r) => /^43\d{2}00$/.test(r)).map((r) => r.slice(0, 4));
  const counties = principal.regions.filter((r) => /^43\d{4}$/.test(r) && !r.endsWith('00'));
  return { all: false, counties, cityPrefixes };
}

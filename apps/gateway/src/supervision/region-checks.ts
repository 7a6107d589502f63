import { ErrorCode, Principal } from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { isInRegions } from '@hn/numbering';

/**
 * First region check of a supervision request, on the presale number itself (its first
 * construction permit's region); the owning service checks again against its records.
 */
export function assertPresaleRegion(principal: Principal, presaleNumber: string): void {
  const regionCode = presaleNumber.slice(0, 6);
  if (!isInRegions(principal.regions, regionCode)) {
    throw new DomainException(
      403,
      ErrorCode.REGION_FORBIDDEN,
      `预售许可证 ${presaleNumber} 属区划 ${regionCode}，不在本人的区划范围内 (presale permit ${presaleNumber} is outside the caller's regions)`,
      [{ field: 'presaleNumber', reason: `${presaleNumber}: 区划 ${regionCode} 不在授权范围 (region ${regionCode} not granted)` }],
    );
  }
}

/** A list's regionCode filter must lie inside the caller's regions (403 otherwise). */
export function assertRegionFilter(principal: Principal, regionCode: string | undefined): void {
  if (regionCode && !isInRegions(principal.regions, regionCode)) {
    throw new DomainException(403, ErrorCode.REGION_FORBIDDEN, `区划 ${regionCode} 不在本人的区划范围内 (region ${regionCode} is outside the caller's regions)`, [
      { field: 'regionCode', reason: `${regionCode}: 不在授权范围 (not granted)` },
    ]);
  }
}

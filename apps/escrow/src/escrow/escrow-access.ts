import { ErrorCode, Principal } from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { isInRegions } from '@hn/numbering';

/** Escrow backfill is staff work (省厅、市州、县市区住建局), never integrators'. */
export function assertStaff(principal: Principal): void {
  if (principal?.kind !== 'staff' || !Array.isArray(principal.regions)) {
    throw new DomainException(403, ErrorCode.SCOPE_FORBIDDEN, '仅限住建部门工作人员使用 (staff only)');
  }
}

/** Corrections of submitted records: ADMIN with supervision:correct only (checked again here). */
export function assertCorrector(principal: Principal): void {
  assertStaff(principal);
  if (principal.role !== 'ADMIN' || !Array.isArray(principal.scopes) || !principal.scopes.includes('supervision:correct')) {
    throw new DomainException(403, ErrorCode.SCOPE_FORBIDDEN, '更正已提交的记录仅限省厅管理员 (corrections: ADMIN with supervision:correct only)');
  }
}

export function assertInRegions(principal: Principal, regionCode: string, what: string): void {
  if (!isInRegions(principal.regions, regionCode)) {
    throw new DomainException(403, ErrorCode.REGION_FORBIDDEN, `${what} 属区划 ${regionCode}，不在本人的区划范围内 (outside the caller's regions)`, [
      { field: 'presaleNumber', reason: `${what}: 区划 ${regionCode} 不在授权范围 (region ${regionCode} not granted)` },
    ]);
  }
}

/**
 * Code prefixes covering regions, for `starts_with(region_code, prefix)` in SQL:
 * a province code PP0000 → "PP", a city code PPCC00 → "PPCC", a county code → itself.
 */
export function regionPrefixes(regions: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const r of regions ?? []) {
    if (!/^\d{6}$/.test(r)) continue;
    prefixes.add(r.endsWith('0000') ? r.slice(0, 2) : r.endsWith('00') ? r.slice(0, 4) : r);
  }
  return [...prefixes];
}

/** SQL condition "column lies in one of the prefixes bound at $param". */
export function regionCondition(column: string, param: number): string {
  return `EXISTS (SELECT 1 FROM unnest($${param}::text[]) AS rp(prefix) WHERE starts_with(${column}::text, rp.prefix))`;
}

/** Page and page size of a list request: page 1..10 000, size 1..100 (default 20). */
export function pageOf(request: { page?: unknown; pageSize?: unknown } | undefined): { page: number; pageSize: number; offset: number } {
  const rawPage = Number(request?.page);
  const rawSize = Number(request?.pageSize);
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 10_000 ? rawPage : 1;
  const pageSize = Number.isInteger(rawSize) && rawSize >= 1 ? Math.min(rawSize, 100) : 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

import { ErrorCode, Principal } from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { chinaToday, isInRegions } from '@hn/numbering';

/** Backfill, statistics and reconciliation are staff work (省厅、市州、县市区住建局), never integrators'. */
export function assertStaff(principal: Principal): void {
  if (principal?.kind !== 'staff' || !Array.isArray(principal.regions)) {
    throw new DomainException(403, ErrorCode.SCOPE_FORBIDDEN, '仅限住建部门工作人员使用 (staff only)');
  }
}

export function assertInRegions(principal: Principal, regionCode: string, what: string): void {
  if (!isInRegions(principal.regions, regionCode)) {
    throw new DomainException(403, ErrorCode.REGION_FORBIDDEN, `无权访问 ${what} 所在区划的数据 (outside the caller's regions)`);
  }
}

/**
 * Code prefixes covering the caller's regions, for `starts_with(region_code, prefix)` in SQL:
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

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A YYYY-MM month from 2000-01 on. */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value) && value >= '2000-01';
}

/** The current month in China (UTC+8), YYYY-MM. */
export function currentMonthInChina(now: Date = new Date()): string {
  return chinaToday(now.getTime()).slice(0, 7);
}

/** Page and page size of a list request: page ≥ 1 (≤ 10 000), size 1..100 (default 20). */
export function pageOf(request: { page?: unknown; pageSize?: unknown } | undefined): { page: number; pageSize: number; offset: number } {
  const rawPage = Number(request?.page);
  const rawSize = Number(request?.pageSize);
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 10_000 ? rawPage : 1;
  const pageSize = Number.isInteger(rawSize) && rawSize >= 1 ? Math.min(rawSize, 100) : 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

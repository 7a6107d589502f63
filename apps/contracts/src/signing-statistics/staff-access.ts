import { ErrorCode, Principal } from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { chinaToday, isInRegions } from '@hn/numbering';

/** Backfill, statistics and reconciliation are staff work (省厅、市州、县市区住建局), never integrators'. */
export function assertStaff(principal: Principal): void {
  if (principal?.kind !== 'staff' || principal.sandbox === true || !Array.isArray(principal.regions)) {
    throw new DomainException(403, ErrorCode.SCOPE_FORBIDDEN, '仅限住建部门工作人员使用 (staff only)');
  }
}

export function assertInRegions(principal: Principal, regionCode: string, what: string): void {
  if (!isInRegions(principal.regions, regionCode)) {
    throw new DomainException(403, ErrorCode.REGION_FORBIDDEN, `无权访问 ${what} 所在区划的数据 (outside the caller's regions)`);
  }
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


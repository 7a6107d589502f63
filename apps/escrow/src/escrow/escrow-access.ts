import { ErrorCode, Principal } from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { isInRegions } from '@hn/numbering';

/** Escrow backfill is staff work (省厅、市州、县市区住建局), never integrators'. */
export function assertStaff(principal: Principal): void {
  if (principal?.kind !== 'staff' || principal.sandbox === true || !Array.isArray(principal.regions)) {
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


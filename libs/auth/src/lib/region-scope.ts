import { ErrorCode, Principal, StaffRole } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { isInRegions } from '@hn/numbering';

const REGION_CODE = /^\d{6}/;

/**
 * The GB/T 2260 region code a unified number belongs to: its first six digits (construction
 * permit RRRRRR…, presale <permit>-Y01, contract <presale>-B0001). The one place that knows it.
 */
export function regionOf(number: string): string {
  const match = REGION_CODE.exec(number);
  if (!match)
    throw new DomainException(
      400,
      ErrorCode.VALIDATION_FAILED,
      `编号 ${number.slice(0, 40)} 不以 6 位区划代码开头 (a number starts with its 6-digit region code)`,
    );
  return match[0];
}

export interface RegionCheck {
  /** what the caller asked for, as a person reads it (e.g. 施工许可证 430223202406200101) */
  what?: string;
  /** the request field that named it, for the problem's `errors` list */
  field?: string;
}

/** 403 REGION_FORBIDDEN unless `regionCode` lies inside the caller's regions (province ⊃ city ⊃ county). */
export function assertRegionAllowed(
  principal: Pick<Principal, 'regions'>,
  regionCode: string,
  check: RegionCheck = {},
): void {
  if (Array.isArray(principal?.regions) && isInRegions(principal.regions, regionCode)) return;
  const what = check.what ?? `区划 ${regionCode}`;
  throw new DomainException(
    403,
    ErrorCode.REGION_FORBIDDEN,
    `${what} 属区划 ${regionCode}，不在本凭据的区划范围内 (outside the caller's regions)`,
    check.field
      ? [{ field: check.field, reason: `区划 ${regionCode} 不在授权范围 (region ${regionCode} not granted)` }]
      : undefined,
  );
}

export interface RegionItem {
  /** what the caller named (a permit number, a project code), listed in the problem's `errors` */
  key: string;
  regionCode: string;
}

const listed = (keys: readonly string[], max = 20): string =>
  keys.length > max ? `${keys.slice(0, max).join('、')} 等 ${keys.length} 个` : keys.join('、');

/**
 * 403 REGION_FORBIDDEN naming every key whose region lies outside the caller's regions at once, each
 * as `{ field, reason: key }` (batches: the caller sees every offending number in one answer).
 */
export function assertRegionsAllowed(
  principal: Pick<Principal, 'regions'>,
  field: string,
  items: readonly RegionItem[],
): void {
  const regions = Array.isArray(principal?.regions) ? principal.regions : [];
  const outside = [...new Set(items.filter((i) => !isInRegions(regions, i.regionCode)).map((i) => i.key))];
  if (outside.length === 0) return;
  throw new DomainException(
    403,
    ErrorCode.REGION_FORBIDDEN,
    `${listed(outside)} 不在本凭据的区划范围内 (outside the caller's regions)`,
    outside.map((key) => ({ field, reason: key })),
  );
}

export interface StaffCheck {
  /** allowed roles; any role when absent */
  roles?: readonly StaffRole[];
  /** a scope the account must carry (e.g. supervision:correct) */
  scope?: string;
}

/** Corrections of submitted records (书面报告): 省厅 ADMIN accounts carrying supervision:correct only. */
export const CORRECTOR: StaffCheck = { roles: ['ADMIN'], scope: 'supervision:correct' };

/**
 * Staff work (省厅、市州、县市区住建局) is never an integrator's nor a sandbox's: 403 SCOPE_FORBIDDEN
 * otherwise. Checked by the gateway from the token and again by the owning service.
 */
export function assertStaff(principal: Principal | undefined, check: StaffCheck = {}): asserts principal is Principal {
  if (
    !principal ||
    principal.kind !== 'staff' ||
    principal.sandbox === true ||
    !Array.isArray(principal.regions) ||
    !Array.isArray(principal.scopes)
  ) {
    throw new DomainException(403, ErrorCode.SCOPE_FORBIDDEN, '仅限住建部门工作人员使用 (staff only)');
  }
  if (check.roles && (!principal.role || !check.roles.includes(principal.role))) {
    throw new DomainException(
      403,
      ErrorCode.SCOPE_FORBIDDEN,
      `此操作仅限 ${check.roles.join('、')} 角色 (roles ${check.roles.join(', ')} only)`,
    );
  }
  if (check.scope && !principal.scopes.includes(check.scope)) {
    throw new DomainException(
      403,
      ErrorCode.SCOPE_FORBIDDEN,
      `缺少权限范围 ${check.scope} (missing scope ${check.scope})`,
    );
  }
}

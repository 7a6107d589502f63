import { Scopes, StaffScopes } from '@hn/auth';
import { STAFF_ROLES, StaffRole } from '@hn/messages';
import { regionName, regionValidOn } from '@hn/numbering';

/** The whole province: PROVINCE and ADMIN accounts are bound to it. */
export const PROVINCE_REGION = '430000';

/** Five wrong passwords in a row lock the account for 15 minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,64}$/;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Scopes a staff token carries, derived from the role only (never stored per account). */
export function scopesForRole(role: StaffRole): string[] {
  const scopes: string[] = [
    Scopes.permitsRead,
    Scopes.statisticsRead,
    StaffScopes.supervisionRead,
    StaffScopes.supervisionWrite,
  ];
  if (role === 'ADMIN') scopes.push(StaffScopes.supervisionCorrect, StaffScopes.auditRead);
  if (role === 'PROVINCE') scopes.push(StaffScopes.auditRead);
  return scopes;
}

/**
 * Scopes of a login: an account that must change its one-time password gets only
 * password:change-required, so its token can do nothing else even if a route forgot a check. An account
 * granted pii:read by an operator (staff:grant-pii) carries it: clear phone and ID numbers where others see
 * them masked (contract filings' buyers, the integration registry).
 */
export function scopesForLogin(role: StaffRole, mustChangePassword: boolean, piiRead = false): string[] {
  if (mustChangePassword) return [StaffScopes.passwordChangeRequired];
  return piiRead ? [...scopesForRole(role), Scopes.piiRead] : scopesForRole(role);
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Null when the username is acceptable, else the reason (Chinese + English). */
export function usernameProblem(username: string): string | null {
  if (!USERNAME_PATTERN.test(username)) {
    return '用户名须为 3–64 位小写字母、数字或 _ . - (username: 3 to 64 characters of a-z 0-9 _ . -)';
  }
  return null;
}

/** Null when the password meets the policy (≥ 10 characters with letters and digits), else the reason. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return `密码长度须为 ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 位 (password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters)`;
  }
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    return '密码须同时包含字母和数字 (password must contain both letters and digits)';
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return '密码不得包含用户名 (password must not contain the username)';
  }
  return null;
}

/**
 * Null when `region` suits the role on `today` (YYYY-MM-DD), else the reason:
 * PROVINCE and ADMIN → 430000; CITY → a prefecture code XXYY00 in force; COUNTY → a county-level
 * code in force (GB/T 2260, Hunan).
 */
export function regionProblem(role: StaffRole, region: string, today: string): string | null {
  if (role === 'PROVINCE' || role === 'ADMIN') {
    return region === PROVINCE_REGION
      ? null
      : `${role} 角色的区划须为 ${PROVINCE_REGION} 湖南省 (${role} accounts are bound to ${PROVINCE_REGION})`;
  }
  if (!/^43\d{4}$/.test(region)) return `区划 ${region} 不是湖南省的 6 位区划代码 (not a 6-digit Hunan region code)`;
  const info = regionValidOn(region, today);
  if (!info) return `区划 ${region} 未知或已撤销 (unknown or retired region code)`;
  if (role === 'CITY' && (info.level !== 'prefecture' || !region.endsWith('00'))) {
    return `CITY 角色须绑定市州代码（如 430200），${region} ${regionName(region) ?? ''} 不是市州 (CITY accounts need a prefecture code XXYY00)`;
  }
  if (role === 'COUNTY' && info.level !== 'county') {
    return `COUNTY 角色须绑定县市区代码（如 430223），${region} ${regionName(region) ?? ''} 不是县市区 (COUNTY accounts need a county-level code)`;
  }
  return null;
}

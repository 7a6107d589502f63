import { Principal } from '@hn/messages';
import { regionProblem } from '../staff/staff-rules';
import { ApplicationErrors } from './account-application.exception';
import type { ApplicationRow } from './account-application-view';

/**
 * Who sees which applications (the plan routes every county's forms through its city): a CITY
 * account its own city's, PROVINCE and ADMIN all; a county none (the routes refuse the role).
 * Null: no restriction; otherwise the one city code.
 */
export function visibleCity(principal: Principal): string | null {
  if (principal.role === 'PROVINCE' || principal.role === 'ADMIN') return null;
  return principal.regions[0] ?? '-';
}

export function canSee(principal: Principal, row: Pick<ApplicationRow, 'city_code'>): boolean {
  const city = visibleCity(principal);
  return city === null || city === row.city_code;
}

/**
 * The city a CITY account drafts for, after checking the county: a county-level code in force
 * (else 400 naming countyCode) inside that city (else 403 REGION_FORBIDDEN).
 */
export function cityForCounty(principal: Principal, countyCode: string, today: string): string {
  const problem = regionProblem('COUNTY', countyCode, today);
  if (problem) throw ApplicationErrors.invalid([{ field: 'countyCode', reason: problem }]);
  const city = principal.regions[0] ?? '';
  if (principal.role !== 'CITY' || city.slice(0, 4) !== countyCode.slice(0, 4))
    throw ApplicationErrors.countyOutsideCity(countyCode, city);
  return city;
}

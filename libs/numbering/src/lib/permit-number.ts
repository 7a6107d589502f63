import { compactDateToIso, resolveToday } from './iso-date';
import type { RegionInfo } from './region-info';
import { findRegionHistory, regionName, rowValidInYear } from './regions';
import { worksCategoryName } from './works-categories';

export type PermitNumberRejection =
  | 'WRONG_LENGTH'
  | 'NOT_DIGITS'
  | 'UNKNOWN_REGION'
  | 'RETIRED_REGION'
  | 'IMPOSSIBLE_DATE'
  | 'FUTURE_DATE'
  | 'INVALID_SERIAL'
  | 'INVALID_CATEGORY';

export interface ParsedPermitNumber {
  value: string;
  regionCode: string;
  /** Name of the region as it was on the issue date. */
  regionName: string;
  /** YYYY-MM-DD */
  issueDate: string;
  serial: string;
  categoryCode: string;
  categoryName: string;
}

export type PermitNumberResult =
  { ok: true; value: ParsedPermitNumber } | { ok: false; reason: PermitNumberRejection; message: string };

export const PERMIT_NUMBER_LENGTH = 18;

function reject(reason: PermitNumberRejection, message: string): PermitNumberResult {
  return { ok: false, reason, message };
}

function describeCodes(codes: readonly string[]): string {
  return codes.map((c) => (regionName(c) ? `${c}（${regionName(c)}）` : c)).join('、');
}

function regionNotValidMessage(code: string, rows: readonly RegionInfo[], year: number): string {
  // Most recent row that had already ended by `year`: the code was retired (or renamed away).
  const ended = [...rows].reverse().find((r) => r.endYear !== null && r.endYear <= year);
  if (ended) {
    const successors = ended.newCode.filter((c) => c !== code);
    const then = `行政区划代码 ${code}（${ended.name}）已于 ${ended.endYear} 年撤销`;
    const en = `region code ${code} (${ended.name}) was retired in ${ended.endYear}`;
    return successors.length > 0
      ? `${then}，现为 ${describeCodes(successors)} (${en}; successor: ${successors.join(', ')})`
      : `${then} (${en})`;
  }
  const first = rows[0];
  return (
    `行政区划代码 ${code}（${first.name}）自 ${first.startYear} 年起启用，${year} 年尚未设立 ` +
    `(region code ${code} is only valid from ${first.startYear}, not in ${year})`
  );
}

/**
 * Parses and validates an 18-digit construction permit number `RRRRRR YYYYMMDD SS CC`.
 * Checks run in a fixed order and the first failure is returned: length, digits, calendar date,
 * not in the future, region known (prefecture or county level), region in force at the issue
 * date, serial 01..99, works category.
 *
 * @param options.today reference date `YYYY-MM-DD` for the future-date check; defaults to the
 *   current date in UTC+8. An invalid value throws a RangeError (programming error).
 */
export function parsePermitNumber(input: string, options?: { today?: string }): PermitNumberResult {
  const today = resolveToday(options?.today);
  if (typeof input !== 'string' || input.length !== PERMIT_NUMBER_LENGTH) {
    const length = typeof input === 'string' ? input.length : 0;
    return reject(
      'WRONG_LENGTH',
      `施工许可证编号应为 18 位，实际 ${length} 位 (permit number must be 18 characters, got ${length})`,
    );
  }
  if (!/^[0-9]{18}$/.test(input)) {
    return reject('NOT_DIGITS', `施工许可证编号只能包含数字 0-9 (permit number must be ASCII digits only: ${input})`);
  }

  const regionCode = input.slice(0, 6);
  const compactDate = input.slice(6, 14);
  const serial = input.slice(14, 16);
  const categoryCode = input.slice(16, 18);

  const issueDate = compactDateToIso(compactDate);
  if (issueDate === null) {
    const shown = `${compactDate.slice(0, 4)}-${compactDate.slice(4, 6)}-${compactDate.slice(6, 8)}`;
    return reject('IMPOSSIBLE_DATE', `日期不存在 (not a calendar date: ${shown})`);
  }
  if (issueDate > today) {
    return reject(
      'FUTURE_DATE',
      `发证日期 ${issueDate} 晚于今天 ${today} (issue date ${issueDate} is in the future, today is ${today})`,
    );
  }

  const rows = findRegionHistory(regionCode);
  if (rows.length === 0) {
    return reject(
      'UNKNOWN_REGION',
      `未知的湖南省行政区划代码 ${regionCode} (unknown Hunan GB/T 2260 region code: ${regionCode})`,
    );
  }
  if (rows.every((r) => r.level === 'province')) {
    return reject(
      'UNKNOWN_REGION',
      `${regionCode}（${rows[0].name}）是省级代码，发证机关区划须为市级或县级代码 ` +
        `(province-level code ${regionCode} cannot be an issuing area; use a prefecture or county code)`,
    );
  }
  const year = Number(issueDate.slice(0, 4));
  const region = rows.find((r) => rowValidInYear(r, year));
  if (!region) {
    return reject('RETIRED_REGION', regionNotValidMessage(regionCode, rows, year));
  }
  if (region.level === 'province') {
    return reject(
      'UNKNOWN_REGION',
      `${regionCode} 在 ${issueDate} 是省级代码 (${regionCode} was a province-level code on ${issueDate})`,
    );
  }

  if (serial === '00') {
    return reject(
      'INVALID_SERIAL',
      `当日流水号应为 01-99，实际 ${serial} (daily serial must be 01..99, got ${serial})`,
    );
  }
  const categoryName = worksCategoryName(categoryCode);
  if (categoryName === undefined) {
    return reject(
      'INVALID_CATEGORY',
      `未知的工程类别代码 ${categoryCode} (unknown works category code: ${categoryCode}; expected 01..19)`,
    );
  }

  return {
    ok: true,
    value: { value: input, regionCode, regionName: region.name, issueDate, serial, categoryCode, categoryName },
  };
}

/**
 * Builds an 18-digit construction permit number `RRRRRR YYYYMMDD SS CC` from its parts and checks it
 * with {@link parsePermitNumber} (so a number it returns always parses). Throws a RangeError for
 * parts that do not make a valid number (serial outside 1..99, unknown category, retired region…).
 */
export function formatPermitNumber(
  regionCode: string,
  issueDate: string,
  serial: number,
  categoryCode: string,
  options?: { today?: string },
): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 99)
    throw new RangeError(`daily serial must be 1..99, got ${serial}`);
  const value = `${regionCode}${issueDate.replace(/-/g, '')}${String(serial).padStart(2, '0')}${categoryCode}`;
  const parsed = parsePermitNumber(value, options);
  if (!parsed.ok) throw new RangeError(`not a valid permit number ${value}: ${parsed.reason}`);
  return value;
}

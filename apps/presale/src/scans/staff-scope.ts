import { assertRegionAllowed } from '@hn/auth';
import { ErrorCode, FieldError, Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';

// Staff and region checks themselves live in @hn/auth (assertStaff, assertRegionAllowed, regionOf).

/** LIKE patterns for the caller's regions: 430000 → '43%', 430200 → '4302%', a county → itself. */
export function regionPatterns(regions: readonly string[]): string[] {
  return regions
    .filter((r) => /^\d{6}$/.test(r))
    .map((r) => (r.endsWith('0000') ? `${r.slice(0, 2)}%` : r.endsWith('00') ? `${r.slice(0, 4)}%` : r));
}

/** A regionCode filter must lie inside the caller's regions (403 otherwise). */
export function assertRegionFilter(principal: Principal, regionCode: string | undefined): void {
  if (regionCode !== undefined) assertRegionAllowed(principal, regionCode, { field: 'regionCode' });
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** page 1..10000, pageSize 1..100 (defaults 1 / 20); 422 otherwise. */
export function pageOf(body: { page?: unknown; pageSize?: unknown } | undefined): PageRequest {
  const errors: FieldError[] = [];
  const page = body?.page ?? 1;
  const pageSize = body?.pageSize ?? 20;
  if (!Number.isInteger(page) || (page as number) < 1 || (page as number) > 10_000)
    errors.push({ field: 'page', reason: '1–10000' });
  if (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > 100)
    errors.push({ field: 'pageSize', reason: '1–100' });
  if (errors.length > 0)
    throw new DomainException(422, ErrorCode.INCOMPLETE_SUBMISSION, '分页参数无效 (invalid paging)', errors);
  return { page: page as number, pageSize: pageSize as number };
}

export function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > max)
    throw new DomainException(422, ErrorCode.INCOMPLETE_SUBMISSION, `${field} 无效 (invalid ${field})`, [
      { field, reason: `最长 ${max} 字 (at most ${max} characters)` },
    ]);
  return value.trim() || undefined;
}

export function optionalRegion(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{6}$/.test(value))
    throw new DomainException(
      422,
      ErrorCode.INCOMPLETE_SUBMISSION,
      'regionCode 须为 6 位区划代码 (6-digit region code)',
      [{ field: 'regionCode', reason: '6 位数字 (6 digits)' }],
    );
  return value;
}

/** Escapes LIKE wildcards of a user keyword. */
export function likeContains(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

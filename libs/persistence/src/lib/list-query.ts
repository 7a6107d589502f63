/** Page and page size of a list request: page 1..10 000 (default 1), size 1..maxPageSize (default 20); out-of-range values fall back. */
export function pageOf(
  request: { page?: unknown; pageSize?: unknown } | undefined,
  maxPageSize = 100,
): { page: number; pageSize: number; offset: number } {
  const rawPage = Number(request?.page);
  const rawSize = Number(request?.pageSize);
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 10_000 ? rawPage : 1;
  const pageSize = Number.isInteger(rawSize) && rawSize >= 1 ? Math.min(rawSize, maxPageSize) : 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * SQL condition "column lies in one of the region prefixes bound at $param" (see regionPrefixes in
 * @hn/numbering); the column name comes from code, never from a request.
 */
export function regionCondition(column: string, param: number): string {
  return `EXISTS (SELECT 1 FROM unnest($${param}::text[]) AS rp(prefix) WHERE starts_with(${column}::text, rp.prefix))`;
}

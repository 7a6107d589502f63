import type { SortOrder } from '@hn/messages';

/**
 * The ORDER BY list of a page: the list's default order when no sort was asked for, otherwise the
 * column `columns` maps the (already whitelisted) field to, then the primary key as tie-breaker so
 * that rows with equal values keep one order across pages. Only column names written in the
 * repository reach the SQL; a field missing from the map is refused, never interpolated.
 */
export function orderBy<F extends string>(
  order: SortOrder<F> | undefined,
  columns: Readonly<Record<F, string>>,
  tieBreaker: string,
  defaultOrder: string,
): string {
  if (order === undefined) return defaultOrder;
  if (!Object.prototype.hasOwnProperty.call(columns, order.field)) throw new Error(`unsortable field ${order.field}`);
  const direction = order.direction === 'DESC' ? 'DESC' : 'ASC';
  return `${columns[order.field]} ${direction} NULLS LAST, ${tieBreaker}`;
}

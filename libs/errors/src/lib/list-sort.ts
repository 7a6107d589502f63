import { ErrorCode, ListSort, SortOrder, validateSort } from '@hn/messages';
import { DomainException } from './domain.exception';

/**
 * A list's validated `sort` (undefined: the default order), or 422 INVALID_FILTER whose detail names
 * the allowed fields. The gateway calls it on the query, the owning service again on its payload.
 */
export async function sortOrder<F extends string>(spec: ListSort<F>, sort: unknown): Promise<SortOrder<F> | undefined> {
  const result = await validateSort(spec, sort);
  if (!result.ok) throw new DomainException(422, ErrorCode.INVALID_FILTER, result.detail, result.errors);
  return result.order;
}

/** The sort of a list in its URL (`sort=field` ascending, `sort=-field` descending): no DOM, unit-tested. */

/** A column the server can sort by (`field` is one of the route's allowed sort fields). */
export interface SortHeader {
  text: string;
  field: string;
}

export type Header = string | SortHeader;

/** Where a header's sort applies: the list's route and the URL parameters to keep (filters incl. sort). */
export interface SortContext {
  path: string;
  params: URLSearchParams;
  keep: string[];
}

export const sortable = (text: string, field: string): SortHeader => ({ text, field });

export const headerText = (header: Header): string => (typeof header === 'string' ? header : header.text);

/** The direction the URL sorts `field` in, if it does. */
export function sortDirection(params: URLSearchParams, field: string): 'ascending' | 'descending' | null {
  const sort = params.get('sort') ?? '';
  if (sort === field) return 'ascending';
  if (sort === `-${field}`) return 'descending';
  return null;
}

/** The URL parameters after choosing `sort`: the kept filters, the new sort, page 1. */
export function sortedParams(ctx: SortContext, sort: string): URLSearchParams {
  const next = new URLSearchParams();
  for (const name of ctx.keep) {
    const v = ctx.params.get(name);
    if (v && name !== 'page' && name !== 'sort') next.set(name, v);
  }
  next.set('sort', sort);
  return next;
}

/** What a click on `field`'s header asks for: ascending first, then the other direction of the sorted column. */
export function nextSort(params: URLSearchParams, field: string): string {
  return sortDirection(params, field) === 'ascending' ? `-${field}` : field;
}

/**
 * Hash routes (#/alerts?type=…) so the gateway serves one index.html; the query part is the page's
 * filters, so a detail link can carry them and the back link restores the list as it was.
 */
export interface Route {
  path: string;
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#/, '') || '/home';
  const [path = '/home', query = ''] = hash.split('?', 2);
  return { path, params: new URLSearchParams(query) };
}

/** `#/path?query` with empty values left out. */
export function href(path: string, params: URLSearchParams | Record<string, string> = {}): string {
  const clean = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) if (v !== '') clean.set(k, v);
  const q = clean.toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

export function go(path: string, params: URLSearchParams | Record<string, string> = {}): void {
  const target = href(path, params);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

/**
 * The named filters of a form as URL parameters (page back to 1); `sort` (chosen in the column
 * headers, not in the form) keeps its value from the current URL.
 */
export function formParams(form: HTMLFormElement, names: string[]): URLSearchParams {
  const data = new FormData(form);
  const current = currentRoute().params;
  const params = new URLSearchParams();
  for (const name of names) {
    const v = name === 'sort' && !data.has(name) ? (current.get(name) ?? '') : String(data.get(name) ?? '').trim();
    if (v) params.set(name, v);
  }
  return params;
}

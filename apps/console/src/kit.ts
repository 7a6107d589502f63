/** Shared pieces of the supervision pages (escrow, signing statistics, reconciliation, governance, home). */
import { ApiError, request, SessionExpired } from './api.js';
import { append, Child, h, showFieldErrors } from './dom.js';
import { go } from './route.js';
import { sessionInfo } from './session.js';
import { Header, headerCell, headerText, SortContext } from './sort-header.js';

export async function sendJson<T>(method: 'PUT' | 'POST', path: string, body: unknown): Promise<T> {
  const res = await request(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

/**
 * A failed action: a lost session goes to the login page; a problem document is shown in `box`
 * (detail and code), its field errors beside the form's fields where there is one.
 */
export function showProblem(err: unknown, box: HTMLElement, form?: HTMLFormElement | null): void {
  if (err instanceof SessionExpired) {
    go('/login', { expired: '1' });
    return;
  }
  box.className = 'error';
  box.tabIndex = -1;
  if (!(err instanceof ApiError)) {
    box.textContent = String(err);
    box.focus();
    return;
  }
  // an error whose reason the detail already says (e.g. the presale number of a locked record) adds nothing
  const errors = (err.problem.errors ?? []).filter((e) => !err.problem.detail.includes(e.reason));
  const unplaced = form ? showFieldErrors(form, errors) : errors.map(fieldText);
  box.replaceChildren();
  append(box, [
    h('span', {}, err.problem.detail),
    h('span', { class: 'code' }, ` (${err.problem.code})`),
    unplaced.length
      ? h(
          'ul',
          {},
          unplaced.map((t) => h('li', {}, t)),
        )
      : null,
  ]);
  // showFieldErrors focused the first field it marked; otherwise the message itself
  const placed = form ? errors.length - unplaced.length : 0;
  if (placed === 0) box.focus();
}

function fieldText(e: { field: string; reason: string }): string {
  return `${e.field}: ${e.reason}`;
}

/** A status line (polite live region) that can be focused after an action. */
export function statusLine(id: string, text = ''): HTMLElement {
  return h('div', { role: 'status', class: 'notice', id, tabindex: '-1' }, text);
}

let flash = '';
/** A message for the next rendered page (after an action re-opens the route). */
export function setFlash(text: string): void {
  flash = text;
}
export function takeFlash(): string {
  const text = flash;
  flash = '';
  return text;
}

/** Focuses an element once the page is in the document. */
export function focusLater(el: HTMLElement): void {
  requestAnimationFrame(() => {
    if (el.isConnected && el.textContent) el.focus();
  });
}

export interface Row {
  cells: Array<Child | Child[]>;
  attrs?: Record<string, string>;
}

/**
 * A data table with caption, column headers and `data-label`s (phones show each row as a card);
 * wrapped in a focusable, labelled region so it scrolls by keyboard. With `sort`, the sortable
 * headers are buttons that sort the list on the server (sort-header.ts).
 */
export function dataTable(
  id: string,
  caption: string,
  headers: Header[],
  rows: Row[],
  label = caption,
  sort?: SortContext,
): HTMLElement {
  const texts = headers.map(headerText);
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' },
    h(
      'table',
      { class: 'data', id },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((t) => (headerText(t) ? headerCell(t, sort) : h('td', {}))),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            r.attrs ?? {},
            r.cells.map((c, i) => h('td', texts[i] ? { 'data-label': texts[i]! } : { class: 'tick' }, c)),
          ),
        ),
      ),
    ),
  );
}

/** 0 province (430000), 1 city (4302xx00 → 430200), 2 county. */
export function regionLevel(code: string): number {
  if (code.endsWith('0000')) return 0;
  return code.endsWith('00') ? 1 : 2;
}

/**
 * Whether this user is one level above a request made from `requestedRegion` (city for its
 * counties, province for cities and counties, a province ADMIN for the province). Only to offer
 * the buttons: the server decides (403 LEVEL_FORBIDDEN / SELF_APPROVAL).
 */
export function isLevelAbove(requestedRegion: string): boolean {
  const info = sessionInfo();
  if (!info) return false;
  const requested = regionLevel(requestedRegion);
  if (requested === 0) return info.role === 'ADMIN';
  return info.regions.some(
    (r) => regionLevel(r) < requested && requestedRegion.startsWith(r.slice(0, regionLevel(r) === 0 ? 2 : 4)),
  );
}

export function role(): string {
  return sessionInfo()?.role ?? '';
}

export function username(): string {
  return sessionInfo()?.username ?? '';
}

/** The list's filters from the page URL (same names as the API's query), without page. */
export function filterParams(params: URLSearchParams, names: string[]): URLSearchParams {
  const q = new URLSearchParams();
  for (const name of names) {
    const v = params.get(name);
    if (v) q.set(name, v);
  }
  return q;
}

export function apiQuery(params: URLSearchParams, names: string[], pageSize: number): string {
  const q = filterParams(params, names);
  q.set('page', params.get('page') || '1');
  q.set('pageSize', String(pageSize));
  return q.toString();
}

export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

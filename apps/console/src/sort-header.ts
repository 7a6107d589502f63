/**
 * Sortable column headers: a button in the <th> (aria-sort on the th of the sorted column) that asks
 * the server for the list in that order. The sort lives in the URL beside the filters (`sort=field`
 * ascending, `sort=-field` descending), so the pager, the detail links, the back link and the CSV
 * export keep it; changing it goes back to page 1.
 */
import { h } from './dom.js';
import { go } from './route.js';
import { Header, headerText, nextSort, SortContext, SortHeader, sortDirection, sortedParams } from './sort-params.js';

export { sortable } from './sort-params.js';
export type { Header, SortContext, SortHeader } from './sort-params.js';
export { headerText };

/** A column header cell: a sort button when the column is sortable and a context is given. */
export function headerCell(header: Header, ctx?: SortContext, attrs: Record<string, string> = {}): HTMLElement {
  if (typeof header === 'string' || !ctx) return h('th', { scope: 'col', ...attrs }, headerText(header));
  const direction = sortDirection(ctx.params, header.field);
  // first click ascending; on the sorted column the other direction
  const nextWord = direction === 'ascending' ? '降序' : '升序';
  // the label alone is the button's text (and name); the direction is the th's aria-sort, shown by CSS
  // (▲ ▼ ↕, console.css), and the title says what a click does in Chinese
  const button = h(
    'button',
    {
      type: 'button',
      class: 'sort',
      'data-sort': header.field,
      title: `${direction ? `当前${direction === 'ascending' ? '升序' : '降序'}，` : ''}点击按${header.text}${nextWord}排列`,
      onclick: () => go(ctx.path, sortedParams(ctx, nextSort(ctx.params, header.field))),
    },
    header.text,
  );
  return h('th', { scope: 'col', ...(direction ? { 'aria-sort': direction } : {}), ...attrs }, button);
}

/**
 * Sort buttons outside a table's header row, for a list whose rows are groups (the backfill
 * candidates: one project per group, permits as rows): each button says its direction (升序/降序)
 * and the active one is pressed.
 */
export function sortButtons(label: string, fields: SortHeader[], ctx: SortContext): HTMLElement {
  return h(
    'div',
    { class: 'sort-buttons', role: 'group', 'aria-label': label },
    h('span', { class: 'hint' }, `${label}：`),
    fields.map((f) => {
      const direction = sortDirection(ctx.params, f.field);
      const nextWord = direction === 'ascending' ? '降序' : '升序';
      return h(
        'button',
        {
          type: 'button',
          class: 'small sort',
          'data-sort': f.field,
          'aria-pressed': direction ? 'true' : 'false',
          title: `按${f.text}${nextWord}排列`,
          onclick: () => go(ctx.path, sortedParams(ctx, nextSort(ctx.params, f.field))),
        },
        f.text,
        direction ? `（${direction === 'ascending' ? '升序' : '降序'}）` : '',
      );
    }),
  );
}

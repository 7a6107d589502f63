import { ApiError, getJson, request } from '../api.js';
import { field, formatTime, h, saveFile, select, showFieldErrors } from '../dom.js';
import { ALERT_SCOPES, ALERT_STATES, ALERT_TYPES, label } from '../labels.js';
import { formParams, go, href } from '../route.js';
import { headerCell, sortable } from '../sort-header.js';

export interface Alert {
  id: string;
  type: string;
  state: string;
  scope: string | null;
  regionCode: string;
  projectCode: string | null;
  projectName: string;
  permitNumber: string | null;
  presaleNumber: string | null;
  raisedAt: string;
  daysOverdue: number | null;
  clearedAt: string | null;
  facts: Record<string, unknown>;
  followUps: Array<{
    id: string;
    reason: string;
    measures: string;
    responsiblePerson: string;
    phone: string;
    plannedDate: string;
    recordedBy: string;
    recordedAt: string;
  }>;
  /** the latest dismissal request (误报核销), if any */
  dismissal?: AlertDismissal | null;
}

export interface AlertDismissal {
  id: string;
  state: string;
  reason: string;
  evidence: { sha256: string; contentType: string; size: number; fileName: string; uploadedAt: string };
  requestedBy: string;
  requestedRegion: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

interface AlertPage {
  items: Alert[];
  page: number;
  pageSize: number;
  total: number;
}

/** The list's filters and column sort: the same names as the API's query, kept in the page URL. */
export const ALERT_FILTERS = ['type', 'state', 'scope', 'regionCode', 'keyword', 'sort'];
const PAGE_SIZE = 20;

function filterQuery(params: URLSearchParams, withPage: boolean): string {
  const q = new URLSearchParams();
  for (const name of ALERT_FILTERS) {
    const v = params.get(name);
    if (v) q.set(name, v);
  }
  if (withPage) {
    q.set('page', params.get('page') || '1');
    q.set('pageSize', String(PAGE_SIZE));
  }
  return q.toString();
}

export async function alertsPage(params: URLSearchParams): Promise<HTMLElement> {
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '预警筛选 Alert filters', novalidate: true },
    field('类型 Type', select('type', [['', '全部 All'], ...ALERT_TYPES], params.get('type') ?? '')),
    field('状态 State', select('state', [['', '未关闭（默认）Open'], ...ALERT_STATES], params.get('state') ?? '')),
    field('范围 Scope', select('scope', [['', '全部 All'], ...ALERT_SCOPES], params.get('scope') ?? '')),
    field(
      '区划代码 Region',
      h('input', {
        name: 'regionCode',
        inputmode: 'numeric',
        maxlength: 6,
        placeholder: '如 430223',
        value: params.get('regionCode') ?? '',
      }),
    ),
    field(
      '关键字 Keyword',
      h('input', {
        name: 'keyword',
        type: 'search',
        maxlength: 50,
        placeholder: '项目名称、项目代码、许可证号',
        value: params.get('keyword') ?? '',
      }),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/alerts') }, '重置 Reset'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/alerts', formParams(form, ALERT_FILTERS));
  });

  const status = h('p', { role: 'status', class: 'status', id: 'alerts-status' });
  const exportButton = h('button', { type: 'button', id: 'export-csv' }, '导出 CSV（全部结果）Export');
  exportButton.addEventListener('click', () => void exportCsv(params, status));

  const section = h(
    'section',
    {},
    h('h1', {}, '预警 Alerts'),
    form,
    h('div', { class: 'toolbar' }, exportButton, status),
  );

  let page: AlertPage;
  try {
    page = await getJson<AlertPage>(`/api/v1/supervision/alerts?${filterQuery(params, true)}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(form, err.problem.errors ?? []);
    section.appendChild(
      h('p', { role: 'alert', class: 'error' }, err.problem.detail, unplaced.length ? ` ${unplaced.join('；')}` : ''),
    );
    return section;
  }

  const current = Number(params.get('page') || '1');
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const headers = [
    sortable('类型', 'type'),
    '状态',
    sortable('区划', 'regionCode'),
    sortable('项目', 'projectName'),
    '许可证',
    '逾期天数',
    sortable('预警时间', 'raisedAt'),
  ];
  const table = h(
    'table',
    { class: 'data', id: 'alerts-table' },
    h('caption', {}, `共 ${page.total} 条预警（第 ${current} / ${pages} 页）`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((t) => headerCell(t, { path: '/alerts', params, keep: ALERT_FILTERS })),
      ),
    ),
    h(
      'tbody',
      {},
      page.items.map((a) =>
        h(
          'tr',
          { 'data-alert-id': a.id },
          h('td', { 'data-label': '类型' }, label(ALERT_TYPES, a.type)),
          h(
            'td',
            { 'data-label': '状态' },
            h('span', { class: `state state-${a.state}` }, label(ALERT_STATES, a.state)),
            a.dismissal?.state === 'PENDING' ? h('span', { class: 'state dismissal-pending' }, '核销待审') : null,
          ),
          h('td', { 'data-label': '区划' }, a.regionCode),
          h(
            'td',
            { 'data-label': '项目' },
            h(
              'a',
              // the filters and the page: 返回预警列表 comes back to this very page
              { href: href(`/alerts/${a.id}`, pageParams(params, current)) },
              a.projectName || '（未命名）',
            ),
          ),
          h('td', { 'data-label': '许可证', class: 'num' }, a.permitNumber ?? a.presaleNumber ?? '—'),
          h('td', { 'data-label': '逾期天数', class: 'num' }, a.daysOverdue === null ? '—' : String(a.daysOverdue)),
          h('td', { 'data-label': '预警时间' }, formatTime(a.raisedAt)),
        ),
      ),
    ),
  );
  section.appendChild(
    page.items.length
      ? h('div', { class: 'table-wrap', role: 'region', 'aria-label': '预警列表 Alert list', tabindex: '0' }, table)
      : h('p', { class: 'empty' }, '没有符合条件的预警 (no alerts match)'),
  );
  section.appendChild(pager(current, pages, (p) => href('/alerts', pageParams(params, p))));
  return section;
}

function pageParams(params: URLSearchParams, page: number): URLSearchParams {
  const next = new URLSearchParams(filterQuery(params, false));
  if (page > 1) next.set('page', String(page));
  return next;
}

export function pager(current: number, pages: number, link: (page: number) => string): HTMLElement {
  return h(
    'nav',
    { class: 'pager', 'aria-label': '分页 Pages' },
    current > 1 ? h('a', { href: link(current - 1), rel: 'prev' }, '上一页 Previous') : null,
    h('span', {}, `第 ${current} / ${pages} 页`),
    current < pages ? h('a', { href: link(current + 1), rel: 'next' }, '下一页 Next') : null,
  );
}

/** The whole result (not one page) as the server's CSV, saved under the server's file name. */
async function exportCsv(params: URLSearchParams, status: HTMLElement): Promise<void> {
  status.textContent = '正在导出… (exporting)';
  try {
    const res = await request(`/api/v1/supervision/alerts/export?${filterQuery(params, false)}`, {
      headers: { accept: 'text/csv' },
    });
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'alerts.csv';
    saveFile(await res.blob(), name);
    status.textContent = `已导出 ${name} (exported)`;
  } catch (err) {
    status.textContent = err instanceof ApiError ? err.problem.detail : String(err);
  }
}

import { ApiError, getJson } from '../api.js';
import { field, formatTime, h, showFieldErrors } from '../dom.js';
import { ExportColumn, exportControl } from '../export.js';
import { apiQuery, dataTable, filterParams } from '../kit.js';
import { label, ROLES } from '../labels.js';
import { formParams, go, href } from '../route.js';
import { pager } from './alerts.js';
import { sortable } from '../sort-header.js';

interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  role: string | null;
  region: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  correlationId: string | null;
  status: number;
}

interface AuditPage {
  items: AuditEntry[];
  page: number;
  pageSize: number;
  total: number;
}

/** The list's filters: the same names as GET /api/v1/audit, kept in the page URL. */
/** The list's URL parameters (the API's names): filters and the column sort. */
const FILTERS = ['actor', 'action', 'from', 'to', 'sort'];
const PAGE_SIZE = 50;
/** GET /api/v1/audit allows 200 a page (AuditQueryDto, @Max(200)). */
const EXPORT_PAGE_SIZE = 200;

/** The CSV of the whole result: the list's columns, before / after as the server's redacted JSON. */
const EXPORT_COLUMNS: Array<ExportColumn<AuditEntry>> = [
  { header: '时间 at', value: (e) => e.at },
  { header: '操作人 actor', value: (e) => e.actor },
  { header: '角色 role', value: (e) => (e.role ? label(ROLES, e.role) : '') },
  { header: '区划 region', value: (e) => e.region },
  { header: '操作 action', value: (e) => e.action },
  { header: '对象 target', value: (e) => e.target },
  { header: '状态码 status', value: (e) => e.status },
  { header: '变更前 before', value: (e) => (e.before === null ? '' : JSON.stringify(e.before)) },
  { header: '变更后 after', value: (e) => (e.after === null ? '' : JSON.stringify(e.after)) },
  { header: '关联编号 correlationId', value: (e) => e.correlationId },
];

/**
 * 审计 (PROVINCE, ADMIN): every staff write and every login, newest first, with the server's
 * redaction (passwords, ID numbers, mobiles); filters by actor, action prefix and dates in the URL.
 */
export async function auditPage(params: URLSearchParams): Promise<HTMLElement> {
  const input = (name: string, extra: Record<string, string | number> = {}) =>
    h('input', { name, value: params.get(name) ?? '', ...extra });
  const filters = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '审计筛选 Filters', novalidate: true },
    field(
      '操作人 Actor',
      input('actor', { maxlength: 128, placeholder: '用户名，如 zhuzhou.wang', autocomplete: 'off' }),
    ),
    field(
      '操作（前缀）Action',
      input('action', { maxlength: 200, placeholder: '如 POST /api/v1/account-applications', autocomplete: 'off' }),
    ),
    field('起始日期 From', input('from', { type: 'date' })),
    field('截止日期 To', input('to', { type: 'date' })),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/audit') }, '重置 Reset'),
    ),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/audit', formParams(filters, FILTERS));
  });
  const section = h(
    'section',
    {},
    h('h1', {}, '审计日志 Audit trail'),
    h(
      'p',
      { class: 'hint' },
      '工作人员的每一次写操作和每一次登录（成功或失败），按时间倒序；密码、密钥、令牌、身份证号、电话已由服务器脱敏。日期按北京时间，截止日期含当天。',
    ),
    filters,
    exportControl({
      route: '/api/v1/audit',
      filters: filterParams(params, FILTERS),
      maxPageSize: EXPORT_PAGE_SIZE,
      columns: EXPORT_COLUMNS,
      fileName: 'audit',
      key: (e: AuditEntry) => String(e.id),
    }),
  );
  let page: AuditPage;
  try {
    page = await getJson<AuditPage>(`/api/v1/audit?${apiQuery(params, FILTERS, PAGE_SIZE)}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(filters, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }
  const rows = page.items.map((e) => ({
    attrs: { 'data-audit': String(e.id) },
    cells: [
      h('span', { class: 'num' }, formatTime(e.at)),
      e.actor,
      e.role ? `${label(ROLES, e.role)} ${e.region ?? ''}` : '—',
      h('span', { class: 'audit-action' }, breakable(e.action)),
      e.target ?? '—',
      h('span', { class: e.status >= 400 ? 'error' : '' }, String(e.status)),
      details(e),
    ],
  }));
  const current = Number(params.get('page') || '1');
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  section.appendChild(
    page.items.length
      ? dataTable(
          'audit-table',
          `共 ${page.total} 条（第 ${current} / ${pages} 页）`,
          [
            sortable('时间', 'at'),
            sortable('操作人', 'actor'),
            '角色与区划',
            sortable('操作', 'action'),
            '对象',
            '状态码',
            '内容',
          ],
          rows,
          '审计日志 Audit entries',
          { path: '/audit', params, keep: FILTERS },
        )
      : h('p', { class: 'empty' }, '没有符合条件的记录 (no entries match)'),
  );
  section.appendChild(
    pager(current, pages, (p) => {
      const next = filterParams(params, FILTERS);
      if (p > 1) next.set('page', String(p));
      return href('/audit', next);
    }),
  );
  return section;
}

/** The redacted before / after as the server stored them, folded (keyboard: the summary is a button). */
function details(e: AuditEntry): HTMLElement | string {
  if (e.before === null && e.after === null) return '—';
  const json = (v: unknown): string => JSON.stringify(v, null, 2);
  return h(
    'details',
    { class: 'audit-details' },
    h('summary', {}, '查看', h('span', { class: 'visually-hidden' }, ` ${e.action} ${formatTime(e.at)}`)),
    e.before !== null ? h('div', {}, h('strong', {}, '变更前'), pre('变更前 Before', json(e.before))) : null,
    e.after !== null
      ? h('div', {}, h('strong', {}, e.before !== null ? '变更后' : '请求内容'), pre('变更后 After', json(e.after)))
      : null,
  );
}

/** A scrolling block reachable by keyboard (tabindex) and named for screen readers. */
function pre(name: string, text: string): HTMLElement {
  return h('pre', { tabindex: '0', role: 'region', 'aria-label': name }, text);
}

/** A route with a line-break opportunity after each "/" (long routes wrap between segments, not mid-word). */
function breakable(text: string): Array<string | HTMLElement> {
  return text.split('/').flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), `/${part}`]));
}

import { ApiError, getJson } from '../api.js';
import { field, h, select, showFieldErrors } from '../dom.js';
import { ExportColumn, exportControl, PAGE_SIZE_MAX, yuanCell } from '../export.js';
import { apiQuery, dataTable, filterParams, focusLater, statusLine, takeFlash } from '../kit.js';
import { label } from '../labels.js';
import { fenToYuan } from '../money.js';
import { formParams, go, href } from '../route.js';
import { sortable } from '../sort-header.js';
import { ESCROW_LIST_STATES } from '../supervision-labels.js';
import { pager } from './alerts.js';

export interface StoredScan {
  sha256: string;
  contentType: string;
  size: number;
  fileName: string;
  uploadedAt: string;
}

export interface EscrowRecord {
  presaleNumber: string;
  regionCode: string;
  projectName: string;
  capitalGuaranteeAmount: number | null;
  commitmentLetter: boolean;
  fundSupervision: boolean;
  bank: string | null;
  account: string | null;
  balance: number;
  balanceAsOf: string;
  state: 'DRAFT' | 'SUBMITTED';
  version: number;
  enteredBy: string;
  updatedAt: string;
  commitmentLetterScan: StoredScan | null;
}

export interface EscrowItem {
  presaleNumber: string;
  regionCode: string;
  projectName: string;
  developerName: string;
  issueDate: string;
  record: EscrowRecord | null;
}

interface EscrowPage {
  items: EscrowItem[];
  page: number;
  pageSize: number;
  total: number;
}

/** The list's URL parameters (the API's names): filters and the column sort. */
export const ESCROW_FILTERS = ['regionCode', 'state', 'sort'];
const PAGE_SIZE = 20;

/** The CSV of the whole result: the list's columns, amounts in 元 (two decimals). */
const EXPORT_COLUMNS: Array<ExportColumn<EscrowItem>> = [
  { header: '预售许可证号 presaleNumber', value: (i) => i.presaleNumber },
  { header: '项目名称 projectName', value: (i) => i.projectName },
  { header: '开发企业 developerName', value: (i) => i.developerName },
  { header: '区划 regionCode', value: (i) => i.regionCode },
  { header: '发证日期 issueDate', value: (i) => i.issueDate },
  { header: '资金监管 state', value: (i) => label(ESCROW_LIST_STATES, i.record ? i.record.state : 'NONE') },
  { header: '版本 version', value: (i) => i.record?.version },
  {
    header: '资本保证金（元）capitalGuaranteeAmount',
    value: (i) =>
      i.record && i.record.capitalGuaranteeAmount === null
        ? '以承诺函替代'
        : yuanCell(i.record?.capitalGuaranteeAmount),
  },
  { header: '监管账户余额（元）balance', value: (i) => yuanCell(i.record?.balance) },
];

/** 补录预售资金监管信息: the backfilled (Z) presale permits of the user's region with their escrow records. */
export async function escrowListPage(params: URLSearchParams): Promise<HTMLElement> {
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '资金监管筛选 Escrow filters', novalidate: true },
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
    field('资金监管状态 State', select('state', [['', '全部 All'], ...ESCROW_LIST_STATES], params.get('state') ?? '')),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/escrow') }, '重置 Reset'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/escrow', formParams(form, ESCROW_FILTERS));
  });
  const notice = statusLine('escrow-list-notice', takeFlash());
  focusLater(notice);
  const section = h(
    'section',
    {},
    h('h1', {}, '补录预售资金监管信息'),
    h(
      'p',
      { class: 'hint' },
      '已补录的预售许可证（Z 号）逐个补录资金监管信息：录入后为草稿，可修改、撤回；提交后锁定。Enter, withdraw, submit (locks).',
    ),
    form,
    exportControl({
      route: '/api/v1/supervision/escrow',
      filters: filterParams(params, ESCROW_FILTERS),
      maxPageSize: PAGE_SIZE_MAX,
      columns: EXPORT_COLUMNS,
      fileName: 'escrow',
      key: (i: EscrowItem) => i.presaleNumber,
      unit: '个预售许可证',
    }),
    notice,
  );

  let page: EscrowPage;
  try {
    page = await getJson<EscrowPage>(`/api/v1/supervision/escrow?${apiQuery(params, ESCROW_FILTERS, PAGE_SIZE)}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(form, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }

  const current = Number(params.get('page') || '1');
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const keep = filterParams(params, [...ESCROW_FILTERS, 'page']);
  const headers = [
    sortable('预售许可证号', 'presaleNumber'),
    sortable('项目名称', 'projectName'),
    '开发企业',
    sortable('区划', 'regionCode'),
    sortable('发证日期', 'issueDate'),
    '资金监管',
    '资本保证金（元）',
    '监管账户余额（元）',
    '操作',
  ];
  const rows = page.items.map((item) => {
    const r = item.record;
    const state = r ? r.state : 'NONE';
    return {
      attrs: { 'data-presale': item.presaleNumber },
      cells: [
        h('span', { class: 'num' }, item.presaleNumber),
        item.projectName,
        item.developerName,
        item.regionCode,
        h('span', { class: 'num' }, item.issueDate),
        h(
          'span',
          { class: `state record-${state}` },
          label(ESCROW_LIST_STATES, state),
          r ? ` · 第 ${r.version} 版` : '',
        ),
        r ? (r.capitalGuaranteeAmount === null ? '以承诺函替代' : fenToYuan(r.capitalGuaranteeAmount)) : '—',
        r ? h('span', { class: 'num' }, fenToYuan(r.balance)) : '—',
        h(
          'a',
          { class: 'button', href: href(`/escrow/${item.presaleNumber}`, keep) },
          state === 'SUBMITTED' ? '查看 View' : '补录资金监管',
          h('span', { class: 'visually-hidden' }, ` ${item.presaleNumber}`),
        ),
      ],
    };
  });
  section.appendChild(
    page.items.length
      ? dataTable(
          'escrow-table',
          `共 ${page.total} 个补录预售许可证（第 ${current} / ${pages} 页）`,
          headers,
          rows,
          '补录预售许可证列表 Backfilled presale permits',
          { path: '/escrow', params, keep: ESCROW_FILTERS },
        )
      : h('p', { class: 'empty' }, '没有符合条件的补录预售许可证 (no backfilled presale permits match)'),
  );
  section.appendChild(
    pager(current, pages, (p) => {
      const next = filterParams(params, ESCROW_FILTERS);
      if (p > 1) next.set('page', String(p));
      return href('/escrow', next);
    }),
  );
  return section;
}

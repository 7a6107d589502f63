import { ApiError, getJson, postJson } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { field, formatTime, h, select, showFieldErrors } from '../dom.js';
import { ExportColumn, exportControl, PAGE_SIZE_MAX, yuanCell } from '../export.js';
import { apiQuery, dataTable, filterParams, focusLater, setFlash, showProblem, statusLine, takeFlash } from '../kit.js';
import { label } from '../labels.js';
import { fenToYuan } from '../money.js';
import { formParams, go, href } from '../route.js';
import { canWrite, sessionInfo } from '../session.js';
import { RECORD_STATES, STATISTIC_KINDS } from '../supervision-labels.js';
import { pager } from './alerts.js';
import { entryForm, fillEntry, Statistic } from './signing-statistic-entry.js';
import { sortable } from '../sort-header.js';

interface StatisticPage {
  items: Statistic[];
  page: number;
  pageSize: number;
  total: number;
}

/** The list's URL parameters (the API's names): filters and the column sort. */
const FILTERS = ['presaleNumber', 'month', 'state', 'sort'];
const PAGE_SIZE = 50;
/** The CSV of the whole result: the list's columns, 金额 in 元. */
const EXPORT_COLUMNS: Array<ExportColumn<Statistic>> = [
  { header: '预售许可证号 presaleNumber', value: (s) => s.presaleNumber },
  { header: '项目名称 projectName', value: (s) => s.projectName },
  { header: '区划 regionCode', value: (s) => s.regionCode },
  { header: '月份 month', value: (s) => s.month },
  { header: '类别 kind', value: (s) => label(STATISTIC_KINDS, s.kind) },
  { header: '网签套数 contractsSigned', value: (s) => s.contractsSigned },
  { header: '面积（㎡）floorArea', value: (s) => s.floorArea.toFixed(2) },
  { header: '金额（元）amount', value: (s) => yuanCell(s.amountFen) },
  { header: '状态 state', value: (s) => label(RECORD_STATES, s.state) },
  { header: '版本 version', value: (s) => s.version },
  { header: '录入人 enteredBy', value: (s) => s.enteredBy },
  { header: '更新时间 updatedAt', value: (s) => s.updatedAt },
  { header: '提交时间 submittedAt', value: (s) => s.submittedAt },
];
const reload = (params: URLSearchParams): void => go('/signing-statistics', filterParams(params, [...FILTERS, 'page']));

/** 网签统计补录: one presale permit and month per record; drafts are changed, withdrawn (撤回) and submitted (提交, locks). */
export async function signingStatisticsPage(params: URLSearchParams): Promise<HTMLElement> {
  const filters = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '网签统计筛选 Filters', novalidate: true },
    field(
      '预售许可证号 Presale number',
      h('input', { name: 'presaleNumber', maxlength: 22, value: params.get('presaleNumber') ?? '' }),
    ),
    field('月份 Month', h('input', { name: 'month', type: 'month', value: params.get('month') ?? '' })),
    field('状态 State', select('state', [['', '全部 All'], ...RECORD_STATES], params.get('state') ?? '')),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/signing-statistics') }, '重置 Reset'),
    ),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/signing-statistics', formParams(filters, FILTERS));
  });
  const notice = statusLine('statistics-notice', takeFlash());
  focusLater(notice);
  const section = h(
    'section',
    {},
    h('h1', {}, '网签统计补录'),
    h(
      'p',
      { class: 'hint' },
      '按预售许可证和月份录入当月网签套数、面积和金额：2024-09-01 切换日前的月份为补录，此后为定期报送。草稿可修改、撤回；提交后锁定并报送。',
    ),
    notice,
  );
  const entry = canWrite() ? entryForm(params, () => reload(params)) : null;
  if (entry) section.appendChild(entry);
  section.appendChild(h('h2', {}, '已录入的网签统计 Statistics'));
  section.appendChild(filters);
  section.appendChild(
    exportControl({
      route: '/api/v1/supervision/signing-statistics',
      filters: filterParams(params, FILTERS),
      maxPageSize: PAGE_SIZE_MAX,
      columns: EXPORT_COLUMNS,
      fileName: 'signing-statistics',
      key: (s: Statistic) => `${s.presaleNumber}-${s.month}`,
    }),
  );

  let page: StatisticPage;
  try {
    page = await getJson<StatisticPage>(
      `/api/v1/supervision/signing-statistics?${apiQuery(params, FILTERS, PAGE_SIZE)}`,
    );
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(filters, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }

  const result = statusLine('statistics-result');
  const boxes: Array<{ box: HTMLInputElement; s: Statistic }> = [];
  const me = sessionInfo()?.username;
  const headers = [
    '',
    sortable('预售许可证号', 'presaleNumber'),
    '项目名称',
    sortable('区划', 'regionCode'),
    sortable('月份', 'month'),
    '网签套数',
    '面积（㎡）',
    '金额（元）',
    '状态',
    sortable('录入', 'updatedAt'),
    '操作',
  ];
  const rows = page.items.map((s) => {
    const key = `${s.presaleNumber}-${s.month}`;
    const box = h('input', { type: 'checkbox', id: `tick-${key}`, disabled: s.state !== 'DRAFT' || !canWrite() });
    if (s.state === 'DRAFT') boxes.push({ box, s });
    const actions: HTMLElement[] = [];
    if (canWrite() && s.state === 'DRAFT' && entry) {
      const edit = h(
        'button',
        { type: 'button', class: 'small' },
        '修改',
        h('span', { class: 'visually-hidden' }, ` ${key}`),
      );
      edit.addEventListener('click', () => fillEntry(entry, s));
      actions.push(edit);
      if (s.enteredBy === me) {
        const withdraw = h(
          'button',
          { type: 'button', class: 'small' },
          '撤回',
          h('span', { class: 'visually-hidden' }, ` ${key}`),
        );
        withdraw.addEventListener('click', () => void withdrawStatistic(s, result, params));
        actions.push(withdraw);
      }
    }
    return {
      attrs: { 'data-statistic': key },
      cells: [
        [box, h('label', { for: box.id, class: 'visually-hidden' }, `勾选 ${key}`)],
        h('span', { class: 'num' }, s.presaleNumber),
        s.projectName ?? '—',
        s.regionCode,
        h('span', { class: 'num' }, `${s.month} ${label(STATISTIC_KINDS, s.kind)}`),
        h('span', { class: 'num' }, String(s.contractsSigned)),
        h('span', { class: 'num' }, s.floorArea.toFixed(2)),
        h('span', { class: 'num' }, fenToYuan(s.amountFen)),
        h('span', { class: `state record-${s.state}` }, label(RECORD_STATES, s.state), ` · 第 ${s.version} 版`),
        `${s.enteredBy} · ${formatTime(s.updatedAt)}`,
        actions.length ? h('div', { class: 'row-actions' }, actions) : '—',
      ],
    };
  });
  if (canWrite()) {
    const submit = h(
      'button',
      { type: 'button', class: 'primary', id: 'submit-statistics' },
      '提交所选 Submit selected',
    );
    submit.addEventListener(
      'click',
      () =>
        void submitTicked(
          boxes.filter((b) => b.box.checked).map((b) => b.s),
          result,
          params,
        ),
    );
    section.appendChild(
      h(
        'div',
        { class: 'toolbar' },
        submit,
        h('span', { class: 'hint' }, '一次提交同一预售许可证的若干月份，全部成功或全部不提交。'),
      ),
    );
  }
  section.appendChild(result);
  const current = Number(params.get('page') || '1');
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  section.appendChild(
    page.items.length
      ? dataTable(
          'statistics-table',
          `共 ${page.total} 条网签统计（第 ${current} / ${pages} 页）`,
          headers,
          rows,
          '网签统计列表 Statistics',
          { path: '/signing-statistics', params, keep: FILTERS },
        )
      : h('p', { class: 'empty' }, '没有符合条件的网签统计 (no statistics match)'),
  );
  section.appendChild(
    pager(current, pages, (p) => {
      const next = filterParams(params, FILTERS);
      if (p > 1) next.set('page', String(p));
      return href('/signing-statistics', next);
    }),
  );
  return section;
}

async function withdrawStatistic(s: Statistic, result: HTMLElement, params: URLSearchParams): Promise<void> {
  const ok = await confirmDialog({
    title: '撤回网签统计 Withdraw',
    body: [
      h(
        'p',
        {},
        `撤回预售许可证 ${s.presaleNumber} ${s.month} 网签统计的第 ${s.version} 版：`,
        s.version > 1 ? '恢复为上一版本。' : '这是唯一的版本，撤回后该草稿删除。',
      ),
    ],
    confirm: '确认撤回 Withdraw',
  });
  if (ok === null) return;
  try {
    const res = await postJson<{ outcome: string; withdrawnVersion: number }>(
      '/api/v1/supervision/signing-statistics/withdraw',
      { presaleNumber: s.presaleNumber, month: s.month },
    );
    setFlash(
      `已撤回 ${s.presaleNumber} ${s.month} 的第 ${res.withdrawnVersion} 版` +
        (res.outcome === 'RESTORED' ? '，恢复为上一版本 (restored)' : '，草稿已删除 (removed)'),
    );
    reload(params);
  } catch (err) {
    showProblem(err, result);
  }
}

async function submitTicked(ticked: Statistic[], result: HTMLElement, params: URLSearchParams): Promise<void> {
  result.className = 'error';
  result.tabIndex = -1;
  if (!ticked.length) {
    result.textContent = '请先勾选要提交的草稿 (tick drafts first)';
    result.focus();
    return;
  }
  const permits = [...new Set(ticked.map((s) => s.presaleNumber))];
  if (permits.length > 1) {
    result.textContent = `一次只能提交同一预售许可证的月份，已勾选 ${permits.length} 个预售许可证 (one presale permit at a time)`;
    result.focus();
    return;
  }
  const months = ticked.map((s) => s.month).sort();
  const ok = await confirmDialog({
    title: '提交并锁定网签统计 Submit and lock',
    body: [
      h(
        'p',
        { class: 'lock-warning' },
        `提交后，预售许可证 ${permits[0]} 以下 ${months.length} 个月的网签统计将锁定并报送，不能再修改或撤回：`,
      ),
      h(
        'ul',
        {},
        ticked.map((s) =>
          h(
            'li',
            {},
            `${s.month}：${s.contractsSigned} 套，${s.floorArea.toFixed(2)} ㎡，${fenToYuan(s.amountFen)} 元（第 ${s.version} 版）`,
          ),
        ),
      ),
    ],
    confirm: '确认提交并锁定 Submit',
  });
  if (ok === null) return;
  try {
    await postJson('/api/v1/supervision/signing-statistics/submit', { presaleNumber: permits[0], months });
    setFlash(`已提交并锁定 ${permits[0]} ${months.join('、')} 的网签统计 (submitted, locked)`);
    reload(params);
  } catch (err) {
    showProblem(err, result);
  }
}

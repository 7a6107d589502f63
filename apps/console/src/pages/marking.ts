import { ApiError, getJson } from '../api.js';
import { field, h, select, showFieldErrors } from '../dom.js';
import { ExportColumn, exportControl, PAGE_SIZE_MAX } from '../export.js';
import { label, MARKING_STATES, PROJECT_TYPES } from '../labels.js';
import { timeRender } from '../render-timing.js';
import { formParams, go, href } from '../route.js';
import { canWrite } from '../session.js';
import { headerCell, sortable } from '../sort-header.js';
import { pager } from './alerts.js';
import { markSelected, MarkingContext, showProblem, submitSelected, withdrawLastStep } from './marking-actions.js';
import {
  fetchWholeResult,
  MarkingPage,
  MarkingRow,
  markingSelection,
  MAX_PER_REQUEST,
  SelectionTooLarge,
} from './marking-selection.js';

const FILTERS = ['regionCode', 'issueDateFrom', 'issueDateTo', 'projectType', 'keyword'];
const PAGE_SIZES: Array<[string, string]> = [
  ['20', '20 条'],
  ['50', '50 条'],
  ['100', '100 条'],
];
const DEFAULT_PAGE_SIZE = '50';
/** The work plan's columns, 证号 first (the row's header cell). */
const HEADERS = [
  '证号（施工许可证）',
  '项目名称',
  '区划',
  '项目类型',
  '开工时间',
  '计划竣工时间',
  '是否竣工验收',
  '实际竣工时间',
  '标记状态',
];
/** The sort field of each of HEADERS the server sorts by (MARKING_LIST_SORT of @hn/messages). */
const SORT_FIELDS: Array<string | null> = [
  'permitNumber',
  'projectName',
  'regionCode',
  null,
  'startDate',
  'plannedCompletionDate',
  null,
  null,
  null,
];

/** The CSV of the whole result: the list's columns (and the project code shown under the name). */
const EXPORT_COLUMNS: Array<ExportColumn<MarkingRow>> = [
  { header: '证号（施工许可证）permitNumber', value: (r) => r.permitNumber },
  { header: '项目名称 projectName', value: (r) => r.projectName },
  { header: '工改项目编码 projectCode', value: (r) => r.projectCode },
  { header: '区划 regionCode', value: (r) => r.regionCode },
  { header: '项目类型 projectType', value: (r) => label(PROJECT_TYPES, r.projectType, '未标记') },
  { header: '开工时间 startDate', value: (r) => r.startDate },
  { header: '计划竣工时间 plannedCompletionDate', value: (r) => r.plannedCompletionDate },
  { header: '是否竣工验收 accepted', value: (r) => r.accepted },
  { header: '实际竣工时间 actualCompletionDate', value: (r) => r.actualCompletionDate },
  {
    header: '标记状态 markingState',
    value: (r) => (r.markingState === 'SUBMITTED' ? '已提交（锁定）' : label(MARKING_STATES, r.markingState, '')),
  },
];

function filterQuery(params: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const name of FILTERS) if (params.get(name)) q.set(name, params.get(name)!);
  return q;
}

function filterForm(params: URLSearchParams): HTMLFormElement {
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '标记筛选 Marking filters', novalidate: true },
    field(
      '区划代码 Region',
      h('input', { name: 'regionCode', inputmode: 'numeric', maxlength: 6, value: params.get('regionCode') ?? '' }),
    ),
    field(
      '发证日期起 Issued from',
      h('input', { name: 'issueDateFrom', type: 'date', value: params.get('issueDateFrom') ?? '' }),
    ),
    field(
      '发证日期止 Issued to',
      h('input', { name: 'issueDateTo', type: 'date', value: params.get('issueDateTo') ?? '' }),
    ),
    field(
      '项目类型 Project type',
      select(
        'projectType',
        [['', '全部 All'], ['UNMARKED', '未标记 Unmarked'], ...PROJECT_TYPES],
        params.get('projectType') ?? '',
      ),
    ),
    field(
      '关键字 Keyword',
      h('input', {
        name: 'keyword',
        type: 'search',
        maxlength: 100,
        placeholder: '项目名称、许可证号、项目编码',
        value: params.get('keyword') ?? '',
      }),
    ),
    field('每页 Page size', select('pageSize', PAGE_SIZES, params.get('pageSize') || DEFAULT_PAGE_SIZE)),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/marking') }, '重置 Reset'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = formParams(form, [...FILTERS, 'sort', 'pageSize']);
    if (next.get('pageSize') === DEFAULT_PAGE_SIZE) next.delete('pageSize');
    go('/marking', next);
  });
  return form;
}

function row(r: MarkingRow, box: HTMLInputElement): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-permit': r.permitNumber },
    h('td', { class: 'tick' }, box, h('label', { for: box.id, class: 'visually-hidden' }, `勾选 ${r.permitNumber}`)),
    h('th', { scope: 'row', 'data-label': HEADERS[0], class: 'num' }, r.permitNumber),
    h('td', { 'data-label': HEADERS[1] }, r.projectName, h('span', { class: 'sub' }, `工改编码 ${r.projectCode}`)),
    h('td', { 'data-label': HEADERS[2], class: 'num' }, r.regionCode),
    h('td', { 'data-label': HEADERS[3], class: 'project-type' }, label(PROJECT_TYPES, r.projectType, '未标记')),
    h('td', { 'data-label': HEADERS[4], class: 'num' }, r.startDate ?? '—'),
    h('td', { 'data-label': HEADERS[5], class: 'num' }, r.plannedCompletionDate ?? '—'),
    h('td', { 'data-label': HEADERS[6] }, r.accepted ? '是' : '否'),
    h('td', { 'data-label': HEADERS[7], class: 'num' }, r.actualCompletionDate ?? '—'),
    h(
      'td',
      { 'data-label': HEADERS[8], class: 'marking-state' },
      r.markingState === 'SUBMITTED'
        ? h('span', { class: 'state state-locked' }, '已提交（锁定）')
        : label(MARKING_STATES, r.markingState),
    ),
  );
}

/** 预售商品房监管-存量预售项目标记: the system's list of recent permits, ticked (on a page or the whole result), marked, withdrawn, submitted. */
export async function markingPage(params: URLSearchParams, notice = ''): Promise<HTMLElement> {
  const form = filterForm(params);
  const section = h(
    'section',
    {},
    h('h1', {}, '预售商品房监管 - 存量预售项目标记'),
    h(
      'p',
      { class: 'hint' },
      '勾选施工许可证后批量标记其所属项目的类型；标记为草稿，可撤回，提交后生效并锁定。Marking is a draft until submitted.',
    ),
    form,
  );
  const filters = filterQuery(params);
  // the list and its export in the URL's sort; the selection belongs to the filters whatever the order
  const sorted = new URLSearchParams(filters);
  if (params.get('sort')) sorted.set('sort', params.get('sort')!);
  section.appendChild(
    exportControl({
      route: '/api/v1/supervision/marking',
      filters: sorted,
      maxPageSize: PAGE_SIZE_MAX,
      columns: EXPORT_COLUMNS,
      fileName: 'marking',
      key: (r: MarkingRow) => r.permitNumber,
      unit: '个施工许可证',
    }),
  );
  const current = Number(params.get('page') || '1');
  const pageSize = Number(params.get('pageSize') || DEFAULT_PAGE_SIZE);
  const query = new URLSearchParams(sorted);
  query.set('page', String(current));
  query.set('pageSize', String(pageSize));
  let page: MarkingPage;
  try {
    page = await getJson<MarkingPage>(`/api/v1/supervision/marking?${query.toString()}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(form, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }
  const started = performance.now();
  const selection = markingSelection.forFilters(filters.toString());
  selection.refresh(page.items);

  const result = h('div', { role: 'status', class: 'notice', id: 'marking-result', tabindex: '-1' }, notice);
  const count = h('span', { id: 'ticked-count' });
  const projectsCount = h('span', { id: 'ticked-projects' });
  const boxes: Array<[HTMLInputElement, MarkingRow]> = [];
  const selectAll = h('input', {
    type: 'checkbox',
    id: 'select-all',
    'aria-label': '全选本页 Select all on this page',
  });
  const refreshCount = (): void => {
    count.textContent = `已勾选 ${selection.size} 个`;
    projectsCount.textContent = `施工许可证，涉及 ${selection.projects().length} 个项目`;
    const ticked = boxes.filter(([b]) => b.checked).length;
    selectAll.checked = ticked > 0 && ticked === boxes.length;
    selectAll.indeterminate = ticked > 0 && ticked < boxes.length;
  };
  selectAll.addEventListener('change', () => {
    for (const [b, r] of boxes) {
      b.checked = selectAll.checked;
      selection.set(r, b.checked);
    }
    refreshCount();
  });
  const rows = page.items.map((r) => {
    const box = h('input', {
      type: 'checkbox',
      name: 'permit',
      value: r.permitNumber,
      id: `tick-${r.permitNumber}`,
      checked: selection.has(r.permitNumber),
    });
    box.addEventListener('change', () => {
      selection.set(r, box.checked);
      refreshCount();
    });
    boxes.push([box, r]);
    return row(r, box);
  });
  const pages = Math.max(1, Math.ceil(page.total / pageSize));
  const table = h(
    'table',
    { class: 'data', id: 'marking-table' },
    h(
      'caption',
      {},
      `共 ${page.total}${page.totalIsLowerBound ? '+' : ''} 个施工许可证（第 ${current} / ${pages} 页）`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('td', { class: 'tick' }, selectAll),
        HEADERS.map((t, i) =>
          headerCell(SORT_FIELDS[i] ? sortable(t, SORT_FIELDS[i]!) : t, {
            path: '/marking',
            params,
            keep: [...FILTERS, 'pageSize'],
          }),
        ),
      ),
    ),
    h('tbody', {}, rows),
  );
  refreshCount();

  if (canWrite()) {
    const ctx: MarkingContext = {
      result,
      rerender: async (text) => {
        const fresh = await markingPage(params, text);
        document.getElementById('main')?.replaceChildren(fresh);
        fresh.querySelector<HTMLElement>('#marking-result')?.focus();
      },
    };
    section.appendChild(selectionBar({ page, filters, boxes, refreshCount, ctx, counts: [count, projectsCount] }));
    const type = select('markType', [['', '请选择 Choose'], ...PROJECT_TYPES], '');
    section.appendChild(
      h(
        'div',
        { class: 'toolbar card', role: 'group', 'aria-label': '标记操作 Marking actions' },
        field('标记为 Mark as', type),
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'batch-mark',
            onclick: () => void markSelected(ctx, type, selectAll),
          },
          '批量标记 Mark selected',
        ),
        h(
          'button',
          { type: 'button', id: 'withdraw-step', onclick: () => void withdrawLastStep(ctx) },
          '撤回上一步 Withdraw',
        ),
        h(
          'button',
          { type: 'button', id: 'submit-marking', onclick: () => void submitSelected(ctx, selectAll) },
          '提交… Submit',
        ),
      ),
    );
  }
  section.appendChild(result);
  section.appendChild(
    page.items.length
      ? h('div', { class: 'table-wrap', role: 'region', 'aria-label': '施工许可证列表 Permits', tabindex: '0' }, table)
      : h('p', { class: 'empty' }, '没有符合条件的施工许可证 (no permits match)'),
  );
  section.appendChild(
    pager(current, pages, (p) => {
      const next = new URLSearchParams(params);
      next.set('page', String(p));
      return href('/marking', next);
    }),
  );
  timeRender('marking', started, section);
  return section;
}

/** 已勾选 …, 选择全部结果 (every page of this filter, read with progress), 清除勾选. */
function selectionBar(bar: {
  page: MarkingPage;
  filters: URLSearchParams;
  boxes: Array<[HTMLInputElement, MarkingRow]>;
  refreshCount: () => void;
  ctx: MarkingContext;
  counts: HTMLElement[];
}): HTMLElement {
  const { page, filters, boxes, refreshCount, ctx } = bar;
  const progress = h('progress', { id: 'select-progress', max: 1, value: 0, hidden: true, 'aria-label': '读取进度' });
  const whole = h(
    'button',
    { type: 'button', id: 'select-result' },
    `选择全部 ${page.total}${page.totalIsLowerBound ? '+' : ''} 条结果 Select the whole result`,
  );
  whole.addEventListener('click', () => {
    whole.disabled = true;
    progress.hidden = false;
    ctx.result.className = 'notice';
    ctx.result.textContent = '正在读取全部结果… (reading every page)';
    void fetchWholeResult(filters, (read, pages) => {
      progress.max = pages;
      progress.value = read;
      ctx.result.textContent = `正在读取全部结果：第 ${read} / ${pages} 页 (reading page ${read} of ${pages})`;
    })
      .then((all) => {
        for (const r of all) markingSelection.set(r, true);
        for (const [b] of boxes) b.checked = true;
        refreshCount();
        ctx.result.textContent = `已选择全部结果：${all.length} 个施工许可证 (selected the whole result)`;
      })
      .catch((err: unknown) => {
        if (err instanceof SelectionTooLarge)
          ctx.result.textContent = `共 ${err.total} 个施工许可证，超过一次最多 ${MAX_PER_REQUEST} 个的上限，请缩小筛选范围后再全选 (too many: narrow the filters)`;
        else showProblem(ctx.result, err);
        ctx.result.className = 'error';
      })
      .finally(() => {
        whole.disabled = false;
        progress.hidden = true;
      });
  });
  const clear = h('button', { type: 'button', id: 'clear-selection' }, '清除勾选 Clear');
  clear.addEventListener('click', () => {
    markingSelection.clear();
    for (const [b] of boxes) b.checked = false;
    refreshCount();
  });
  return h(
    'div',
    { class: 'toolbar card', role: 'group', 'aria-label': '勾选 Selection' },
    h('p', { class: 'ticked', 'aria-live': 'polite' }, ...bar.counts),
    whole,
    clear,
    progress,
  );
}

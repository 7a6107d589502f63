import { ApiError, getJson, postJson } from '../api.js';
import { field, h, select, showFieldErrors } from '../dom.js';
import { label, MARKING_STATES, PROJECT_TYPES } from '../labels.js';
import { formParams, go, href } from '../route.js';
import { canWrite } from '../session.js';
import { pager } from './alerts.js';

interface MarkingRow {
  permitNumber: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  projectType: string | null;
  markingState: string | null;
  markedBy: string | null;
  issueDate: string;
  plannedCompletionDate: string | null;
  accepted: boolean;
  actualCompletionDate: string | null;
}

interface MarkingPage {
  items: MarkingRow[];
  page: number;
  pageSize: number;
  total: number;
  totalIsLowerBound?: boolean;
}

interface BatchResult {
  stepId: string | null;
  projects: Array<{ projectCode: string; projectName: string; projectType: string; permitNumbers: string[] }>;
  unchanged: string[];
}

const FILTERS = ['regionCode', 'issueDateFrom', 'issueDateTo', 'projectType', 'keyword'];
const PAGE_SIZE = 50;

/** 预售商品房监管-存量预售项目标记: the system's list of recent permits, ticked and marked in batches. */
export async function markingPage(params: URLSearchParams, notice = ''): Promise<HTMLElement> {
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
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/marking') }, '重置 Reset'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/marking', formParams(form, FILTERS));
  });
  const section = h(
    'section',
    {},
    h('h1', {}, '预售商品房监管 - 存量预售项目标记'),
    h(
      'p',
      { class: 'hint' },
      '勾选施工许可证后批量标记其所属项目的类型；标记为草稿，提交后生效。Marking is a draft until submitted.',
    ),
    form,
  );

  const query = new URLSearchParams();
  for (const name of FILTERS) if (params.get(name)) query.set(name, params.get(name)!);
  const current = Number(params.get('page') || '1');
  query.set('page', String(current));
  query.set('pageSize', String(PAGE_SIZE));
  let page: MarkingPage;
  try {
    page = await getJson<MarkingPage>(`/api/v1/supervision/marking?${query.toString()}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(form, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }

  const result = h('div', { role: 'status', class: 'notice', id: 'marking-result', tabindex: '-1' }, notice);
  const count = h('span', { id: 'ticked-count' }, '已勾选 0 个');
  const boxes: HTMLInputElement[] = [];
  const selectAll = h('input', {
    type: 'checkbox',
    id: 'select-all',
    'aria-label': '全选本页 Select all on this page',
  });
  const refreshCount = (): void => {
    const n = boxes.filter((b) => b.checked).length;
    count.textContent = `已勾选 ${n} 个`;
    selectAll.checked = n > 0 && n === boxes.length;
    selectAll.indeterminate = n > 0 && n < boxes.length;
  };
  selectAll.addEventListener('change', () => {
    for (const b of boxes) b.checked = selectAll.checked;
    refreshCount();
  });

  const headers = [
    '施工许可证编号',
    '项目名称',
    '工改项目编码',
    '区划',
    '发证日期',
    '项目类型',
    '标记状态',
    '是否竣工验收',
    '实际竣工时间',
  ];
  const rows = page.items.map((r) => {
    const box = h('input', { type: 'checkbox', name: 'permit', value: r.permitNumber, id: `tick-${r.permitNumber}` });
    box.addEventListener('change', refreshCount);
    boxes.push(box);
    return h(
      'tr',
      { 'data-permit': r.permitNumber },
      h('td', { class: 'tick' }, box, h('label', { for: box.id, class: 'visually-hidden' }, `勾选 ${r.permitNumber}`)),
      h('th', { scope: 'row', 'data-label': headers[0], class: 'num' }, r.permitNumber),
      h('td', { 'data-label': headers[1] }, r.projectName),
      h('td', { 'data-label': headers[2], class: 'num' }, r.projectCode),
      h('td', { 'data-label': headers[3] }, r.regionCode),
      h('td', { 'data-label': headers[4], class: 'num' }, r.issueDate),
      h('td', { 'data-label': headers[5], class: 'project-type' }, label(PROJECT_TYPES, r.projectType, '未标记')),
      h('td', { 'data-label': headers[6], class: 'marking-state' }, label(MARKING_STATES, r.markingState)),
      h('td', { 'data-label': headers[7] }, r.accepted ? '是' : '否'),
      h('td', { 'data-label': headers[8], class: 'num' }, r.actualCompletionDate ?? '—'),
    );
  });
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
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
        headers.map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h('tbody', {}, rows),
  );

  if (canWrite()) {
    const type = select('markType', [['', '请选择 Choose'], ...PROJECT_TYPES], '');
    const batch = h('button', { type: 'button', class: 'primary', id: 'batch-mark' }, '批量标记 Mark selected');
    batch.addEventListener('click', () => {
      const permitNumbers = boxes.filter((b) => b.checked).map((b) => b.value);
      if (!permitNumbers.length || !type.value) {
        result.textContent = !permitNumbers.length
          ? '请先勾选施工许可证 (tick permits first)'
          : '请选择项目类型 (choose a type)';
        result.className = 'error';
        (permitNumbers.length ? type : selectAll).focus();
        return;
      }
      void mark(permitNumbers, type.value, params, result);
    });
    section.appendChild(h('div', { class: 'toolbar card' }, field('标记为 Mark as', type), batch, count));
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
  return section;
}

async function mark(
  permitNumbers: string[],
  projectType: string,
  params: URLSearchParams,
  result: HTMLElement,
): Promise<void> {
  result.className = 'notice';
  result.textContent = '正在标记… (marking)';
  try {
    const res = await postJson<BatchResult>('/api/v1/supervision/marking/batch', { permitNumbers, projectType });
    const text =
      `已将 ${res.projects.length} 个项目标记为「${label(PROJECT_TYPES, projectType)}」（草稿，提交后生效）` +
      (res.unchanged.length ? `；${res.unchanged.length} 个项目原已是该类型` : '') +
      ` (marked ${res.projects.length} project(s))`;
    // the list again, as the server has it now
    const fresh = await markingPage(params, text);
    document.getElementById('main')?.replaceChildren(fresh);
    fresh.querySelector<HTMLElement>('#marking-result')?.focus();
  } catch (err) {
    if (!(err instanceof ApiError)) {
      go('/login', { expired: '1' });
      return;
    }
    result.className = 'error';
    result.replaceChildren(h('p', {}, `${err.problem.detail} (${err.problem.code})`));
    if (err.problem.errors?.length)
      result.appendChild(
        h(
          'ul',
          {},
          err.problem.errors.map((e) => h('li', {}, `${e.field}: ${e.reason}`)),
        ),
      );
    result.focus();
  }
}

import { ApiError, getJson } from '../api.js';
import { field, h, showFieldErrors } from '../dom.js';
import { ExportColumn, exportControl, PAGE_SIZE_MAX } from '../export.js';
import { filterParams } from '../kit.js';
import { timeRender } from '../render-timing.js';
import { formParams, go, href } from '../route.js';
import { canWrite } from '../session.js';
import { pager } from './alerts.js';
import { backfillFormPage } from './backfill-form.js';
import { backfillIssuedPage } from './backfill-issued.js';
import { Candidate, BACKFILL_FILTERS, listParams } from './backfill-common.js';
import { sortable, sortButtons } from '../sort-header.js';

interface CandidatePage {
  items: Candidate[];
  page: number;
  pageSize: number;
  total: number;
}

const PAGE_SIZE = 20;

/** #/backfill, #/backfill/new?permits=…, #/backfill/z/{presaleNumber}: one entry for the router. */
export async function backfillRoute(path: string, params: URLSearchParams): Promise<HTMLElement> {
  if (path === '/backfill') return backfillPage(params);
  if (path === '/backfill/new') return backfillFormPage(params);
  const z = /^\/backfill\/z\/(\d{18}-Z\d{2})$/.exec(path);
  if (z) return backfillIssuedPage(z[1]!, params);
  return h(
    'section',
    {},
    h('h1', {}, '页面不存在 Not found'),
    h('p', {}, h('a', { href: '#/backfill' }, '返回待补录项目')),
  );
}

/** 草稿 / 已提交 / 已提交·已更正 / 已撤回 of a backfilled Z number. */
function zStateText(b: Candidate['backfilled'][number]): string {
  if (b.status === 'WITHDRAWN') return '已撤回';
  if (b.backfillState !== 'SUBMITTED') return '草稿';
  return b.status === 'CORRECTED' ? '已提交·已更正' : '已提交';
}

/** One CSV line per construction permit, with its project's facts and Z numbers (as the grouped table shows them). */
type CandidatePermit = { c: Candidate; p: Candidate['permits'][number] };
const EXPORT_COLUMNS: Array<ExportColumn<CandidatePermit>> = [
  { header: '项目名称 projectName', value: ({ c }) => c.projectName },
  { header: '工改项目编码 projectCode', value: ({ c }) => c.projectCode },
  { header: '区划 regionCode', value: ({ c }) => c.regionCode },
  { header: '施工许可证编号 permitNumber', value: ({ p }) => p.permitNumber },
  { header: '发证日期 issueDate', value: ({ p }) => p.issueDate },
  {
    header: '已补录预售许可证 backfilled',
    value: ({ c }) => c.backfilled.map((b) => `${b.presaleNumber} ${zStateText(b)}`).join('; '),
  },
];

function zLink(b: Candidate['backfilled'][number], params: URLSearchParams): HTMLElement {
  const state = b.status === 'WITHDRAWN' ? 'WITHDRAWN' : b.backfillState;
  const text = zStateText(b);
  return h(
    'li',
    {},
    h('a', { href: href(`/backfill/z/${b.presaleNumber}`, listParams(params)), class: 'num' }, b.presaleNumber),
    ' ',
    h('span', { class: `state state-${state}` }, text),
  );
}

/** 补录预售许可证: projects marked PRESALE (submitted), grouped, their permits to tick and the Z numbers already backfilled. */
export async function backfillPage(params: URLSearchParams): Promise<HTMLElement> {
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '待补录项目筛选 Filters', novalidate: true },
    field(
      '区划代码 Region',
      h('input', { name: 'regionCode', inputmode: 'numeric', maxlength: 6, value: params.get('regionCode') ?? '' }),
    ),
    field(
      '关键字 Keyword',
      h('input', {
        name: 'keyword',
        type: 'search',
        maxlength: 100,
        placeholder: '项目名称、项目编码、施工许可证号',
        value: params.get('keyword') ?? '',
      }),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/backfill') }, '重置 Reset'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/backfill', formParams(form, BACKFILL_FILTERS));
  });
  const section = h(
    'section',
    {},
    h('h1', {}, '补录预售许可证'),
    h(
      'p',
      { class: 'hint' },
      '已提交标记为预售商品房的项目。勾选同一项目的一个或多个施工许可证，点击「补录预售许可」填写信息、上传扫描件并落图选点，取得 Z 编号（草稿，提交后生效）。',
    ),
    form,
    exportControl({
      route: '/api/v1/supervision/backfill/candidates',
      filters: filterParams(params, BACKFILL_FILTERS),
      maxPageSize: PAGE_SIZE_MAX,
      columns: EXPORT_COLUMNS,
      fileName: 'backfill-candidates',
      key: (c: Candidate) => c.projectCode,
      rows: (c: Candidate) => c.permits.map((p) => ({ c, p })),
      unit: '个项目',
    }),
  );
  const query = listParams(params);
  query.set('page', params.get('page') || '1');
  query.set('pageSize', String(PAGE_SIZE));
  let page: CandidatePage;
  try {
    page = await getJson<CandidatePage>(`/api/v1/supervision/backfill/candidates?${query.toString()}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(form, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }
  const started = performance.now();
  const message = h('p', { role: 'status', class: 'notice', id: 'backfill-message', tabindex: '-1' });
  const boxes: Array<[HTMLInputElement, Candidate]> = [];
  const headers = ['施工许可证编号', '发证日期', '已补录预售许可证'];
  const groups = page.items.map((c, gi) => {
    const groupId = `project-${gi}`;
    const permitRows = c.permits.map((p, i) => {
      const box = h('input', { type: 'checkbox', id: `bf-${p.permitNumber}`, value: p.permitNumber });
      boxes.push([box, c]);
      return h(
        'tr',
        { 'data-permit': p.permitNumber },
        h(
          'td',
          { class: 'tick' },
          box,
          h('label', { for: box.id, class: 'visually-hidden' }, `勾选 ${p.permitNumber}（${c.projectName}）`),
        ),
        h('th', { scope: 'row', class: 'num', 'data-label': headers[0] }, p.permitNumber),
        h('td', { class: 'num', 'data-label': headers[1] }, p.issueDate),
        i === 0
          ? h(
              'td',
              { rowspan: c.permits.length, 'data-label': headers[2], class: 'backfilled' },
              c.backfilled.length
                ? h(
                    'ul',
                    { class: 'plain' },
                    c.backfilled.map((b) => zLink(b, params)),
                  )
                : '尚未补录',
            )
          : null,
      );
    });
    return h(
      'tbody',
      { 'data-project': c.projectCode, 'aria-labelledby': groupId },
      h(
        'tr',
        { class: 'group' },
        h(
          'th',
          { colspan: 4, scope: 'rowgroup', id: groupId },
          c.projectName,
          h('span', { class: 'sub' }, `工改编码 ${c.projectCode} · 区划 ${c.regionCode}`),
        ),
      ),
      permitRows,
    );
  });
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const table = h(
    'table',
    { class: 'data grouped', id: 'candidates-table' },
    h('caption', {}, `共 ${page.total} 个项目（第 ${query.get('page')} / ${pages} 页），按项目分组`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('td', { class: 'tick' }),
        headers.map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    groups,
  );
  if (canWrite()) {
    const start = h('button', { type: 'button', class: 'primary', id: 'start-backfill' }, '补录预售许可 Backfill');
    start.addEventListener('click', () => {
      const ticked = boxes.filter(([b]) => b.checked);
      const projects = new Set(ticked.map(([, c]) => c.projectCode));
      message.className = 'error';
      if (!ticked.length) message.textContent = '请先勾选施工许可证 (tick permits first)';
      else if (projects.size > 1)
        message.textContent =
          '一次补录的施工许可证须属于同一项目，请只勾选一个项目的施工许可证 (permits of one project only)';
      else {
        const next = listParams(params);
        next.set('permits', ticked.map(([b]) => b.value).join(','));
        go('/backfill/new', next);
        return;
      }
      message.focus();
    });
    section.appendChild(h('div', { class: 'toolbar' }, start));
  }
  section.appendChild(message);
  if (page.items.length)
    section.appendChild(
      sortButtons(
        '项目排序 Sort projects',
        [sortable('工改编码', 'projectCode'), sortable('项目名称', 'projectName'), sortable('区划', 'regionCode')],
        { path: '/backfill', params, keep: BACKFILL_FILTERS },
      ),
    );
  section.appendChild(
    page.items.length
      ? h('div', { class: 'table-wrap', role: 'region', 'aria-label': '待补录项目 Projects', tabindex: '0' }, table)
      : h('p', { class: 'empty' }, '没有已标记为预售商品房的项目（标记须已提交）(no projects marked PRESALE)'),
  );
  section.appendChild(
    pager(Number(query.get('page')), pages, (p) => {
      const next = listParams(params);
      next.set('page', String(p));
      return href('/backfill', next);
    }),
  );
  timeRender('backfill', started, section);
  return section;
}

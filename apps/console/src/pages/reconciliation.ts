import { ApiError, getJson, postJson } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { field, formatTime, h, select, showFieldErrors } from '../dom.js';
import { ExportColumn, exportControl, PAGE_SIZE_MAX, yuanCell } from '../export.js';
import {
  apiQuery,
  dataTable,
  filterParams,
  focusLater,
  role,
  setFlash,
  showProblem,
  statusLine,
  takeFlash,
} from '../kit.js';
import { label } from '../labels.js';
import { fenToYuan } from '../money.js';
import { formParams, go, href } from '../route.js';
import { canWrite } from '../session.js';
import { DIFFERENCE_STATES } from '../supervision-labels.js';
import { pager } from './alerts.js';
import { sortable } from '../sort-header.js';

interface Figures {
  contracts: number;
  floorArea: number;
  amountFen: number;
}

interface Difference {
  id: string;
  presaleNumber: string;
  regionCode: string;
  month: string;
  countDelta: number;
  areaDelta: number;
  amountDeltaFen: number;
  missingOnOurs: string[];
  missingOnMarket: string[];
  mismatched: string[];
  ours: Figures;
  market: Figures;
  state: string;
  foundAt: string;
  explanation: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

interface DifferencePage {
  items: Difference[];
  page: number;
  pageSize: number;
  total: number;
}

/** The list's URL parameters (the API's names): filters and the column sort. */
const FILTERS = ['state', 'regionCode', 'sort'];
const PAGE_SIZE = 50;
/** The CSV of the whole result: ours, the market's and the difference of each measure in its own column (金额 in 元). */
const EXPORT_COLUMNS: Array<ExportColumn<Difference>> = [
  { header: '预售许可证号 presaleNumber', value: (d) => d.presaleNumber },
  { header: '区划 regionCode', value: (d) => d.regionCode },
  { header: '月份 month', value: (d) => d.month },
  { header: '本平台套数 ours.contracts', value: (d) => d.ours.contracts },
  { header: '市场套数 market.contracts', value: (d) => d.market.contracts },
  { header: '套数差额 countDelta', value: (d) => d.countDelta },
  { header: '本平台面积（㎡）ours.floorArea', value: (d) => d.ours.floorArea.toFixed(2) },
  { header: '市场面积（㎡）market.floorArea', value: (d) => d.market.floorArea.toFixed(2) },
  { header: '面积差额（㎡）areaDelta', value: (d) => d.areaDelta.toFixed(2) },
  { header: '本平台金额（元）ours.amount', value: (d) => yuanCell(d.ours.amountFen) },
  { header: '市场金额（元）market.amount', value: (d) => yuanCell(d.market.amountFen) },
  { header: '金额差额（元）amountDelta', value: (d) => yuanCell(d.amountDeltaFen) },
  { header: '市场有、本平台无 missingOnOurs', value: (d) => d.missingOnOurs.join('; ') },
  { header: '本平台有、市场无 missingOnMarket', value: (d) => d.missingOnMarket.join('; ') },
  { header: '面积或金额不同 mismatched', value: (d) => d.mismatched.join('; ') },
  { header: '状态 state', value: (d) => label(DIFFERENCE_STATES, d.state) },
  { header: '发现时间 foundAt', value: (d) => d.foundAt },
  { header: '核实说明 explanation', value: (d) => d.explanation },
  { header: '核实人 acknowledgedBy', value: (d) => d.acknowledgedBy },
  { header: '核实时间 acknowledgedAt', value: (d) => d.acknowledgedAt },
];
const signed = (n: number, text = String(n)): string => (n > 0 ? `+${text}` : text);

/** 比对结果: differences with the 房地产市场监管平台 in the user's region, each checked and explained (核实说明). */
export async function reconciliationPage(params: URLSearchParams): Promise<HTMLElement> {
  const filters = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '比对结果筛选 Filters', novalidate: true },
    field(
      '状态 State',
      select('state', [['', '待核实与已说明（默认）'], ...DIFFERENCE_STATES], params.get('state') ?? ''),
    ),
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
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/reconciliation') }, '重置 Reset'),
    ),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/reconciliation', formParams(filters, FILTERS));
  });
  const notice = statusLine('reconciliation-notice', takeFlash());
  focusLater(notice);
  const result = statusLine('reconciliation-result');
  const section = h(
    'section',
    {},
    h('h1', {}, '网签数据比对结果'),
    h(
      'p',
      { class: 'hint' },
      '本平台网签备案（及切换日前已提交的网签统计）与房地产市场监管平台逐月比对的差异（差额 = 本平台 − 市场监管平台）。请逐条核实并填写说明。',
    ),
    filters,
    exportControl({
      route: '/api/v1/supervision/reconciliation',
      filters: filterParams(params, FILTERS),
      maxPageSize: PAGE_SIZE_MAX,
      columns: EXPORT_COLUMNS,
      fileName: 'reconciliation',
      key: (d: Difference) => d.id,
      unit: '处差异',
    }),
    notice,
  );
  if (canWrite() && (role() === 'PROVINCE' || role() === 'ADMIN')) {
    const run = h('button', { type: 'button', id: 'run-reconciliation' }, '立即比对 Run now');
    run.addEventListener('click', () => void runNow(run, result, params));
    section.appendChild(h('div', { class: 'toolbar' }, run));
  }
  section.appendChild(result);

  let page: DifferencePage;
  try {
    page = await getJson<DifferencePage>(`/api/v1/supervision/reconciliation?${apiQuery(params, FILTERS, PAGE_SIZE)}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(filters, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }
  const headers = [
    sortable('预售许可证号', 'presaleNumber'),
    sortable('区划', 'regionCode'),
    sortable('月份', 'month'),
    '套数',
    '面积（㎡）',
    '金额（元）',
    '合同差异',
    '状态',
    '核实说明',
    '操作',
  ];
  const rows = page.items.map((d) => {
    const action =
      canWrite() && d.state === 'OPEN'
        ? h(
            'button',
            { type: 'button', class: 'small' },
            '核实说明',
            h('span', { class: 'visually-hidden' }, ` ${d.presaleNumber} ${d.month}`),
          )
        : null;
    action?.addEventListener('click', () => void acknowledge(d, result, params));
    return {
      attrs: { 'data-difference': d.id },
      cells: [
        h('span', { class: 'num' }, d.presaleNumber),
        d.regionCode,
        h('span', { class: 'num' }, d.month),
        stack(String(d.ours.contracts), String(d.market.contracts), signed(d.countDelta)),
        stack(d.ours.floorArea.toFixed(2), d.market.floorArea.toFixed(2), signed(d.areaDelta, d.areaDelta.toFixed(2))),
        stack(
          fenToYuan(d.ours.amountFen),
          fenToYuan(d.market.amountFen),
          signed(d.amountDeltaFen, fenToYuan(d.amountDeltaFen)),
        ),
        contracts(d),
        h('span', { class: `state difference-${d.state}` }, label(DIFFERENCE_STATES, d.state)),
        d.explanation ? `${d.explanation}（${d.acknowledgedBy ?? ''} · ${formatTime(d.acknowledgedAt)}）` : '—',
        action ?? '—',
      ],
    };
  });
  const current = Number(params.get('page') || '1');
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  section.appendChild(
    page.items.length
      ? dataTable(
          'differences-table',
          `共 ${page.total} 处差异（第 ${current} / ${pages} 页）`,
          headers,
          rows,
          '比对差异列表 Differences',
          { path: '/reconciliation', params, keep: FILTERS },
        )
      : h('p', { class: 'empty' }, '没有符合条件的比对差异 (no differences match)'),
  );
  section.appendChild(
    pager(current, pages, (p) => {
      const next = filterParams(params, FILTERS);
      if (p > 1) next.set('page', String(p));
      return href('/reconciliation', next);
    }),
  );
  return section;
}

/** One measure: ours, the market's, and the difference (ours − market), one per line. */
function stack(ours: string, market: string, delta: string): HTMLElement {
  return h(
    'span',
    { class: 'stack num' },
    h('span', {}, `本平台 ${ours}`),
    h('span', {}, `市场 ${market}`),
    h('span', { class: 'delta' }, `差额 ${delta}`),
  );
}

function figures(f: Figures): string {
  return `${f.contracts} 套，${f.floorArea.toFixed(2)} ㎡，${fenToYuan(f.amountFen)} 元`;
}

function contracts(d: Difference): HTMLElement | string {
  const parts: Array<[string, string[]]> = [
    ['市场有、本平台无', d.missingOnOurs],
    ['本平台有、市场无', d.missingOnMarket],
    ['面积或金额不同', d.mismatched],
  ];
  const shown = parts.filter(([, list]) => list.length);
  if (!shown.length) return '—';
  return h(
    'ul',
    { class: 'compact' },
    shown.map(([what, list]) =>
      h(
        'li',
        {},
        `${what} ${list.length} 份：${list
          .slice(0, 3)
          .map((n) => n.slice(-5))
          .join('、')}${list.length > 3 ? ' …' : ''}`,
      ),
    ),
  );
}

async function acknowledge(d: Difference, result: HTMLElement, params: URLSearchParams): Promise<void> {
  const explanation = await confirmDialog({
    title: `核实说明 ${d.presaleNumber} ${d.month}`,
    body: [
      h('p', {}, `本平台 ${figures(d.ours)}；市场监管平台 ${figures(d.market)}。`),
      h('p', {}, '说明提交后该差异变为“已说明”，对应的网签比对差异预警随之解除。'),
    ],
    confirm: '提交说明 Acknowledge',
    input: { label: '核实说明 Explanation', required: true, maxlength: 1000 },
  });
  if (explanation === null) return;
  try {
    await postJson(`/api/v1/supervision/reconciliation/${d.id}/acknowledge`, { explanation });
    setFlash(`已核实说明 ${d.presaleNumber} ${d.month} 的差异 (acknowledged)`);
    go('/reconciliation', filterParams(params, [...FILTERS, 'page']));
  } catch (err) {
    showProblem(err, result);
  }
}

async function runNow(button: HTMLButtonElement, result: HTMLElement, params: URLSearchParams): Promise<void> {
  button.disabled = true;
  result.className = 'notice';
  result.textContent = '正在与房地产市场监管平台比对，可能需要一两分钟… (running)';
  try {
    const run = await postJson<{ comparedGroups: number; newDifferences: number; resolvedDifferences: number }>(
      '/api/v1/supervision/reconciliation/runs',
      {},
    );
    setFlash(
      `比对完成：比对 ${run.comparedGroups} 组，新发现 ${run.newDifferences} 处差异，${run.resolvedDifferences} 处已消除 (done)`,
    );
    go('/reconciliation', filterParams(params, [...FILTERS, 'page']));
  } catch (err) {
    button.disabled = false;
    showProblem(err, result);
  }
}

import { ApiError, getJson, postJson } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { field, formatTime, h, select, showFieldErrors } from '../dom.js';
import { ExportColumn, exportControl, PAGE_SIZE_MAX } from '../export.js';
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
  username,
} from '../kit.js';
import { label } from '../labels.js';
import { formParams, go, href } from '../route.js';
import { canWrite } from '../session.js';
import { ACCEPTANCE_KINDS, BACKFILL_STATES } from '../supervision-labels.js';
import { SCAN_ACCEPT, scanProblem, uploadProgress, uploadScan } from '../upload.js';
import { pager } from './alerts.js';
import { StoredScan } from './escrow-list.js';
import { scanText } from './escrow-parts.js';
import { sortable } from '../sort-header.js';

interface Backfill {
  id: string;
  permitNumber: string;
  kind: string;
  date: string;
  note?: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  state: string;
  scan: StoredScan;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

interface BackfillPage {
  items: Backfill[];
  page: number;
  pageSize: number;
  total: number;
}

/** The list's URL parameters (the API's names): filters and the column sort. */
const FILTERS = ['state', 'regionCode', 'sort'];
const PAGE_SIZE = 20;
/** The CSV of the whole result: the list's columns, the submission and decision split into who, when and note. */
const EXPORT_COLUMNS: Array<ExportColumn<Backfill>> = [
  { header: '施工许可证 permitNumber', value: (b) => b.permitNumber },
  { header: '项目 projectName', value: (b) => b.projectName },
  { header: '工改项目编码 projectCode', value: (b) => b.projectCode },
  { header: '区划 regionCode', value: (b) => b.regionCode },
  { header: '验收类型 kind', value: (b) => label(ACCEPTANCE_KINDS, b.kind) },
  { header: '日期 date', value: (b) => b.date },
  { header: '证明材料 scan', value: (b) => b.scan.fileName },
  { header: '状态 state', value: (b) => label(BACKFILL_STATES, b.state) },
  { header: '提交人 submittedBy', value: (b) => b.submittedBy },
  { header: '提交时间 submittedAt', value: (b) => b.submittedAt },
  { header: '说明 note', value: (b) => b.note },
  { header: '审核人 decidedBy', value: (b) => b.decidedBy },
  { header: '审核时间 decidedAt', value: (b) => b.decidedAt },
  { header: '审核意见 decisionNote', value: (b) => b.decisionNote },
];
const reload = (params: URLSearchParams): void =>
  go('/acceptance-backfills', filterParams(params, [...FILTERS, 'page']));

/**
 * 验收日期数据治理补录 (task 4(2)): county or city staff submit the acceptance date of a project that
 * skipped online acceptance with its document; the province approves (the overdue alert clears) or returns it.
 */
export async function acceptanceBackfillsPage(params: URLSearchParams): Promise<HTMLElement> {
  const filters = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '验收补录筛选 Filters', novalidate: true },
    field('状态 State', select('state', [['', '全部 All'], ...BACKFILL_STATES], params.get('state') ?? '')),
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
      h('button', { type: 'button', onclick: () => go('/acceptance-backfills') }, '重置 Reset'),
    ),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/acceptance-backfills', formParams(filters, FILTERS));
  });
  const notice = statusLine('backfills-notice', takeFlash());
  focusLater(notice);
  const result = statusLine('backfills-result');
  const section = h(
    'section',
    {},
    h('h1', {}, '验收日期数据治理补录'),
    h(
      'p',
      { class: 'hint' },
      '未在工改系统办理验收的项目，由县市区（或市州）补录五方验收或竣工验收备案日期并上传证明材料，省厅审核同意后记入施工许可信息，逾期验收预警随之解除。',
    ),
    notice,
  );
  if (canWrite() && ['COUNTY', 'CITY', 'ADMIN'].includes(role())) section.appendChild(submitForm(params));
  section.appendChild(h('h2', {}, '补录记录 Backfills'));
  section.appendChild(filters);
  section.appendChild(
    exportControl({
      route: '/api/v1/supervision/acceptance-backfills',
      filters: filterParams(params, FILTERS),
      maxPageSize: PAGE_SIZE_MAX,
      columns: EXPORT_COLUMNS,
      fileName: 'acceptance-backfills',
      key: (b: Backfill) => b.id,
    }),
  );
  section.appendChild(result);

  let page: BackfillPage;
  try {
    page = await getJson<BackfillPage>(
      `/api/v1/supervision/acceptance-backfills?${apiQuery(params, FILTERS, PAGE_SIZE)}`,
    );
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(filters, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }
  const decides = canWrite() && ['PROVINCE', 'ADMIN'].includes(role());
  const headers = [
    sortable('施工许可证', 'permitNumber'),
    '项目',
    sortable('区划', 'regionCode'),
    '验收类型',
    sortable('日期', 'date'),
    '证明材料',
    '状态',
    sortable('提交', 'submittedAt'),
    '审核',
    '操作',
  ];
  const rows = page.items.map((b) => {
    const actions: HTMLElement[] = [];
    if (decides && b.state === 'PENDING' && b.submittedBy !== username()) {
      const approve = h('button', { type: 'button', class: 'small primary' }, '同意');
      approve.addEventListener('click', () => void decide(b, 'approve', result, params));
      const back = h('button', { type: 'button', class: 'small' }, '退回');
      back.addEventListener('click', () => void decide(b, 'return', result, params));
      actions.push(approve, back);
    }
    return {
      attrs: { 'data-backfill': b.id },
      cells: [
        h('span', { class: 'num' }, b.permitNumber),
        b.projectName,
        b.regionCode,
        label(ACCEPTANCE_KINDS, b.kind),
        h('span', { class: 'num' }, b.date),
        scanText(b.scan),
        h('span', { class: `state backfill-${b.state}` }, label(BACKFILL_STATES, b.state)),
        `${b.submittedBy} · ${formatTime(b.submittedAt)}${b.note ? `：${b.note}` : ''}`,
        b.decidedBy ? `${b.decidedBy} · ${formatTime(b.decidedAt)}${b.decisionNote ? `：${b.decisionNote}` : ''}` : '—',
        actions.length ? h('div', { class: 'row-actions' }, actions) : '—',
      ],
    };
  });
  const current = Number(params.get('page') || '1');
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  section.appendChild(
    page.items.length
      ? dataTable(
          'backfills-table',
          `共 ${page.total} 条验收日期补录（第 ${current} / ${pages} 页）`,
          headers,
          rows,
          '验收日期补录列表 Backfills',
          { path: '/acceptance-backfills', params, keep: FILTERS },
        )
      : h('p', { class: 'empty' }, '没有符合条件的补录 (no backfills match)'),
  );
  section.appendChild(
    pager(current, pages, (p) => {
      const next = filterParams(params, FILTERS);
      if (p > 1) next.set('page', String(p));
      return href('/acceptance-backfills', next);
    }),
  );
  return section;
}

function submitForm(params: URLSearchParams): HTMLFormElement {
  const message = statusLine('backfill-message');
  const progress = uploadProgress('backfill-progress');
  const scan = h('input', { type: 'file', name: 'scan', id: 'b-scan', accept: SCAN_ACCEPT, required: true });
  const control = <T extends HTMLElement>(el: T, id: string): T => {
    el.id = id;
    return el;
  };
  const form = h(
    'form',
    { class: 'card entry', id: 'backfill-form', novalidate: true, 'aria-labelledby': 'backfill-form-title' },
    h('h2', { id: 'backfill-form-title' }, '提交验收日期补录 Submit a backfill'),
    h(
      'div',
      { class: 'grid' },
      field(
        '施工许可证编号 Permit number',
        control(
          h('input', {
            name: 'permitNumber',
            inputmode: 'numeric',
            maxlength: 18,
            required: true,
            value: params.get('permitNumber') ?? '',
          }),
          'b-permitNumber',
        ),
      ),
      field('验收类型 Kind', control(select('kind', [['', '请选择 Choose'], ...ACCEPTANCE_KINDS], ''), 'b-kind')),
      field('验收（备案）日期 Date', control(h('input', { name: 'date', type: 'date', required: true }), 'b-date')),
    ),
    field('说明 Note', control(h('textarea', { name: 'note', rows: 2, maxlength: 1000 }), 'b-note')),
    field('证明材料扫描件 Document (PDF/JPEG/PNG ≤ 20 MB)', scan),
    progress,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'submit-backfill' }, '提交补录 Submit'),
    ),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      message.textContent = '';
      const file = scan.files?.[0];
      const problem = await scanProblem(file);
      if (problem || !file) {
        showFieldErrors(form, [{ field: 'scan', reason: problem ?? '' }]);
        return;
      }
      showFieldErrors(form, []);
      const data = new FormData(form);
      const text = (name: string): string => String(data.get(name) ?? '').trim();
      const body: Record<string, string> = {
        permitNumber: text('permitNumber'),
        kind: text('kind'),
        date: text('date'),
      };
      if (text('note')) body['note'] = text('note');
      try {
        const saved = await uploadScan<Backfill>(
          'POST',
          '/api/v1/supervision/acceptance-backfills',
          { data: body, scan: file },
          progress,
        );
        setFlash(
          `已提交 ${saved.permitNumber} 的${label(ACCEPTANCE_KINDS, saved.kind)}日期补录，待省厅审核 (submitted)`,
        );
        reload(new URLSearchParams());
      } catch (err) {
        progress.hidden = true;
        showProblem(err, message, form);
      }
    })();
  });
  return form;
}

async function decide(
  b: Backfill,
  how: 'approve' | 'return',
  result: HTMLElement,
  params: URLSearchParams,
): Promise<void> {
  const what = `${b.permitNumber}（${b.projectName}）${label(ACCEPTANCE_KINDS, b.kind)} ${b.date}`;
  const note = await confirmDialog({
    title: how === 'approve' ? '同意补录 Approve' : '退回补录 Return',
    body: [
      h(
        'p',
        {},
        how === 'approve'
          ? `同意后，${what} 记入施工许可信息（来源：数据治理补录），该项目的逾期验收预警随之解除。`
          : `退回 ${what}，县市区可修改后重新提交。`,
      ),
    ],
    confirm: how === 'approve' ? '确认同意 Approve' : '确认退回 Return',
    input: { label: '审核意见 Note', required: how === 'return', maxlength: 1000 },
  });
  if (note === null) return;
  try {
    await postJson(`/api/v1/supervision/acceptance-backfills/${b.id}/${how}`, note ? { note } : {});
    setFlash(
      how === 'approve' ? `已同意 ${b.permitNumber} 的补录 (approved)` : `已退回 ${b.permitNumber} 的补录 (returned)`,
    );
    reload(params);
  } catch (err) {
    showProblem(err, result);
  }
}

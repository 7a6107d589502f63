import { ApiError, getJson } from '../api.js';
import { field, h } from '../dom.js';
import { dataTable, role, sendJson, showProblem, statusLine } from '../kit.js';
import { href } from '../route.js';
import { canWrite, sessionInfo } from '../session.js';
import { chinaToday, homeRegion, keep } from '../statistics-core.js';
import { SCAN_ACCEPT, scanProblem, uploadProgress, uploadScan } from '../upload.js';
import { Appeal, appealsSection, refreshAppeals } from './statistics-assessment-appeals.js';

/** GET /api/v1/statistics/assessment (docs/statistics.md, 营商环境考核). */
interface AssessmentItem {
  kind: string;
  id: string;
  number: string | null;
  projectCode: string | null;
  projectName: string;
  regionCode: string;
  date: string | null;
  link: string;
}
interface Deduction {
  ruleId: string;
  description: string;
  pointsPerItem: number;
  cap: number;
  points: number;
  count: number;
  items: AssessmentItem[];
}
interface AssessedRegion {
  regionCode: string;
  regionName: string;
  level: 'CITY' | 'COUNTY';
  /** false: items left out (the province's cities, a large city's counties); see the region's own assessment */
  itemsIncluded?: boolean;
  score: number;
  deductionPoints: number;
  deductions: Deduction[];
}
interface Assessment {
  rulesVersion: string;
  asOf: string;
  regionCode: string;
  regionName: string;
  regions: AssessedRegion[];
}

const KIND_LABELS: Record<string, string> = {
  CONSTRUCTION_PERMIT: '施工许可证',
  PROJECT: '项目',
  PRESALE_PERMIT: '预售许可证',
  ALERT: '预警',
  ACCEPTANCE_BACKFILL: '验收日期补录',
};
const points = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));

/** The console page of an item's record where there is one (else none: the API route is shown). */
function consoleLink(item: AssessmentItem, unit: string, asOf: string): string | null {
  switch (item.kind) {
    case 'ALERT':
      return href(`/alerts/${item.id}`);
    case 'PRESALE_PERMIT':
      return /-Z\d{2}$/.test(item.id) ? href(`/escrow/${item.id}`) : null;
    case 'PROJECT':
      return href('/statistics/records', {
        regionCode: unit,
        figure: 'presale.presaleProjectsWithoutPresalePermit',
        asOf,
      });
    case 'ACCEPTANCE_BACKFILL':
      return href('/acceptance-backfills', { state: 'APPROVED' });
    default:
      return null;
  }
}

/**
 * 营商环境考核: the regions one level below the chosen one (province → 市州, 市州 → 县市区, a county itself)
 * with score and deductions, each deduction expandable to its records; region staff appeal an item,
 * province staff decide the appeals. The server checks every scope and role again.
 */
export async function statisticsAssessmentPage(params: URLSearchParams): Promise<HTMLElement> {
  const regions = sessionInfo()?.regions ?? [];
  const regionCode = params.get('regionCode') || homeRegion(regions);
  const asOf = params.get('asOf') ?? '';
  const section = h(
    'section',
    { class: 'statistics assessment' },
    h('a', { class: 'back', href: href('/statistics', keep(params, {})) }, '← 返回统计汇总 Back to the summary'),
    h('h1', {}, '营商环境考核 Region assessment'),
    asOfForm(params, asOf),
  );
  const q = new URLSearchParams({ regionCode });
  if (asOf) q.set('asOf', asOf);
  let a: Assessment;
  try {
    a = await getJson<Assessment>(`/api/v1/statistics/assessment?${q.toString()}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const box = h('div', { id: 'assessment-error', role: 'alert' });
    showProblem(err, box);
    section.appendChild(box);
    return section;
  }
  const appealForm = canAppeal() ? appealFormOf(a) : null;
  section.append(
    h('h2', { id: 'assessment-title' }, `${a.regionName}${self(a) ? '' : '下级区划'}考核（截至 ${a.asOf}）`),
    h(
      'p',
      { class: 'hint', id: 'assessment-rules' },
      `扣分规则版本 ${a.rulesVersion}。县市区 100 分起，按规则每项扣分、每条规则不超过上限，不低于 0 分；市州得分为所辖县市区得分的平均数减市本级记录的扣分。截至所选日期北京时间当日结束时已登记的记录。`,
    ),
    regionsTable(a, params),
  );
  // only the regions with deductions get a card; the others are named in one line
  const deducted = a.regions.filter((r) => r.deductions.some((d) => d.count > 0));
  const clean = a.regions.filter((r) => !deducted.includes(r));
  section.append(
    h('h2', { id: 'deductions-title' }, '扣分明细 Deductions'),
    ...deducted.map((r) => regionDetails(r, a.asOf, appealForm)),
    ...(clean.length
      ? [h('p', { class: 'hint', id: 'assessment-clean' }, `无扣分：${clean.map((r) => r.regionName).join('、')}`)]
      : []),
  );
  if (appealForm) section.appendChild(appealForm.element);
  const rules = new Map(a.regions.flatMap((r) => r.deductions.map((d) => [d.ruleId, d.description] as const)));
  section.appendChild(await appealsSection(a.regionCode, rules));
  return section;
}

/** A county's own assessment (no children). */
const self = (a: Assessment): boolean => a.regions.length === 1 && a.regions[0]!.regionCode === a.regionCode;

function canAppeal(): boolean {
  return canWrite() && (role() === 'COUNTY' || role() === 'CITY');
}

function asOfForm(params: URLSearchParams, asOf: string): HTMLElement {
  const input = h('input', { type: 'date', name: 'asOf', min: '2015-01-01', max: chinaToday(), value: asOf });
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '考核截止日 As of', novalidate: true },
    field('考核截止日 As of（不填为今天）', input),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '查询 Show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = href('/statistics/assessment', keep(params, { asOf: input.value.trim() || '' }));
  });
  return form;
}

function regionsTable(a: Assessment, params: URLSearchParams): HTMLElement {
  const level = a.regions[0]?.level === 'CITY' ? '市州' : '县市区';
  return dataTable(
    'assessment-regions',
    `${a.regionName}${self(a) ? '' : `各${level}`}得分（截至 ${a.asOf}）`,
    [level, '得分', '本级扣分', '扣分项数'],
    a.regions.map((r) => ({
      attrs: { 'data-region': r.regionCode },
      cells: [
        r.regionCode === a.regionCode
          ? r.regionName
          : h('a', { href: href('/statistics/assessment', keep(params, { regionCode: r.regionCode })) }, r.regionName),
        h('span', { class: 'num', 'data-score': String(r.score) }, points(r.score)),
        h('span', { class: 'num' }, points(r.deductionPoints)),
        h('span', { class: 'num' }, String(r.deductions.reduce((s, d) => s + d.count, 0))),
      ],
    })),
    `考核得分 Scores`,
  );
}

interface AppealForm {
  element: HTMLElement;
  fill(region: string, ruleId: string, item: AssessmentItem): void;
}

function regionDetails(r: AssessedRegion, asOf: string, appeal: AppealForm | null): HTMLElement {
  const deducted = r.deductions.filter((d) => d.count > 0);
  return h(
    'section',
    { class: 'card assessment-region', 'data-region': r.regionCode, 'aria-labelledby': `assess-${r.regionCode}` },
    h('h3', { id: `assess-${r.regionCode}` }, `${r.regionName}：${points(r.score)} 分`),
    deducted.length === 0
      ? h('p', { class: 'empty' }, '无扣分 (no deductions)')
      : deducted.map((d) =>
          h(
            'details',
            { class: 'deduction', 'data-rule': d.ruleId },
            h(
              'summary',
              {},
              `${d.description}：扣 ${points(d.points)} 分（${d.count} 项，每项 ${points(d.pointsPerItem)} 分，上限 ${points(d.cap)} 分）`,
            ),
            r.itemsIncluded === false
              ? h(
                  'p',
                  { class: 'deduction-items' },
                  h(
                    'a',
                    { href: href('/statistics/assessment', { regionCode: r.regionCode, asOf }) },
                    `查看${r.regionName}的扣分项明细 (items)`,
                  ),
                )
              : h(
                  'ul',
                  { class: 'deduction-items' },
                  d.items.map((item) => {
                    const link = consoleLink(item, item.regionCode, asOf);
                    const text = `${KIND_LABELS[item.kind] ?? item.kind} ${item.id}${item.number ? `（${item.number}）` : ''}`;
                    const button =
                      appeal && r.level === 'COUNTY'
                        ? h(
                            'button',
                            {
                              type: 'button',
                              class: 'small',
                              'aria-label': `申诉 Appeal ${item.id}`,
                              onclick: () => appeal.fill(r.regionCode, d.ruleId, item),
                            },
                            '申诉 Appeal',
                          )
                        : null;
                    return h(
                      'li',
                      { 'data-item': item.id },
                      link ? h('a', { href: link }, text) : h('span', {}, text),
                      ` ${item.projectName}${item.date ? ` · ${item.date}` : ''} `,
                      h('code', { class: 'api-link' }, item.link),
                      button,
                    );
                  }),
                ),
          ),
        ),
  );
}

function appealFormOf(a: Assessment): AppealForm {
  const region = h('input', { name: 'regionCode', readonly: true, value: '' });
  const rule = h('input', { name: 'ruleId', readonly: true, value: '' });
  const item = h('input', { name: 'itemId', readonly: true, value: '' });
  const reason = h('textarea', { name: 'reason', rows: 3, maxlength: 1000, required: true });
  const evidence = h('input', { name: 'evidence', maxlength: 500 });
  const scan = h('input', { name: 'scan', type: 'file', accept: SCAN_ACCEPT });
  const progress = uploadProgress('appeal-progress');
  const box = h('div', { id: 'appeal-error', role: 'alert' });
  const status = statusLine('appeal-status');
  const form = h(
    'form',
    { id: 'appeal-form', class: 'card', 'aria-labelledby': 'appeal-title', novalidate: true },
    h('h2', { id: 'appeal-title' }, '考核申诉 Appeal'),
    h(
      'p',
      { class: 'hint' },
      '在上方扣分项旁点击“申诉”，填写理由和证明材料（文号或说明），可附证明材料扫描件（PDF、JPEG 或 PNG，不超过 20 MB），由省厅审核。',
    ),
    field('区划代码 Region', region),
    field('规则 Rule', rule),
    field('扣分项 Item', item),
    field('申诉理由 Reason', reason),
    field('证明材料 Evidence（可不填）', evidence),
    field('证明材料扫描件 Evidence scan（可不附）', scan),
    progress,
    box,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '提交申诉 Submit')),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    box.replaceChildren();
    box.className = '';
    const data = {
      regionCode: region.value,
      ruleId: rule.value,
      itemId: item.value,
      reason: reason.value,
      ...(evidence.value.trim() ? { evidence: evidence.value } : {}),
    };
    const file = scan.files?.[0] ?? null;
    void (async (): Promise<Appeal> => {
      if (!file) return sendJson<Appeal>('POST', '/api/v1/statistics/assessment/appeals', data);
      const problem = await scanProblem(file);
      if (problem) throw new ApiError({ status: 0, code: 'SCAN_INVALID', detail: problem });
      return uploadScan<Appeal>('POST', '/api/v1/statistics/assessment/appeals', { data, scan: file }, progress);
    })().then(
      (appeal) => {
        const scans = appeal.evidenceScans?.length ?? 0;
        status.textContent = `已提交申诉（${appeal.itemId}${scans ? `，附扫描件 ${scans} 份` : ''}），待省厅审核。`;
        scan.value = '';
        status.focus();
        void refreshAppeals(a.regionCode);
      },
      (err: unknown) => showProblem(err, box, form),
    );
  });
  return {
    element: form,
    fill(code, ruleId, it) {
      region.value = code;
      rule.value = ruleId;
      item.value = it.id;
      reason.focus();
    },
  };
}

import { ApiError, getJson } from '../api.js';
import { h } from '../dom.js';
import { ExportColumn, exportControl, PAGE_SIZE_MAX, yuanCell } from '../export.js';
import { dataTable, showProblem } from '../kit.js';
import { label } from '../labels.js';
import { fenToYuan } from '../money.js';
import { href } from '../route.js';
import { figureDef, keep } from '../statistics-core.js';
import { pager } from './alerts.js';

/** One record behind a figure (GET /api/v1/statistics/projects). */
interface StatRecord {
  kind: string;
  key: string;
  reference: string | null;
  regionCode: string;
  countedUnder: string;
  regionName: string;
  projectCode: string | null;
  projectName: string;
  date: string | null;
  area: number | null;
  amountFen: number | null;
  units: number | null;
}
interface RecordPage {
  regionCode: string;
  figure: string;
  asOf: string;
  items: StatRecord[];
  page: number;
  pageSize: number;
  total: number;
}

export const RECORD_KINDS: Array<[string, string]> = [
  ['CONSTRUCTION_PERMIT', '施工许可证'],
  ['PRESALE_PERMIT', '预售许可证'],
  ['PROJECT', '项目'],
  ['CONTRACT_FILING', '网签备案'],
  ['ALERT', '预警'],
];

const PAGE_SIZE = 20;
const area = (v: number | null): string => (v === null ? '' : v.toFixed(2));

const EXPORT_COLUMNS: Array<ExportColumn<StatRecord>> = [
  { header: '类别 kind', value: (r) => label(RECORD_KINDS, r.kind) },
  { header: '编号 key', value: (r) => r.key },
  { header: '关联编号 reference', value: (r) => r.reference ?? '' },
  { header: '区划代码 regionCode', value: (r) => r.regionCode },
  { header: '计入区划 countedUnder', value: (r) => r.countedUnder },
  { header: '区划 regionName', value: (r) => r.regionName },
  { header: '项目代码 projectCode', value: (r) => r.projectCode ?? '' },
  { header: '项目名称 projectName', value: (r) => r.projectName },
  { header: '日期 date', value: (r) => r.date ?? '' },
  { header: '面积（m²）area', value: (r) => area(r.area) },
  { header: '金额（元）amount', value: (r) => yuanCell(r.amountFen) },
  { header: '套数 units', value: (r) => (r.units === null ? '' : String(r.units)) },
];

/**
 * The records behind a figure of the 统计 summary: paged as the server pages them (its total
 * equals the figure's count), 导出 CSV of the whole result, and the way back to the summary.
 */
export async function statisticsRecordsPage(params: URLSearchParams): Promise<HTMLElement> {
  const regionCode = params.get('regionCode') ?? '';
  const figure = params.get('figure') ?? '';
  const asOf = params.get('asOf') ?? '';
  const def = figureDef(figure);
  const back = h(
    'a',
    { class: 'back', href: href('/statistics', keep(params, {})) },
    '← 返回统计汇总 Back to the summary',
  );
  const section = h('section', { class: 'statistics' }, back, h('h1', {}, `统计记录：${def?.label ?? figure}`));
  const filters = new URLSearchParams({ regionCode, figure });
  if (asOf) filters.set('asOf', asOf);
  const current = Math.max(1, Number(params.get('page') || '1') || 1);
  let page: RecordPage;
  try {
    const q = new URLSearchParams(filters);
    q.set('page', String(current));
    q.set('pageSize', String(PAGE_SIZE));
    page = await getJson<RecordPage>(`/api/v1/statistics/projects?${q.toString()}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const box = h('div', { id: 'records-error', role: 'alert' });
    showProblem(err, box);
    section.appendChild(box);
    return section;
  }
  const first = page.items[0];
  section.append(
    h(
      'p',
      { class: 'hint' },
      `区划 ${first?.countedUnder === regionCode ? first.regionName : regionCode}，截至 ${page.asOf}；共 ${page.total} 条记录，与汇总中的数字一致。`,
    ),
    exportControl({
      route: '/api/v1/statistics/projects',
      filters,
      maxPageSize: PAGE_SIZE_MAX,
      columns: EXPORT_COLUMNS,
      fileName: `statistics-${regionCode}-${figure}`,
      key: (r: StatRecord) => `${r.kind}:${r.key}`,
      unit: '条记录',
    }),
  );
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  section.appendChild(
    page.items.length
      ? dataTable(
          'statistics-records',
          `共 ${page.total} 条记录（第 ${current} / ${pages} 页）`,
          ['类别', '编号', '关联编号', '区划', '项目名称', '日期', '面积（m²）', '金额（元）', '套数'],
          page.items.map((r) => ({
            attrs: { 'data-key': r.key },
            cells: [
              label(RECORD_KINDS, r.kind),
              h('span', { class: 'num' }, r.key),
              r.reference ? h('span', { class: 'num' }, r.reference) : '—',
              r.regionName,
              r.projectName || '（未命名）',
              r.date ?? '—',
              h('span', { class: 'num' }, r.area === null ? '—' : r.area.toFixed(2)),
              h('span', { class: 'num' }, r.amountFen === null ? '—' : fenToYuan(r.amountFen)),
              r.units === null ? '—' : String(r.units),
            ],
          })),
          '统计记录 Records',
        )
      : h('p', { class: 'empty' }, '没有记录 (no records)'),
  );
  section.appendChild(
    pager(current, pages, (p) => {
      const next = keep(params, {});
      next.set('figure', figure);
      if (p > 1) next.set('page', String(p));
      return href('/statistics/records', next);
    }),
  );
  return section;
}

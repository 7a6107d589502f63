import { ApiError, getJson } from '../api.js';
import { field, h } from '../dom.js';
import { dataTable, showProblem } from '../kit.js';
import { href } from '../route.js';
import { keep, monthRange } from '../statistics-core.js';
import { formatNumber } from '../statistics-format.js';
import { barChart } from '../widgets/bar-chart.js';

/** GET /api/v1/statistics/monthly: one row per month (empty months included). */
interface MonthlyFigures {
  month: string;
  permits: { count: number; floorArea: number };
  presale: { y: number; z: number; presaleArea: number; units: number };
  filings: { filed: number; floorArea: number; amountFen: number; cancelled: number };
}
interface Monthly {
  regionCode: string;
  regionName: string;
  from: string;
  to: string;
  months: MonthlyFigures[];
}

interface Series {
  id: string;
  title: string;
  value: (m: MonthlyFigures) => number;
}

const SERIES: Series[] = [
  { id: 'chart-permits', title: '每月施工许可证', value: (m) => m.permits.count },
  { id: 'chart-presale', title: '每月预售许可证（Y 号与 Z 号）', value: (m) => m.presale.y + m.presale.z },
  { id: 'chart-filings', title: '每月网签备案', value: (m) => m.filings.filed },
];

/**
 * 按月统计: a month range (from / to in the URL, the last twelve months by default), one bar chart
 * per figure and the table of the same numbers (the charts' accessible alternative).
 */
export async function monthlySection(
  regionCode: string,
  regionName: string,
  params: URLSearchParams,
): Promise<HTMLElement> {
  const range = monthRange(params);
  const from = h('input', { type: 'month', name: 'from', min: '2015-01', value: range.from });
  const to = h('input', { type: 'month', name: 'to', min: '2015-01', value: range.to });
  const form = h(
    'form',
    { class: 'filters card', 'aria-label': '月份范围 Months', novalidate: true },
    field('起始月份 From', from),
    field('截止月份 To（最多 60 个月）', to),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '显示 Show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = href('/statistics', keep(params, { from: from.value, to: to.value }));
  });
  const section = h(
    'section',
    { class: 'monthly', 'aria-labelledby': 'monthly-title' },
    h('h2', { id: 'monthly-title' }, `${regionName}按月统计 Monthly`),
    h('p', { class: 'hint' }, '按记录本身的日期（发证、备案日期）归月，取现在已登记的情况。'),
    form,
  );
  let monthly: Monthly;
  try {
    monthly = await getJson<Monthly>(
      `/api/v1/statistics/monthly?${new URLSearchParams({ regionCode, from: range.from, to: range.to }).toString()}`,
    );
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const box = h('div', { id: 'monthly-error', role: 'alert' });
    showProblem(err, box, form);
    section.appendChild(box);
    return section;
  }
  const months = monthly.months.map((m) => m.month);
  const count = (v: number): string => formatNumber(v, 'count');
  section.appendChild(
    h(
      'div',
      { class: 'charts' },
      SERIES.map((s) =>
        h(
          'figure',
          { class: 'card chart' },
          h('figcaption', {}, `${s.title}（${monthly.from} 至 ${monthly.to}）`),
          barChart({
            id: s.id,
            title: `${monthly.regionName}${s.title}`,
            months,
            values: monthly.months.map(s.value),
            format: count,
            unit: '个',
            integer: true,
          }),
        ),
      ),
    ),
  );
  section.appendChild(
    dataTable(
      'monthly-table',
      `${monthly.regionName}各月数字（${monthly.from} 至 ${monthly.to}，上图的数据表）`,
      [
        '月份',
        '施工许可证',
        '预售许可证 Y 号',
        '预售许可证 Z 号',
        '预售套数',
        '网签备案',
        '网签合同金额（元）',
        '注销备案',
      ],
      monthly.months.map((m) => ({
        attrs: { 'data-month': m.month },
        cells: [
          m.month,
          count(m.permits.count),
          count(m.presale.y),
          count(m.presale.z),
          count(m.presale.units),
          count(m.filings.filed),
          h('span', { class: 'num' }, formatNumber(m.filings.amountFen, 'money')),
          count(m.filings.cancelled),
        ],
      })),
      '按月统计数据表 Monthly table',
    ),
  );
  return section;
}

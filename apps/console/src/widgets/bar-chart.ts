import { niceScale } from '../statistics-core.js';
import { svg } from './hunan-map.js';

/**
 * A bar chart of one figure per month, drawn as SVG (no chart library): role="img" with an
 * aria-label that says the range, the total and the largest month; the page shows the same numbers
 * in a table (the accessible alternative). Bars are one colour; the values are written above them
 * when there is room (≤ 24 months), so nothing is told by colour alone.
 */
export interface BarChartSpec {
  id: string;
  title: string;
  months: string[];
  values: number[];
  /** a value as written on the axis and the bars, without unit */
  format: (v: number) => string;
  unit: string;
  integer: boolean;
}

const W = 480;
const H = 210;
const LEFT = 56;
const RIGHT = 8;
const TOP = 18;
const BOTTOM = 40;

export function barChart(spec: BarChartSpec): SVGSVGElement {
  const max = Math.max(0, ...spec.values);
  const scale = niceScale(max, 4, spec.integer);
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const n = Math.max(1, spec.months.length);
  const band = plotW / n;
  const barW = Math.max(2, band * 0.7);
  const yOf = (v: number): number => TOP + plotH - (v / scale.max) * plotH;
  const total = spec.values.reduce((a, b) => a + b, 0);
  const top = spec.values.indexOf(max);
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const summary =
    `${spec.title}：${spec.months[0] ?? ''} 至 ${spec.months[spec.months.length - 1] ?? ''}，` +
    `合计 ${spec.format(total)}${unit}` +
    (max > 0 ? `，最多为 ${spec.months[top]} 的 ${spec.format(max)}${unit}` : '，各月均为 0') +
    '。各月数字见下表。';
  const labelEvery = Math.ceil(n / 12);
  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': summary,
    class: 'bar-chart',
    id: spec.id,
  });
  chart.append(svg('title', {}, summary));
  for (const t of scale.ticks) {
    const ty = yOf(t).toFixed(1);
    chart.append(svg('line', { x1: LEFT, x2: W - RIGHT, y1: ty, y2: ty, class: t === 0 ? 'axis' : 'grid' }));
    chart.append(svg('text', { x: LEFT - 6, y: ty, class: 'tick-y', dy: '0.32em' }, spec.format(t)));
  }
  spec.months.forEach((month, i) => {
    const v = spec.values[i] ?? 0;
    const bx = LEFT + i * band + (band - barW) / 2;
    const by = yOf(v);
    chart.append(
      svg(
        'rect',
        {
          x: bx.toFixed(1),
          y: by.toFixed(1),
          width: barW.toFixed(1),
          height: Math.max(0, TOP + plotH - by).toFixed(1),
          class: 'bar',
          'data-month': month,
          'data-value': v,
        },
        svg('title', {}, `${month}：${spec.format(v)}${unit}`),
      ),
    );
    if (n <= 24 && v > 0)
      chart.append(
        svg('text', { x: (bx + barW / 2).toFixed(1), y: (by - 4).toFixed(1), class: 'bar-value' }, spec.format(v)),
      );
    const cx = (LEFT + i * band + band / 2).toFixed(1);
    if (i % labelEvery === 0) chart.append(svg('text', { x: cx, y: H - BOTTOM + 16, class: 'tick-x' }, month.slice(5)));
    // the year under the first month and each January
    if (i === 0 || month.endsWith('-01'))
      chart.append(svg('text', { x: cx, y: H - BOTTOM + 31, class: 'tick-x year' }, month.slice(0, 4)));
  });
  return chart;
}

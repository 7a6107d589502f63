import { ApiError, getJson } from '../api.js';
import { h } from '../dom.js';
import { showProblem } from '../kit.js';
import { ALERT_TYPES } from '../labels.js';
import { href } from '../route.js';
import { sessionInfo } from '../session.js';
import { figureDef, homeRegion, keep } from '../statistics-core.js';
import { formatFigure, formatNumber } from '../statistics-format.js';

/** GET /api/v1/statistics/digests (docs/statistics.md, 统计日报). */
interface DigestFigure {
  figure: string;
  previous: number | null;
  now: number;
  delta: number | null;
}
interface AlertCount {
  type: string;
  count: number;
}
interface RuleChange {
  ruleId: string;
  description: string;
  pointsBefore: number | null;
  pointsAfter: number;
  pointsDelta: number | null;
  countBefore: number | null;
  countAfter: number;
}
interface DigestAssessment {
  rulesVersion: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  scoreDelta: number | null;
  rules: RuleChange[];
}
interface Digest {
  id: string;
  regionCode: string;
  regionName: string;
  date: string;
  previousDate: string | null;
  figures: DigestFigure[];
  alertsRaised: AlertCount[];
  alertsCleared: AlertCount[];
  assessment: DigestAssessment | null;
}
interface DigestPage {
  regionCode: string;
  items: Digest[];
  total: number;
  page: number;
  pageSize: number;
}

/** Always shown; any other figure only when it changed. */
const KEY_FIGURES = [
  'permits.count',
  'permits.floorArea',
  'presale.y',
  'presale.z',
  'presale.units',
  'escrow.supervised',
  'filings.count',
  'filings.amountFen',
];
const ALERT_LABELS = new Map(ALERT_TYPES);

/** ▲ 增加 / ▼ 减少 / 持平 in words as well as the arrow (not colour alone). */
function deltaText(f: DigestFigure, kind: Parameters<typeof formatNumber>[1]): string {
  if (f.delta === null) return '首期';
  if (f.delta === 0) return '持平';
  const amount = formatNumber(Math.abs(f.delta), kind);
  return f.delta > 0 ? `▲ 增加 ${amount}` : `▼ 减少 ${amount}`;
}

function figureRows(d: Digest): HTMLElement {
  const shown = d.figures.filter((f) => KEY_FIGURES.includes(f.figure) || (f.delta !== null && f.delta !== 0));
  shown.sort((a, b) => order(a.figure) - order(b.figure));
  return h(
    'dl',
    { class: 'digest-figures' },
    ...shown.flatMap((f) => {
      const def = figureDef(f.figure);
      const kind = def?.kind ?? 'count';
      const trend = f.delta === null || f.delta === 0 ? 'flat' : f.delta > 0 ? 'up' : 'down';
      return [
        h('dt', {}, def?.label ?? f.figure),
        h(
          'dd',
          { 'data-figure': f.figure },
          h('span', { class: 'num' }, formatFigure(f.now, kind)),
          ' ',
          h('span', { class: `digest-delta ${trend}`, 'data-delta': String(f.delta ?? '') }, deltaText(f, kind)),
        ),
      ];
    }),
  );
}

const order = (figure: string): number => {
  const i = KEY_FIGURES.indexOf(figure);
  return i < 0 ? KEY_FIGURES.length : i;
};

function alertLine(label: string, counts: AlertCount[], cls: string): HTMLElement {
  const total = counts.reduce((s, c) => s + c.count, 0);
  const detail = counts.map((c) => `${ALERT_LABELS.get(c.type) ?? c.type} ${c.count}`).join('、');
  return h('p', { class: `digest-alerts ${cls}` }, `${label}：${total} 条${detail ? `（${detail}）` : ''}`);
}

/** Points and scores to two decimals at most, without trailing zeros (95, 99.5, 92.25). */
const points = (n: number): string => String(Math.round(n * 100) / 100);

/** (▲2) / (▼3) / (持平): the arrow with the amount, and words where nothing moved. */
function change(delta: number | null): string {
  if (delta === null) return '';
  if (delta === 0) return '（持平）';
  return delta > 0 ? `（▲${points(delta)}）` : `（▼${points(-delta)}）`;
}

/**
 * 考核得分变化: the score before → after (a county's or city's; the province is not scored) and each rule
 * whose deduction is not zero now or before, with points and item count before → after.
 */
function assessmentBlock(d: Digest): HTMLElement | null {
  const a = d.assessment;
  if (!a) return null;
  const score =
    a.scoreAfter === null
      ? h('p', { class: 'digest-score' }, '全省不评分，下列为各市州扣分之和')
      : h(
          'p',
          { class: 'digest-score', 'data-score-delta': String(a.scoreDelta ?? '') },
          a.scoreBefore === null
            ? `考核得分 ${points(a.scoreAfter)}（首期）`
            : `考核得分 ${points(a.scoreBefore)} → ${points(a.scoreAfter)}${change(a.scoreDelta)}`,
        );
  const rules = a.rules.filter((r) => r.pointsAfter !== 0 || (r.pointsBefore ?? 0) !== 0);
  return h(
    'section',
    { class: 'digest-assessment', 'aria-label': '考核得分变化 Assessment changes' },
    h('h3', {}, `营商环境考核（规则 ${a.rulesVersion}）`),
    score,
    rules.length === 0
      ? h('p', { class: 'hint' }, '各规则均无扣分')
      : h(
          'ul',
          { class: 'digest-rules' },
          ...rules.map((r) =>
            h(
              'li',
              { 'data-rule': r.ruleId },
              `${r.description}：扣 `,
              r.pointsBefore === null ? points(r.pointsAfter) : `${points(r.pointsBefore)} → ${points(r.pointsAfter)}`,
              ' 分',
              change(r.pointsDelta),
              `，${r.countBefore === null ? r.countAfter : `${r.countBefore} → ${r.countAfter}`} 项`,
            ),
          ),
        ),
  );
}

function digestCard(d: Digest): HTMLElement {
  return h(
    'article',
    { class: 'card digest', 'data-date': d.date, 'aria-labelledby': `digest-${d.date}` },
    h('h2', { id: `digest-${d.date}` }, `${d.date} ${d.regionName}日报`),
    h('p', { class: 'hint' }, d.previousDate ? `与上一期（${d.previousDate}）相比` : '首期日报，无上期可比'),
    figureRows(d),
    alertLine('当日新增预警', d.alertsRaised, 'raised'),
    alertLine('当日解除预警', d.alertsCleared, 'cleared'),
    assessmentBlock(d),
  );
}

/**
 * 统计日报 (推送省市县主管部门阅): a region's daily digests as cards, newest first, readable on a phone
 * (one column): the key figures with their change since the previous digest (▲/▼ and words), and the
 * alerts raised and cleared during the day.
 */
export async function statisticsDigestsPage(params: URLSearchParams): Promise<HTMLElement> {
  const regions = sessionInfo()?.regions ?? [];
  const regionCode = params.get('regionCode') || homeRegion(regions);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const section = h(
    'section',
    { class: 'statistics digests' },
    h('a', { class: 'back', href: href('/statistics', keep(params, {})) }, '← 返回统计汇总 Back to the summary'),
    h('h1', { id: 'digests-title' }, '统计日报 Daily digests'),
  );
  let p: DigestPage;
  try {
    p = await getJson<DigestPage>(
      `/api/v1/statistics/digests?${new URLSearchParams({ regionCode, page: String(page) })}`,
    );
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const box = h('div', { id: 'digests-error', role: 'alert' });
    showProblem(err, box);
    section.appendChild(box);
    return section;
  }
  section.appendChild(
    h('p', { class: 'hint', id: 'digests-count' }, `共 ${p.total} 份，最新在前；每日北京时间零点后生成前一日的日报。`),
  );
  if (p.items.length === 0) section.appendChild(h('p', { id: 'digests-empty' }, '暂无日报 No digests yet'));
  section.append(...p.items.map(digestCard));
  const pages = Math.ceil(p.total / p.pageSize);
  if (pages > 1) {
    const link = (n: number, text: string) =>
      h('a', { href: href('/statistics/digests', new URLSearchParams({ regionCode, page: String(n) })) }, text);
    section.appendChild(
      h(
        'nav',
        { class: 'pager', 'aria-label': '翻页 Pages' },
        page > 1 ? link(page - 1, '← 较新 Newer') : null,
        ` 第 ${page} / ${pages} 页 `,
        page < pages ? link(page + 1, '较早 Older →') : null,
      ),
    );
  }
  return section;
}

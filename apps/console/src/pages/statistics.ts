import { ApiError, getJson } from '../api.js';
import { field, h } from '../dom.js';
import { dataTable, showProblem } from '../kit.js';
import { href } from '../route.js';
import { sessionInfo } from '../session.js';
import {
  ALL_FIGURES,
  breadcrumb,
  chinaToday,
  FIGURE_GROUPS,
  FigureDef,
  figureDef,
  figureValue,
  homeRegion,
  keep,
  levelOf,
} from '../statistics-core.js';
import { formatFigure, formatNumber } from '../statistics-format.js';
import { statisticsMap } from '../widgets/statistics-map.js';
import { monthlySection } from './statistics-monthly.js';

/** GET /api/v1/statistics/summary (docs/statistics.md): the region and its children. */
export interface RegionFigures {
  regionCode: string;
  regionName: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY' | 'OWN';
  [group: string]: unknown;
}
export interface Summary extends RegionFigures {
  asOf: string;
  children: RegionFigures[];
}

const DEFAULT_MAP = 'permits.count';

/** The key figures of the children's table, with their column headers. */
const TABLE_FIGURES: Array<[string, string]> = [
  ['permits.count', '施工许可证'],
  ['presale.y', 'Y 号预售许可证'],
  ['presale.z', 'Z 号预售许可证'],
  ['escrow.supervised', '实行资金监管'],
  ['filings.count', '有效网签备案'],
  ['filings.amountFen', '网签合同金额（元）'],
];

const summaryPath = (code: string, asOf: string): string =>
  `/api/v1/statistics/summary?${new URLSearchParams(asOf ? { regionCode: code, asOf } : { regionCode: code }).toString()}`;

/**
 * 统计: the summary of a region as of a date (the user's own region first), its figures grouped with
 * their records behind a link, the children in a table and on the map (drill-down province → 市州 →
 * 县市区, the breadcrumb limited to the user's scope) and the monthly charts. The server decides the
 * scope: another region's URL shows its refusal.
 */
export async function statisticsPage(params: URLSearchParams): Promise<HTMLElement> {
  const regions = sessionInfo()?.regions ?? [];
  const regionCode = params.get('regionCode') || homeRegion(regions);
  const asOf = params.get('asOf') ?? '';
  const mapFigure = figureDef(params.get('map')) ?? figureDef(DEFAULT_MAP)!;
  const section = h('section', { class: 'statistics' }, h('h1', {}, '统计 Statistics'));
  section.append(
    asOfForm(params, asOf),
    h(
      'p',
      { class: 'assessment-link' },
      h(
        'a',
        { href: href('/statistics/assessment', keep(params, { regionCode })), id: 'assessment-link' },
        '营商环境考核（扣分与申诉）Region assessment →',
      ),
      ' ',
      h(
        'a',
        { href: href('/statistics/digests', keep(params, { regionCode })), id: 'digests-link' },
        '统计日报 Daily digests →',
      ),
    ),
  );

  const crumbs = breadcrumb(regionCode, regions);
  const [summary, ...ancestors] = await Promise.all([
    getJson<Summary>(summaryPath(regionCode, asOf)).catch((err: unknown) => err),
    ...crumbs.slice(0, -1).map((c) => getJson<Summary>(summaryPath(c, asOf)).catch(() => null)),
  ]);
  if (!summary || summary instanceof Error) {
    if (!(summary instanceof ApiError)) throw summary;
    const box = h('div', { id: 'statistics-error', role: 'alert' });
    showProblem(summary, box);
    section.append(
      box,
      h(
        'p',
        {},
        h('a', { href: href('/statistics', keep(params, { regionCode: homeRegion(regions) })) }, '返回本人区划的统计'),
      ),
    );
    return section;
  }
  const s = summary as Summary;
  const names = new Map<string, string>([[s.regionCode, s.regionName]]);
  for (const a of ancestors) if (a) names.set(a.regionCode, a.regionName);
  if (crumbs.length > 1) section.appendChild(breadcrumbNav(crumbs, names, params));

  section.append(
    h('h2', { id: 'statistics-title' }, `${s.regionName}统计汇总（截至 ${s.asOf}）`),
    h(
      'p',
      { class: 'hint' },
      '口径：只统计省平台实际登记的记录，省、市州、县市区同一口径；截至所选日期北京时间当日结束时已登记的记录。点击数字查看其背后的记录。',
    ),
    h(
      'div',
      { class: 'stat-groups', id: 'statistics-summary' },
      FIGURE_GROUPS.map((g) =>
        h(
          'section',
          { class: 'card stat-group', 'aria-labelledby': `group-${g.id}`, 'data-group': g.id },
          h('h3', { id: `group-${g.id}` }, g.title),
          h(
            'dl',
            {},
            g.figures.map((f) =>
              h('div', {}, h('dt', {}, f.label), h('dd', { 'data-figure': f.path }, recordsLink(s, f, params))),
            ),
          ),
        ),
      ),
    ),
  );
  if (s.children.length) section.append(...(await drillDown(s, mapFigure, params)));
  section.appendChild(await monthlySection(s.regionCode, s.regionName, params));
  return section;
}

function asOfForm(params: URLSearchParams, asOf: string): HTMLElement {
  const input = h('input', { type: 'date', name: 'asOf', min: '2015-01-01', max: chinaToday(), value: asOf });
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '统计截止日 As of', novalidate: true },
    field('统计截止日 As of（不填为今天）', input),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '查询 Show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = href('/statistics', keep(params, { asOf: input.value.trim() || '' }));
  });
  return form;
}

function breadcrumbNav(codes: string[], names: Map<string, string>, params: URLSearchParams): HTMLElement {
  return h(
    'nav',
    { 'aria-label': '区划层级 Breadcrumb', class: 'breadcrumb' },
    h(
      'ol',
      { id: 'statistics-breadcrumb' },
      codes.map((c, i) =>
        i === codes.length - 1
          ? h('li', { 'aria-current': 'page' }, names.get(c) ?? c)
          : h('li', {}, h('a', { href: href('/statistics', keep(params, { regionCode: c })) }, names.get(c) ?? c)),
      ),
    ),
  );
}

/** A figure's value, a link to the records behind it (the same region and date). */
function recordsLink(s: RegionFigures & { asOf: string }, f: FigureDef, params: URLSearchParams): HTMLElement {
  const q = keep(params, { regionCode: s.regionCode, asOf: s.asOf });
  q.set('figure', f.path);
  return h(
    'a',
    { href: href('/statistics/records', q), class: 'num' },
    formatFigure(figureValue(s, f.path), f.kind),
    h('span', { class: 'visually-hidden' }, `（${s.regionName}${f.label}的记录）`),
  );
}

async function drillDown(s: Summary, mapFigure: FigureDef, params: URLSearchParams): Promise<HTMLElement[]> {
  const childLevel = levelOf(s.regionCode) === 0 ? '市州' : '县市区';
  const drill = (c: RegionFigures): string | null =>
    c.level === 'OWN' ? null : href('/statistics', keep(params, { regionCode: c.regionCode }));
  const columns: Array<[FigureDef, string]> = TABLE_FIGURES.map(([p, header]) => [figureDef(p)!, header]);
  if (!columns.some(([f]) => f.path === mapFigure.path))
    columns.push([mapFigure, `${mapFigure.label}${mapFigure.kind === 'money' ? '（元）' : ''}（地图）`]);
  const figures = columns.map(([f]) => f);
  const headers = [childLevel, ...columns.map(([, header]) => header)];
  const rows = s.children.map((c) => {
    const link = drill(c);
    return {
      attrs: { 'data-region': c.regionCode },
      cells: [
        link
          ? h('a', { href: link }, c.regionName)
          : h('span', {}, c.regionName, h('span', { class: 'hint' }, '（市本级）')),
        ...figures.map((f) => h('span', { class: 'num' }, formatNumber(figureValue(c, f.path), f.kind))),
      ],
    };
  });
  const choose = h(
    'select',
    { name: 'map', id: 'f-map' },
    ALL_FIGURES.map((f) => h('option', { value: f.path, selected: f.path === mapFigure.path }, f.label)),
  );
  const form = h(
    'form',
    { class: 'toolbar map-choice', 'aria-label': '地图着色 Map figure' },
    h('label', { for: 'f-map' }, '地图按此数字着色 Colour by'),
    choose,
    h('button', { type: 'submit' }, '着色 Apply'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = href('/statistics', keep(params, { map: choose.value }));
  });
  const cities =
    levelOf(s.regionCode) === 0
      ? s.children.map((c) => ({
          code: c.regionCode,
          name: c.regionName,
          value: figureValue(c, mapFigure.path),
          link: drill(c),
        }))
      : [];
  return [
    h('h2', { id: 'children-title' }, `下级${childLevel} Drill-down`),
    form,
    h(
      'div',
      { class: 'drill' },
      await statisticsMap(cities, mapFigure, s.regionCode),
      dataTable(
        'statistics-children',
        `${s.regionName}各${childLevel}（截至 ${s.asOf}，点击区划名称进入下一级）`,
        headers,
        rows,
        `下级${childLevel} Children`,
      ),
    ),
  ];
}

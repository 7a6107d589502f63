/**
 * 统计 page logic without the DOM: the figures of GET /api/v1/statistics/summary grouped with their
 * Chinese names (docs/statistics.md), how each is shown (counts, m², 元 from 分), the chart's scale,
 * the map's colour classes, month ranges and the breadcrumb limited to the user's own regions.
 * No imports, so the unit specs load it as it is (the formatting with money.ts is statistics-format.ts).
 */
export type FigureKind = 'count' | 'area' | 'money' | 'units';

export interface FigureDef {
  /** the field's path in the summary, also the `figure` of /statistics/projects */
  path: string;
  label: string;
  kind: FigureKind;
}

export interface FigureGroup {
  id: string;
  title: string;
  figures: FigureDef[];
}

export const FIGURE_GROUPS: FigureGroup[] = [
  {
    id: 'permits',
    title: '施工许可',
    figures: [
      { path: 'permits.count', label: '施工许可证数', kind: 'count' },
      { path: 'permits.floorArea', label: '建筑面积', kind: 'area' },
      { path: 'permits.byProjectType.PRESALE', label: '其中：预售商品房项目', kind: 'count' },
      { path: 'permits.byProjectType.CURRENT_SALE', label: '其中：现售商品房项目', kind: 'count' },
      { path: 'permits.byProjectType.OTHER', label: '其中：其它项目', kind: 'count' },
      { path: 'permits.byProjectType.UNMARKED', label: '其中：未标记项目', kind: 'count' },
      { path: 'permits.socialInvestment', label: '社会投资房建类', kind: 'count' },
    ],
  },
  {
    id: 'presale',
    title: '预售许可',
    figures: [
      { path: 'presale.y', label: 'Y 号预售许可证（接口取号）', kind: 'count' },
      { path: 'presale.z', label: 'Z 号预售许可证（存量补录）', kind: 'count' },
      { path: 'presale.presaleArea', label: '预售面积', kind: 'area' },
      { path: 'presale.units', label: '预售套数', kind: 'units' },
      { path: 'presale.presaleProjectsWithoutPresalePermit', label: '预售商品房项目未办预售许可', kind: 'count' },
    ],
  },
  {
    id: 'capitalGuarantee',
    title: '资本保证金',
    figures: [
      { path: 'capitalGuarantee.withAmount', label: '填报资本保证金金额', kind: 'count' },
      { path: 'capitalGuarantee.amountFen', label: '资本保证金金额合计', kind: 'money' },
      { path: 'capitalGuarantee.withCommitmentLetter', label: '以承诺函替代', kind: 'count' },
      { path: 'capitalGuarantee.withNeither', label: '既无金额也无承诺函', kind: 'count' },
    ],
  },
  {
    id: 'escrow',
    title: '资金监管',
    figures: [
      { path: 'escrow.supervised', label: '实行预售资金监管', kind: 'count' },
      { path: 'escrow.notSupervised', label: '不实行预售资金监管', kind: 'count' },
      { path: 'escrow.noRecord', label: 'Z 号尚无资金监管信息', kind: 'count' },
      { path: 'escrow.balanceFen', label: '监管账户余额合计', kind: 'money' },
    ],
  },
  {
    id: 'filings',
    title: '网签备案',
    figures: [
      { path: 'filings.count', label: '有效网签备案', kind: 'count' },
      { path: 'filings.floorArea', label: '备案建筑面积', kind: 'area' },
      { path: 'filings.amountFen', label: '合同金额合计', kind: 'money' },
      { path: 'filings.byPaymentMethod.FULL', label: '其中：一次性付款', kind: 'count' },
      { path: 'filings.byPaymentMethod.COMMERCIAL_LOAN', label: '其中：商业贷款', kind: 'count' },
      { path: 'filings.byPaymentMethod.PROVIDENT_FUND_LOAN', label: '其中：公积金贷款', kind: 'count' },
      { path: 'filings.byPaymentMethod.COMBINED', label: '其中：组合贷款', kind: 'count' },
      { path: 'filings.cancelled', label: '已注销备案', kind: 'count' },
    ],
  },
  {
    id: 'alerts',
    title: '预警（未关闭）',
    figures: [
      { path: 'alerts.overdueAcceptanceIncrement', label: '逾期验收（增量）', kind: 'count' },
      { path: 'alerts.overdueAcceptanceStock', label: '逾期验收（存量）', kind: 'count' },
      { path: 'alerts.presaleWithoutPermit', label: '已办预售未办施工许可', kind: 'count' },
      { path: 'alerts.openDifferences', label: '网签比对差异', kind: 'count' },
    ],
  },
];

export const ALL_FIGURES: FigureDef[] = FIGURE_GROUPS.flatMap((g) => g.figures);

export function figureDef(path: string | null | undefined): FigureDef | undefined {
  return ALL_FIGURES.find((f) => f.path === path);
}

/** The number at `path` of a summary (0 when absent). */
export function figureValue(figures: unknown, path: string): number {
  let v: unknown = figures;
  for (const key of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function unitOf(kind: FigureKind): string {
  return kind === 'money' ? '元' : kind === 'area' ? 'm²' : kind === 'units' ? '套' : '';
}

export function isWhole(kind: FigureKind): boolean {
  return kind === 'count' || kind === 'units';
}

export interface Scale {
  /** the axis' top (≥ the data's maximum; 1 step when all values are 0) */
  max: number;
  step: number;
  /** 0, step, 2·step … max */
  ticks: number[];
}

/**
 * A "nice" axis for values 0 … `max`: about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ (counts: whole
 * steps only, so 3 permits give 0 1 2 3, not 0 0.75 1.5 …).
 */
export function niceScale(max: number, count = 4, integer = true): Scale {
  const top = Math.max(0, Number.isFinite(max) ? max : 0);
  if (top === 0) return { max: 1, step: 1, ticks: [0, 1] };
  const raw = top / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  if (integer) step = Math.max(1, Math.ceil(step));
  const steps = Math.max(1, Math.ceil(top / step - 1e-9));
  const ticks = Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks[ticks.length - 1]!, step, ticks };
}

export interface ColourClass {
  /** lower bound, exclusive (the first class is exactly 0) */
  above: number;
  /** upper bound, inclusive */
  upTo: number;
}

/**
 * The map's classes for the values shown: class 0 is "0" (no records), then up to `count` ranges
 * of equal width on a nice scale of the maximum, (0, s], (s, 2s] … — the legend writes each range.
 */
export function colourClasses(values: number[], count = 4, integer = true): ColourClass[] {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  const classes: ColourClass[] = [{ above: -Infinity, upTo: 0 }];
  if (max === 0) return classes;
  const scale = niceScale(max, count, integer);
  for (let i = 1; i < scale.ticks.length; i++) classes.push({ above: scale.ticks[i - 1]!, upTo: scale.ticks[i]! });
  return classes;
}

export function classOf(value: number, classes: ColourClass[]): number {
  const i = classes.findIndex((c) => value > c.above && value <= c.upTo);
  return i < 0 ? classes.length - 1 : i;
}

/**
 * The legend's text of a class, `format` writing a number of the figure without its unit:
 * "0（无）", "1–2", "3" (the whole numbers it holds) or "大于 2.00 至 4.00 m²".
 */
export function classLabel(c: ColourClass, kind: FigureKind, format: (v: number) => string): string {
  if (c.upTo <= 0) return '0（无）';
  const unit = unitOf(kind) ? ` ${unitOf(kind)}` : '';
  if (isWhole(kind)) {
    const from = Math.floor(c.above) + 1;
    return from >= c.upTo ? `${format(c.upTo)}${unit}` : `${format(from)}–${format(c.upTo)}${unit}`;
  }
  return `大于 ${format(c.above)} 至 ${format(c.upTo)}${unit}`;
}

/** YYYY-MM plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The day in China (UTC+8), YYYY-MM-DD. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The twelve months up to the current one (China time), unless the URL names a range. */
export function monthRange(params: URLSearchParams, today = chinaToday()): { from: string; to: string } {
  const valid = (v: string | null): v is string => v !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
  const to = valid(params.get('to')) ? params.get('to')! : today.slice(0, 7);
  const from = valid(params.get('from')) ? params.get('from')! : addMonths(to, -11);
  return { from, to };
}

/** 0 province (430000), 1 city (430200, 433100), 2 county. */
export function levelOf(code: string): number {
  if (code.endsWith('0000')) return 0;
  return code.endsWith('00') ? 1 : 2;
}

/** Province, city, county codes above and including `code` (430223 → 430000, 430200, 430223). */
export function ancestry(code: string): string[] {
  const chain = [`${code.slice(0, 2)}0000`];
  if (levelOf(code) >= 1) chain.push(`${code.slice(0, 4)}00`);
  if (levelOf(code) === 2) chain.push(code);
  return chain;
}

function within(code: string, region: string): boolean {
  const level = levelOf(region);
  return level === 0
    ? code.startsWith(region.slice(0, 2))
    : level === 1
      ? code.startsWith(region.slice(0, 4))
      : code === region;
}

/**
 * The breadcrumb's codes for `code`: its ancestry from the highest level the user may read — a
 * county user sees only its county, a city user its city and the county. Empty when none of the
 * user's regions covers `code` (the server refuses it anyway).
 */
export function breadcrumb(code: string, userRegions: string[]): string[] {
  return ancestry(code).filter((c) => userRegions.some((r) => within(c, r)));
}

/** Where the page opens without a region in the URL: the user's (first) region. */
export function homeRegion(userRegions: string[]): string {
  return [...userRegions].sort((a, b) => levelOf(a) - levelOf(b))[0] ?? '430000';
}

/** The 统计 page's own URL parameters, kept from view to view (drill-down, breadcrumb, records and back). */
export const STATISTICS_PARAMS = ['regionCode', 'asOf', 'map', 'from', 'to'];

/** The page's parameters with some replaced (an empty value drops one). */
export function keep(params: URLSearchParams, over: Record<string, string>): URLSearchParams {
  const q = new URLSearchParams();
  for (const name of STATISTICS_PARAMS) {
    const v = over[name] ?? params.get(name);
    if (v) q.set(name, v);
  }
  return q;
}

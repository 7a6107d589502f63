import { RegionFiguresV1, StatisticsFiguresV1, StatisticsLevelV1, STATISTICS_FIGURES } from '@hn/messages';
import { activeChildRegions, activeRegionLevel, currentRegionCode, regionName } from '@hn/numbering';
import { addInto, AREA_FIGURES, Vector } from '../figures/figure-vector';

/**
 * Region roll-up (统一口径): records count under the code in force their region code maps to (a
 * retired county under its successor); a county's figures are its records', a city's the sum of its
 * counties and its own records (市本级), the province's the sum of its cities. Every number of a region
 * is therefore the sum of the same number over its children, by construction.
 */
export interface RegionNode {
  code: string;
  name: string;
  level: StatisticsLevelV1;
  figures: Vector;
  children: RegionNode[];
}

/** Figures per region code on the records → figures per code in force (unknown codes dropped). */
export function countUnderCurrentCodes(byRecordCode: ReadonlyMap<string, Vector>): Map<string, Vector> {
  const out = new Map<string, Vector>();
  for (const [code, v] of byRecordCode) {
    const current = currentRegionCode(code);
    if (current) out.set(current, addInto(out.get(current) ?? {}, v));
  }
  return out;
}

const levelOf = (code: string): StatisticsLevelV1 =>
  activeRegionLevel(code) === 'province' ? 'PROVINCE' : activeRegionLevel(code) === 'prefecture' ? 'CITY' : 'COUNTY';

function node(code: string, level: StatisticsLevelV1, children: RegionNode[], own: Vector = {}): RegionNode {
  const figures = children.reduce((sum, c) => addInto(sum, c.figures), { ...own });
  return { code, name: regionName(code) ?? code, level, figures, children };
}

const ownNode = (code: string, figures: Vector): RegionNode => ({
  code,
  name: `${regionName(code) ?? code}本级`,
  level: 'OWN',
  figures: { ...figures },
  children: [],
});

/** The region with its children (the province: its cities; a city: its counties and 市本级; a county: none). */
export function rollUp(region: string, byCurrentCode: ReadonlyMap<string, Vector>): RegionNode {
  const leaf = (code: string): Vector => ({ ...(byCurrentCode.get(code) ?? {}) });
  const city = (code: string): RegionNode =>
    node(code, 'CITY', [
      ...activeChildRegions(code).map((county) => node(county, 'COUNTY', [], leaf(county))),
      ownNode(code, leaf(code)),
    ]);
  const level = levelOf(region);
  if (level === 'COUNTY') return node(region, 'COUNTY', [], leaf(region));
  if (level === 'CITY') return city(region);
  const cities = activeChildRegions(region).map(city);
  const own = leaf(region);
  return node(region, 'PROVINCE', Object.keys(own).length > 0 ? [...cities, ownNode(region, own)] : cities);
}

/** A vector as nested fields by figure path (areas back to m² with two decimals). */
export function toNested<T>(v: Vector, paths: readonly string[]): T {
  const out: Record<string, Record<string, unknown>> = {};
  for (const path of paths) {
    const parts = path.split('.');
    let target: Record<string, unknown> = (out[parts[0]!] ??= {});
    for (const p of parts.slice(1, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    const n = v[path] ?? 0;
    target[parts[parts.length - 1]!] = AREA_FIGURES.has(path) ? n / 100 : n;
  }
  return out as unknown as T;
}

export const toFigures = (v: Vector): StatisticsFiguresV1 => toNested<StatisticsFiguresV1>(v, STATISTICS_FIGURES);

export function regionFigures(n: RegionNode): RegionFiguresV1 {
  return { regionCode: n.code, regionName: n.name, level: n.level, ...toFigures(n.figures) };
}

import { ASSESSMENT_ITEMS_PER_REPLY, AssessmentDeductionV1, AssessmentItemV1, AssessmentRegionV1 } from '@hn/messages';
import { activeChildRegions, activeRegionLevel, regionName } from '@hn/numbering';
import type { AssessmentRules } from './assessment-rules';

/** Items per rule id of one assessed unit (a county, or a city's own records: 市本级). */
export type UnitItems = ReadonlyMap<string, readonly AssessmentItemV1[]>;

/** Points are added in hundredths, so 0.5 × 3 is exactly 1.5. */
const h = (points: number): number => Math.round(points * 100);

export interface UnitAssessment {
  score: number;
  points: number;
  deductions: AssessmentDeductionV1[];
}

/**
 * One unit's deductions: per rule, count × points per item up to the cap; the score is the base minus
 * the sum, never below 0. Items are ordered by id so the same records always give the same answer.
 */
export function assessUnit(rules: AssessmentRules, items: UnitItems): UnitAssessment {
  let total = 0;
  const deductions = rules.rules.map((rule): AssessmentDeductionV1 => {
    const list = [...(items.get(rule.id) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const points = Math.min(h(rule.cap), list.length * h(rule.pointsPerItem));
    total += points;
    return {
      ruleId: rule.id,
      description: rule.description,
      pointsPerItem: rule.pointsPerItem,
      cap: rule.cap,
      points: points / 100,
      count: list.length,
      items: list,
    };
  });
  return { score: Math.max(0, h(rules.baseScore) - total) / 100, points: total / 100, deductions };
}

/** Per rule, the counties' (and 市本级) deductions added up: the city's list. */
function mergeDeductions(parts: readonly UnitAssessment[], rules: AssessmentRules): AssessmentDeductionV1[] {
  return rules.rules.map((rule, i) => {
    const of = parts.map((p) => p.deductions[i]!);
    return {
      ruleId: rule.id,
      description: rule.description,
      pointsPerItem: rule.pointsPerItem,
      cap: rule.cap,
      points: of.reduce((s, d) => s + h(d.points), 0) / 100,
      count: of.reduce((s, d) => s + d.count, 0),
      items: of.flatMap((d) => d.items),
    };
  });
}

export function countyRegion(
  rules: AssessmentRules,
  code: string,
  byUnit: ReadonlyMap<string, UnitItems>,
): AssessmentRegionV1 {
  const a = assessUnit(rules, byUnit.get(code) ?? new Map());
  return {
    regionCode: code,
    regionName: regionName(code) ?? code,
    level: 'COUNTY',
    score: a.score,
    deductionPoints: a.points,
    deductions: a.deductions,
    itemsIncluded: true,
    itemsLink: null,
  };
}

/**
 * A city: the mean of its counties' scores (two decimals, half up) minus the deductions of the records
 * carrying the city's own code (市本级), never below 0; its deductions are its counties' and its own per rule.
 */
export function cityRegion(
  rules: AssessmentRules,
  code: string,
  byUnit: ReadonlyMap<string, UnitItems>,
): AssessmentRegionV1 {
  const counties = activeChildRegions(code).map((c) => assessUnit(rules, byUnit.get(c) ?? new Map()));
  const own = assessUnit(rules, byUnit.get(code) ?? new Map());
  const mean =
    counties.length === 0
      ? h(rules.baseScore)
      : Math.round(counties.reduce((s, c) => s + h(c.score), 0) / counties.length);
  return {
    regionCode: code,
    regionName: regionName(code) ?? code,
    level: 'CITY',
    score: Math.max(0, mean - h(own.points)) / 100,
    deductionPoints: own.points,
    deductions: mergeDeductions([...counties, own], rules),
    itemsIncluded: true,
    itemsLink: null,
  };
}

/** The assessed regions of a query: the province → its cities; a city → its counties; a county → itself. */
export function assessRegions(
  rules: AssessmentRules,
  region: string,
  byUnit: ReadonlyMap<string, UnitItems>,
): AssessmentRegionV1[] {
  const level = activeRegionLevel(region);
  if (level === 'province') return activeChildRegions(region).map((c) => cityRegion(rules, c, byUnit));
  if (level === 'prefecture') return activeChildRegions(region).map((c) => countyRegion(rules, c, byUnit));
  return [countyRegion(rules, region, byUnit)];
}

/** A region with its deductions' counts and points only, its items at its own assessment (itemsLink). */
export function withoutItems(r: AssessmentRegionV1, asOf: string): AssessmentRegionV1 {
  return {
    ...r,
    deductions: r.deductions.map((d) => ({ ...d, items: [] })),
    itemsIncluded: false,
    itemsLink: `/api/v1/statistics/assessment?regionCode=${r.regionCode}&asOf=${asOf}`,
  };
}

/**
 * The regions as answered, each reply small at any scale: the province's cities with totals only (the
 * items of a city on request of that city); a city's counties with their items unless they number more
 * than ASSESSMENT_ITEMS_PER_REPLY in all (then totals, the items on request of each county); a county
 * with its items.
 */
export function answeredRegions(
  level: ReturnType<typeof activeRegionLevel>,
  regions: readonly AssessmentRegionV1[],
  asOf: string,
): AssessmentRegionV1[] {
  const items = regions.reduce((n, r) => n + r.deductions.reduce((m, d) => m + d.items.length, 0), 0);
  const summarise = level === 'province' || (level === 'prefecture' && items > ASSESSMENT_ITEMS_PER_REPLY);
  return summarise ? regions.map((r) => withoutItems(r, asOf)) : [...regions];
}

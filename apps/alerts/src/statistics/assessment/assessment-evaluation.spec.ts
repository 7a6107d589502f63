import { ASSESSMENT_ITEMS_PER_REPLY, AssessmentItemV1 } from '@hn/messages';
import { activeChildRegions } from '@hn/numbering';
import { answeredRegions, assessRegions, assessUnit, cityRegion, UnitItems } from './assessment-evaluation';
import { loadAssessmentRules } from './assessment-rules';

const rules = loadAssessmentRules();
const item = (id: string, regionCode = '430223'): AssessmentItemV1 => ({
  kind: 'PROJECT',
  id,
  number: null,
  projectCode: id,
  projectName: `项目 ${id}`,
  regionCode,
  date: null,
  link: `/api/v1/x/${id}`,
});
const many = (n: number, prefix: string): AssessmentItemV1[] =>
  Array.from({ length: n }, (_, i) => item(`${prefix}-${String(i).padStart(3, '0')}`));
const rule = (id: string) => rules.rules.find((r) => r.id === id)!;

describe('assessment evaluation (营商环境考核扣分)', () => {
  it('deducts points per item for each rule and scores 100 minus the sum', () => {
    const items: UnitItems = new Map([
      ['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', many(2, 'p')],
      ['GOVERNANCE_ACCEPTANCE_BACKFILL', many(3, 'g')],
    ]);
    const a = assessUnit(rules, items);
    const by = Object.fromEntries(a.deductions.map((d) => [d.ruleId, d]));
    expect(by['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT']).toMatchObject({ count: 2, points: 2 });
    expect(by['GOVERNANCE_ACCEPTANCE_BACKFILL']).toMatchObject({ count: 3, points: 1.5 });
    expect(a.points).toBe(3.5);
    expect(a.score).toBe(96.5);
    // every rule of the file is listed, in the file's order, also those without items
    expect(a.deductions.map((d) => d.ruleId)).toEqual(rules.rules.map((r) => r.id));
  });

  it('caps each rule at its cap while still listing every item', () => {
    const r = rule('BACKFILLED_PRESALE_WITHOUT_ESCROW');
    const a = assessUnit(rules, new Map([[r.id, many(25, 'z')]]));
    const d = a.deductions.find((x) => x.ruleId === r.id)!;
    expect(d).toMatchObject({ count: 25, points: r.cap, cap: r.cap });
    expect(d.items).toHaveLength(25);
    expect(a.score).toBe(100 - r.cap);
  });

  it('never scores below 0', () => {
    const items: UnitItems = new Map(rules.rules.map((r) => [r.id, many(1000, r.id)]));
    const capped = rules.rules.reduce((s, r) => s + r.cap, 0);
    const a = assessUnit(rules, items);
    expect(a.points).toBe(capped);
    expect(a.score).toBe(Math.max(0, 100 - capped));
    const harsh = { ...rules, rules: rules.rules.map((r) => ({ ...r, cap: 60, pointsPerItem: 30 })) };
    expect(assessUnit(harsh, new Map(harsh.rules.map((r) => [r.id, many(3, r.id)]))).score).toBe(0);
  });

  it('is deterministic: the same items in any order give the same result', () => {
    const list = many(12, 'q');
    const shuffled = [...list].reverse();
    const a = assessUnit(rules, new Map([['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', list]]));
    const b = assessUnit(rules, new Map([['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', shuffled]]));
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('scores a city as the mean of its counties minus its own (市本级) deductions, listing every deduction', () => {
    const counties = activeChildRegions('430200');
    const byUnit = new Map<string, UnitItems>([
      [counties[0]!, new Map([['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', many(4, 'a')]])],
      ['430200', new Map([['GOVERNANCE_ACCEPTANCE_BACKFILL', many(1, 'o')]])],
    ]);
    const city = cityRegion(rules, '430200', byUnit);
    const mean = Math.round(((counties.length - 1) * 10000 + 9600) / counties.length) / 100;
    expect(city).toMatchObject({ regionCode: '430200', regionName: '株洲市', level: 'CITY', deductionPoints: 0.5 });
    expect(city.score).toBeCloseTo(mean - 0.5, 10);
    const d = Object.fromEntries(city.deductions.map((x) => [x.ruleId, x]));
    expect(d['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT']).toMatchObject({ count: 4, points: 4 });
    expect(d['GOVERNANCE_ACCEPTANCE_BACKFILL']).toMatchObject({ count: 1, points: 0.5 });
  });

  it('lists the province’s cities, a city’s counties and a county alone', () => {
    const empty = new Map<string, UnitItems>();
    const province = assessRegions(rules, '430000', empty);
    expect(province).toHaveLength(14);
    expect(province.every((r) => r.level === 'CITY' && r.score === 100)).toBe(true);
    const city = assessRegions(rules, '430200', empty);
    expect(city.map((r) => r.regionCode)).toEqual(activeChildRegions('430200'));
    expect(city.every((r) => r.level === 'COUNTY')).toBe(true);
    expect(assessRegions(rules, '430223', empty).map((r) => [r.regionCode, r.regionName, r.score])).toEqual([
      ['430223', '攸县', 100],
    ]);
  });

  it('answers the province per city with counts and points only, a large city per county, a county with its items', () => {
    const rid = 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT';
    const byUnit = new Map<string, UnitItems>([
      ['430223', new Map([[rid, many(3, 'yx')]])],
      ['430102', new Map([[rid, many(ASSESSMENT_ITEMS_PER_REPLY + 1, 'fr')]])],
    ]);
    const province = answeredRegions('province', assessRegions(rules, '430000', byUnit), '2026-11-30');
    expect(province).toHaveLength(14);
    const zz = province.find((r) => r.regionCode === '430200')!;
    expect(zz).toMatchObject({
      itemsIncluded: false,
      itemsLink: '/api/v1/statistics/assessment?regionCode=430200&asOf=2026-11-30',
    });
    expect(zz.deductions.find((d) => d.ruleId === rid)).toMatchObject({ count: 3, points: 3, items: [] });
    expect(Buffer.byteLength(JSON.stringify(province))).toBeLessThan(64 * 1024);
    // 株洲市: 3 items, listed; 长沙市: more than the limit, each county with its totals and link
    const city = answeredRegions('prefecture', assessRegions(rules, '430200', byUnit), '2026-11-30');
    expect(city.find((r) => r.regionCode === '430223')).toMatchObject({ itemsIncluded: true, itemsLink: null });
    expect(city.find((r) => r.regionCode === '430223')!.deductions.find((d) => d.ruleId === rid)!.items).toHaveLength(
      3,
    );
    const cs = answeredRegions('prefecture', assessRegions(rules, '430100', byUnit), '2026-11-30');
    expect(cs.every((r) => !r.itemsIncluded && r.deductions.every((d) => d.items.length === 0))).toBe(true);
    expect(cs.find((r) => r.regionCode === '430102')!.deductions.find((d) => d.ruleId === rid)!.count).toBe(
      ASSESSMENT_ITEMS_PER_REPLY + 1,
    );
    // the county itself: every item
    const county = answeredRegions('county', assessRegions(rules, '430102', byUnit), '2026-11-30');
    expect(county[0]!.deductions.find((d) => d.ruleId === rid)!.items).toHaveLength(ASSESSMENT_ITEMS_PER_REPLY + 1);
  });
});

import { AssessmentItemV1, DigestAssessmentV1 } from '@hn/messages';
import { activeChildRegions } from '@hn/numbering';
import { UnitItems } from '../assessment/assessment-evaluation';
import { loadAssessmentRules } from '../assessment/assessment-rules';
import { assessmentChange, regionScores, RegionScore } from './digest-assessment';

const rules = loadAssessmentRules();
const item = (id: string, regionCode: string): AssessmentItemV1 => ({
  kind: 'PROJECT',
  id,
  number: null,
  projectCode: id,
  projectName: `项目 ${id}`,
  regionCode,
  date: null,
  link: `/api/v1/x/${id}`,
});
const PRESALE = 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT';
const BACKFILL = 'GOVERNANCE_ACCEPTANCE_BACKFILL';
const ruleOf = (a: DigestAssessmentV1, id: string) => a.rules.find((r) => r.ruleId === id)!;

describe('digest assessment changes (考核得分变化)', () => {
  const now: RegionScore = {
    score: 92,
    deductions: [
      { ruleId: PRESALE, description: '预售', points: 3, count: 3 },
      { ruleId: BACKFILL, description: '补录', points: 5, count: 12 },
    ],
  };

  it('has no before values nor deltas without a previous assessment', () => {
    const a = assessmentChange('2024.v1', null, now);
    expect(a).toEqual({
      rulesVersion: '2024.v1',
      scoreBefore: null,
      scoreAfter: 92,
      scoreDelta: null,
      rules: [
        {
          ruleId: PRESALE,
          description: '预售',
          pointsBefore: null,
          pointsAfter: 3,
          pointsDelta: null,
          countBefore: null,
          countAfter: 3,
        },
        {
          ruleId: BACKFILL,
          description: '补录',
          pointsBefore: null,
          pointsAfter: 5,
          pointsDelta: null,
          countBefore: null,
          countAfter: 12,
        },
      ],
    });
  });

  it('compares score, points and count per rule with the previous digest’s, a rule it lacked counting 0', () => {
    const previous = assessmentChange('2024.v1', null, {
      score: 95,
      deductions: [{ ruleId: PRESALE, description: '预售', points: 1, count: 1 }],
    });
    const a = assessmentChange('2024.v1', previous, now);
    expect(a.scoreBefore).toBe(95);
    expect(a.scoreDelta).toBe(-3);
    expect(ruleOf(a, PRESALE)).toMatchObject({
      pointsBefore: 1,
      pointsAfter: 3,
      pointsDelta: 2,
      countBefore: 1,
      countAfter: 3,
    });
    expect(ruleOf(a, BACKFILL)).toMatchObject({
      pointsBefore: 0,
      pointsAfter: 5,
      pointsDelta: 5,
      countBefore: 0,
      countAfter: 12,
    });
  });

  it('gives exact hundredths (no binary-fraction noise) and 0 for an unchanged rule', () => {
    const previous = assessmentChange('2024.v1', null, {
      score: 99.7,
      deductions: [{ ruleId: BACKFILL, description: '补录', points: 0.3, count: 1 }],
    });
    const a = assessmentChange('2024.v1', previous, {
      score: 99.4,
      deductions: [{ ruleId: BACKFILL, description: '补录', points: 0.6, count: 2 }],
    });
    expect(a.scoreDelta).toBe(-0.3);
    expect(ruleOf(a, BACKFILL).pointsDelta).toBe(0.3);
    const same = assessmentChange('2024.v1', a, {
      score: 99.4,
      deductions: [{ ruleId: BACKFILL, description: '补录', points: 0.6, count: 2 }],
    });
    expect(same.scoreDelta).toBe(0);
    expect(ruleOf(same, BACKFILL)).toMatchObject({ pointsDelta: 0, countBefore: 2, countAfter: 2 });
  });

  it('keeps the province unscored (score and delta null) while comparing its rules', () => {
    const previous = assessmentChange('2024.v1', null, {
      score: null,
      deductions: [{ ruleId: PRESALE, description: '预售', points: 2, count: 2 }],
    });
    const a = assessmentChange('2024.v1', previous, {
      score: null,
      deductions: [{ ruleId: PRESALE, description: '预售', points: 4, count: 4 }],
    });
    expect(a).toMatchObject({ scoreBefore: null, scoreAfter: null, scoreDelta: null });
    expect(ruleOf(a, PRESALE)).toMatchObject({ pointsDelta: 2, countBefore: 2, countAfter: 4 });
  });

  it('scores every county and city from one evaluation; the province sums its cities per rule', () => {
    // 攸县 two items, 茶陵县 one, 株洲市本级 one (counted on the city only)
    const byUnit = new Map<string, UnitItems>([
      ['430223', new Map([[PRESALE, [item('a', '430223'), item('b', '430223')]]])],
      ['430224', new Map([[PRESALE, [item('c', '430224')]]])],
      ['430200', new Map([[PRESALE, [item('d', '430200')]]])],
    ]);
    const scores = regionScores(rules, byUnit);
    const codes = activeChildRegions('430000').flatMap((c) => [c, ...activeChildRegions(c)]);
    expect([...scores.keys()].sort()).toEqual([...codes, '430000'].sort());
    expect(scores.get('430223')!.score).toBe(98);
    expect(scores.get('430224')!.score).toBe(99);
    const zz = scores.get('430200')!;
    const n = activeChildRegions('430200').length;
    expect(zz.score).toBe(Math.round(((n - 2) * 10000 + 9800 + 9900) / n) / 100 - 1);
    expect(zz.deductions.find((d) => d.ruleId === PRESALE)).toMatchObject({ points: 4, count: 4 });
    const province = scores.get('430000')!;
    expect(province.score).toBeNull();
    expect(province.deductions.map((d) => d.ruleId)).toEqual(rules.rules.map((r) => r.id));
    expect(province.deductions.find((d) => d.ruleId === PRESALE)).toMatchObject({ points: 4, count: 4 });
    expect(scores.get('430100')!.score).toBe(100);
  });
});

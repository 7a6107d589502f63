import { AssessmentDeductionV1, DigestAssessmentV1, DigestRuleChangeV1 } from '@hn/messages';
import { activeChildRegions } from '@hn/numbering';
import { cityRegion, countyRegion, UnitItems } from '../assessment/assessment-evaluation';
import type { AssessmentRules } from '../assessment/assessment-rules';

const PROVINCE = '430000';

/** A region's assessment as the digest keeps it: the score (null: not scored) and its deductions per rule. */
export interface RegionScore {
  score: number | null;
  deductions: readonly Pick<AssessmentDeductionV1, 'ruleId' | 'description' | 'points' | 'count'>[];
}

/** Hundredths: the points and scores are exact to 0.01, so their differences are too. */
const h = (n: number): number => Math.round(n * 100);
const diff = (after: number, before: number): number => (h(after) - h(before)) / 100;

/**
 * The assessment of every region a digest is written for, from one evaluation of the province's items:
 * each county (its own score), each city (the mean of its counties minus 市本级, its deductions the sum
 * of its counties' and its own: assessment-evaluation.ts) and the province (not scored: score null; per
 * rule the sum over its cities).
 */
export function regionScores(rules: AssessmentRules, byUnit: ReadonlyMap<string, UnitItems>): Map<string, RegionScore> {
  const out = new Map<string, RegionScore>();
  const cities = activeChildRegions(PROVINCE).map((city) => {
    const c = cityRegion(rules, city, byUnit);
    out.set(city, c);
    for (const county of activeChildRegions(city)) out.set(county, countyRegion(rules, county, byUnit));
    return c;
  });
  out.set(PROVINCE, {
    score: null,
    deductions: rules.rules.map((rule, i) => ({
      ruleId: rule.id,
      description: rule.description,
      points: cities.reduce((s, c) => s + h(c.deductions[i]!.points), 0) / 100,
      count: cities.reduce((s, c) => s + c.deductions[i]!.count, 0),
    })),
  });
  return out;
}

/**
 * 考核得分变化: the assessment as of the digest date against the previous digest's. Without a previous
 * assessment (the region's first digest, or one written before digests carried it) every "before" and
 * delta is null; a rule the previous digest did not hold (another rules version) counts 0 there. The
 * rules are those of the assessment now, in the rules file's order.
 */
export function assessmentChange(
  rulesVersion: string,
  previous: DigestAssessmentV1 | null,
  now: RegionScore,
): DigestAssessmentV1 {
  const before = previous ? new Map(previous.rules.map((r) => [r.ruleId, r])) : null;
  const rules = now.deductions.map((d): DigestRuleChangeV1 => {
    if (!before)
      return {
        ruleId: d.ruleId,
        description: d.description,
        pointsBefore: null,
        pointsAfter: d.points,
        pointsDelta: null,
        countBefore: null,
        countAfter: d.count,
      };
    const b = before.get(d.ruleId);
    const pointsBefore = b?.pointsAfter ?? 0;
    return {
      ruleId: d.ruleId,
      description: d.description,
      pointsBefore,
      pointsAfter: d.points,
      pointsDelta: diff(d.points, pointsBefore),
      countBefore: b?.countAfter ?? 0,
      countAfter: d.count,
    };
  });
  const scoreBefore = previous?.scoreAfter ?? null;
  return {
    rulesVersion,
    scoreBefore,
    scoreAfter: now.score,
    scoreDelta: scoreBefore === null || now.score === null ? null : diff(now.score, scoreBefore),
    rules,
  };
}

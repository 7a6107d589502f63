import { isIsoDate } from '@hn/numbering';
import RULES_2024_V1 from './rules/assessment-rules-2024.v1.json';

/**
 * 营商环境考核扣分规则: a versioned data file (rules/assessment-rules-<year>.v<n>.json) read and checked
 * when the alerts service starts — an invalid file stops the boot with a Chinese message. Each rule names
 * one measure (what the code counts, below), its points per item and its cap per county.
 */
export const ASSESSMENT_MEASURES = [
  'unmarkedSocialInvestmentPermits',
  'presaleProjectsWithoutPresalePermit',
  'backfilledPresaleWithoutEscrow',
  'overdueAcceptanceWithoutFollowUp',
  'governanceAcceptanceBackfills',
  'unresolvedReconciliationDifferences',
] as const;
export type AssessmentMeasure = (typeof ASSESSMENT_MEASURES)[number];

/** Measures that need `days` (a waiting period after a date). */
const NEEDS_DAYS: ReadonlySet<AssessmentMeasure> = new Set([
  'unmarkedSocialInvestmentPermits',
  'overdueAcceptanceWithoutFollowUp',
  'unresolvedReconciliationDifferences',
]);

export interface AssessmentRule {
  id: string;
  measure: AssessmentMeasure;
  description: string;
  counts: string;
  days: number | null;
  pointsPerItem: number;
  cap: number;
}

export interface AssessmentRules {
  version: string;
  title: string;
  baseScore: number;
  /** 存量项目标记截止日 (YYYY-MM-DD) */
  markingDeadline: string;
  rules: AssessmentRule[];
}

const CHINESE = /[\u4e00-\u9fff]/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A positive number with at most two decimals (points are added in hundredths). */
const isPoints = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && Math.abs(Math.round(v * 100) - v * 100) < 1e-9;

/** The rules file checked whole; throws with every problem in Chinese (the service then does not start). */
export function validateAssessmentRules(raw: unknown): AssessmentRules {
  const problems: string[] = [];
  if (!isObject(raw)) throw rulesError(['文件内容须为 JSON 对象 (the file must hold an object)']);
  const version = raw['version'];
  if (typeof version !== 'string' || !/^\d{4}\.v\d+$/.test(version))
    problems.push('version 须形如 2024.v1 (version like 2024.v1)');
  const title = typeof raw['title'] === 'string' ? raw['title'] : '';
  if (!CHINESE.test(title)) problems.push('title 须为中文标题 (a Chinese title)');
  const baseScore = raw['baseScore'];
  if (baseScore !== 100) problems.push('baseScore 须为 100 (base score 100)');
  const params = isObject(raw['parameters']) ? raw['parameters'] : {};
  const markingDeadline = params['markingDeadline'];
  if (typeof markingDeadline !== 'string' || !isIsoDate(markingDeadline))
    problems.push('parameters.markingDeadline 须为 YYYY-MM-DD 日期（存量项目标记截止日）(marking deadline date)');
  const list = raw['rules'];
  const rules: AssessmentRule[] = [];
  if (!Array.isArray(list) || list.length === 0) problems.push('rules 须为非空数组 (a non-empty rules array)');
  else {
    const ids = new Set<string>();
    list.forEach((r: unknown, i) => {
      const at = `rules[${i}]`;
      if (!isObject(r)) return problems.push(`${at} 须为对象 (an object)`);
      const id = r['id'];
      if (typeof id !== 'string' || !/^[A-Z][A-Z0-9_]{1,63}$/.test(id))
        problems.push(`${at}.id 须为大写字母、数字和下划线 (A-Z, 0-9, _)`);
      else if (ids.has(id)) problems.push(`${at}.id ${id} 重复 (duplicate rule id)`);
      else ids.add(id);
      const measure = r['measure'] as AssessmentMeasure;
      if (!ASSESSMENT_MEASURES.includes(measure))
        problems.push(`${at}.measure 须为 ${ASSESSMENT_MEASURES.join(' / ')} 之一 (unknown measure)`);
      for (const field of ['description', 'counts'])
        if (typeof r[field] !== 'string' || !CHINESE.test(r[field] as string))
          problems.push(`${at}.${field} 须为中文说明 (Chinese text)`);
      const days = r['days'];
      if (NEEDS_DAYS.has(measure) && (!Number.isInteger(days) || (days as number) < 0 || (days as number) > 3650))
        problems.push(`${at}.days 须为 0–3650 的整数（天）(integer days)`);
      if (!NEEDS_DAYS.has(measure) && days !== undefined)
        problems.push(`${at}.days 本规则不使用 (not used by ${measure})`);
      const { pointsPerItem, cap } = r;
      if (!isPoints(pointsPerItem)) problems.push(`${at}.pointsPerItem 须为正数，最多两位小数 (positive, 2 decimals)`);
      if (!isPoints(cap) || (isPoints(pointsPerItem) && cap < pointsPerItem) || (cap as number) > 100)
        problems.push(`${at}.cap 须为不小于每项扣分、不大于 100 的正数 (cap ≥ pointsPerItem, ≤ 100)`);
      rules.push({
        id: id as string,
        measure,
        description: r['description'] as string,
        counts: r['counts'] as string,
        days: NEEDS_DAYS.has(measure) ? (days as number) : null,
        pointsPerItem: pointsPerItem as number,
        cap: cap as number,
      });
    });
  }
  if (problems.length > 0) throw rulesError(problems);
  return { version: version as string, title, baseScore: 100, markingDeadline: markingDeadline as string, rules };
}

function rulesError(problems: string[]): Error {
  return new Error(`营商环境考核扣分规则文件无效，服务未启动 (invalid assessment rules file): ${problems.join('; ')}`);
}

/** The rules in force (the newest version's file). */
export function loadAssessmentRules(raw: unknown = RULES_2024_V1): AssessmentRules {
  return validateAssessmentRules(raw);
}

export const ASSESSMENT_RULES = Symbol('ASSESSMENT_RULES');

import type { StaffRole } from '@hn/messages';
import { REVIEW_STAGES, ReviewStage } from '../transition-table';

/** Statutory (法定) and committed (承诺) limit of one stage, in working days. */
export interface StageLimit {
  statutoryDays: number;
  committedDays: number;
}

export type StageLimits = Readonly<Record<ReviewStage, StageLimit>>;
export type StageRoles = Readonly<Record<ReviewStage, readonly StaffRole[]>>;

/**
 * Defaults (PERMITS_STAGE_LIMITS overrides them): the statutory limits add up to the 20 working days
 * of 《行政许可法》第四十二条 (受理 5 days: 第三十二条 一次告知补正), the committed ones to the 9 working
 * days a county commits to; a city sets its own.
 */
export const DEFAULT_STAGE_LIMITS: StageLimits = Object.freeze({
  ACCEPTANCE: { statutoryDays: 5, committedDays: 1 },
  PRELIMINARY_REVIEW: { statutoryDays: 3, committedDays: 2 },
  QUALITY_SAFETY_FILING: { statutoryDays: 3, committedDays: 2 },
  START_CONDITIONS_REVIEW: { statutoryDays: 3, committedDays: 2 },
  SECOND_REVIEW: { statutoryDays: 3, committedDays: 1 },
  DECISION: { statutoryDays: 3, committedDays: 1 },
});

/**
 * Who may act at each stage (PERMITS_STAGE_ROLES overrides): county staff (县市区住建局) at every
 * stage by default — 受理/初审/报监/开工条件审查 by its clerks, 复审 by a different county user,
 * 决定 by the bureau's decision maker (three different users by separation of duties).
 */
export const DEFAULT_STAGE_ROLES: StageRoles = Object.freeze({
  ACCEPTANCE: ['COUNTY'],
  PRELIMINARY_REVIEW: ['COUNTY'],
  QUALITY_SAFETY_FILING: ['COUNTY'],
  START_CONDITIONS_REVIEW: ['COUNTY'],
  SECOND_REVIEW: ['COUNTY'],
  DECISION: ['COUNTY'],
});

const ROLES: readonly StaffRole[] = ['PROVINCE', 'CITY', 'COUNTY', 'ADMIN'];

/** `STAGE=entries;STAGE=entries` → entries per stage; problems for unknown stages and bad syntax. */
function stageEntries(raw: string, name: string, problems: string[]): Map<ReviewStage, string> {
  const out = new Map<ReviewStage, string>();
  for (const part of raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const stage = (eq > 0 ? part.slice(0, eq).trim() : part) as ReviewStage;
    if (eq <= 0 || !REVIEW_STAGES.includes(stage)) {
      problems.push(`${name}: 未知环节或格式错误 “${part}”，环节须为 ${REVIEW_STAGES.join(' | ')} (STAGE=value;…)`);
      continue;
    }
    if (out.has(stage)) problems.push(`${name}: 环节 ${stage} 重复 (duplicate stage)`);
    out.set(stage, part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * PERMITS_STAGE_LIMITS, e.g. `ACCEPTANCE=5/1;DECISION=3/1` (statutory/committed working days, each
 * 1–60, committed ≤ statutory); stages not named keep their defaults.
 */
export function parseStageLimits(raw: string | undefined, problems: string[]): StageLimits {
  const limits: Record<ReviewStage, StageLimit> = { ...DEFAULT_STAGE_LIMITS };
  if (!raw?.trim()) return Object.freeze(limits);
  for (const [stage, value] of stageEntries(raw, 'PERMITS_STAGE_LIMITS', problems)) {
    const m = /^(\d{1,2})\/(\d{1,2})$/.exec(value);
    const statutoryDays = Number(m?.[1]);
    const committedDays = Number(m?.[2]);
    if (!m || statutoryDays < 1 || statutoryDays > 60 || committedDays < 1 || committedDays > statutoryDays) {
      problems.push(
        `PERMITS_STAGE_LIMITS: ${stage}=${value} 须为 法定/承诺 工作日，1–60，承诺不超过法定 (statutory/committed, 1..60, committed ≤ statutory)`,
      );
      continue;
    }
    limits[stage] = { statutoryDays, committedDays };
  }
  return Object.freeze(limits);
}

/** PERMITS_STAGE_ROLES, e.g. `DECISION=COUNTY,CITY;SECOND_REVIEW=COUNTY`; stages not named keep their defaults. */
export function parseStageRoles(raw: string | undefined, problems: string[]): StageRoles {
  const roles: Record<ReviewStage, readonly StaffRole[]> = { ...DEFAULT_STAGE_ROLES };
  if (!raw?.trim()) return Object.freeze(roles);
  for (const [stage, value] of stageEntries(raw, 'PERMITS_STAGE_ROLES', problems)) {
    const list = value.split(',').map((r) => r.trim());
    const bad = list.filter((r) => !ROLES.includes(r as StaffRole));
    if (list.length === 0 || bad.length > 0 || value === '') {
      problems.push(
        `PERMITS_STAGE_ROLES: ${stage}=${value} 角色须为 ${ROLES.join(' | ')}，逗号分隔 (comma-separated roles)`,
      );
      continue;
    }
    roles[stage] = Object.freeze([...new Set(list as StaffRole[])]);
  }
  return Object.freeze(roles);
}

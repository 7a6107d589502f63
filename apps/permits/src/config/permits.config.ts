import { isIsoDate } from '@hn/numbering';
import { invalidConfig, readServiceEnv, ServiceEnv } from '@hn/service-kit';
import { CalendarOverrides, parseCalendarOverrides } from '../approval-workflow/clock/calendar-overrides';
import { parseStageLimits, parseStageRoles, StageLimits, StageRoles } from '../approval-workflow/clock/stage-limits';

/** Configuration of the permits service, validated once at boot; the process exits on bad config. */
export interface PermitsConfig extends ServiceEnv {
  /**
   * PERMITS_MARKING_SINCE (YYYY-MM-DD, default 2015-01-01): the marking list (存量预售项目标记) shows
   * "recent" permits, i.e. issued on or after this date unless the caller sets issueDateFrom.
   */
  markingSince: string;
  /** PERMITS_STAGE_LIMITS: statutory/committed working days per approval stage (defaults in stage-limits.ts) */
  stageLimits: StageLimits;
  /** PERMITS_STAGE_ROLES: staff roles allowed per approval stage (default COUNTY everywhere) */
  stageRoles: StageRoles;
  /** PERMITS_CALENDAR_OVERRIDES: a city's own days off / working days over the State Council's calendar */
  calendarOverrides: CalendarOverrides;
  /** PERMITS_OVERDUE_SWEEP_MS: how often the overdue sweep looks for stages turned red (default 300000) */
  overdueSweepMs: number;
  /** PERMITS_CLOCK_FILE: tests only (refused with NODE_ENV=production): a file holding "now" */
  clockFile: string | null;
}

export const DEFAULT_MARKING_SINCE = '2015-01-01';
export const DEFAULT_OVERDUE_SWEEP_MS = 300_000;

export function validatePermitsConfig(env: Record<string, string | undefined>): PermitsConfig {
  const problems: string[] = [];
  const config = readServiceEnv(env, 'permits', 3101, problems);
  const markingSince = env['PERMITS_MARKING_SINCE']?.trim() || DEFAULT_MARKING_SINCE;
  if (!isIsoDate(markingSince) || markingSince < '2000-01-01')
    problems.push(
      'PERMITS_MARKING_SINCE 须为 2000-01-01 起的 YYYY-MM-DD 日期 (must be a YYYY-MM-DD date from 2000-01-01)',
    );
  const stageLimits = parseStageLimits(env['PERMITS_STAGE_LIMITS'], problems);
  const stageRoles = parseStageRoles(env['PERMITS_STAGE_ROLES'], problems);
  const calendarOverrides = parseCalendarOverrides(env['PERMITS_CALENDAR_OVERRIDES'], problems);
  const sweepRaw = env['PERMITS_OVERDUE_SWEEP_MS']?.trim() || String(DEFAULT_OVERDUE_SWEEP_MS);
  const overdueSweepMs = Number(sweepRaw);
  if (!Number.isInteger(overdueSweepMs) || overdueSweepMs < 200 || overdueSweepMs > 86_400_000)
    problems.push('PERMITS_OVERDUE_SWEEP_MS 须为 200–86400000 的整数（毫秒）(an integer 200..86400000, ms)');
  const clockFile = env['PERMITS_CLOCK_FILE']?.trim() || null;
  if (clockFile && env['NODE_ENV'] === 'production')
    problems.push('PERMITS_CLOCK_FILE 仅供测试，生产环境不得设置 (tests only, not with NODE_ENV=production)');
  if (problems.length > 0) throw invalidConfig('permits', problems);
  return { ...config, markingSince, stageLimits, stageRoles, calendarOverrides, overdueSweepMs, clockFile };
}

/** Paths of PermitsConfig that are secrets: none of its own. */
export const PERMITS_SECRETS: readonly string[] = [];

export const PERMITS_CONFIG = Symbol('PERMITS_CONFIG');

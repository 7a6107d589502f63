import { isIsoDate } from '@hn/numbering';
import { invalidConfig, readServiceEnv, ServiceEnv } from '@hn/service-kit';

/** Configuration of the permits service, validated once at boot; the process exits on bad config. */
export interface PermitsConfig extends ServiceEnv {
  /**
   * PERMITS_MARKING_SINCE (YYYY-MM-DD, default 2015-01-01): the marking list (存量预售项目标记) shows
   * "recent" permits, i.e. issued on or after this date unless the caller sets issueDateFrom.
   */
  markingSince: string;
}

export const DEFAULT_MARKING_SINCE = '2015-01-01';

export function validatePermitsConfig(env: Record<string, string | undefined>): PermitsConfig {
  const problems: string[] = [];
  const config = readServiceEnv(env, 'permits', 3101, problems);
  const markingSince = env['PERMITS_MARKING_SINCE']?.trim() || DEFAULT_MARKING_SINCE;
  if (!isIsoDate(markingSince) || markingSince < '2000-01-01')
    problems.push(
      'PERMITS_MARKING_SINCE 须为 2000-01-01 起的 YYYY-MM-DD 日期 (must be a YYYY-MM-DD date from 2000-01-01)',
    );
  if (problems.length > 0) throw invalidConfig('permits', problems);
  return { ...config, markingSince };
}

/** Paths of PermitsConfig that are secrets: none of its own. */
export const PERMITS_SECRETS: readonly string[] = [];

export const PERMITS_CONFIG = Symbol('PERMITS_CONFIG');

import { invalidConfig, readServiceEnv, ServiceEnv } from '@hn/service-kit';

/** Configuration of the alerts service (预警), validated once at boot. No secrets of its own. */
export interface AlertsConfig extends ServiceEnv {
  /** ALERTS_ESCROW_GRACE_DAYS: days after a backfill's submit without a submitted escrow record (default 30) */
  escrowGraceDays: number;
  /** ALERTS_SWEEP_TIME: China time of the daily re-evaluation, HH:MM (default 00:10) */
  sweepTime: { hour: number; minute: number };
  /** ALERTS_CONSISTENCY_TIMEOUT_MS: how long the consistency check waits for each source's recount (default 4000) */
  consistencyTimeoutMs: number;
  /** ALERTS_DIGEST_SWEEP_MS: how often the digests of the day that ended are checked for and written (default 3600000) */
  digestSweepMs: number;
}

export function validateAlertsConfig(env: Record<string, string | undefined>): AlertsConfig {
  const problems: string[] = [];
  const base = readServiceEnv(env, 'alerts', 3105, problems);
  const graceRaw = env['ALERTS_ESCROW_GRACE_DAYS']?.trim() || '30';
  const escrowGraceDays = Number(graceRaw);
  if (!Number.isInteger(escrowGraceDays) || escrowGraceDays < 1 || escrowGraceDays > 365)
    problems.push('ALERTS_ESCROW_GRACE_DAYS 须为 1–365 的整数 (an integer 1..365)');
  const sweepRaw = env['ALERTS_SWEEP_TIME']?.trim() || '00:10';
  const sweep = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(sweepRaw);
  if (!sweep) problems.push('ALERTS_SWEEP_TIME 须为 HH:MM (北京时间) (HH:MM, China time)');
  const timeoutRaw = env['ALERTS_CONSISTENCY_TIMEOUT_MS']?.trim() || '4000';
  const consistencyTimeoutMs = Number(timeoutRaw);
  if (!Number.isInteger(consistencyTimeoutMs) || consistencyTimeoutMs < 100 || consistencyTimeoutMs > 10_000)
    problems.push('ALERTS_CONSISTENCY_TIMEOUT_MS 须为 100–10000 的整数（毫秒）(an integer 100..10000, ms)');
  const digestRaw = env['ALERTS_DIGEST_SWEEP_MS']?.trim() || '3600000';
  const digestSweepMs = Number(digestRaw);
  if (!Number.isInteger(digestSweepMs) || digestSweepMs < 1000 || digestSweepMs > 86_400_000)
    problems.push('ALERTS_DIGEST_SWEEP_MS 须为 1000–86400000 的整数（毫秒）(an integer 1000..86400000, ms)');
  if (problems.length > 0) throw invalidConfig('alerts', problems);
  return {
    ...base,
    escrowGraceDays,
    sweepTime: { hour: Number(sweep![1]), minute: Number(sweep![2]) },
    consistencyTimeoutMs,
    digestSweepMs,
  };
}

/** Paths of AlertsConfig that are secrets: none of its own. */
export const ALERTS_SECRETS: readonly string[] = [];

export const ALERTS_CONFIG = Symbol('ALERTS_CONFIG');

import { invalidConfig } from '@hn/service-kit';
import {
  intSetting,
  MarketPlatformConfig,
  validateMarketPlatformConfig,
} from '../market-platform/market-platform.config';

/** Settings of the market-platform pull and the reconciliation job; part of ContractsConfig. */
export interface ReconciliationConfig {
  marketPlatform: MarketPlatformConfig;
  /** RECONCILIATION_INTERVAL_MS: scheduled run every so often, 0 = off (default) */
  intervalMs: number;
}

/** Reads the settings, appending a message per invalid one to `problems` (validateContractsConfig reports all at once). */
export function readReconciliationConfig(
  env: Record<string, string | undefined>,
  problems: string[],
): ReconciliationConfig {
  const marketPlatform = validateMarketPlatformConfig(env, problems);
  const intervalMs = intSetting(env, 'RECONCILIATION_INTERVAL_MS', 0, 0, 31 * 24 * 3600_000, problems);
  if (intervalMs > 0 && intervalMs < 1000) problems.push('RECONCILIATION_INTERVAL_MS must be 0 (off) or at least 1000');
  if (intervalMs > 0 && marketPlatform.url === null)
    problems.push('RECONCILIATION_INTERVAL_MS needs MARKET_PLATFORM_URL (nothing to reconcile against)');
  return { marketPlatform, intervalMs };
}

/** The reconciliation settings alone (tests); a bad value throws like the service's boot. */
export function validateReconciliationConfig(env: Record<string, string | undefined>): ReconciliationConfig {
  const problems: string[] = [];
  const config = readReconciliationConfig(env, problems);
  if (problems.length > 0) throw invalidConfig('contracts', problems);
  return config;
}

export const RECONCILIATION_CONFIG = Symbol('RECONCILIATION_CONFIG');

import { ContractsConfig } from '../config/contracts.config';
import { intSetting, MarketPlatformConfig, validateMarketPlatformConfig } from '../market-platform/market-platform.config';

/** Settings of the market-platform pull and the reconciliation job. */
export interface ReconciliationConfig {
  marketPlatform: MarketPlatformConfig;
  /** RECONCILIATION_INTERVAL_MS: scheduled run every so often, 0 = off (default) */
  intervalMs: number;
}

export function validateReconciliationConfig(env: Record<string, string | undefined>): ReconciliationConfig {
  const problems: string[] = [];
  const marketPlatform = validateMarketPlatformConfig(env, problems);
  const intervalMs = intSetting(env, 'RECONCILIATION_INTERVAL_MS', 0, 0, 31 * 24 * 3600_000, problems);
  if (intervalMs > 0 && intervalMs < 1000) problems.push('RECONCILIATION_INTERVAL_MS must be 0 (off) or at least 1000');
  if (intervalMs > 0 && marketPlatform.url === null) problems.push('RECONCILIATION_INTERVAL_MS needs MARKET_PLATFORM_URL (nothing to reconcile against)');
  if (problems.length > 0) throw new Error(`配置无效 invalid configuration: ${problems.join('; ')}`);
  return { marketPlatform, intervalMs };
}

/** The contracts config may carry these settings (tests); otherwise they come from the environment. */
export type ContractsConfigWithReconciliation = ContractsConfig & { reconciliation?: ReconciliationConfig };

export function reconciliationConfigOf(config: ContractsConfigWithReconciliation, env: Record<string, string | undefined> = process.env): ReconciliationConfig {
  return config.reconciliation ?? validateReconciliationConfig(env);
}

export const RECONCILIATION_CONFIG = Symbol('RECONCILIATION_CONFIG');

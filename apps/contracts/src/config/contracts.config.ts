import { invalidConfig, readServiceEnv, ServiceEnv } from '@hn/service-kit';
import { CUTOVER_DEFAULTS, isIsoDate } from '@hn/numbering';
import { decodePiiKey } from '@hn/pii';
import { ReconciliationConfig, readReconciliationConfig } from '../reconciliation/reconciliation.config';

/** Configuration of the contracts service, validated once at boot; the PII key is a secret. */
export interface ContractsConfig extends ServiceEnv {
  /** secret: 32-byte AES-256-GCM key for buyer ID and phone numbers (CONTRACTS_PII_KEY, base64) */
  piiKey: Buffer;
  /** filings dated from this day get unified numbers; earlier ones are reported as statistics */
  cutoverDate: string;
  /** market platform pull and the reconciliation job (MARKET_PLATFORM_*, RECONCILIATION_INTERVAL_MS) */
  reconciliation: ReconciliationConfig;
}

export function validateContractsConfig(env: Record<string, string | undefined>): ContractsConfig {
  const problems: string[] = [];
  const base = readServiceEnv(env, 'contracts', 3103, problems);
  const piiKey = decodePiiKey(env['CONTRACTS_PII_KEY']);
  if (!piiKey) problems.push('CONTRACTS_PII_KEY (secret) must be 32 random bytes, base64-encoded');
  const cutoverDate = env['CONTRACT_CUTOVER_DATE']?.trim() || CUTOVER_DEFAULTS.contractFiling;
  if (!isIsoDate(cutoverDate)) problems.push('CONTRACT_CUTOVER_DATE 须为 YYYY-MM-DD 日期 (must be a YYYY-MM-DD date)');
  const reconciliation = readReconciliationConfig(env, problems);
  if (problems.length > 0 || !piiKey) throw invalidConfig('contracts', problems);
  return { ...base, piiKey, cutoverDate, reconciliation };
}

/** Paths of ContractsConfig that are secrets: never logged (redactConfig). */
export const CONTRACTS_SECRETS: readonly string[] = ['piiKey', 'reconciliation.marketPlatform.apiKey'];

export const CONTRACTS_CONFIG = Symbol('CONTRACTS_CONFIG');

import { readServiceEnv, ServiceEnv } from '@hn/persistence';
import { isIsoDate } from '@hn/numbering';

/** Configuration of the contracts service, validated once at boot; the PII key is a secret. */
export interface ContractsConfig extends ServiceEnv {
  /** secret: 32-byte AES-256-GCM key for buyer ID and phone numbers (CONTRACTS_PII_KEY, base64) */
  piiKey: Buffer;
  /** filings dated from this day get unified numbers; earlier ones are reported as statistics */
  cutoverDate: string;
}

export function validateContractsConfig(env: Record<string, string | undefined>): ContractsConfig {
  const problems: string[] = [];
  const base = readServiceEnv(env, 'contracts', 3103, problems);
  const piiKey = decodeKey(env['CONTRACTS_PII_KEY']);
  if (!piiKey) problems.push('CONTRACTS_PII_KEY (secret) must be 32 random bytes, base64-encoded');
  const cutoverDate = env['CONTRACT_CUTOVER_DATE'] ?? '2024-09-01';
  if (!isIsoDate(cutoverDate)) problems.push('CONTRACT_CUTOVER_DATE must be a YYYY-MM-DD date');
  if (problems.length > 0 || !piiKey) throw new Error(`配置无效 invalid configuration: ${problems.join('; ')}`);
  return { ...base, piiKey, cutoverDate };
}

/** Standard or URL-safe base64 of exactly 32 bytes, not all one repeated byte (a placeholder). */
function decodeKey(value: string | undefined): Buffer | null {
  const text = (value ?? '').trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32 || key.every((b) => b === key[0])) return null;
  return key;
}

export const CONTRACTS_CONFIG = Symbol('CONTRACTS_CONFIG');

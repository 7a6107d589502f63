import { createPrivateKey, KeyObject } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { decodePiiKey } from '@hn/pii';
import { invalidConfig, readServiceEnv, ServiceEnv } from '@hn/service-kit';

/** Configuration of the exchange service (数据推送), validated once at boot. */
export interface ExchangeConfig extends ServiceEnv {
  /** EXCHANGE_ENVIRONMENT: development allows http:// webhook URLs; anything else requires https (default production) */
  environment: 'development' | 'production';
  /** EXCHANGE_ALLOWED_HOSTS: hosts a webhook may point at (comma-separated; default 127.0.0.1,localhost in development, none otherwise) */
  allowedHosts: string[];
  /** secret: EXCHANGE_SIGNING_KEY, Ed25519 PKCS#8 PEM signing v1a webhook signatures */
  signingKey: KeyObject;
  /** secret: EXCHANGE_PREVIOUS_SIGNING_KEY, optional: during a rotation it signs beside the new key */
  previousSigningKey: KeyObject | null;
  /** secret: EXCHANGE_SECRET_KEY, 32 bytes base64: seals the subscribers' HMAC secrets at rest */
  secretKey: Buffer;
  delivery: {
    /** EXCHANGE_RETRY_BASE_MS: first retry delay, doubling (default 5000) */
    retryBaseMs: number;
    /** EXCHANGE_RETRY_MAX_MS: longest single delay (default 6 h) */
    retryMaxMs: number;
    /** EXCHANGE_RETRY_HORIZON_MS: after this long since the first attempt the event is a dead letter (default 72 h) */
    retryHorizonMs: number;
    /** EXCHANGE_REQUEST_TIMEOUT_MS: one HTTP attempt (default 10 000) */
    requestTimeoutMs: number;
    /** EXCHANGE_POLL_MS: the dispatcher's idle poll (default 200) */
    pollMs: number;
    /** EXCHANGE_CONCURRENCY: attempts in flight per replica (default 16) */
    concurrency: number;
  };
  /** EXCHANGE_DROP_ROOT: the directory FILE_DROP subscribers' directories live under (none: FILE_DROP cannot be registered) */
  dropRoot: string | null;
  manifests: {
    /** EXCHANGE_MANIFEST_DELAY_MS: a China date's manifest is made final this long after the day ends (default 10 min) */
    delayMs: number;
    /** EXCHANGE_MANIFEST_CHECK_MS: how often closed days are looked for (default 60 000) */
    checkMs: number;
  };
}

function readKey(env: Record<string, string | undefined>, name: string, required: boolean, problems: string[]) {
  const pem = (env[name] ?? '').replace(/\\n/g, '\n').trim();
  if (!pem) {
    if (required) problems.push(`${name} (secret) must be an Ed25519 PKCS#8 PEM`);
    return null;
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // reported below
  }
  problems.push(`${name} (secret) must be an Ed25519 PKCS#8 PEM`);
  return null;
}

function readInt(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  [min, max]: [number, number],
  problems: string[],
): number {
  const value = Number(env[name]?.trim() || fallback);
  if (!Number.isInteger(value) || value < min || value > max)
    problems.push(`${name} 须为 ${min}–${max} 的整数 (an integer ${min}..${max})`);
  return value;
}

export function validateExchangeConfig(env: Record<string, string | undefined>): ExchangeConfig {
  const problems: string[] = [];
  const base = readServiceEnv(env, 'exchange', 3106, problems);
  const environmentRaw = env['EXCHANGE_ENVIRONMENT']?.trim() || 'production';
  if (environmentRaw !== 'development' && environmentRaw !== 'production')
    problems.push('EXCHANGE_ENVIRONMENT 须为 development 或 production');
  const environment = environmentRaw === 'development' ? 'development' : 'production';
  const hostsRaw = env['EXCHANGE_ALLOWED_HOSTS'] ?? (environment === 'development' ? '127.0.0.1,localhost' : '');
  const allowedHosts = hostsRaw
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.length > 0);
  for (const host of allowedHosts)
    if (!/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(host))
      problems.push(`EXCHANGE_ALLOWED_HOSTS: "${host.slice(0, 60)}" is not a host name or address`);
  const signingKey = readKey(env, 'EXCHANGE_SIGNING_KEY', true, problems);
  const previousSigningKey = readKey(env, 'EXCHANGE_PREVIOUS_SIGNING_KEY', false, problems);
  const secretKey = decodePiiKey(env['EXCHANGE_SECRET_KEY']);
  if (!secretKey) problems.push('EXCHANGE_SECRET_KEY (secret) must be 32 random bytes in base64');
  const delivery = {
    retryBaseMs: readInt(env, 'EXCHANGE_RETRY_BASE_MS', 5000, [10, 3_600_000], problems),
    retryMaxMs: readInt(env, 'EXCHANGE_RETRY_MAX_MS', 6 * 3_600_000, [100, 24 * 3_600_000], problems),
    retryHorizonMs: readInt(env, 'EXCHANGE_RETRY_HORIZON_MS', 72 * 3_600_000, [1000, 30 * 86_400_000], problems),
    requestTimeoutMs: readInt(env, 'EXCHANGE_REQUEST_TIMEOUT_MS', 10_000, [100, 120_000], problems),
    pollMs: readInt(env, 'EXCHANGE_POLL_MS', 200, [10, 60_000], problems),
    concurrency: readInt(env, 'EXCHANGE_CONCURRENCY', 16, [1, 256], problems),
  };
  const manifests = {
    delayMs: readInt(env, 'EXCHANGE_MANIFEST_DELAY_MS', 600_000, [0, 86_400_000], problems),
    checkMs: readInt(env, 'EXCHANGE_MANIFEST_CHECK_MS', 60_000, [100, 3_600_000], problems),
  };
  const dropRoot = env['EXCHANGE_DROP_ROOT']?.trim() || null;
  if (dropRoot !== null && !isAbsolute(dropRoot)) problems.push('EXCHANGE_DROP_ROOT 须为绝对路径 (an absolute path)');
  if (problems.length > 0) throw invalidConfig('exchange', problems);
  return {
    ...base,
    environment,
    allowedHosts,
    signingKey: signingKey!,
    previousSigningKey,
    secretKey: secretKey!,
    delivery,
    dropRoot,
    manifests,
  };
}

/** Paths of ExchangeConfig that are secrets (redactConfig). */
export const EXCHANGE_SECRETS: readonly string[] = ['signingKey', 'previousSigningKey', 'secretKey'];

export const EXCHANGE_CONFIG = Symbol('EXCHANGE_CONFIG');

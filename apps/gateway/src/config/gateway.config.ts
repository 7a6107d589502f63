import { invalidConfig, LogLevel, readLogLevel } from '@hn/service-kit';
import { decodePiiKey } from '@hn/pii';
import { isIP } from 'node:net';
import { supervisionSettingsFromEnv } from '../supervision/supervision-gateway.service';

/** Gateway configuration, validated once at boot; secrets are never logged. */
export interface GatewayConfig {
  databaseUrl: string;
  databaseName: string;
  natsUrl: string;
  port: number;
  host: string;
  /** secret: HMAC key for access tokens */
  jwtSecret: string;
  /** secret: 32-byte AES-256-GCM master key for personal data at rest, e.g. ID numbers of account applications (GATEWAY_PII_KEY, base64) */
  piiKey: Buffer;
  tokenTtlSeconds: number;
  rpcTimeoutMs: number;
  /** quota units per minute per client (one budget across routes) unless the client has its own limit */
  defaultRateLimitPerMinute: number;
  /** requests per minute per IP on unauthenticated routes: the public routes, and the token route apart */
  publicRateLimitPerMinute: number;
  publicBaseUrl: string;
  /** lifetime of cached permit lookups; events invalidate sooner; 0 turns the cache off */
  permitCacheTtlMs: number;
  /**
   * Addresses / CIDRs of reverse proxies whose X-Forwarded-For is believed (Fastify `trustProxy`);
   * empty (the default) trusts nobody, so rate limits and the audit log use the TCP peer.
   */
  trustedProxies: string[];
  /** /metrics is served here only, never on the public port; 0 picks a free port */
  managementPort: number;
  managementHost: string;
  /** how long a replica may use a cached account state (disabled / deleted / token version) */
  accountCacheTtlMs: number;
  /** GATEWAY_RECONCILIATION_TIMEOUT_MS: a reconciliation run pulls the whole market feed; default 120 000 */
  reconciliationTimeoutMs: number;
  /** LOG_LEVEL, default info */
  logLevel: LogLevel;
  /**
   * Base URLs the OpenAPI document lists beside this deployment (PUBLIC_BASE_URL, the default server):
   * GATEWAY_OPENAPI_PRODUCTION_URL / GATEWAY_OPENAPI_SANDBOX_URL; unset, a placeholder is listed.
   */
  openApiServers: OpenApiServerUrls;
}

export interface OpenApiServerUrls {
  production: string | null;
  sandbox: string | null;
}

/** An absolute http(s) URL without trailing slash, query or fragment (an OpenAPI server URL), or null when unset. */
export function readServerUrl(
  env: Record<string, string | undefined>,
  name: string,
  problems: string[],
): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || raw.endsWith('/') || url.username) {
    problems.push(`${name} must be an absolute http(s) URL without trailing slash, query or credentials`);
    return null;
  }
  return raw;
}

/** Paths of GatewayConfig that are secrets: never logged (redactConfig). */
export const GATEWAY_SECRETS: readonly string[] = ['jwtSecret', 'piiKey'];

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** "10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8" or a proxy-addr keyword (loopback, linklocal, uniquelocal). */
export function isProxyAddress(entry: string): boolean {
  if (PROXY_KEYWORDS.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export function validateGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    const v = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) problems.push(`${name} must be an integer in ${min}..${max}`);
    return v;
  };
  const port =
    env['GATEWAY_PORT'] === undefined && env['PORT'] !== undefined
      ? int('PORT', 3000, 1, 65535)
      : int('GATEWAY_PORT', 3000, 1, 65535);
  const jwtSecret = env['GATEWAY_JWT_SECRET'] ?? '';
  if (Buffer.byteLength(jwtSecret) < 32) problems.push('GATEWAY_JWT_SECRET (secret) must be set, at least 32 bytes');
  const piiKey = decodePiiKey(env['GATEWAY_PII_KEY']);
  if (!piiKey) problems.push('GATEWAY_PII_KEY (secret) must be 32 random bytes, base64-encoded');
  const databaseName = env['GATEWAY_DB_NAME'] ?? 'hn_gateway';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) problems.push('GATEWAY_DB_NAME must be a lowercase identifier');
  const databaseUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const natsUrl = env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  if (!/^(nats|tls):\/\//.test(natsUrl)) problems.push('NATS_URL must be a nats:// URL');
  /** a feature's own reader (one rule per setting), its failure collected with the others */
  const collect = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (err) {
      problems.push(String((err as Error).message).replace(/^配置无效 invalid configuration: /, ''));
      return fallback;
    }
  };
  const trustedProxies = (env['GATEWAY_TRUSTED_PROXIES'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const badProxies = trustedProxies.filter((p) => !isProxyAddress(p));
  if (badProxies.length > 0)
    problems.push(`GATEWAY_TRUSTED_PROXIES must list IP addresses or CIDRs (bad: ${badProxies.join(', ')})`);
  const config: GatewayConfig = {
    databaseUrl,
    databaseName,
    natsUrl,
    port,
    host: env['HOST'] ?? '127.0.0.1',
    jwtSecret,
    piiKey: piiKey ?? Buffer.alloc(0),
    tokenTtlSeconds: int('GATEWAY_TOKEN_TTL_SECONDS', 900, 30, 3600),
    rpcTimeoutMs: int('GATEWAY_RPC_TIMEOUT_MS', 2500, 100, 30000),
    defaultRateLimitPerMinute: int('GATEWAY_RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE, 1, 10_000_000),
    publicRateLimitPerMinute: int(
      'GATEWAY_PUBLIC_RATE_LIMIT_PER_MINUTE',
      DEFAULT_PUBLIC_RATE_LIMIT_PER_MINUTE,
      1,
      10_000_000,
    ),
    publicBaseUrl: env['PUBLIC_BASE_URL'] ?? `http://127.0.0.1:${port}`,
    permitCacheTtlMs: int('GATEWAY_PERMIT_CACHE_TTL_MS', 30_000, 0, 3_600_000),
    trustedProxies,
    managementPort: int('GATEWAY_MANAGEMENT_PORT', 9464, 0, 65535),
    managementHost: env['GATEWAY_MANAGEMENT_HOST'] || '127.0.0.1',
    accountCacheTtlMs: int('GATEWAY_ACCOUNT_CACHE_TTL_MS', 2000, 0, 5000),
    reconciliationTimeoutMs: collect(() => supervisionSettingsFromEnv(env).reconciliationTimeoutMs, 0),
    logLevel: readLogLevel(env, problems),
    openApiServers: {
      production: readServerUrl(env, 'GATEWAY_OPENAPI_PRODUCTION_URL', problems),
      sandbox: readServerUrl(env, 'GATEWAY_OPENAPI_SANDBOX_URL', problems),
    },
  };
  if (config.managementPort !== 0 && config.managementPort === config.port)
    problems.push('GATEWAY_MANAGEMENT_PORT must differ from GATEWAY_PORT');
  if (problems.length > 0) throw invalidConfig('gateway', problems);
  return config;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Quota units per minute of a credential without its own limit (GATEWAY_RATE_LIMIT_PER_MINUTE). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
/** Requests per minute per IP on the public and token routes (GATEWAY_PUBLIC_RATE_LIMIT_PER_MINUTE). */
export const DEFAULT_PUBLIC_RATE_LIMIT_PER_MINUTE = 120;

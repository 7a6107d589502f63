/** Connection to 房地产市场监管平台 (the market platform's real-time filing API). */
export interface MarketPlatformConfig {
  /** MARKET_PLATFORM_URL, e.g. https://fdc.example.gov.cn; null = not configured (no pulls) */
  url: string | null;
  /** secret: MARKET_PLATFORM_API_KEY, sent as a bearer token; never logged */
  apiKey: string | null;
  /** MARKET_PLATFORM_TIMEOUT_MS, per request, default 10 000 */
  requestTimeoutMs: number;
  /** MARKET_PLATFORM_PAGE_SIZE, default 200 (1..1000) */
  pageSize: number;
  /** MARKET_PLATFORM_MAX_ATTEMPTS per page, default 6 */
  maxAttempts: number;
  /** MARKET_PLATFORM_RETRY_BASE_MS / _RETRY_MAX_MS, default 500 / 30 000 */
  retryBaseMs: number;
  retryMaxMs: number;
}

type Env = Record<string, string | undefined>;

export function intSetting(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer in ${min}..${max}`);
    return fallback;
  }
  return value;
}

export function validateMarketPlatformConfig(env: Env, problems: string[]): MarketPlatformConfig {
  const rawUrl = (env['MARKET_PLATFORM_URL'] ?? '').trim();
  let url: string | null = null;
  if (rawUrl !== '') {
    try {
      const parsed = new URL(rawUrl);
      if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password)
        throw new Error('scheme');
      url = rawUrl.replace(/\/+$/, '');
    } catch {
      problems.push('MARKET_PLATFORM_URL must be an http(s):// URL without credentials');
    }
  }
  const key = (env['MARKET_PLATFORM_API_KEY'] ?? '').trim();
  if (url !== null && !/^[\x21-\x7e]{8,512}$/.test(key))
    problems.push('MARKET_PLATFORM_API_KEY (secret) is required with MARKET_PLATFORM_URL: 8–512 printable characters');
  return {
    url,
    apiKey: key === '' ? null : key,
    requestTimeoutMs: intSetting(env, 'MARKET_PLATFORM_TIMEOUT_MS', 10_000, 50, 300_000, problems),
    pageSize: intSetting(env, 'MARKET_PLATFORM_PAGE_SIZE', 200, 1, 1000, problems),
    maxAttempts: intSetting(env, 'MARKET_PLATFORM_MAX_ATTEMPTS', 6, 1, 20, problems),
    retryBaseMs: intSetting(env, 'MARKET_PLATFORM_RETRY_BASE_MS', 500, 1, 60_000, problems),
    retryMaxMs: intSetting(env, 'MARKET_PLATFORM_RETRY_MAX_MS', 30_000, 1, 600_000, problems),
  };
}

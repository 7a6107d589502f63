import { MarketPlatformError } from './market-platform.error';
import { MarketFilingPage, parseMarketPage } from './market-filing-item';
import { parseRetryAfter, retryDelayMs } from './retry-delay';

export interface MarketPlatformClientOptions {
  baseUrl: string;
  /** secret, sent as `Authorization: Bearer …` */
  apiKey: string;
  requestTimeoutMs: number;
  /** attempts per page (1 = no retry) */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** told about each retry (never given the key) */
  onRetry?: (info: { attempt: number; delayMs: number; error: MarketPlatformError }) => void;
}

export interface FetchedPage extends MarketFilingPage {
  /** attempts this page took (1 = first try) */
  attempts: number;
}

/**
 * HTTP adapter of 房地产市场监管平台 GET /api/filings?cursor=&limit=: a timeout per request,
 * retries with exponential backoff and jitter on timeouts, network errors, 5xx, 408, 429 and
 * malformed pages; other answers (401, 403, 4xx) fail at once.
 */
export class MarketPlatformClient {
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: MarketPlatformClientOptions) {
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async fetchPage(cursor: string | null, limit: number): Promise<FetchedPage> {
    for (let attempt = 1; ; attempt++) {
      try {
        return { ...(await this.fetchOnce(cursor, limit)), attempts: attempt };
      } catch (err) {
        const error =
          err instanceof MarketPlatformError
            ? err
            : new MarketPlatformError(`市场监管平台请求失败 (request failed: ${describe(err)})`, true);
        if (!error.retryable || attempt >= this.options.maxAttempts) throw error;
        const delayMs = retryDelayMs(
          attempt,
          { baseMs: this.options.retryBaseMs, maxMs: this.options.retryMaxMs },
          this.random,
          error.retryAfterMs,
        );
        this.options.onRetry?.({ attempt, delayMs, error });
        await this.sleep(delayMs);
      }
    }
  }

  private async fetchOnce(cursor: string | null, limit: number): Promise<MarketFilingPage> {
    const url = new URL(this.options.baseUrl + '/');
    url.pathname = url.pathname.replace(/\/+$/, '') + '/api/filings';
    if (cursor !== null) url.searchParams.set('cursor', cursor);
    url.searchParams.set('limit', String(limit));
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      text = await response.text();
    } catch (err) {
      const name = typeof err === 'object' && err !== null && 'name' in err ? (err as { name: unknown }).name : null;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new MarketPlatformError(
        timedOut
          ? `市场监管平台请求超时 (timed out after ${this.options.requestTimeoutMs} ms)`
          : `市场监管平台连接失败 (network error: ${describe(err)})`,
        true,
      );
    }
    if (!response.ok) {
      const status = response.status;
      const retryable = status >= 500 || status === 408 || status === 429;
      throw new MarketPlatformError(
        `市场监管平台返回 HTTP ${status} (market platform answered ${status})`,
        retryable,
        status,
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new MarketPlatformError('市场监管平台返回的不是 JSON (response is not JSON)', true, response.status);
    }
    const page = parseMarketPage(body);
    if (typeof page === 'string')
      throw new MarketPlatformError(`市场监管平台响应格式错误 (malformed page: ${page})`, true, response.status);
    return page;
  }
}

/** Error text (errors may come from another realm, e.g. undici's DOMException): message and cause. */
function describe(err: unknown): string {
  if (typeof err !== 'object' || err === null || !('message' in err)) return String(err);
  const { message, cause } = err as { message: unknown; cause?: unknown };
  const causeMessage =
    typeof cause === 'object' && cause !== null && 'message' in cause
      ? String((cause as { message: unknown }).message)
      : null;
  return causeMessage ? `${String(message)}: ${causeMessage}` : String(message);
}

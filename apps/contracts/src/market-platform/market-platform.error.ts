/**
 * A failed call to 房地产市场监管平台. `retryable`: timeouts, network errors, 5xx, 408, 429 and
 * malformed pages; anything else (401, 403, 400, 404) fails at once. Never carries the API key.
 */
export class MarketPlatformError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'MarketPlatformError';
  }
}

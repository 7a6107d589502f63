export interface RetryPolicy {
  /** delay cap of the first retry */
  baseMs: number;
  /** no single wait longer than this */
  maxMs: number;
}

/**
 * Wait before retry number `attempt` (1 = first retry): exponential (base·2^(attempt-1), capped)
 * with "equal jitter" — half fixed, half random — so clients that failed together spread out but
 * still back off. A server's Retry-After is honoured up to the cap.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  retryAfterMs: number | null = null,
): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.round(cap / 2 + (cap / 2) * Math.min(Math.max(random(), 0), 1));
  if (retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs > 0)
    return Math.min(policy.maxMs, Math.max(jittered, retryAfterMs));
  return jittered;
}

/** Retry-After in ms (delta-seconds or an HTTP date), null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

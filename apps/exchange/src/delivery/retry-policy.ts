/** How a finished attempt moves its delivery on. */
export type AttemptOutcome =
  | { kind: 'delivered' }
  | { kind: 'disable'; reason: string }
  | { kind: 'retry'; delayMs: number; throttleSubscriberMs: number }
  | { kind: 'dead'; reason: string };

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  horizonMs: number;
}

/**
 * Exponential backoff with full jitter in its upper half: base·2^(n−1), capped, then a random point in
 * [delay/2, delay]. `random` is injectable so the rule is testable.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The outcome of one attempt. 2xx delivered; 410 Gone disables the subscriber (Standard Webhooks);
 * 429 / 502 / 503 / 504 slow the whole subscriber down (Retry-After honoured, else the backoff);
 * anything else (other status, timeout, refused connection, a redirect, which is never followed)
 * retries with backoff. The last retry falls on the horizon (72 h by default) after the first attempt; when that
 * one fails too the event becomes a dead letter.
 */
export function attemptOutcome(
  input: {
    status: number | null;
    retryAfter: string | null;
    attemptInRound: number;
    firstAttemptAt: number;
    now: number;
  },
  policy: RetryPolicy,
  random: () => number = Math.random,
): AttemptOutcome {
  const { status } = input;
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'disable', reason: '接收方返回 410 Gone (the receiver answered 410 Gone)' };
  const throttle = status === 429 || status === 502 || status === 503 || status === 504;
  const backoff = backoffMs(input.attemptInRound, policy, random);
  const asked = throttle ? retryAfterMs(input.retryAfter, input.now) : null;
  // the receiver's Retry-After is honoured but bounded by the longest single delay
  const delayMs = asked !== null ? Math.min(policy.maxMs, Math.max(asked, 0)) : backoff;
  const left = input.firstAttemptAt + policy.horizonMs - input.now;
  if (left <= 0)
    return { kind: 'dead', reason: `重试 ${policy.horizonMs / 3_600_000} 小时后仍未成功 (retries exhausted)` };
  // the last attempt falls on the horizon itself, so retries span at least the whole horizon
  const wait = Math.min(delayMs, left);
  return { kind: 'retry', delayMs: wait, throttleSubscriberMs: throttle ? wait : 0 };
}

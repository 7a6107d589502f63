/**
 * Header fields of draft-ietf-httpapi-ratelimit-headers (-10): Structured Field items whose value
 * is the policy name (a String) with parameters, e.g.
 *   RateLimit-Policy: "credential";q=600;w=60
 *   RateLimit: "credential";r=597;t=42
 * q: quota units per window, w: window in seconds, r: units left, t: seconds until the window resets.
 */
export interface RateLimitState {
  policy: string;
  /** quota units per window */
  quota: number;
  windowSeconds: number;
  remaining: number;
  resetSeconds: number;
}

export function rateLimitHeaders(state: RateLimitState): Record<'RateLimit-Policy' | 'RateLimit', string> {
  const name = `"${state.policy.replace(/["\\]/g, '')}"`;
  return {
    'RateLimit-Policy': `${name};q=${state.quota};w=${state.windowSeconds}`,
    RateLimit: `${name};r=${Math.max(0, state.remaining)};t=${Math.max(0, state.resetSeconds)}`,
  };
}

import { attemptOutcome, backoffMs, retryAfterMs } from './retry-policy';

const policy = { baseMs: 5000, maxMs: 6 * 3_600_000, horizonMs: 72 * 3_600_000 };
const H = 3_600_000;

describe('retry policy', () => {
  it('backs off exponentially with jitter in the upper half, capped', () => {
    expect(backoffMs(1, policy, () => 0)).toBe(2500);
    expect(backoffMs(1, policy, () => 1)).toBe(5000);
    expect(backoffMs(3, policy, () => 1)).toBe(20_000);
    expect(backoffMs(40, policy, () => 1)).toBe(6 * H);
    expect(backoffMs(40, policy, () => 0)).toBe(3 * H);
  });

  it('keeps retrying for at least 72 h, the last attempt on the horizon, then a dead letter', () => {
    let now = 0;
    const first = 0;
    let attempt = 1;
    const times: number[] = [];
    for (;;) {
      const o = attemptOutcome(
        { status: 500, retryAfter: null, attemptInRound: attempt, firstAttemptAt: first, now },
        policy,
        () => 1,
      );
      if (o.kind === 'dead') break;
      expect(o.kind).toBe('retry');
      if (o.kind !== 'retry') break;
      now += o.delayMs;
      times.push(now);
      attempt++;
    }
    expect(times[times.length - 1]).toBe(72 * H);
    expect(attempt).toBeGreaterThan(10);
    expect(attempt).toBeLessThan(40);
  });

  it('2xx delivers, 410 disables, 429/503 throttle honouring Retry-After, others retry', () => {
    const base = { retryAfter: null, attemptInRound: 1, firstAttemptAt: 0, now: 1000 };
    expect(attemptOutcome({ ...base, status: 204 }, policy).kind).toBe('delivered');
    expect(attemptOutcome({ ...base, status: 410 }, policy).kind).toBe('disable');
    expect(attemptOutcome({ ...base, status: 429, retryAfter: '120' }, policy)).toEqual({
      kind: 'retry',
      delayMs: 120_000,
      throttleSubscriberMs: 120_000,
    });
    expect(attemptOutcome({ ...base, status: 503, retryAfter: null }, policy, () => 1)).toEqual({
      kind: 'retry',
      delayMs: 5000,
      throttleSubscriberMs: 5000,
    });
    // a 500's Retry-After is not a throttle; a redirect and a refused connection retry like a 500
    expect(attemptOutcome({ ...base, status: 500, retryAfter: '999' }, policy, () => 1)).toMatchObject({
      delayMs: 5000,
      throttleSubscriberMs: 0,
    });
    expect(attemptOutcome({ ...base, status: 302 }, policy).kind).toBe('retry');
    expect(attemptOutcome({ ...base, status: null }, policy).kind).toBe('retry');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs('Fri, 04 Dec 2026 08:00:10 GMT', Date.parse('2026-12-04T08:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });
});

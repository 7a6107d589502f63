import { parseRetryAfter, retryDelayMs } from './retry-delay';

describe(retryDelayMs.name, () => {
  const policy = { baseMs: 100, maxMs: 2000 };

  it('doubles per attempt up to the cap 指数退避', () => {
    const upper = (attempt: number) => retryDelayMs(attempt, policy, () => 1);
    expect([1, 2, 3, 4, 5, 6, 10, 100].map(upper)).toEqual([100, 200, 400, 800, 1600, 2000, 2000, 2000]);
  });

  it('jitters within the upper half of the window 抖动', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(200);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(300);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(4, policy);
      expect(d).toBeGreaterThanOrEqual(400);
      expect(d).toBeLessThanOrEqual(800);
    }
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, policy)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it('honours Retry-After up to the cap', () => {
    expect(retryDelayMs(1, policy, () => 0, 1500)).toBe(1500);
    expect(retryDelayMs(1, policy, () => 0, 60_000)).toBe(2000);
    expect(retryDelayMs(3, policy, () => 1, 10)).toBe(400);
  });

  it('handles odd inputs', () => {
    expect(retryDelayMs(0, policy, () => 1)).toBe(100);
    expect(retryDelayMs(2, policy, () => 7)).toBe(200);
  });
});

describe(parseRetryAfter.name, () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    const now = Date.parse('2024-10-01T00:00:00Z');
    expect(parseRetryAfter('Tue, 01 Oct 2024 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 30 Sep 2024 00:00:00 GMT', now)).toBe(0);
  });
});

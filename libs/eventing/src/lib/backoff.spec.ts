import { backoffDelay } from './backoff';

describe(backoffDelay.name, () => {
  const noJitter = (): number => 0.5;

  it('doubles from the base delay and stops at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 100, 1000, noJitter))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('jitters within ±20 %', () => {
    expect(backoffDelay(1, 1000, 10_000, () => 0)).toBe(800);
    expect(backoffDelay(1, 1000, 10_000, () => 1)).toBe(1200);
  });

  it('does not overflow after many failures', () => {
    expect(backoffDelay(10_000, 100, 30_000, noJitter)).toBe(30_000);
  });
});

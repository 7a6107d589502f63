/** Exponential backoff with ±20 % jitter, so replicas that failed together do not retry in lockstep. */
export function backoffDelay(
  failures: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failures - 1);
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

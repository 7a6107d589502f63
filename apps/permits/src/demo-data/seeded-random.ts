/**
 * 可复现的伪随机数（mulberry32）：同一种子总是得到同一序列。不可用于安全用途。
 * Deterministic PRNG (mulberry32, 32-bit state) for demo data; not for anything security related.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** integer in [min, max] (both inclusive) */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** index chosen with the given (non-negative) weights */
  weightedIndex(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** index chosen by binary search over running totals of weights (for long weight lists) */
  cumulativeIndex(runningTotals: readonly number[]): number {
    const r = this.next() * runningTotals[runningTotals.length - 1];
    let lo = 0;
    let hi = runningTotals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (runningTotals[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

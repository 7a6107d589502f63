import { SeededRandom } from './seeded-random';

describe(SeededRandom.name, () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('stays in range and picks by weight', () => {
    const rng = new SeededRandom(1);
    const counts = [0, 0, 0];
    const running = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      const x = rng.int(2, 33);
      expect(x >= 2 && x <= 33 && Number.isInteger(x)).toBe(true);
      counts[rng.weightedIndex([1, 2, 7])]++;
      running[rng.cumulativeIndex([1, 3, 10])]++;
    }
    expect(counts[2] / 30_000).toBeCloseTo(0.7, 1);
    expect(running[1] / 30_000).toBeCloseTo(0.2, 1);
    expect(running[0] / 30_000).toBeCloseTo(0.1, 1);
  });
});

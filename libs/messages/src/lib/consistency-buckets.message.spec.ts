import { figuresInBuckets, recountBucketOf, recountBuckets } from './consistency-buckets';
import { SourceBucketRecountRequest, SourceRecountBuckets } from './consistency-buckets.message';
import { validateMessage } from './validation/validate-message';

const errorsOf = async (type: new () => object, value: unknown) => {
  const r = await validateMessage(type, value);
  return r.ok ? [] : r.errors.map((e) => e.field);
};
const base = { regionCode: '430000', asOf: '2024-09-30' };
const figures = [
  {
    figure: 'filings.count' as const,
    total: 4,
    projects: [
      { projectCode: 'P1', count: 3 },
      { projectCode: 'P2', count: 1 },
    ],
  },
  { figure: 'filings.cancelled' as const, total: 0, projects: [] },
];

describe('bucketed recount messages', () => {
  it('takes the buckets of step 2 as unique integers 0–255, at least one', async () => {
    expect(await errorsOf(SourceBucketRecountRequest, { ...base, buckets: [0, 17, 255] })).toEqual([]);
    expect(await errorsOf(SourceBucketRecountRequest, { ...base, buckets: [256] })).toEqual(['buckets']);
    expect(await errorsOf(SourceBucketRecountRequest, { ...base, buckets: [3, 3] })).toEqual(['buckets']);
    expect(await errorsOf(SourceBucketRecountRequest, { ...base, buckets: [] })).toEqual(['buckets']);
    expect(await errorsOf(SourceBucketRecountRequest, base)).toEqual(['buckets']);
    expect(
      await errorsOf(SourceBucketRecountRequest, { regionCode: '430124', asOf: '2024-09-30', buckets: [1] }),
    ).toEqual(['regionCode']);
  });

  it("validates a source's step 1 reply, as the sources build it", async () => {
    const reply = { source: 'contracts', ...base, bucketCount: 256, buckets: recountBuckets(figures) };
    expect(await errorsOf(SourceRecountBuckets, reply)).toEqual([]);
    expect(reply.buckets.reduce((n, b) => n + b.total, 0)).toBe(4);
    expect(await errorsOf(SourceRecountBuckets, { ...reply, bucketCount: 16 })).toEqual(['bucketCount']);
    const bad = { ...reply, buckets: [{ ...reply.buckets[0]!, fingerprint: 'x' }] };
    expect((await errorsOf(SourceRecountBuckets, bad))[0]).toMatch(/^buckets/);
  });

  it('restricts a recount to the projects of the given buckets', () => {
    const only = figuresInBuckets(figures, new Set([recountBucketOf('P1')]));
    expect(only[0]!.projects.map((p) => p.projectCode)).toContain('P1');
    expect(only[0]!.total).toBe(only[0]!.projects.reduce((n, p) => n + p.count, 0));
  });
});

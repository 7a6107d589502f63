import {
  ConsistencyFigureV1,
  figuresInBuckets,
  ProjectCountV1,
  recountBucketOf,
  recountBuckets,
  RECOUNT_BUCKET_COUNT,
  SourceFigureCountV1,
} from '@hn/messages';
import { bucketsToFetch, rebuiltRecount, statisticsFiguresOf } from './bucketed-recount';
import { compareConsistency } from './consistency-compare';

const figure = (name: ConsistencyFigureV1, projects: ProjectCountV1[]): SourceFigureCountV1 => ({
  figure: name,
  total: projects.reduce((n, p) => n + p.count, 0),
  projects: [...projects].sort((a, b) => (a.projectCode < b.projectCode ? -1 : 1)),
});
const projects = (n: number, count = (i: number) => 1 + (i % 3)): ProjectCountV1[] =>
  Array.from({ length: n }, (_, i) => ({
    projectCode: `2024-430223-70-03-${String(i).padStart(6, '0')}`,
    count: count(i),
  }));

/** The source's whole recount as the alerts service rebuilds it from the two steps. */
function viaBuckets(own: SourceFigureCountV1[], source: SourceFigureCountV1[], perRequest?: number) {
  const groups = bucketsToFetch(recountBuckets(own), recountBuckets(source), perRequest);
  const replies = groups.map((g) => figuresInBuckets(source, new Set(g)));
  return { groups, rebuilt: rebuiltRecount(own, new Set(groups.flat()), replies) };
}

describe('bucketed recount', () => {
  const FIG: ConsistencyFigureV1[] = ['filings.count', 'filings.cancelled'];

  it('a project falls into one fixed bucket of 0–255', () => {
    const b = recountBucketOf('2024-430223-70-03-012345');
    expect(b).toBe(recountBucketOf('2024-430223-70-03-012345'));
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(RECOUNT_BUCKET_COUNT);
  });

  it('equal recounts fetch no bucket and rebuild the source as it is', () => {
    const own = [figure('filings.count', projects(3000)), figure('filings.cancelled', projects(40))];
    const { groups, rebuilt } = viaBuckets(own, own);
    expect(groups).toEqual([]);
    expect(rebuilt).toEqual(own);
  });

  it('fetches only the buckets of differing projects, and the comparison names exactly those projects', () => {
    const all = projects(3000);
    const own = [figure('filings.count', all), figure('filings.cancelled', [])];
    const changed = all.map((p, i) => (i === 17 ? { ...p, count: p.count + 1 } : p)).filter((_, i) => i !== 2001);
    const extra = { projectCode: 'P-LOST', count: 2 };
    const source = [figure('filings.count', [...changed, extra]), figure('filings.cancelled', [extra])];
    const { groups, rebuilt } = viaBuckets(own, source);
    const expectedBuckets = new Set([all[17]!, all[2001]!, extra].map((p) => recountBucketOf(p.projectCode)));
    expect(new Set(groups.flat())).toEqual(expectedBuckets);
    expect(rebuilt).toEqual(source);
    const statistics = new Map(own.map((f) => [f.figure, f]));
    const result = compareConsistency({
      regionCode: '430223',
      regionName: '攸县',
      asOf: '2026-11-30',
      statistics,
      sources: [{ source: 'contracts', figures: rebuilt }],
      signingStatistics: {
        status: 'EQUAL',
        statusLabel: '一致',
        comparedMonths: 0,
        differenceCount: 0,
        message: null,
        differences: [],
      },
    });
    const named = result.figures.flatMap((f) => f.differences.map((d) => `${d.figure} ${d.projectCode}`)).sort();
    expect(named).toEqual(
      [
        `filings.count ${all[17]!.projectCode}`,
        `filings.count ${all[2001]!.projectCode}`,
        'filings.count P-LOST',
        'filings.cancelled P-LOST',
      ].sort(),
    );
  });

  it('a source with nothing in common is fetched in requests of about the given size', () => {
    const own = statisticsFiguresOf(FIG, new Map());
    const source = [figure('filings.count', projects(20_000)), figure('filings.cancelled', projects(500))];
    const { groups, rebuilt } = viaBuckets(own, source, 2_000);
    expect(rebuilt).toEqual(source);
    expect(groups.length).toBeGreaterThanOrEqual(10);
    const sizes = recountBuckets(source);
    for (const g of groups) {
      const n = sizes.filter((b) => g.includes(b.bucket)).reduce((s, b) => s + b.projects, 0);
      expect(g.length === 1 || n <= 2_000).toBe(true);
    }
    // every reply of step 1 stays small: at most 256 buckets per figure
    expect(Buffer.byteLength(JSON.stringify(sizes))).toBeLessThan(2 * 256 * 160);
  });
});

import {
  bucketRequests,
  ConsistencyFigureV1,
  differingBuckets,
  ProjectCountV1,
  recountBucketOf,
  RecountBucketV1,
  SourceFigureCountV1,
} from '@hn/messages';

/**
 * The alerts side of the bucketed recount (consistency-buckets.ts in @hn/messages): which buckets to ask
 * a source for, and the source's full per-project recount rebuilt from them — the statistics' own list in
 * every bucket whose fingerprint is equal (the same list on both sides), the source's list in the others.
 */

/** The statistics' figures of one source (absent = no project). */
export function statisticsFiguresOf(
  figures: readonly ConsistencyFigureV1[],
  statistics: ReadonlyMap<ConsistencyFigureV1, SourceFigureCountV1>,
): SourceFigureCountV1[] {
  return figures.map((figure) => statistics.get(figure) ?? { figure, total: 0, projects: [] });
}

/** The buckets to fetch (any figure differs), grouped into requests of about `perRequest` counts each. */
export function bucketsToFetch(
  ours: readonly RecountBucketV1[],
  theirs: readonly RecountBucketV1[],
  perRequest?: number,
): number[][] {
  const differing = differingBuckets(ours, theirs);
  const wanted = new Set([...differing.values()].flatMap((s) => [...s]));
  const size = (list: readonly RecountBucketV1[]): Map<number, number> => {
    const m = new Map<number, number>();
    for (const b of list) if (wanted.has(b.bucket)) m.set(b.bucket, (m.get(b.bucket) ?? 0) + b.projects);
    return m;
  };
  const mine = size(ours);
  const other = size(theirs);
  const sizes = new Map([...wanted].map((b) => [b, Math.max(mine.get(b) ?? 0, other.get(b) ?? 0)]));
  return bucketRequests(sizes, perRequest);
}

/**
 * The source's recount as if sent whole: per figure, the statistics' projects outside the fetched buckets
 * and the source's projects (its replies) inside them, by project code; total = the sum of the counts.
 */
export function rebuiltRecount(
  statistics: readonly SourceFigureCountV1[],
  fetched: ReadonlySet<number>,
  replies: ReadonlyArray<readonly SourceFigureCountV1[]>,
): SourceFigureCountV1[] {
  return statistics.map((own) => {
    const projects: ProjectCountV1[] = own.projects.filter((p) => !fetched.has(recountBucketOf(p.projectCode)));
    for (const reply of replies)
      for (const p of reply.find((f) => f.figure === own.figure)?.projects ?? [])
        if (fetched.has(recountBucketOf(p.projectCode))) projects.push(p);
    projects.sort((a, b) => (a.projectCode < b.projectCode ? -1 : a.projectCode > b.projectCode ? 1 : 0));
    return { figure: own.figure, total: projects.reduce((n, p) => n + p.count, 0), projects };
  });
}

import { createHash } from 'node:crypto';
import type { ReportedSigningStatisticsV1 } from './signing-statistics-comparison';
import type {
  ConsistencyFigureV1,
  ConsistencySourceV1,
  ProjectCountV1,
  SourceFigureCountV1,
  SourceRecountRequestV1,
  SourceRecountV1,
} from './statistics-consistency';

/**
 * 从源头纠正 at province scale: a source's per-project recount of the province lists every project
 * (≈ 9 MiB for 100,000 permits), over the NATS limit of one message (1 MiB). So the check asks in two
 * steps, each reply small whatever the region:
 *
 *   1. `rpc.<source>.consistency.buckets.v1` — per figure and bucket (a project's bucket: the first byte
 *      of SHA-256 of its code, 0–255, so all of a project's records fall into one bucket) the total, the
 *      number of projects and a fingerprint of the bucket's sorted (project, count) list; ≈ 100 bytes per
 *      (figure, bucket), at most 256 buckets per figure;
 *   2. `rpc.<source>.consistency.recount.v2` — the per-project counts of the buckets whose fingerprints
 *      differ from the statistics' own, a few buckets per request (RECOUNT_BUCKET_PROJECTS per reply).
 *
 * A bucket with equal fingerprints has the same (project, count) list on both sides, so the check's
 * result is that of the full per-project comparison (v1), with only the differing buckets sent.
 */

/** Buckets per figure (a project's bucket is one byte of its hash). */
export const RECOUNT_BUCKET_COUNT = 256;

/** The alerts service asks for at most about this many (project, figure) counts per recount v2 reply. */
export const RECOUNT_BUCKET_PROJECTS = 5_000;

/** One figure's projects in one bucket, summarised. */
export interface RecountBucketV1 {
  figure: ConsistencyFigureV1;
  /** 0 – RECOUNT_BUCKET_COUNT-1 */
  bucket: number;
  /** the projects with a count above 0 in this bucket */
  projects: number;
  /** the sum of their counts */
  total: number;
  /** hex SHA-256 (first 32 digits) of the bucket's "projectCode:count" lines, by project code */
  fingerprint: string;
}

/** A source's reply of step 1: its buckets with at least one project (an absent bucket is empty). */
export interface SourceRecountBucketsV1 {
  source: ConsistencySourceV1;
  regionCode: string;
  asOf: string;
  bucketCount: number;
  buckets: RecountBucketV1[];
}

/** Step 2: the per-project counts of these buckets only (the reply is a SourceRecountV1 over them). */
export interface SourceBucketRecountRequestV1 extends SourceRecountRequestV1 {
  buckets: number[];
}

/** Subjects of the bucketed recount (never renamed; the v1 recount stays for a small region). */
export const ConsistencyBucketRpc = {
  permitsBuckets: 'rpc.permits.consistency.buckets.v1',
  presaleBuckets: 'rpc.presale.consistency.buckets.v1',
  escrowBuckets: 'rpc.escrow.consistency.buckets.v1',
  contractsBuckets: 'rpc.contracts.consistency.buckets.v1',
  permitsRecountBuckets: 'rpc.permits.consistency.recount.v2',
  presaleRecountBuckets: 'rpc.presale.consistency.recount.v2',
  escrowRecountBuckets: 'rpc.escrow.consistency.recount.v2',
  contractsRecountBuckets: 'rpc.contracts.consistency.recount.v2',
  /** the counties' submitted signing statistics in pages (the v1 answers them all at once) */
  contractsSigningStatisticsPage: 'rpc.contracts.consistency.signing-statistics.v2',
} as const;

/** Signing statistics per reply of rpc.contracts.consistency.signing-statistics.v2 (≈ 170 bytes each). */
export const SIGNING_STATISTICS_PAGE = 2_000;

/** A page of the reported signing statistics, in (region, month, presale number) order. */
export interface ReportedSigningStatisticsPageRequestV1 extends SourceRecountRequestV1 {
  /** the previous page's `next` (absent: the first page) */
  after?: string;
}

export interface ReportedSigningStatisticsPageV1 extends ReportedSigningStatisticsV1 {
  /** the cursor of the next page, null on the last */
  next: string | null;
}

/** The cursor after a statistic: "regionCode|month|presaleNumber". */
export const signingStatisticsCursor = (s: { regionCode: string; month: string; presaleNumber: string }): string =>
  `${s.regionCode}|${s.month}|${s.presaleNumber}`;

/** The bucket of a project code: the first byte of its SHA-256 (the same on every side). */
export function recountBucketOf(projectCode: string): number {
  return createHash('sha256').update(projectCode, 'utf8').digest()[0]!;
}

const byCode = (a: ProjectCountV1, b: ProjectCountV1): number =>
  a.projectCode < b.projectCode ? -1 : a.projectCode > b.projectCode ? 1 : 0;

/** Per figure and non-empty bucket: projects, total and fingerprint (figures as figureCountsOf gives them). */
export function recountBuckets(figures: readonly SourceFigureCountV1[]): RecountBucketV1[] {
  const out: RecountBucketV1[] = [];
  for (const f of figures) {
    const buckets = new Map<number, ProjectCountV1[]>();
    for (const p of f.projects) {
      const b = recountBucketOf(p.projectCode);
      const list = buckets.get(b);
      if (list) list.push(p);
      else buckets.set(b, [p]);
    }
    for (const [bucket, projects] of [...buckets.entries()].sort(([a], [b]) => a - b)) {
      projects.sort(byCode);
      const hash = createHash('sha256');
      let total = 0;
      for (const p of projects) {
        hash.update(`${p.projectCode}:${p.count}\n`, 'utf8');
        total += p.count;
      }
      out.push({
        figure: f.figure,
        bucket,
        projects: projects.length,
        total,
        fingerprint: hash.digest('hex').slice(0, 32),
      });
    }
  }
  return out;
}

/** The figures restricted to the projects of the given buckets (total: over those projects). */
export function figuresInBuckets(
  figures: readonly SourceFigureCountV1[],
  buckets: ReadonlySet<number>,
): SourceFigureCountV1[] {
  return figures.map((f) => {
    const projects = f.projects.filter((p) => buckets.has(recountBucketOf(p.projectCode)));
    return { figure: f.figure, total: projects.reduce((n, p) => n + p.count, 0), projects };
  });
}

/** The (figure, bucket) pairs of two bucket lists that differ (absent on one side = empty), as "figure|bucket". */
export function differingBuckets(
  ours: readonly RecountBucketV1[],
  theirs: readonly RecountBucketV1[],
): Map<ConsistencyFigureV1, Set<number>> {
  const key = (b: RecountBucketV1): string => `${b.figure}|${b.bucket}`;
  const mine = new Map(ours.map((b) => [key(b), b]));
  const other = new Map(theirs.map((b) => [key(b), b]));
  const out = new Map<ConsistencyFigureV1, Set<number>>();
  for (const k of new Set([...mine.keys(), ...other.keys()])) {
    const a = mine.get(k);
    const b = other.get(k);
    if (a && b && a.fingerprint === b.fingerprint && a.total === b.total && a.projects === b.projects) continue;
    const { figure, bucket } = (a ?? b)!;
    const set = out.get(figure) ?? new Set<number>();
    set.add(bucket);
    out.set(figure, set);
  }
  return out;
}

/**
 * Buckets grouped into requests of about `perRequest` (project, figure) counts each (by the larger side's
 * count of the bucket), in bucket order; a bucket larger than that goes alone.
 */
export function bucketRequests(sizes: ReadonlyMap<number, number>, perRequest = RECOUNT_BUCKET_PROJECTS): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let size = 0;
  for (const [bucket, n] of [...sizes.entries()].sort(([a], [b]) => a - b)) {
    if (current.length > 0 && size + n > perRequest) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(bucket);
    size += n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Step 1's reply of a source: its (authorized) recount as per-bucket fingerprints. */
export function recountBucketsReply(
  source: ConsistencySourceV1,
  request: SourceRecountRequestV1,
  figures: readonly SourceFigureCountV1[],
): SourceRecountBucketsV1 {
  return {
    source,
    regionCode: request.regionCode,
    asOf: request.asOf,
    bucketCount: RECOUNT_BUCKET_COUNT,
    buckets: recountBuckets(figures),
  };
}

/** Step 2's reply of a source: its recount restricted to the requested buckets. */
export function recountOfBucketsReply(
  source: ConsistencySourceV1,
  request: SourceRecountRequestV1,
  figures: readonly SourceFigureCountV1[],
  buckets: readonly number[],
): SourceRecountV1 {
  return {
    source,
    regionCode: request.regionCode,
    asOf: request.asOf,
    figures: figuresInBuckets(figures, new Set(buckets)),
  };
}

import {
  CONSISTENCY_DIFFERENCES_LISTED,
  CONSISTENCY_FIGURE_LABELS,
  CONSISTENCY_FIGURE_NAMES,
  CONSISTENCY_FIGURES,
  CONSISTENCY_SOURCE_LABELS,
  ConsistencyDifferenceV1,
  ConsistencyFigureResultV1,
  ConsistencyFigureV1,
  ConsistencySourceV1,
  SigningStatisticsComparisonV1,
  SourceFigureCountV1,
  StatisticsConsistencyV1,
} from '@hn/messages';

/** What a source gave: its figures, or why it gave none (then its figures are 未核对). */
export type SourceOutcome =
  { source: ConsistencySourceV1; figures: SourceFigureCountV1[] } | { source: ConsistencySourceV1; message: string };

export interface ConsistencyInput {
  regionCode: string;
  regionName: string;
  asOf: string;
  statistics: ReadonlyMap<ConsistencyFigureV1, SourceFigureCountV1>;
  sources: readonly SourceOutcome[];
  /** the counties' signing statistics against the issued filings (signing-statistics-compare.ts) */
  signingStatistics: SigningStatisticsComparisonV1;
}

const STATUS_LABEL = { EQUAL: '一致', DIFFERENT: '不一致', UNCHECKED: '未核对' } as const;

/** The projects whose counts of one figure differ (a project absent on one side counts 0 there), by project code. */
export function projectDifferences(
  figure: ConsistencyFigureV1,
  statistics: SourceFigureCountV1 | undefined,
  source: SourceFigureCountV1 | undefined,
): ConsistencyDifferenceV1[] {
  const counts = new Map<string, { statisticsCount: number; sourceCount: number }>();
  for (const p of statistics?.projects ?? []) counts.set(p.projectCode, { statisticsCount: p.count, sourceCount: 0 });
  for (const p of source?.projects ?? []) {
    const c = counts.get(p.projectCode) ?? { statisticsCount: 0, sourceCount: 0 };
    c.sourceCount += p.count;
    counts.set(p.projectCode, c);
  }
  return [...counts.entries()]
    .filter(([, c]) => c.statisticsCount !== c.sourceCount)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([projectCode, c]) => ({ projectCode, figure, ...c }));
}

/**
 * The check's answer: per figure the statistics value, the source's value, whether they are equal,
 * and the projects that differ; a source that gave nothing leaves its figures 未核对 (UNCHECKED).
 */
export function compareConsistency(input: ConsistencyInput): StatisticsConsistencyV1 {
  const bySource = new Map(input.sources.map((s) => [s.source, s]));
  const figures: ConsistencyFigureResultV1[] = CONSISTENCY_FIGURE_NAMES.map((figure) => {
    const source = CONSISTENCY_FIGURES[figure];
    const outcome = bySource.get(source);
    const stats = input.statistics.get(figure);
    const base = {
      figure,
      label: CONSISTENCY_FIGURE_LABELS[figure],
      source,
      statisticsValue: stats?.total ?? 0,
    };
    if (!outcome || !('figures' in outcome))
      return {
        ...base,
        status: 'UNCHECKED',
        statusLabel: STATUS_LABEL.UNCHECKED,
        sourceValue: null,
        equal: null,
        differences: [],
        differenceTotal: 0,
        differencesTruncated: false,
      };
    const counted = outcome.figures.find((f) => f.figure === figure);
    const differences = projectDifferences(figure, stats, counted);
    const sourceValue = counted?.total ?? 0;
    const equal = differences.length === 0 && sourceValue === base.statisticsValue;
    const status = equal ? 'EQUAL' : 'DIFFERENT';
    return {
      ...base,
      status,
      statusLabel: STATUS_LABEL[status],
      sourceValue,
      equal,
      differences: differences.slice(0, CONSISTENCY_DIFFERENCES_LISTED),
      differenceTotal: differences.length,
      differencesTruncated: differences.length > CONSISTENCY_DIFFERENCES_LISTED,
    };
  });
  const sources = (Object.keys(CONSISTENCY_SOURCE_LABELS) as ConsistencySourceV1[]).map((source) => {
    const outcome = bySource.get(source);
    const answered = !!outcome && 'figures' in outcome;
    return {
      source,
      label: CONSISTENCY_SOURCE_LABELS[source],
      answered,
      message: answered
        ? null
        : outcome && 'message' in outcome
          ? outcome.message
          : `${CONSISTENCY_SOURCE_LABELS[source]}未应答，其统计项未核对 (source ${source} not asked)`,
    };
  });
  const differenceCount = figures.reduce((n, f) => n + f.differenceTotal, 0);
  return {
    regionCode: input.regionCode,
    regionName: input.regionName,
    asOf: input.asOf,
    consistent: figures.every((f) => f.status === 'EQUAL') && input.signingStatistics.status === 'EQUAL',
    differenceCount,
    sources,
    figures,
    signingStatistics: input.signingStatistics,
  };
}

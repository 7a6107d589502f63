import type { SigningStatisticsComparisonV1 } from './signing-statistics-comparison';

/**
 * 从源头纠正 (work plan task 7): the statistics compared with a recount by each owning service. The
 * alerts service asks permits, presale, escrow and contracts over NATS for their own per-project
 * counts in a region as of a date (the same 口径 as docs/statistics.md) and names every project whose
 * counts differ, so an official can correct the record at its source, project by project.
 */

/** The services that recount their own records. */
export type ConsistencySourceV1 = 'permits' | 'presale' | 'escrow' | 'contracts';

/** The figures the check compares, each owned by one source service. */
export const CONSISTENCY_FIGURES = {
  'permits.count': 'permits',
  'permits.byProjectType.PRESALE': 'permits',
  'permits.byProjectType.CURRENT_SALE': 'permits',
  'permits.byProjectType.OTHER': 'permits',
  'permits.byProjectType.UNMARKED': 'permits',
  'presale.y': 'presale',
  'presale.z': 'presale',
  'escrow.submitted': 'escrow',
  'filings.count': 'contracts',
  'filings.cancelled': 'contracts',
} as const satisfies Record<string, ConsistencySourceV1>;

export type ConsistencyFigureV1 = keyof typeof CONSISTENCY_FIGURES;

/** Every compared figure, in the order of the reply. */
export const CONSISTENCY_FIGURE_NAMES = Object.keys(CONSISTENCY_FIGURES) as ConsistencyFigureV1[];

/** The figures one source recounts. */
export function consistencyFiguresOf(source: ConsistencySourceV1): ConsistencyFigureV1[] {
  return CONSISTENCY_FIGURE_NAMES.filter((f) => CONSISTENCY_FIGURES[f] === source);
}

/** 中文名称 of each compared figure (what an official reads). */
export const CONSISTENCY_FIGURE_LABELS: Record<ConsistencyFigureV1, string> = {
  'permits.count': '施工许可证数（有效）',
  'permits.byProjectType.PRESALE': '施工许可证数：预售商品房项目',
  'permits.byProjectType.CURRENT_SALE': '施工许可证数：现售商品房项目',
  'permits.byProjectType.OTHER': '施工许可证数：其它项目',
  'permits.byProjectType.UNMARKED': '施工许可证数：未标记项目类型',
  'presale.y': 'Y 号预售许可证数（接口取号）',
  'presale.z': 'Z 号预售许可证数（存量补录并已提交）',
  'escrow.submitted': '已提交资金监管信息的预售许可证数',
  'filings.count': '有效网签备案数（未注销）',
  'filings.cancelled': '已注销的网签备案数',
};

/** 中文名称 of each source service. */
export const CONSISTENCY_SOURCE_LABELS: Record<ConsistencySourceV1, string> = {
  permits: '施工许可服务',
  presale: '预售许可服务',
  escrow: '资金监管服务',
  contracts: '网签备案服务',
};

/** Request of every source recount and of the check itself. */
export interface SourceRecountRequestV1 {
  regionCode: string;
  /** YYYY-MM-DD: records registered by the end of that China day, dated no later */
  asOf: string;
}

/** A project's count of one figure (only projects with a count above 0 are listed). */
export interface ProjectCountV1 {
  projectCode: string;
  count: number;
}

export interface SourceFigureCountV1 {
  figure: ConsistencyFigureV1;
  total: number;
  projects: ProjectCountV1[];
}

/** A source's recount of its figures in the region. */
export interface SourceRecountV1 {
  source: ConsistencySourceV1;
  regionCode: string;
  asOf: string;
  figures: SourceFigureCountV1[];
}

export interface StatisticsConsistencyRequestV1 {
  regionCode: string;
  asOf?: string;
}

/** EQUAL 一致, DIFFERENT 不一致, UNCHECKED 未核对 (the source did not answer). */
export type ConsistencyStatusV1 = 'EQUAL' | 'DIFFERENT' | 'UNCHECKED';

/** One project whose counts differ. */
export interface ConsistencyDifferenceV1 {
  projectCode: string;
  figure: ConsistencyFigureV1;
  statisticsCount: number;
  sourceCount: number;
}

export interface ConsistencyFigureResultV1 {
  figure: ConsistencyFigureV1;
  label: string;
  source: ConsistencySourceV1;
  status: ConsistencyStatusV1;
  /** 一致 / 不一致 / 未核对 */
  statusLabel: string;
  statisticsValue: number;
  /** null when the source did not answer */
  sourceValue: number | null;
  /** null when unchecked */
  equal: boolean | null;
  /** the differing projects, the first CONSISTENCY_DIFFERENCES_LISTED by project code */
  differences: ConsistencyDifferenceV1[];
  /** every differing project of the figure (more than listed when `differencesTruncated`) */
  differenceTotal: number;
  differencesTruncated: boolean;
}

/**
 * Differences listed per figure (and signing-statistics differences, and projects per such difference):
 * a province with thousands of differing projects would not fit one reply (NATS max_payload); the totals
 * stay exact and a city or county check lists the rest.
 */
export const CONSISTENCY_DIFFERENCES_LISTED = 200;
/** Signing-statistics differences listed, and presale permits listed per difference (see above). */
export const SIGNING_DIFFERENCES_LISTED = 100;
export const SIGNING_PROJECTS_LISTED = 20;

export interface ConsistencySourceStatusV1 {
  source: ConsistencySourceV1;
  label: string;
  answered: boolean;
  /** why the source's figures are 未核对 (null when it answered) */
  message: string | null;
}

export interface StatisticsConsistencyV1 {
  regionCode: string;
  regionName: string;
  asOf: string;
  /** every source answered, every figure is equal and the signing statistics agree with the filings */
  consistent: boolean;
  /** the number of differing (project, figure) pairs, listed or not */
  differenceCount: number;
  sources: ConsistencySourceStatusV1[];
  figures: ConsistencyFigureResultV1[];
  /** the counties' submitted signing statistics against the issued filings, per region and month */
  signingStatistics: SigningStatisticsComparisonV1;
}

/** Request/reply subjects of the check and of the recounts. Never renamed. */
export const ConsistencyRpc = {
  check: 'rpc.alerts.statistics.consistency.v1',
  permitsRecount: 'rpc.permits.consistency.recount.v1',
  presaleRecount: 'rpc.presale.consistency.recount.v1',
  escrowRecount: 'rpc.escrow.consistency.recount.v1',
  contractsRecount: 'rpc.contracts.consistency.recount.v1',
} as const;

/** The recount SQL's column of the figure counted over its set (the figure name, quoted). */
export const recountColumn = (figure: ConsistencyFigureV1): string => `"${figure}"`;

/**
 * Rows of a per-project recount (project_code and one count column per figure, as SQL returns
 * bigint: text) → the figures: the total and the projects with a count above 0, by project code.
 */
export function figureCountsOf(
  figures: readonly ConsistencyFigureV1[],
  rows: ReadonlyArray<Record<string, unknown>>,
): SourceFigureCountV1[] {
  return figures.map((figure) => {
    const projects: ProjectCountV1[] = [];
    let total = 0;
    for (const row of rows) {
      const count = Number(row[figure] ?? 0);
      if (count <= 0) continue;
      projects.push({ projectCode: String(row['project_code']), count });
      total += count;
    }
    projects.sort((a, b) => (a.projectCode < b.projectCode ? -1 : a.projectCode > b.projectCode ? 1 : 0));
    return { figure, total, projects };
  });
}

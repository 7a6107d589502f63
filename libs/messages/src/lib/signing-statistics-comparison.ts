/**
 * 县市区上报的网签统计与平台登记的网签备案比对 (issue 13 item 3, work plan task 7 "统一数据统计口径"):
 * the consistency check compares each county's SUBMITTED monthly signing statistics (网签统计, as the
 * contracts service keeps them) with the filings the platform issued for that county and month (the
 * statistics' facts from the contracts service's events), figure by figure, naming the presale permits
 * and projects whose figures differ.
 */

/** The compared figures of a (region, month): 套数, 面积 (m², two decimals), 金额 (fen). */
export const SIGNING_COMPARISON_FIGURES = ['contractsSigned', 'floorArea', 'amountFen'] as const;
export type SigningComparisonFigureV1 = (typeof SIGNING_COMPARISON_FIGURES)[number];

export const SIGNING_COMPARISON_FIGURE_LABELS: Record<SigningComparisonFigureV1, string> = {
  contractsSigned: '网签套数',
  floorArea: '网签面积（平方米）',
  amountFen: '网签金额（分）',
};

/** One submitted statistic of a presale permit and month, as the contracts service keeps it. */
export interface ReportedSigningStatisticV1 {
  presaleNumber: string;
  /** the presale permit's project in the contracts service's replica; null when unknown there */
  projectCode: string | null;
  regionCode: string;
  /** YYYY-MM */
  month: string;
  contractsSigned: number;
  /** m², at most two decimals */
  floorArea: number;
  amountFen: number;
}

/** The contracts service's answer: the submitted PERIODIC statistics of the region (months since the cut-over). */
export interface ReportedSigningStatisticsV1 {
  regionCode: string;
  asOf: string;
  statistics: ReportedSigningStatisticV1[];
}

/** One presale permit whose figure differs within a (region, month). */
export interface SigningDifferenceProjectV1 {
  presaleNumber: string;
  projectCode: string | null;
  reported: number;
  issued: number;
}

/** A figure of a (region, month) where the county's report and the issued filings differ. */
export interface SigningStatisticsDifferenceV1 {
  regionCode: string;
  regionName: string;
  month: string;
  figure: SigningComparisonFigureV1;
  label: string;
  reported: number;
  issued: number;
  /** the differing presale permits, the first SIGNING_PROJECTS_LISTED */
  projects: SigningDifferenceProjectV1[];
  /** every differing presale permit of the difference */
  projectCount: number;
}

export interface SigningStatisticsComparisonV1 {
  /** EQUAL 一致, DIFFERENT 不一致, UNCHECKED 未核对 (the contracts service did not answer) */
  status: 'EQUAL' | 'DIFFERENT' | 'UNCHECKED';
  statusLabel: string;
  /** the (region, month) pairs with a submitted statistic that were compared */
  comparedMonths: number;
  /** every differing (region, month, figure), listed or not */
  differenceCount: number;
  /** why the comparison is 未核对 (null when it was made) */
  message: string | null;
  /** the first SIGNING_DIFFERENCES_LISTED differences by region and month */
  differences: SigningStatisticsDifferenceV1[];
  differencesTruncated: boolean;
}

/** Request/reply subject of the reported statistics (never renamed). */
export const SigningComparisonRpc = {
  reported: 'rpc.contracts.consistency.signing-statistics.v1',
} as const;

/**
 * 数据掌上查 / 统一数据统计口径 (work plan task 7): statistics the alerts service derives from the
 * issued records' events only, by region (county → city → province) and month. Areas in m² with
 * two decimals, money in fen (integers).
 */

export type StatisticsLevelV1 = 'PROVINCE' | 'CITY' | 'COUNTY' | 'OWN';

export interface ProjectTypeCountsV1 {
  PRESALE: number;
  CURRENT_SALE: number;
  OTHER: number;
  /** 未标记: the project has no type (yet) */
  UNMARKED: number;
}

export interface PaymentMethodCountsV1 {
  FULL: number;
  COMMERCIAL_LOAN: number;
  PROVIDENT_FUND_LOAN: number;
  COMBINED: number;
}

/** 施工许可: valid construction permits issued on or before the date and recorded by then. */
export interface PermitFiguresV1 {
  count: number;
  /** 建筑面积 m²: the sum of the permits' building units */
  floorArea: number;
  /** by the project's type as recorded by the date */
  byProjectType: ProjectTypeCountsV1;
  /** 项目类别为“社会投资房建类”的施工许可证 */
  socialInvestment: number;
}

/** 预售许可: Y (issued through the API) and Z (backfilled, submitted) presale permits. */
export interface PresaleFiguresV1 {
  y: number;
  z: number;
  /** 预售面积 m² */
  presaleArea: number;
  /** 套数 */
  units: number;
  /** projects typed PRESALE that have no presale permit */
  presaleProjectsWithoutPresalePermit: number;
}

/** 项目资本保证金, per presale permit with a submitted escrow record. */
export interface CapitalGuaranteeFiguresV1 {
  withAmount: number;
  amountFen: number;
  withCommitmentLetter: number;
  withNeither: number;
}

/** 预售资金监管, per presale permit. */
export interface EscrowFiguresV1 {
  supervised: number;
  notSupervised: number;
  /** Z permits with no submitted escrow record yet */
  noRecord: number;
  /** latest submitted balance of the supervised accounts, fen */
  balanceFen: number;
}

/** 网签合同备案 in force (not cancelled) at the date, and the cancellations by then. */
export interface FilingFiguresV1 {
  count: number;
  floorArea: number;
  amountFen: number;
  byPaymentMethod: PaymentMethodCountsV1;
  cancelled: number;
}

/** Open alerts (OPEN or FOLLOWING) as recorded at the end of the date. */
export interface AlertFiguresV1 {
  overdueAcceptanceIncrement: number;
  overdueAcceptanceStock: number;
  presaleWithoutPermit: number;
  openDifferences: number;
}

export interface StatisticsFiguresV1 {
  permits: PermitFiguresV1;
  presale: PresaleFiguresV1;
  capitalGuarantee: CapitalGuaranteeFiguresV1;
  escrow: EscrowFiguresV1;
  filings: FilingFiguresV1;
  alerts: AlertFiguresV1;
}

export interface RegionFiguresV1 extends StatisticsFiguresV1 {
  regionCode: string;
  regionName: string;
  /** OWN: records carrying the city's own code (市本级) */
  level: StatisticsLevelV1;
}

export interface StatisticsSummaryV1 extends RegionFiguresV1 {
  asOf: string;
  /** each numeric field of the region is the sum over these */
  children: RegionFiguresV1[];
}

/** Flows of one month, by the records' own dates (issue, filing, cancellation), as recorded now. */
export interface MonthlyFiguresV1 {
  month: string;
  permits: PermitFiguresV1;
  presale: Omit<PresaleFiguresV1, 'presaleProjectsWithoutPresalePermit'>;
  filings: {
    /** filed in the month (whether cancelled later or not) */
    filed: number;
    floorArea: number;
    amountFen: number;
    byPaymentMethod: PaymentMethodCountsV1;
    /** cancellations dated in the month */
    cancelled: number;
  };
}

export interface StatisticsMonthlyV1 {
  regionCode: string;
  regionName: string;
  from: string;
  to: string;
  months: MonthlyFiguresV1[];
}

export type StatisticsRecordKindV1 = 'CONSTRUCTION_PERMIT' | 'PRESALE_PERMIT' | 'PROJECT' | 'CONTRACT_FILING' | 'ALERT';

/** One record behind a figure. */
export interface StatisticsRecordV1 {
  kind: StatisticsRecordKindV1;
  /** permit / presale / contract number, project code, alert id */
  key: string;
  /** a related number: the alert's subject, the filing's presale permit, … */
  reference: string | null;
  /** the region code on the record */
  regionCode: string;
  /** the code in force it counts under (a retired code's successor) */
  countedUnder: string;
  regionName: string;
  projectCode: string | null;
  projectName: string;
  /** issue / filing / cancellation / raise date */
  date: string | null;
  /** the area the figure sums, m² */
  area: number | null;
  /** the amount the figure sums (contract amount, capital guarantee, balance), fen */
  amountFen: number | null;
  units: number | null;
}

export interface StatisticsRecordPageV1 {
  regionCode: string;
  figure: string;
  asOf: string;
  items: StatisticsRecordV1[];
  page: number;
  pageSize: number;
  total: number;
}

export interface StatisticsSummaryRequestV1 {
  regionCode: string;
  asOf?: string;
}

export interface StatisticsMonthlyRequestV1 {
  regionCode: string;
  from: string;
  to: string;
}

export interface StatisticsRecordsRequestV1 {
  regionCode: string;
  figure: string;
  asOf?: string;
  page: number;
  pageSize: number;
}

/** Every figure a drill-down can name: the path of the field in the summary. */
export const STATISTICS_FIGURES = [
  'permits.count',
  'permits.floorArea',
  'permits.byProjectType.PRESALE',
  'permits.byProjectType.CURRENT_SALE',
  'permits.byProjectType.OTHER',
  'permits.byProjectType.UNMARKED',
  'permits.socialInvestment',
  'presale.y',
  'presale.z',
  'presale.presaleArea',
  'presale.units',
  'presale.presaleProjectsWithoutPresalePermit',
  'capitalGuarantee.withAmount',
  'capitalGuarantee.amountFen',
  'capitalGuarantee.withCommitmentLetter',
  'capitalGuarantee.withNeither',
  'escrow.supervised',
  'escrow.notSupervised',
  'escrow.noRecord',
  'escrow.balanceFen',
  'filings.count',
  'filings.floorArea',
  'filings.amountFen',
  'filings.byPaymentMethod.FULL',
  'filings.byPaymentMethod.COMMERCIAL_LOAN',
  'filings.byPaymentMethod.PROVIDENT_FUND_LOAN',
  'filings.byPaymentMethod.COMBINED',
  'filings.cancelled',
  'alerts.overdueAcceptanceIncrement',
  'alerts.overdueAcceptanceStock',
  'alerts.presaleWithoutPermit',
  'alerts.openDifferences',
] as const;

export type StatisticsFigureV1 = (typeof STATISTICS_FIGURES)[number];

/** 项目类别 counted as 社会投资房建类 (the permit's category, as the marking list reads it). */
export const SOCIAL_INVESTMENT_CATEGORY = '社会投资房建类';

/** Earliest date and month the statistics answer for. */
export const STATISTICS_EARLIEST_DATE = '2015-01-01';
/** Longest month range of the monthly figures. */
export const STATISTICS_MAX_MONTHS = 60;

/** Request/reply subjects (the alerts service answers them). Never renamed. */
export const StatisticsRpc = {
  summary: 'rpc.alerts.statistics.summary.v1',
  monthly: 'rpc.alerts.statistics.monthly.v1',
  records: 'rpc.alerts.statistics.records.v1',
} as const;

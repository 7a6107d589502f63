/**
 * 统计日报 (issue 13 item 5, 推送省市县主管部门阅): one digest per region (province, city, county) and China
 * date: the summary's figures as of the date with the change since the region's previous digest, and the
 * alerts raised and cleared during the date. Published as hn.statistics.digest.published.v1.
 */

export interface DigestFigureV1 {
  /** the path of the field in the summary (a StatisticsFigureV1), e.g. permits.count */
  figure: string;
  /** the value in the previous digest; null when the region had none */
  previous: number | null;
  now: number;
  /** now − previous; null when there is no previous digest */
  delta: number | null;
}

export interface DigestAlertCountV1 {
  /** an AlertTypeV1 */
  type: string;
  count: number;
}

/** One rule's deduction in the digest compared with the previous digest's (考核得分变化). */
export interface DigestRuleChangeV1 {
  ruleId: string;
  /** the rule's description (Chinese) */
  description: string;
  /** the points in the previous digest; null when it has no assessment (a rule it did not hold counts 0) */
  pointsBefore: number | null;
  pointsAfter: number;
  /** pointsAfter − pointsBefore; null without a previous assessment */
  pointsDelta: number | null;
  countBefore: number | null;
  countAfter: number;
}

/**
 * The region assessment (营商环境考核) as of the digest date against the previous digest's: the score
 * (null for the province, which is not scored) and each rule's points and count.
 */
export interface DigestAssessmentV1 {
  rulesVersion: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  /** scoreAfter − scoreBefore; null when either is null */
  scoreDelta: number | null;
  rules: DigestRuleChangeV1[];
}

export interface StatisticsDigestV1 {
  id: string;
  regionCode: string;
  regionName: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY';
  /** the China date the digest is for (figures as of its end) */
  date: string;
  /** the date of the region's previous digest the deltas compare with; null for the first */
  previousDate: string | null;
  figures: DigestFigureV1[];
  alertsRaised: DigestAlertCountV1[];
  alertsCleared: DigestAlertCountV1[];
  generatedAt: string;
  /** 考核得分变化; null in digests written before the assessment was part of them */
  assessment: DigestAssessmentV1 | null;
}

export interface StatisticsDigestPageV1 {
  regionCode: string;
  items: StatisticsDigestV1[];
  total: number;
  page: number;
  pageSize: number;
}

export interface StatisticsDigestListRequestV1 {
  regionCode: string;
  from?: string;
  to?: string;
  page: number;
}

export interface StatisticsDigestGenerateRequestV1 {
  date: string;
}

export interface StatisticsDigestGenerateResultV1 {
  date: string;
  /** digests written now (0 when every region already had its digest for the date) */
  created: number;
  /** digests of the date in all (one per region) */
  total: number;
}

export const DigestRpc = {
  list: 'rpc.alerts.statistics.digest.list.v1',
  generate: 'rpc.alerts.statistics.digest.generate.v1',
} as const;

/** Events (stream HN_STATISTICS), through the alerts service's outbox. Never renamed. */
export const StatisticsEvents = {
  stream: 'HN_STATISTICS',
  streamSubjects: ['hn.statistics.>'],
  /** data StatisticsDigestV1 */
  digestPublished: 'hn.statistics.digest.published.v1',
} as const;

export const DIGEST_PAGE_SIZE = 20;

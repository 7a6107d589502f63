import type { ScanContentTypeV1, ScanRefV1 } from './scans';

/**
 * 营商环境考核 (issue 13 item 4): deductions of a region, from the records the platform holds, by the
 * versioned rules of the alerts service (apps/alerts/src/statistics/assessment/rules). A county starts at
 * 100 and loses the points of each rule (points per item, capped per rule), never below 0.
 */

/** What a deducted item is (each names the record it comes from). */
export type AssessmentItemKindV1 =
  'CONSTRUCTION_PERMIT' | 'PROJECT' | 'PRESALE_PERMIT' | 'ALERT' | 'ACCEPTANCE_BACKFILL';

export interface AssessmentItemV1 {
  kind: AssessmentItemKindV1;
  /** the record's id or number (permit / presale number, project code, alert or backfill id) */
  id: string;
  /** a related number: the permit of an acceptance backfill, the subject of an alert */
  number: string | null;
  projectCode: string | null;
  projectName: string;
  /** the region code on the record */
  regionCode: string;
  /** the date that made it count (issue, raise, decision date) */
  date: string | null;
  /** the record's API route (GET) */
  link: string;
}

export interface AssessmentDeductionV1 {
  ruleId: string;
  description: string;
  pointsPerItem: number;
  /** the most the rule deducts from one county */
  cap: number;
  /** points deducted (after the cap; a city: the sum over its counties and 市本级) */
  points: number;
  count: number;
  items: AssessmentItemV1[];
}

export type AssessmentLevelV1 = 'CITY' | 'COUNTY';

export interface AssessmentRegionV1 {
  regionCode: string;
  regionName: string;
  level: AssessmentLevelV1;
  /** county: 100 − deductions (floor 0); city: mean of its counties' scores − 市本级 deductions (floor 0) */
  score: number;
  /** points deducted (a city: its 市本级 records only — the counties' are in their scores) */
  deductionPoints: number;
  /** a city: its counties' deductions and its own added up per rule */
  deductions: AssessmentDeductionV1[];
  /**
   * false when the deductions' `items` are left out to keep the reply small (each region of the province; each
   * county of a city with more than ASSESSMENT_ITEMS_PER_REPLY items): `count` and `points` stay, the items are at
   * `itemsLink` (the assessment of that region)
   */
  itemsIncluded: boolean;
  /** GET route of this region's own assessment, with its items (null when they are included here) */
  itemsLink: string | null;
}

/** A city's assessment lists its counties' items up to this many in all (≈ 270 bytes each); beyond, per county totals. */
export const ASSESSMENT_ITEMS_PER_REPLY = 2_000;

export interface StatisticsAssessmentV1 {
  rulesVersion: string;
  asOf: string;
  regionCode: string;
  regionName: string;
  regions: AssessmentRegionV1[];
}

export interface StatisticsAssessmentRequestV1 {
  regionCode: string;
  asOf?: string;
}

export type AssessmentAppealStateV1 = 'PENDING' | 'UPHELD' | 'REJECTED';

/** A scanned document kept with an appeal (证明材料扫描件): its digest and where to download it. */
export interface AppealEvidenceScanV1 {
  /** 1, 2, … in the order submitted */
  position: number;
  sha256: string;
  contentType: ScanContentTypeV1;
  size: number;
  fileName: string;
  uploadedAt: string;
  /** GET route of the bytes */
  link: string;
}

/** 申诉: a region contests one deducted item; the province decides. */
export interface AssessmentAppealV1 {
  id: string;
  regionCode: string;
  regionName: string;
  ruleId: string;
  itemId: string;
  reason: string;
  evidence: string | null;
  /** the evidence scans submitted with the appeal (none for a text-only appeal) */
  evidenceScans: AppealEvidenceScanV1[];
  state: AssessmentAppealStateV1;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  opinion: string | null;
}

export interface AssessmentAppealSubmitRequestV1 {
  regionCode: string;
  ruleId: string;
  itemId: string;
  reason: string;
  evidence?: string;
  /** staged evidence scans (the gateway stages the upload's `scan` part); at most APPEAL_SCANS_MAX */
  scans?: ScanRefV1[];
}

/** Body of rpc.alerts.statistics.assessment.appeal.scan.v1: one evidence scan of an appeal. */
export interface AssessmentAppealScanRequestV1 {
  appealId: string;
  position: number;
}

export const APPEAL_SCANS_MAX = 5;

export interface AssessmentAppealListRequestV1 {
  regionCode: string;
  state?: AssessmentAppealStateV1;
  page: number;
  pageSize: number;
}

export interface AssessmentAppealPageV1 {
  items: AssessmentAppealV1[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AssessmentAppealDecisionRequestV1 {
  appealId: string;
  decision: 'UPHELD' | 'REJECTED';
  opinion: string;
}

/** Request/reply subjects (the alerts service answers them). Never renamed. */
export const AssessmentRpc = {
  assessment: 'rpc.alerts.statistics.assessment.v1',
  appealSubmit: 'rpc.alerts.statistics.assessment.appeal.submit.v1',
  appealList: 'rpc.alerts.statistics.assessment.appeal.list.v1',
  appealDecide: 'rpc.alerts.statistics.assessment.appeal.decide.v1',
  /** answers the scan staged again (ScanRefV1): scans may be 20 MB, NATS messages 1 MB */
  appealScan: 'rpc.alerts.statistics.assessment.appeal.scan.v1',
} as const;

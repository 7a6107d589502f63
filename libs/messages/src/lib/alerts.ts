/** 预警 (alerts service): supervision after issuance, read models built from the other services' events. */
import type { ScanRefV1, StoredScanV1 } from './scans';

/** The kinds of alert, each one small rule of the alerts service. */
export type AlertTypeV1 =
  /** 逾期验收: PRESALE project, planned completion passed, neither five-party acceptance nor completion filing */
  | 'OVERDUE_ACCEPTANCE'
  /** 已办预售未办施工许可 (纳入违建项目管理) */
  | 'PRESALE_WITHOUT_PERMIT'
  /** 网签数据比对差异, for the county's and city's 复核 */
  | 'RECONCILIATION_DIFFERENCE'
  /** 补录预售许可未实行资金监管 (fundSupervision false, or no submitted record in time) */
  | 'ESCROW_NOT_SUPERVISED';
export const ALERT_TYPES: readonly AlertTypeV1[] = [
  'OVERDUE_ACCEPTANCE',
  'PRESALE_WITHOUT_PERMIT',
  'RECONCILIATION_DIFFERENCE',
  'ESCROW_NOT_SUPERVISED',
];

/** OPEN → FOLLOWING (first follow-up) → CLEARED (the clearing fact arrived) | DISMISSED (approved false positive). */
export type AlertStateV1 = 'OPEN' | 'FOLLOWING' | 'CLEARED' | 'DISMISSED';
export const ALERT_STATES: readonly AlertStateV1[] = ['OPEN', 'FOLLOWING', 'CLEARED', 'DISMISSED'];

/** 增量 (typed at registration / Y numbers) or 存量 (marked stock project / Z numbers). */
export type AlertScopeV1 = 'INCREMENT' | 'STOCK';
export const ALERT_SCOPES: readonly AlertScopeV1[] = ['INCREMENT', 'STOCK'];

/** 跟踪记录 (task 4(3)): why it is late and what is done about it. */
export interface AlertFollowUpInputV1 {
  /** 逾期原因, 1–1000 characters */
  reason: string;
  /** 采取的措施, 1–1000 characters */
  measures: string;
  /** 责任人 */
  responsiblePerson: string;
  /** 联系电话 */
  phone: string;
  /** 计划完成日期 YYYY-MM-DD */
  plannedDate: string;
}

export interface AlertFollowUpV1 extends AlertFollowUpInputV1 {
  id: string;
  recordedBy: string;
  /** RFC 3339 UTC */
  recordedAt: string;
}

export type AlertDismissalStateV1 = 'PENDING' | 'APPROVED' | 'REJECTED';

/** 误报核销: requested by the region's staff with evidence, decided by staff one level up. */
export interface AlertDismissalV1 {
  id: string;
  state: AlertDismissalStateV1;
  reason: string;
  evidence: StoredScanV1;
  requestedBy: string;
  requestedRegion: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface AlertV1 {
  id: string;
  type: AlertTypeV1;
  state: AlertStateV1;
  /** OVERDUE_ACCEPTANCE and ESCROW_NOT_SUPERVISED; null for the others */
  scope: AlertScopeV1 | null;
  regionCode: string;
  projectCode: string | null;
  projectName: string;
  permitNumber: string | null;
  presaleNumber: string | null;
  /** RFC 3339 UTC */
  raisedAt: string;
  /** OVERDUE_ACCEPTANCE: China days past the planned completion date, as of the list's date; else null */
  daysOverdue: number | null;
  clearedAt: string | null;
  /** what the rule saw, e.g. { plannedCompletionDate } or { differenceId, countDelta } */
  facts: Record<string, unknown>;
  followUps: AlertFollowUpV1[];
  /** the latest dismissal request, if any */
  dismissal: AlertDismissalV1 | null;
}

/** Why a state changed: the event that carried the fact, a staff record, or the rule itself (a date passed). */
export interface AlertCauseV1 {
  kind: 'EVENT' | 'FOLLOW_UP' | 'DISMISSAL' | 'PERMIT_LINK' | 'RULE';
  eventId?: string;
  eventType?: string;
  recordId?: string;
  note?: string;
}

export interface AlertHistoryEntryV1 {
  at: string;
  fromState: AlertStateV1 | null;
  toState: AlertStateV1;
  actor: string;
  cause: AlertCauseV1;
}

export interface AlertDetailV1 extends AlertV1 {
  history: AlertHistoryEntryV1[];
}

/** Request of rpc.alerts.alert.list.v1 (GET /api/v1/supervision/alerts). */
export interface AlertListRequestV1 {
  type?: AlertTypeV1;
  state?: AlertStateV1;
  scope?: AlertScopeV1;
  regionCode?: string;
  /** YYYY-MM-DD: the list as it stood at the end of that China day */
  asOf?: string;
  keyword?: string;
  page: number;
  pageSize: number;
}

export interface AlertPageV1 {
  items: AlertV1[];
  page: number;
  pageSize: number;
  total: number;
}

export interface AlertIdBody {
  alertId: string;
}

export interface AlertFollowUpRequestV1 {
  alertId: string;
  followUp: AlertFollowUpInputV1;
}

export interface AlertDismissalRequestV1 {
  alertId: string;
  /** 1–1000 characters */
  reason: string;
  scan: ScanRefV1;
}

export interface AlertDismissalDecisionV1 {
  alertId: string;
  decision: 'APPROVE' | 'REJECT';
  /** optional for an approval, required (1–1000) for a rejection */
  note?: string;
}

/** PRESALE_WITHOUT_PERMIT is cleared when staff link the project to a construction permit on record. */
export interface AlertPermitLinkRequestV1 {
  alertId: string;
  permitNumber: string;
}

export type AcceptanceKindV1 = 'FIVE_PARTY' | 'COMPLETION_FILING';
export const ACCEPTANCE_KINDS: readonly AcceptanceKindV1[] = ['FIVE_PARTY', 'COMPLETION_FILING'];

/** 数据治理补录验收日期 (task 4(2)): for a project that skipped online acceptance. */
export interface AcceptanceBackfillInputV1 {
  permitNumber: string;
  kind: AcceptanceKindV1;
  /** YYYY-MM-DD, not in the future */
  date: string;
  /** 说明, optional, ≤ 1000 characters */
  note?: string;
}

export type AcceptanceBackfillStateV1 = 'PENDING' | 'APPROVED' | 'RETURNED';

export interface AcceptanceBackfillV1 extends AcceptanceBackfillInputV1 {
  id: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  state: AcceptanceBackfillStateV1;
  scan: StoredScanV1;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface AcceptanceBackfillSubmitRequestV1 {
  submission: AcceptanceBackfillInputV1;
  scan: ScanRefV1;
}

export interface AcceptanceBackfillListRequestV1 {
  state?: AcceptanceBackfillStateV1;
  regionCode?: string;
  page: number;
  pageSize: number;
}

export interface AcceptanceBackfillPageV1 {
  items: AcceptanceBackfillV1[];
  page: number;
  pageSize: number;
  total: number;
}

export interface AcceptanceBackfillDecisionV1 {
  backfillId: string;
  decision: 'APPROVE' | 'RETURN';
  /** required (1–1000) when returning */
  note?: string;
}

export const AlertsRpc = {
  list: 'rpc.alerts.alert.list.v1',
  get: 'rpc.alerts.alert.get.v1',
  followUp: 'rpc.alerts.alert.follow-up.v1',
  requestDismissal: 'rpc.alerts.alert.dismissal.request.v1',
  decideDismissal: 'rpc.alerts.alert.dismissal.decide.v1',
  linkPermit: 'rpc.alerts.alert.link-permit.v1',
  backfillSubmit: 'rpc.alerts.acceptance-backfill.submit.v1',
  backfillList: 'rpc.alerts.acceptance-backfill.list.v1',
  backfillDecide: 'rpc.alerts.acceptance-backfill.decide.v1',
  health: 'rpc.alerts.health.v1',
} as const;

/** Events (stream HN_ALERTS), through the alerts service's outbox. Never renamed. */
export const AlertsEvents = {
  stream: 'HN_ALERTS',
  streamSubjects: ['hn.alerts.>'],
  /** data AlertEventV1 */
  alertRaised: 'hn.alerts.alert.raised.v1',
  alertCleared: 'hn.alerts.alert.cleared.v1',
  alertDismissed: 'hn.alerts.alert.dismissed.v1',
  /** data AcceptanceBackfillApprovedV1: the permits service records the date (source GOVERNANCE) */
  acceptanceBackfillApproved: 'hn.alerts.acceptance-backfill.approved.v1',
} as const;

export interface AlertEventV1 {
  alert: AlertV1;
  cause: AlertCauseV1;
}

export interface AcceptanceBackfillApprovedV1 {
  backfill: AcceptanceBackfillV1;
}

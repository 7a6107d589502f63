/**
 * 预警 (alerts service): supervision after issuance, read models built from the other services' events.
 * The replies are classes: the alerts service returns them and the gateway's OpenAPI document is
 * generated from their decorators.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ScanRefV1, StoredScanV1 } from './scans';

/** The kinds of alert, each one small rule of the alerts service. */
export type AlertTypeV1 =
  /** 逾期验收: PRESALE project, planned completion passed, neither five-party acceptance nor completion filing */
  | 'OVERDUE_ACCEPTANCE'
  /** 已办预售未办施工许可 (纳入违建项目管理) */
  | 'PRESALE_WITHOUT_PERMIT'
  /** 网签数据比对差异, for the county's and city's 复核 */
  | 'RECONCILIATION_DIFFERENCE'
  /** 补录预售许可未实行资金监管 (fundSupervision false, or no submitted record in time) */
  | 'ESCROW_NOT_SUPERVISED'
  /** 施工许可审批超时: an approval stage past its committed limit (red), until the case leaves the stage */
  | 'APPROVAL_OVERDUE';
export const ALERT_TYPES: readonly AlertTypeV1[] = [
  'OVERDUE_ACCEPTANCE',
  'PRESALE_WITHOUT_PERMIT',
  'RECONCILIATION_DIFFERENCE',
  'ESCROW_NOT_SUPERVISED',
  'APPROVAL_OVERDUE',
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

/** A recorded follow-up: the input with who recorded it and when. */
export class AlertFollowUpV1 implements AlertFollowUpInputV1 {
  @ApiProperty({ format: 'uuid', example: '5b0c2f4e-8a1d-4c3b-9e7f-2d6a1b3c4d5e' }) id!: string;
  @ApiProperty({ example: '主体结构完工后因资金紧张停工三个月', description: '逾期原因' }) reason!: string;
  @ApiProperty({ example: '约谈开发企业，督促复工', description: '采取的措施' }) measures!: string;
  @ApiProperty({ example: '张伟', description: '责任人' }) responsiblePerson!: string;
  @ApiProperty({ example: '13807330001', description: '联系电话' }) phone!: string;
  @ApiProperty({ example: '2027-03-31', description: '计划完成日期' }) plannedDate!: string;
  @ApiProperty({ example: 'youxian-clerk' }) recordedBy!: string;
  /** RFC 3339 UTC */
  @ApiProperty({ example: '2026-12-03T02:00:00.000Z' }) recordedAt!: string;
}

export type AlertDismissalStateV1 = 'PENDING' | 'APPROVED' | 'REJECTED';
export const ALERT_DISMISSAL_STATES: readonly AlertDismissalStateV1[] = ['PENDING', 'APPROVED', 'REJECTED'];

/** 误报核销: requested by the region's staff with evidence, decided by staff one level up. */
export class AlertDismissalV1 {
  @ApiProperty({ format: 'uuid', example: '0d4c6b2a-1e3f-4a5b-8c7d-9e0f1a2b3c4d' }) id!: string;
  @ApiProperty({ example: 'PENDING', enum: ALERT_DISMISSAL_STATES }) state!: AlertDismissalStateV1;
  @ApiProperty({ example: '已线下完成竣工验收备案，附备案表' }) reason!: string;
  @ApiProperty({ type: () => StoredScanV1 }) evidence!: StoredScanV1;
  @ApiProperty({ example: 'youxian-clerk' }) requestedBy!: string;
  @ApiProperty({ example: '430223' }) requestedRegion!: string;
  @ApiProperty({ example: '2026-12-03T02:00:00.000Z' }) requestedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) decisionNote!: string | null;
}

export class AlertV1 {
  @ApiProperty({ format: 'uuid', example: '9c1e7a52-3b4d-4f6a-8e2c-1d0b9a8f7e6d' }) id!: string;
  @ApiProperty({ example: 'OVERDUE_ACCEPTANCE', enum: ALERT_TYPES }) type!: AlertTypeV1;
  @ApiProperty({ example: 'OPEN', enum: ALERT_STATES }) state!: AlertStateV1;
  /** OVERDUE_ACCEPTANCE and ESCROW_NOT_SUPERVISED; null for the others */
  @ApiProperty({ example: 'STOCK', enum: ALERT_SCOPES, nullable: true }) scope!: AlertScopeV1 | null;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ nullable: true, type: String, example: '2019-430223-70-03-000001' }) projectCode!: string | null;
  @ApiProperty({ example: '锦绣星城' }) projectName!: string;
  @ApiProperty({ nullable: true, type: String, example: '430223201906200101' }) permitNumber!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) presaleNumber!: string | null;
  /** RFC 3339 UTC */
  @ApiProperty({ example: '2026-11-30T16:00:00.000Z' }) raisedAt!: string;
  /** OVERDUE_ACCEPTANCE: China days past the planned completion date, as of the list's date; else null */
  @ApiProperty({ nullable: true, type: Number, example: 3, description: '逾期天数（北京时间，按列表日期）' })
  daysOverdue!: number | null;
  @ApiProperty({ nullable: true, type: String, example: null }) clearedAt!: string | null;
  /** what the rule saw, e.g. { plannedCompletionDate } or { differenceId, countDelta } */
  @ApiProperty({ example: { plannedCompletionDate: '2026-11-30' }, description: '规则所见事实' })
  facts!: Record<string, unknown>;
  @ApiProperty({ type: () => [AlertFollowUpV1] }) followUps!: AlertFollowUpV1[];
  /** the latest dismissal request, if any */
  @ApiProperty({ type: () => AlertDismissalV1, nullable: true }) dismissal!: AlertDismissalV1 | null;
}

/** Why a state changed: the event that carried the fact, a staff record, or the rule itself (a date passed). */
export interface AlertCauseV1 {
  kind: 'EVENT' | 'FOLLOW_UP' | 'DISMISSAL' | 'PERMIT_LINK' | 'RULE';
  eventId?: string;
  eventType?: string;
  recordId?: string;
  note?: string;
}

export class AlertHistoryEntryV1 {
  @ApiProperty({ example: '2026-12-03T02:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'OPEN', enum: ALERT_STATES, nullable: true }) fromState!: AlertStateV1 | null;
  @ApiProperty({ example: 'FOLLOWING', enum: ALERT_STATES }) toState!: AlertStateV1;
  @ApiProperty({ example: 'system' }) actor!: string;
  @ApiProperty({
    example: { kind: 'EVENT', eventId: '0b7c…', eventType: 'hn.permits.acceptance.recorded.v1' },
    description: '原因：EVENT 事件 / FOLLOW_UP 跟踪 / DISMISSAL 核销 / PERMIT_LINK 关联施工许可 / RULE 日期检查',
  })
  cause!: AlertCauseV1;
}

/** Answer of rpc.alerts.alert.get.v1 and of every alert action: the alert with its history. */
export class AlertDetailV1 extends AlertV1 {
  @ApiProperty({ type: () => [AlertHistoryEntryV1] }) history!: AlertHistoryEntryV1[];
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
  /** one of ALERT_SORT's values; absent: raised descending */
  sort?: string;
}

export class AlertPageV1 {
  @ApiProperty({ type: () => [AlertV1] }) items!: AlertV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
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

/** A submitted acceptance-date backfill: the input with the project, the scan and the decision. */
export class AcceptanceBackfillV1 implements AcceptanceBackfillInputV1 {
  @ApiProperty({ format: 'uuid', example: '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b' }) id!: string;
  @ApiProperty({ example: '430223201906200101' }) permitNumber!: string;
  @ApiProperty({ example: 'FIVE_PARTY', enum: ACCEPTANCE_KINDS }) kind!: AcceptanceKindV1;
  @ApiProperty({ example: '2024-05-10' }) date!: string;
  @ApiPropertyOptional({ example: '线下组织五方验收，未在工改系统上传' }) note?: string;
  @ApiProperty({ example: '2019-430223-70-03-000001' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: 'PENDING', enum: ['PENDING', 'APPROVED', 'RETURNED'] }) state!: AcceptanceBackfillStateV1;
  @ApiProperty({ type: () => StoredScanV1 }) scan!: StoredScanV1;
  @ApiProperty({ example: 'youxian-clerk' }) submittedBy!: string;
  @ApiProperty({ example: '2026-12-03T02:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) decisionNote!: string | null;
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
  /** one of ACCEPTANCE_BACKFILL_SORT's values; absent: submitted descending */
  sort?: string;
}

export class AcceptanceBackfillPageV1 {
  @ApiProperty({ type: () => [AcceptanceBackfillV1] }) items!: AcceptanceBackfillV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
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

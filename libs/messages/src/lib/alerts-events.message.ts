import {
  ACCEPTANCE_KINDS,
  AcceptanceBackfillApprovedV1,
  AcceptanceBackfillStateV1,
  AcceptanceBackfillV1,
  AcceptanceKindV1,
  ALERT_SCOPES,
  ALERT_STATES,
  ALERT_TYPES,
  AlertCauseV1,
  AlertDismissalStateV1,
  AlertDismissalV1,
  AlertEventV1,
  AlertFollowUpV1,
  AlertScopeV1,
  AlertStateV1,
  AlertTypeV1,
  AlertV1,
} from './alerts';
import { EventStoredScan } from './event-parts.message';
import {
  EventInteger,
  EventIsoDate,
  EventJsonObject,
  EventNested,
  EventNestedList,
  EventOneOf,
  EventPermitNumber,
  EventPresaleNumber,
  EventRegionCode,
  EventText,
  EventTimestamp,
} from './validation/event-constraints';

/**
 * The alerts service's event payloads (hn.alerts.*) as message classes: the wire format is the V1
 * interfaces, unchanged. The permits service validates hn.alerts.acceptance-backfill.approved.v1
 * with AcceptanceBackfillApprovedEvent (validateEvent) and skips an invalid one whole; the alert
 * lifecycle events have no consumer yet, and their class is the contract one will validate with.
 * Structure only (see event-constraints.ts); unknown fields are refused.
 */

export class AlertEventFollowUp implements AlertFollowUpV1 {
  @EventText({ nonEmpty: true })
  id!: string;

  @EventText({ example: '主体结构完工后因资金紧张停工三个月' })
  reason!: string;

  @EventText({ example: '约谈开发企业，督促复工' })
  measures!: string;

  @EventText({ example: '张伟' })
  responsiblePerson!: string;

  @EventText({ example: '0731-22334455' })
  phone!: string;

  @EventIsoDate({ example: '2027-03-31' })
  plannedDate!: string;

  @EventText({ example: 'youxian.a', nonEmpty: true })
  recordedBy!: string;

  @EventTimestamp()
  recordedAt!: string;
}

export class AlertEventDismissal implements AlertDismissalV1 {
  @EventText({ nonEmpty: true })
  id!: string;

  @EventOneOf(['PENDING', 'APPROVED', 'REJECTED'], { example: 'PENDING' })
  state!: AlertDismissalStateV1;

  @EventText({ example: '项目已于 2026 年 10 月竣工验收，系统数据未同步' })
  reason!: string;

  @EventNested(() => EventStoredScan)
  evidence!: EventStoredScan;

  @EventText({ example: 'youxian.a', nonEmpty: true })
  requestedBy!: string;

  @EventRegionCode()
  requestedRegion!: string;

  @EventTimestamp()
  requestedAt!: string;

  @EventText({ nullable: true })
  decidedBy!: string | null;

  @EventTimestamp({ nullable: true })
  decidedAt!: string | null;

  @EventText({ nullable: true })
  decisionNote!: string | null;
}

/** An alert as it stands after the change (AlertV1). */
export class AlertEventAlert implements AlertV1 {
  @EventText({ nonEmpty: true })
  id!: string;

  @EventOneOf(ALERT_TYPES, { example: 'OVERDUE_ACCEPTANCE' })
  type!: AlertTypeV1;

  @EventOneOf(ALERT_STATES, { example: 'OPEN' })
  state!: AlertStateV1;

  @EventOneOf(ALERT_SCOPES, { example: 'INCREMENT', nullable: true })
  scope!: AlertScopeV1 | null;

  @EventRegionCode()
  regionCode!: string;

  @EventText({ example: '2024-430223-70-03-012345', nullable: true })
  projectCode!: string | null;

  @EventText({ example: '锦绣星城三期' })
  projectName!: string;

  @EventPermitNumber({ nullable: true })
  permitNumber!: string | null;

  @EventPresaleNumber({ nullable: true })
  presaleNumber!: string | null;

  @EventTimestamp()
  raisedAt!: string;

  @EventInteger({ example: 3, minimum: 0, nullable: true })
  daysOverdue!: number | null;

  @EventTimestamp({ nullable: true })
  clearedAt!: string | null;

  @EventJsonObject({ example: { plannedCompletionDate: '2026-06-30' } })
  facts!: Record<string, unknown>;

  @EventNestedList(() => AlertEventFollowUp)
  followUps!: AlertEventFollowUp[];

  @EventNested(() => AlertEventDismissal, { nullable: true })
  dismissal!: AlertEventDismissal | null;
}

export class AlertEventCause implements AlertCauseV1 {
  @EventOneOf(['EVENT', 'FOLLOW_UP', 'DISMISSAL', 'PERMIT_LINK', 'RULE'], { example: 'EVENT' })
  kind!: AlertCauseV1['kind'];

  @EventText({ optional: true, nonEmpty: true })
  eventId?: string;

  @EventText({ optional: true, nonEmpty: true, example: 'hn.permits.acceptance.recorded.v1' })
  eventType?: string;

  @EventText({ optional: true, nonEmpty: true })
  recordId?: string;

  @EventText({ optional: true, example: 'daily date check' })
  note?: string;
}

/** data of hn.alerts.alert.raised.v1 */
export class AlertRaisedEvent implements AlertEventV1 {
  @EventNested(() => AlertEventAlert)
  alert!: AlertEventAlert;

  @EventNested(() => AlertEventCause)
  cause!: AlertEventCause;
}

/** The same payload under hn.alerts.alert.cleared.v1. */
export class AlertClearedEvent extends AlertRaisedEvent {}

/** The same payload under hn.alerts.alert.dismissed.v1. */
export class AlertDismissedEvent extends AlertRaisedEvent {}

/** An acceptance-date backfill (数据治理补录) as the alerts service answers it. */
export class AlertEventAcceptanceBackfill implements AcceptanceBackfillV1 {
  @EventText({ nonEmpty: true })
  id!: string;

  @EventPermitNumber()
  permitNumber!: string;

  @EventOneOf(ACCEPTANCE_KINDS, { example: 'FIVE_PARTY' })
  kind!: AcceptanceKindV1;

  @EventIsoDate({ example: '2026-10-28' })
  date!: string;

  @EventText({ optional: true })
  note?: string;

  @EventText({ example: '2024-430223-70-03-012345', nonEmpty: true })
  projectCode!: string;

  @EventText({ example: '锦绣星城三期' })
  projectName!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventOneOf(['PENDING', 'APPROVED', 'RETURNED'], { example: 'APPROVED' })
  state!: AcceptanceBackfillStateV1;

  @EventNested(() => EventStoredScan)
  scan!: EventStoredScan;

  @EventText({ example: 'youxian.a', nonEmpty: true })
  submittedBy!: string;

  @EventTimestamp()
  submittedAt!: string;

  @EventText({ example: 'province.e', nullable: true })
  decidedBy!: string | null;

  @EventTimestamp({ nullable: true })
  decidedAt!: string | null;

  @EventText({ nullable: true })
  decisionNote!: string | null;
}

/** data of hn.alerts.acceptance-backfill.approved.v1 (the permits service records the date) */
export class AcceptanceBackfillApprovedEvent implements AcceptanceBackfillApprovedV1 {
  @EventNested(() => AlertEventAcceptanceBackfill)
  backfill!: AlertEventAcceptanceBackfill;
}

import {
  APPLICANT_ACTIONS,
  ApplicationOverdueEndedV1,
  ApplicationOverdueV1,
  APPROVAL_STAGES,
  ApprovalAction,
  ApprovalStage,
  STAFF_ACTIONS,
} from './approval';
import { EventInteger, EventOneOf, EventRegionCode, EventText, EventTimestamp } from './validation/event-constraints';

/**
 * Payloads of the approval workflow's events as message classes: the alerts service validates
 * `event.data` with them before projecting (an invalid event is skipped whole); unknown fields are
 * refused, so permits sends exactly these fields.
 */

/** data of hn.permits.application.overdue.v1 */
export class ApplicationOverdueEvent implements ApplicationOverdueV1 {
  @EventText({ example: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b', nonEmpty: true })
  applicationId!: string;

  @EventText({ example: '2024-430223-70-03-012345', nonEmpty: true })
  projectCode!: string;

  @EventText({ example: '锦绣星城三期' })
  projectName!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventOneOf(APPROVAL_STAGES, { example: 'PRELIMINARY_REVIEW' })
  stage!: ApprovalStage;

  @EventInteger({ example: 2, minimum: 0 })
  committedDays!: number;

  @EventInteger({ example: 3, minimum: 0 })
  statutoryDays!: number;

  @EventInteger({ example: 2, minimum: 0 })
  elapsedDays!: number;

  @EventTimestamp({ example: '2024-09-06T00:00:00.000Z' })
  overdueAt!: string;
}

/** data of hn.permits.application.overdue-ended.v1 */
export class ApplicationOverdueEndedEvent implements ApplicationOverdueEndedV1 {
  @EventText({ example: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b', nonEmpty: true })
  applicationId!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventOneOf(APPROVAL_STAGES, { example: 'PRELIMINARY_REVIEW' })
  stage!: ApprovalStage;

  @EventOneOf([...STAFF_ACTIONS, ...APPLICANT_ACTIONS], { example: 'PASS' })
  action!: ApprovalAction;

  @EventTimestamp({ example: '2024-09-09T02:00:00.000Z' })
  endedAt!: string;
}

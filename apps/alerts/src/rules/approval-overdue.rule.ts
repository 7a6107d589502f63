import { APPROVAL_STAGE_NAMES } from '@hn/messages';
import { approvalSubjectKey, ApprovalStageFacts } from '../read-model/approval-stage.repository';
import { AlertCandidate } from './alert-candidate';

/**
 * 施工许可审批超时 (task 4(1), 电子监察 red): the permits service published the stage overdue and the
 * case has not left it. Raised at the time permits saw it red; cleared by the overdue-ended event.
 */
export function approvalOverdue(f: ApprovalStageFacts): AlertCandidate | null {
  if (!f.overdueAt || f.endedAt) return null;
  return {
    type: 'APPROVAL_OVERDUE',
    subjectKey: approvalSubjectKey(f.applicationId, f.stage),
    scope: null,
    regionCode: f.regionCode,
    projectCode: f.projectCode,
    projectName: f.projectName ?? '',
    permitNumber: null,
    presaleNumber: null,
    plannedCompletionDate: null,
    facts: {
      applicationId: f.applicationId,
      stage: f.stage,
      stageName: APPROVAL_STAGE_NAMES[f.stage],
      committedDays: f.committedDays,
      statutoryDays: f.statutoryDays,
      elapsedDays: f.elapsedDays,
    },
    raisedAt: f.overdueAt,
  };
}

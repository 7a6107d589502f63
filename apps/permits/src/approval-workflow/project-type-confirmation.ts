import type { ApprovalStage } from '@hn/messages';
import { ApprovalErrors } from './approval.exception';

/**
 * 受理时确认项目类型: a PASS at ACCEPTANCE carries the type the reviewer confirms; it must equal the
 * project's registered type (missing → 422 naming confirmedProjectType, different → 409
 * PROJECT_TYPE_MISMATCH: the case is to be returned for correction of the type). Elsewhere it is refused (422).
 */
export function confirmProjectType(
  app: { project_type: string | null },
  stage: ApprovalStage,
  confirmed: string | undefined,
): void {
  const given = confirmed !== undefined && confirmed !== null;
  if (stage !== 'ACCEPTANCE') {
    if (given) throw ApprovalErrors.confirmationMisplaced(stage);
    return;
  }
  if (!given) throw ApprovalErrors.confirmationMissing();
  if (confirmed !== app.project_type)
    throw ApprovalErrors.projectTypeMismatch(app.project_type ?? '未选择 none', confirmed);
}

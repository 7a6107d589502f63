import { ErrorCode, FieldError, InvalidPayloads } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of the alerts service (预警), each with its stable code. */
export const AlertErrors = {
  invalid(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
  invalidFilter(errors: FieldError[]): DomainException {
    return DomainException.invalidPayload(InvalidPayloads.filter, errors);
  },
  notFound(id: string): DomainException {
    return new DomainException(404, ErrorCode.ALERT_NOT_FOUND, `未找到预警 ${id.slice(0, 40)} (alert not found)`, [
      { field: 'alertId', reason: id.slice(0, 40) },
    ]);
  },
  closed(id: string, state: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.ALERT_CLEARED,
      state === 'DISMISSED'
        ? `预警 ${id} 已核销，不能再操作 (alert dismissed)`
        : `预警 ${id} 已解除，不能再操作 (alert cleared)`,
    );
  },
  wrongType(id: string, expected: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.ALERT_TYPE_MISMATCH,
      `预警 ${id} 不是 ${expected} 类预警，不能执行此操作 (not a ${expected} alert)`,
    );
  },
  dismissalPending(id: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.DISMISSAL_PENDING,
      `预警 ${id} 已有待审核的核销申请 (a dismissal request is already pending)`,
    );
  },
  noPendingDismissal(id: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.NO_PENDING_DISMISSAL,
      `预警 ${id} 没有待审核的核销申请 (no pending dismissal request)`,
    );
  },
  selfApproval(): DomainException {
    return new DomainException(
      403,
      ErrorCode.SELF_APPROVAL,
      '申请人不能审核本人的申请，须由上一级工作人员审核 (the requester cannot decide their own request)',
    );
  },
  notLevelAbove(requestedRegion: string): DomainException {
    return new DomainException(
      403,
      ErrorCode.LEVEL_FORBIDDEN,
      `须由区划 ${requestedRegion} 的上一级（市州审核县市区，省厅审核市州，省厅管理员审核省厅）工作人员审核 (must be decided one level up)`,
    );
  },
  noteRequired(): DomainException {
    return DomainException.incomplete([
      { field: 'note', reason: '退回或驳回须填写意见 (a note is required to reject or return)' },
    ]);
  },
  permitNotFound(permitNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PERMIT_NOT_FOUND,
      `未找到施工许可证 ${permitNumber} (construction permit not found)`,
      [{ field: 'permitNumber', reason: permitNumber }],
    );
  },
  acceptanceRecorded(permitNumber: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.ACCEPTANCE_ALREADY_RECORDED,
      `施工许可证 ${permitNumber} 已有五方验收或竣工验收备案日期，无需补录 (an acceptance date is already recorded)`,
      [{ field: 'permitNumber', reason: permitNumber }],
    );
  },
  backfillPending(permitNumber: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.BACKFILL_PENDING,
      `施工许可证 ${permitNumber} 已有待审核的验收日期补录 (a backfill is already pending)`,
      [{ field: 'permitNumber', reason: permitNumber }],
    );
  },
  backfillNotFound(id: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.BACKFILL_NOT_FOUND,
      `未找到验收日期补录 ${id.slice(0, 40)} (acceptance backfill not found)`,
      [{ field: 'backfillId', reason: id.slice(0, 40) }],
    );
  },
  backfillDecided(id: string): DomainException {
    return new DomainException(409, ErrorCode.BACKFILL_DECIDED, `验收日期补录 ${id} 已审核 (already decided)`);
  },
};

import { APPROVAL_STAGE_NAMES, ApprovalStage, ErrorCode, FieldError, PROJECT_TYPES } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of 施工许可审批, each with its stable code and a Chinese detail. */
export const ApprovalErrors = {
  invalid(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
  projectNotFound(projectCode: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PROJECT_NOT_FOUND,
      `工改项目 ${projectCode} 未报建 (project not registered)`,
      [{ field: 'projectCode', reason: projectCode }],
    );
  },
  applicationNotFound(id: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.APPLICATION_NOT_FOUND,
      `未找到施工许可申请 ${id} (application not found)`,
    );
  },
  commitmentLetterNotFound(id: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.COMMITMENT_LETTER_NOT_FOUND,
      `施工许可申请 ${id} 未上传项目资本保证金承诺函 (no commitment letter uploaded)`,
    );
  },
  typeLocked(projectCode: string, lockedAt: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.TYPE_LOCKED,
      `项目 ${projectCode} 已于 ${lockedAt} 申报二三四阶段事项，项目类型不能再修改 (project type locked since its first stage 2–4 item)`,
      [{ field: 'projectType', reason: '已锁定 locked' }],
    );
  },
  invalidTransition(stage: ApprovalStage, state: string, action: string, allowed: string[]): DomainException {
    const where = `${APPROVAL_STAGE_NAMES[stage]}（${stage} / ${state}）`;
    return new DomainException(
      409,
      ErrorCode.INVALID_TRANSITION,
      allowed.length === 0
        ? `申请已办结（${state}），不能再办理 ${action} (case closed)`
        : `${where} 不能办理 ${action}，可办理：${allowed.join('、')} (action not allowed here)`,
      [{ field: 'action', reason: allowed.length ? `允许 allowed: ${allowed.join(', ')}` : '已办结 closed' }],
    );
  },
  separationOfDuties(stage: ApprovalStage, earlier: ApprovalStage): DomainException {
    return new DomainException(
      409,
      ErrorCode.SEPARATION_OF_DUTIES,
      `${APPROVAL_STAGE_NAMES[stage]}不能由办理过${APPROVAL_STAGE_NAMES[earlier]}的同一人办理（初审、复审、决定须三人分别办理）(separation of duties)`,
    );
  },
  confirmationMissing(): DomainException {
    return DomainException.incomplete([
      {
        field: 'confirmedProjectType',
        reason: `受理通过须确认项目类型：${PROJECT_TYPES.join(' | ')} (required on PASS at ACCEPTANCE)`,
      },
    ]);
  },
  confirmationMisplaced(stage: ApprovalStage): DomainException {
    return DomainException.incomplete([
      {
        field: 'confirmedProjectType',
        reason: `仅受理环节通过时填写，当前环节为${APPROVAL_STAGE_NAMES[stage]} (ACCEPTANCE only; stage ${stage})`,
      },
    ]);
  },
  projectTypeMismatch(registered: string, confirmed: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.PROJECT_TYPE_MISMATCH,
      `确认的项目类型 ${confirmed} 与报建的项目类型 ${registered} 不一致，不能受理；请退回补正（RETURN_FOR_CORRECTION），由建设单位在工改系统更正项目类型后重新提交 (confirmed type differs from the registered type: return the application for correction of the type)`,
      [{ field: 'confirmedProjectType', reason: `报建类型 registered: ${registered}` }],
    );
  },
  guaranteeMissing(stage: ApprovalStage): DomainException {
    return new DomainException(
      422,
      ErrorCode.CAPITAL_GUARANTEE_MISSING,
      `预售商品房项目既未填项目资本保证金总额，也未上传资本保证金承诺函，${APPROVAL_STAGE_NAMES[stage]}不能通过 (capital guarantee amount or commitment letter missing)`,
      [
        {
          field: 'capitalGuarantee.amountFen',
          reason: '预售商品房项目须填写总额或上传承诺函 (amount or commitment letter required for PRESALE)',
        },
        {
          field: 'capitalGuarantee.commitmentLetter',
          reason: '预售商品房项目须填写总额或上传承诺函 (amount or commitment letter required for PRESALE)',
        },
      ],
    );
  },
  escrowMissing(stage: ApprovalStage, errors: FieldError[]): DomainException {
    return new DomainException(
      422,
      ErrorCode.ESCROW_ACCOUNT_MISSING,
      `预售商品房项目计划实行预售资金监管，但监管银行或监管账号缺失，${APPROVAL_STAGE_NAMES[stage]}不能通过 (escrow bank or account missing)`,
      errors,
    );
  },
  stageRoleForbidden(stage: ApprovalStage, role: string | undefined, allowed: readonly string[]): DomainException {
    return new DomainException(
      403,
      ErrorCode.STAGE_ROLE_FORBIDDEN,
      `${APPROVAL_STAGE_NAMES[stage]}环节须由 ${allowed.join('、')} 角色的工作人员办理，当前角色 ${role ?? '无'} 不能办理 (role not allowed at this stage)`,
      [{ field: 'role', reason: `允许 allowed: ${allowed.join(', ')}` }],
    );
  },
  noticeInFuture(date: string, today: string): DomainException {
    return DomainException.incomplete([
      { field: 'notice.date', reason: `告知日期 ${date} 不得晚于今天 ${today} (not after today)` },
    ]);
  },
  serialExhausted(regionCode: string, date: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.SERIAL_EXHAUSTED,
      `区划 ${regionCode} ${date} 当日施工许可证流水号 01–99 已用完，请次日签发 (daily permit serial exhausted)`,
    );
  },
};

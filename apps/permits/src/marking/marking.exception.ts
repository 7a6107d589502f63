import { ErrorCode, FieldError } from '@hn/messages';
import { DomainException } from '@hn/errors';

const list = (values: readonly string[], max = 20): string =>
  values.length > max ? `${values.slice(0, max).join('、')} 等 ${values.length} 个` : values.join('、');
const reasons = (field: string, values: readonly string[]): FieldError[] => values.map((v) => ({ field, reason: v }));

/** Errors of 存量预售项目标记, each with its stable code; offending numbers / codes listed in `errors`. */
export const MarkingErrors = {
  invalid(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
  permitsNotFound(numbers: string[]): DomainException {
    return new DomainException(
      404,
      ErrorCode.PERMIT_NOT_FOUND,
      `未找到施工许可证 ${list(numbers)} (construction permits not found)`,
      reasons('permitNumbers', numbers),
    );
  },
  projectNotFound(projectCode: string): DomainException {
    return new DomainException(404, ErrorCode.NOT_FOUND, `未找到工改项目 ${projectCode} (project not found)`, [
      { field: 'projectCode', reason: projectCode },
    ]);
  },
  locked(projectCodes: string[]): DomainException {
    return new DomainException(
      409,
      ErrorCode.RECORD_LOCKED,
      `项目 ${list(projectCodes)} 的标记已提交，不能再修改或撤回；确需纠错请书面报告省厅 (marking submitted and locked)`,
      reasons('projectCode', projectCodes),
    );
  },
  unmarked(projectCodes: string[]): DomainException {
    return new DomainException(
      422,
      ErrorCode.INCOMPLETE_SUBMISSION,
      `项目 ${list(projectCodes)} 尚未标记，不能提交 (project not marked: nothing to submit)`,
      reasons('projectCode', projectCodes),
    );
  },
  nothingToWithdraw(): DomainException {
    return new DomainException(
      404,
      ErrorCode.NOTHING_TO_WITHDRAW,
      '没有可撤回的标记操作（本人未提交的最近一步）(no unsubmitted marking step of yours to withdraw)',
    );
  },
  notSubmitted(projectCode: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.RECORD_NOT_SUBMITTED,
      `项目 ${projectCode} 的标记尚未提交，请撤回或重新标记，无需纠错 (marking not submitted: withdraw or mark again instead)`,
      [{ field: 'projectCode', reason: projectCode }],
    );
  },
};

import { ErrorCode, FieldError } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of 补录预售资金监管信息, each with its stable code. */
export const EscrowErrors = {
  incomplete(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
  presaleNotFound(presaleNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PRESALE_NOT_FOUND,
      `未找到已补录的预售许可证 ${presaleNumber} (backfilled presale permit not found)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  notFound(presaleNumbers: string[]): DomainException {
    return new DomainException(
      404,
      ErrorCode.ESCROW_NOT_FOUND,
      `预售许可证 ${presaleNumbers.join('、')} 尚无资金监管信息 (no escrow record)`,
      presaleNumbers.map((p) => ({ field: 'presaleNumber', reason: p })),
    );
  },
  nothingToWithdraw(presaleNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.NOTHING_TO_WITHDRAW,
      `预售许可证 ${presaleNumber} 没有可撤回的资金监管信息 (nothing to withdraw)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  locked(presaleNumbers: string[]): DomainException {
    return new DomainException(
      409,
      ErrorCode.RECORD_LOCKED,
      `预售许可证 ${presaleNumbers.join('、')} 的资金监管信息已提交，不能再修改或撤回；确需更正请书面报告省厅 (record submitted and locked)`,
      presaleNumbers.map((p) => ({ field: 'presaleNumber', reason: p })),
    );
  },
  notSubmitted(presaleNumber: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.RECORD_NOT_SUBMITTED,
      `预售许可证 ${presaleNumber} 的资金监管信息尚未提交，请直接修改或撤回 (record not submitted: edit or withdraw it instead)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  notOwnVersion(enteredBy: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.NOT_OWN_VERSION,
      `当前版本由 ${enteredBy} 录入，只能撤回本人录入的最近一个版本 (only the caller's own last version can be withdrawn)`,
    );
  },
};

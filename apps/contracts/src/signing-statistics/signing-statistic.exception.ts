import { ErrorCode, FieldError } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of 网签统计补录, each with its stable code. */
export const StatisticErrors = {
  incomplete(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
  presaleNotFound(presaleNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PRESALE_NOT_FOUND,
      `未找到预售许可证 ${presaleNumber} (presale permit not found)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  notFound(presaleNumber: string, months: string[]): DomainException {
    return new DomainException(
      404,
      ErrorCode.STATISTIC_NOT_FOUND,
      `未找到预售许可证 ${presaleNumber} ${months.join('、')} 的网签统计 (signing statistic not found)`,
      months.map((m) => ({ field: 'month', reason: m })),
    );
  },
  locked(presaleNumber: string, months: string[]): DomainException {
    return new DomainException(
      409,
      ErrorCode.RECORD_LOCKED,
      `预售许可证 ${presaleNumber} ${months.join('、')} 的网签统计已提交，不能再修改或撤回；确需纠错请书面报告省厅 (record submitted and locked)`,
      months.map((m) => ({ field: 'month', reason: m })),
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

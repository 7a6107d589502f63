import { ErrorCode, FieldError } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of the reconciliation with 房地产市场监管平台. */
export const ReconciliationErrors = {
  inProgress(): DomainException {
    return new DomainException(
      409,
      ErrorCode.RECONCILIATION_IN_PROGRESS,
      '比对任务正在进行中，请稍后再试 (a reconciliation run is in progress)',
    );
  },
  marketUnavailable(reason: string): DomainException {
    return new DomainException(
      503,
      ErrorCode.MARKET_PLATFORM_UNAVAILABLE,
      `房地产市场监管平台数据获取失败，未进行比对 (market platform unavailable: ${reason})`,
    );
  },
  invalid(errors: FieldError[]): DomainException {
    return new DomainException(
      422,
      ErrorCode.INCOMPLETE_SUBMISSION,
      `请求内容有误，共 ${errors.length} 处 (invalid request)`,
      errors,
    );
  },
  notFound(id: string): DomainException {
    return new DomainException(404, ErrorCode.DIFFERENCE_NOT_FOUND, `未找到比对差异 ${id} (difference not found)`);
  },
  alreadyAcknowledged(id: string): DomainException {
    return new DomainException(409, ErrorCode.ALREADY_ACKNOWLEDGED, `比对差异 ${id} 已核实说明 (already acknowledged)`);
  },
  resolved(id: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.DIFFERENCE_RESOLVED,
      `比对差异 ${id} 已消除，无需说明 (difference no longer exists)`,
    );
  },
};

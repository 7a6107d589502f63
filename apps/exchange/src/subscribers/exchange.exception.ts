import { DomainException } from '@hn/errors';
import { ErrorCode, FieldError } from '@hn/messages';

/** Errors of the exchange service (数据推送), with stable codes. */
export const ExchangeErrors = {
  /** 422 listing every problem (and the allowed values where a list is closed) */
  invalid(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
  subscriberNotFound(id: string): DomainException {
    return new DomainException(404, ErrorCode.NOT_FOUND, `未找到订阅方 ${id.slice(0, 40)} (subscriber not found)`, [
      { field: 'subscriberId', reason: id.slice(0, 40) },
    ]);
  },
  deliveryNotFound(eventId: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.NOT_FOUND,
      `该订阅方没有事件 ${eventId.slice(0, 40)} (no such delivery)`,
      [{ field: 'eventId', reason: eventId.slice(0, 40) }],
    );
  },
  notBound(): DomainException {
    return new DomainException(
      403,
      ErrorCode.SCOPE_FORBIDDEN,
      '该凭据未绑定订阅方，不能拉取事件 (this credential is bound to no subscriber)',
    );
  },
};

import { ErrorCode, FieldError, PERMIT_UPSERT_INVALID_DETAIL } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** The part of a numbering rejection an error message needs. */
export interface PermitNumberRejectionLike {
  reason: string;
  message: string;
}

/** Errors of the construction-permit feature, each with its stable code. */
export const PermitsErrors = {
  invalidNumber(value: string, rejection: PermitNumberRejectionLike): DomainException {
    return new DomainException(
      400,
      ErrorCode.INVALID_PERMIT_NUMBER,
      `施工许可证编号无效：${rejection.message} (invalid permit number)`,
      [{ field: 'permitNumber', reason: `${rejection.reason}: ${rejection.message}` }],
    );
  },
  notFound(permitNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PERMIT_NOT_FOUND,
      `未找到施工许可证 ${permitNumber} (construction permit not found)`,
    );
  },
  invalidBody(errors: FieldError[]): DomainException {
    return DomainException.validation(errors, PERMIT_UPSERT_INVALID_DETAIL);
  },
};

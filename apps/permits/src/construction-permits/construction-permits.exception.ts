import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of the construction-permit feature, each with its stable code. */
export const PermitsErrors = {
  notFound(permitNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PERMIT_NOT_FOUND,
      `未找到施工许可证 ${permitNumber} (construction permit not found)`,
    );
  },
};

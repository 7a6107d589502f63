import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';

export const IntegratorErrors = {
  invalidClient(): DomainException {
    return new DomainException(
      401,
      ErrorCode.INVALID_CLIENT,
      'client_id 或 client_secret 不正确 (invalid client credentials)',
    );
  },
  invalidRequest(reason: string): DomainException {
    return DomainException.validation(
      [{ field: 'integrator', reason }],
      `集成方参数无效：${reason} (invalid integrator parameters)`,
    );
  },
};

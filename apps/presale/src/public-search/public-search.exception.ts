import { FieldError, publicSearchProblemDetail } from '@hn/messages';
import { DomainException } from '@hn/errors';

export const PublicSearchErrors = {
  /** The same 400 VALIDATION_FAILED, detail and field list the gateway answers for the query string. */
  invalid(errors: FieldError[]): DomainException {
    return DomainException.validation(errors, publicSearchProblemDetail(errors));
  },
};

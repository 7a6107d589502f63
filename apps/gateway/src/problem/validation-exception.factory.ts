import { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** ValidationPipe errors become one 400 problem listing every field and why (nested paths joined). */
export function validationExceptionFactory(errors: ValidationError[]): DomainException {
  return DomainException.validation(flattenValidationErrors(errors));
}

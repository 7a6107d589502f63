import { ValidateBy } from 'class-validator';
import { IDEMPOTENCY_KEY_FIELD_ERROR, isIdempotencyKey } from '../idempotency-key';
import type { ExpandingConstraintContext } from './flatten-validation-errors';

const REPORTED_AS_HEADER: ExpandingConstraintContext = { expand: () => [IDEMPOTENCY_KEY_FIELD_ERROR] };

/**
 * The Idempotency-Key an issuing contract carries in its body (taken from the request header at the
 * gateway): 1–128 of [A-Za-z0-9._:-], reported under the header's name with the one shared wording,
 * whichever path the request came by.
 */
export function IdempotencyKeyRule(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'idempotencyKey',
      validator: {
        validate: (value: unknown): boolean => isIdempotencyKey(value),
        defaultMessage: (): string => IDEMPOTENCY_KEY_FIELD_ERROR.reason,
      },
    },
    { context: REPORTED_AS_HEADER },
  );
}

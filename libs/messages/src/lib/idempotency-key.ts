import { ValidateBy } from 'class-validator';
import { FieldError } from './problem';
import type { ExpandingConstraintContext } from './validation/flatten-validation-errors';

/** Idempotency-Key of the issuing routes: 1–128 of A–Z a–z 0–9 . _ : - (checked by the gateway and again by the issuing service). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value);
}

/** The field error naming a malformed key, the same wording everywhere. */
export const IDEMPOTENCY_KEY_FIELD_ERROR: FieldError = {
  field: 'Idempotency-Key',
  reason: '须为 1–128 位 [A-Za-z0-9._:-] (1–128 of [A-Za-z0-9._:-])',
};

export const IDEMPOTENCY_KEY_INVALID_DETAIL =
  'Idempotency-Key 请求头格式无效：须为 1–128 位字母、数字或 . _ : - (invalid Idempotency-Key header)';

/**
 * Property rule: the Idempotency-Key of an issuing RPC body (the header the gateway's guard checked),
 * reported as the gateway names it: field `Idempotency-Key` (IDEMPOTENCY_KEY_FIELD_ERROR).
 */
export function IsIdempotencyKey(): PropertyDecorator {
  const context: ExpandingConstraintContext = { expand: () => [IDEMPOTENCY_KEY_FIELD_ERROR] };
  return ValidateBy(
    {
      name: 'isIdempotencyKey',
      validator: { validate: isIdempotencyKey, defaultMessage: () => IDEMPOTENCY_KEY_FIELD_ERROR.reason },
    },
    { context },
  );
}

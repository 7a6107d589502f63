import { FieldError } from './problem';

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

import type { ValidationPipeOptions } from '@nestjs/common';
import type { FieldError } from '../problem';
import { MessageValidation, validateMessage } from './validate-message';

/**
 * How a submission (a contract filing, a supervision body) is validated: every property carries one
 * rule naming one reason, so nothing is cut short (no stopAtFirstError: nested objects are checked
 * even when their list has a problem of its own); values stay on the errors so list rules can name
 * the failing element (they never reach the answer).
 */
export const SUBMISSION_VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: true },
} as const satisfies ValidationPipeOptions;

/** One reason per field (the first, i.e. the most basic), in the order found. */
export function firstReasonPerField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}

/** A field reported as a whole (a list that is not a list, an object that is not an object) hides its parts. */
export function withoutPartsOfReported(errors: FieldError[]): FieldError[] {
  const whole = new Set(errors.map((e) => e.field));
  const partOfReported = (field: string): boolean =>
    [...field.matchAll(/[.[]/g)].some((m) => whole.has(field.slice(0, m.index)));
  return errors.filter((e) => !partOfReported(e.field));
}

/** The field list of a refused submission: one reason per field, parts of a field reported whole left out. */
export function submissionFieldErrors(errors: FieldError[]): FieldError[] {
  return withoutPartsOfReported(firstReasonPerField(errors));
}

/**
 * Validates a submission with its message class (SUBMISSION_VALIDATION_OPTIONS), every missing or
 * invalid field at once: the gateway's route pipe and the owning service's `@RpcHandler` both call
 * this, so a submission sent straight over NATS gets the same field list as through the gateway.
 */
export async function validateSubmission<T extends object>(
  type: new () => T,
  value: unknown,
): Promise<MessageValidation<T>> {
  const result = await validateMessage(type, value, SUBMISSION_VALIDATION_OPTIONS);
  return result.ok ? result : { ok: false, errors: submissionFieldErrors(result.errors) };
}

import { ErrorCode, FieldError, invalidSortDetail, ListSort, sortReason } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** One named problem+json example of an operation: its stable code, the detail and the field errors. */
export interface ProblemExample {
  code: string;
  detail: string;
  errors?: FieldError[];
}

/** The example of what a DomainException sends, so the documented detail is the one the code builds. */
export function problemExample(exception: DomainException): ProblemExample {
  const { code, detail, errors } = exception.problem;
  return { code, detail, ...(errors ? { errors } : {}) };
}

/** 422 INCOMPLETE_SUBMISSION listing the given fields (detail counted as the services count it). */
export function incompleteExample(errors: FieldError[]): ProblemExample {
  return problemExample(DomainException.incomplete(errors));
}

/** 400 VALIDATION_FAILED of the global validation pipe for the given fields. */
export function validationExample(errors: FieldError[]): ProblemExample {
  return problemExample(DomainException.validation(errors));
}

/** 409 IDEMPOTENCY_KEY_IN_FLIGHT as the services send it. */
export const IDEMPOTENCY_IN_FLIGHT_EXAMPLE: ProblemExample = problemExample(DomainException.idempotencyKeyInFlight());

/** 422 IDEMPOTENCY_KEY_REUSED as the services send it. */
export const IDEMPOTENCY_REUSED_EXAMPLE: ProblemExample = problemExample(DomainException.idempotencyKeyReused());

/** 422 INVALID_FILTER of a list's `sort` outside its whitelist (as sortOrder answers on both sides). */
export function invalidSortExample(spec: ListSort): ProblemExample {
  return {
    code: ErrorCode.INVALID_FILTER,
    detail: invalidSortDetail(spec.fields),
    errors: [{ field: 'sort', reason: sortReason(spec.fields) }],
  };
}

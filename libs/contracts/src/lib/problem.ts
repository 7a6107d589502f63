/** One field-level problem, e.g. { field: "issueDate", reason: "日期不存在 not a calendar date" }. */
export interface FieldError {
  field: string;
  reason: string;
}

/**
 * The error every service returns over request/reply; the gateway turns it into
 * RFC 9457 application/problem+json with the same status and code.
 */
export interface RpcProblem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
}

/** Stable error codes shared by every service (clients switch on these). */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_PERMIT_NUMBER = 'INVALID_PERMIT_NUMBER',
  PERMIT_NOT_FOUND = 'PERMIT_NOT_FOUND',
  REGION_FORBIDDEN = 'REGION_FORBIDDEN',
  SCOPE_FORBIDDEN = 'SCOPE_FORBIDDEN',
  UNAUTHORIZED = 'UNAUTHORIZED',
  INVALID_CLIENT = 'INVALID_CLIENT',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  NOT_FOUND = 'NOT_FOUND',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  INTERNAL = 'INTERNAL',
  INCOMPLETE_SUBMISSION = 'INCOMPLETE_SUBMISSION',
  SERIAL_EXHAUSTED = 'SERIAL_EXHAUSTED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_IN_FLIGHT = 'IDEMPOTENCY_KEY_IN_FLIGHT',
  IDEMPOTENCY_KEY_REQUIRED = 'IDEMPOTENCY_KEY_REQUIRED',
  PERMIT_NOT_PRESALE = 'PERMIT_NOT_PRESALE',
  PERMITS_OF_DIFFERENT_PROJECTS = 'PERMITS_OF_DIFFERENT_PROJECTS',
  UNIT_NOT_IN_PERMITS = 'UNIT_NOT_IN_PERMITS',
  PRESALE_NOT_FOUND = 'PRESALE_NOT_FOUND',
  INVALID_PRESALE_NUMBER = 'INVALID_PRESALE_NUMBER',
  INVALID_PROOF_REQUEST = 'INVALID_PROOF_REQUEST',
}

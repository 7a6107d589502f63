import { ErrorCode, FieldError, InvalidPayload, InvalidPayloads, RpcProblem } from '@hn/messages';

const TITLES: Record<number, string> = {
  400: '请求无效 Bad Request',
  401: '未认证 Unauthorized',
  403: '无权访问 Forbidden',
  404: '未找到 Not Found',
  409: '冲突 Conflict',
  413: '请求体过大 Payload Too Large',
  414: 'URI 过长 URI Too Long',
  415: '不支持的媒体类型 Unsupported Media Type',
  422: '无法处理 Unprocessable Content',
  429: '请求过于频繁 Too Many Requests',
  500: '内部错误 Internal Server Error',
  503: '服务不可用 Service Unavailable',
};

/**
 * A business error with a stable code. Services throw it; it crosses NATS as an RpcProblem
 * and the gateway renders it as RFC 9457 problem+json.
 */
export class DomainException extends Error {
  readonly problem: RpcProblem;

  constructor(status: number, code: ErrorCode | string, detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = 'DomainException';
    this.problem = { status, code, title: TITLES[status] ?? 'Error', detail, ...(errors?.length ? { errors } : {}) };
  }

  static fromProblem(problem: RpcProblem): DomainException {
    return new DomainException(problem.status, problem.code, problem.detail, problem.errors);
  }

  static validation(errors: FieldError[], detail = InvalidPayloads.validation().detail): DomainException {
    return new DomainException(400, ErrorCode.VALIDATION_FAILED, detail, errors);
  }

  /** 422 INCOMPLETE_SUBMISSION listing every missing or invalid field at once, in the one wording all services use. */
  static incomplete(errors: FieldError[]): DomainException {
    return DomainException.invalidPayload(InvalidPayloads.incomplete, errors);
  }

  /** A payload refused by its message class, answered as its contract says (`InvalidPayloads`), with the field list. */
  static invalidPayload(invalid: InvalidPayload, errors: FieldError[], body?: unknown): DomainException {
    const p = invalid(errors, body);
    return new DomainException(p.status, p.code, p.detail, p.errors ? [...p.errors] : errors);
  }

  /** 409 IDEMPOTENCY_KEY_IN_FLIGHT: another request with this Idempotency-Key is still being processed. */
  static idempotencyKeyInFlight(): DomainException {
    return new DomainException(
      409,
      ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
      '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试 (a request with this key is in flight)',
    );
  }

  /** 422 IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was stored with another request body. */
  static idempotencyKeyReused(): DomainException {
    return new DomainException(
      422,
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      'Idempotency-Key 已用于另一份不同的请求 (idempotency key reused with a different body)',
    );
  }
}

export function isRpcProblem(value: unknown): value is RpcProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['status'] === 'number' && typeof v['code'] === 'string' && typeof v['detail'] === 'string';
}

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCode, IDEMPOTENCY_KEY_FIELD_ERROR, IDEMPOTENCY_KEY_INVALID_DETAIL, isIdempotencyKey } from '@hn/messages';
import { DomainException } from '@hn/errors';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/** The header value when it is one well-formed key, else null. */
export function readIdempotencyKey(headers: RequestWithHeaders['headers']): string | null {
  const raw = headers[IDEMPOTENCY_KEY_HEADER];
  return isIdempotencyKey(raw) ? raw : null;
}

/**
 * Issuing routes need an `Idempotency-Key` header (1–128 of A–Z a–z 0–9 . _ : -). Runs as a guard, so
 * after authentication and rate limiting but before the body is validated: 400 IDEMPOTENCY_KEY_REQUIRED.
 */
@Injectable()
export class IdempotencyKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RequestWithHeaders>();
    if (readIdempotencyKey(req.headers) !== null) return true;
    const present = req.headers[IDEMPOTENCY_KEY_HEADER] !== undefined;
    throw new DomainException(
      400,
      ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
      present
        ? IDEMPOTENCY_KEY_INVALID_DETAIL
        : '取号请求须带 Idempotency-Key 请求头，重试时使用同一个值 (the Idempotency-Key header is required; reuse it when retrying)',
      [present ? IDEMPOTENCY_KEY_FIELD_ERROR : { field: 'Idempotency-Key', reason: '必填 (required)' }],
    );
  }
}

/** The validated Idempotency-Key of the request (use together with IdempotencyKeyGuard). */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const key = readIdempotencyKey(ctx.switchToHttp().getRequest<RequestWithHeaders>().headers);
  if (key === null) throw new Error('IdempotencyKey used without IdempotencyKeyGuard');
  return key;
});

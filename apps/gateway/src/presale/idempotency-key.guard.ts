import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCode } from '@hn/contracts';
import { DomainException } from '@hn/errors';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/** The header value when it is one well-formed key, else null. */
export function readIdempotencyKey(headers: RequestWithHeaders['headers']): string | null {
  const raw = headers[IDEMPOTENCY_KEY_HEADER];
  return typeof raw === 'string' && IDEMPOTENCY_KEY_PATTERN.test(raw) ? raw : null;
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
        ? 'Idempotency-Key 请求头格式无效：须为 1–128 位字母、数字或 . _ : - (invalid Idempotency-Key header)'
        : '取号请求须带 Idempotency-Key 请求头，重试时使用同一个值 (the Idempotency-Key header is required; reuse it when retrying)',
      [{ field: 'Idempotency-Key', reason: present ? '须为 1–128 位 [A-Za-z0-9._:-] (1–128 of [A-Za-z0-9._:-])' : '必填 (required)' }],
    );
  }
}

/** The validated Idempotency-Key of the request (use together with IdempotencyKeyGuard). */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const key = readIdempotencyKey(ctx.switchToHttp().getRequest<RequestWithHeaders>().headers);
  if (key === null) throw new Error('IdempotencyKey used without IdempotencyKeyGuard');
  return key;
});

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ErrorCode, FieldError, RpcProblem } from '@hn/messages';
import { DomainException, infrastructureProblem, RETRY_AFTER_SECONDS, titleFor } from '@hn/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface ProblemDocument extends RpcProblem {
  type: string;
  instance?: string;
  correlationId?: string;
}

const FASTIFY_CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: ErrorCode.PAYLOAD_TOO_LARGE,
    detail: '请求体超过 1 MB 上限 (request body exceeds 1 MB)',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    detail: '不支持的 Content-Type，请使用 application/json (unsupported content type)',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: ErrorCode.VALIDATION_FAILED,
    detail: '请求体为空但声明为 JSON (empty JSON body)',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: ErrorCode.VALIDATION_FAILED,
    detail: 'Content-Length 与请求体不符 (invalid content length)',
  },
  FST_ERR_BAD_URL: {
    status: 400,
    code: ErrorCode.INVALID_URL,
    detail: '请求路径无法解码（百分号编码无效）(the path is not valid percent-encoded UTF-8)',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: ErrorCode.URI_TOO_LONG,
    detail: '路径参数过长 (a path parameter is longer than allowed)',
  },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: ErrorCode.VALIDATION_FAILED, detail: '请求无效 (bad request)' },
};

/** Turns anything thrown while serving HTTP into RFC 9457 problem+json with a stable code. */
export function toProblem(exception: unknown, logger: Logger): RpcProblem {
  if (exception instanceof DomainException) return exception.problem;
  const infrastructure = infrastructureProblem(exception);
  if (infrastructure) return infrastructure;
  if (exception instanceof ThrottlerException) {
    return {
      status: 429,
      code: ErrorCode.RATE_LIMITED,
      title: titleFor(429),
      detail: '请求过于频繁，请按 Retry-After 指示稍后重试 (rate limit exceeded)',
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 400 && /JSON/i.test(exception.message)) {
      return {
        status,
        code: ErrorCode.VALIDATION_FAILED,
        title: titleFor(400),
        detail: '请求体不是合法的 JSON (malformed JSON body)',
        errors: [{ field: 'body', reason: 'malformed JSON' }],
      };
    }
    const code =
      status === 404
        ? ErrorCode.NOT_FOUND
        : status === 401
          ? ErrorCode.UNAUTHORIZED
          : status === 413
            ? ErrorCode.PAYLOAD_TOO_LARGE
            : status >= 500
              ? ErrorCode.INTERNAL
              : ErrorCode.VALIDATION_FAILED;
    const detail =
      status === 404
        ? '请求的资源不存在 (no such route or resource)'
        : status >= 500
          ? '服务内部错误 (internal error)'
          : exception.message;
    return { status, code, title: titleFor(status), detail };
  }
  const fastifyError = exception as { code?: string; statusCode?: number; message?: string } | null;
  if (fastifyError && typeof fastifyError.code === 'string' && FASTIFY_CODES[fastifyError.code]) {
    const known = FASTIFY_CODES[fastifyError.code]!;
    return { status: known.status, code: known.code, title: titleFor(known.status), detail: known.detail };
  }
  if (fastifyError && fastifyError instanceof SyntaxError) {
    return {
      status: 400,
      code: ErrorCode.VALIDATION_FAILED,
      title: titleFor(400),
      detail: '请求体不是合法的 JSON (malformed JSON body)',
      errors: [{ field: 'body', reason: 'malformed JSON' }],
    };
  }
  if (
    fastifyError &&
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    const status = fastifyError.statusCode;
    const malformed = /JSON/i.test(fastifyError.message ?? '');
    const errors: FieldError[] | undefined = malformed ? [{ field: 'body', reason: 'malformed JSON' }] : undefined;
    return {
      status,
      code: ErrorCode.VALIDATION_FAILED,
      title: titleFor(status),
      detail: malformed ? '请求体不是合法的 JSON (malformed JSON body)' : '请求无效 (bad request)',
      ...(errors ? { errors } : {}),
    };
  }
  logger.error({ err: exception }, 'unhandled error');
  return {
    status: 500,
    code: ErrorCode.INTERNAL,
    title: titleFor(500),
    detail: '服务内部错误，请稍后重试 (internal error)',
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: RpcProblem): void {
  const body: ProblemDocument = {
    type: `https://presale.hunan.gov.cn/problems/${problem.code.toLowerCase().replace(/_/g, '-')}`,
    ...problem,
    instance: request.url,
    correlationId: String(request.id),
  };
  // a 503 is retryable: say when (the NATS timeout, a restarting database)
  if (problem.status === 503 && !reply.hasHeader('retry-after'))
    void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), toProblem(exception, this.logger));
  }
}

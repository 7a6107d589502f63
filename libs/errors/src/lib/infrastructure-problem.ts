import { ErrorCode, RpcProblem } from '@hn/messages';
import { titleFor } from './domain.exception';

/** What a 503 asks clients to wait before retrying (seconds). */
export const RETRY_AFTER_SECONDS = 2;

/** Socket-level failures of the database connection (node-postgres passes the errno code on). */
const CONNECTION_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATEs meaning "the server is going away or not accepting connections": retry later. */
const UNAVAILABLE_SQLSTATE = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const CONNECTION_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client was closed and is not queryable|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  // TypeORM's QueryFailedError keeps the node-postgres error as driverError
  const driver = (err as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof driver === 'string' ? driver : undefined;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string'
    ? (err as { message: string }).message
    : '';
}

/** True when `err` says the database is unreachable, restarting or refusing connections (retryable). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = codeOf(err);
  if (
    code !== undefined &&
    (CONNECTION_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.has(code) || /^08[0-9A-Z]{3}$/.test(code))
  )
    return true;
  const errors = (err as { errors?: unknown } | null)?.errors; // AggregateError (IPv4 + IPv6 refused)
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e))) return true;
  return CONNECTION_MESSAGE.test(messageOf(err));
}

/**
 * The one mapping of infrastructure errors to problems, for the services' RPC filter and the
 * gateway's HTTP filter: an unavailable database is a retryable 503 DATABASE_UNAVAILABLE; a
 * Postgres data exception (class 22: NUL or an untranslatable character, a number out of range, an
 * over-long value) is the request's fault, 400 VALIDATION_FAILED, as a safety net behind validation.
 * Anything else: undefined (the caller answers 500).
 */
export function infrastructureProblem(err: unknown): RpcProblem | undefined {
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      code: ErrorCode.DATABASE_UNAVAILABLE,
      title: titleFor(503),
      detail: `数据库暂时不可用，请 ${RETRY_AFTER_SECONDS} 秒后重试 (database temporarily unavailable, retry after ${RETRY_AFTER_SECONDS} s)`,
    };
  }
  const code = codeOf(err);
  if (code !== undefined && /^22[0-9A-Z]{3}$/.test(code)) {
    return {
      status: 400,
      code: ErrorCode.VALIDATION_FAILED,
      title: titleFor(400),
      detail:
        '请求中的值无法保存（字符或数值不被接受）(a value in the request cannot be stored: character or number not accepted)',
      errors: [{ field: 'body', reason: `数据库拒绝该值 (value refused by the database, SQLSTATE ${code})` }],
    };
  }
  return undefined;
}

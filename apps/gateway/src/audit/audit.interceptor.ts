import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { DomainException } from '@hn/errors';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { AuditService } from './audit.service';

/**
 * What a handler (or the owning service behind it) may put under an `audit` key of its response
 * to record the real before / after states instead of the request body. The key is removed from
 * the response sent to the client.
 */
export interface AuditOverride {
  before?: unknown;
  after?: unknown;
  /** overrides the target derived from the path parameters */
  target?: string;
}

interface AuditedRequest extends AuthenticatedRequest {
  method: string;
  body?: unknown;
  params?: Record<string, string>;
  routeOptions?: { url?: string };
  url: string;
}

const UNAUDITED_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** "presaleNumber=…" for one path parameter, "a=1&b=2" for several, null for none. */
export function targetFromParams(params: Record<string, string> | undefined): string | null {
  const entries = Object.entries(params ?? {}).filter(([key]) => key !== '*');
  if (entries.length === 0) return null;
  return entries.map(([key, value]) => `${key}=${value}`).join('&');
}

/** Splits `{ audit: { before, after }, ...body }` into the override and the response body. */
export function splitAuditOverride(result: unknown): { body: unknown; override: AuditOverride | null } {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('audit' in result))
    return { body: result, override: null };
  const { audit, ...body } = result as { audit: unknown } & Record<string, unknown>;
  if (typeof audit !== 'object' || audit === null || !('before' in audit || 'after' in audit))
    return { body: result, override: null };
  return { body, override: audit as AuditOverride };
}

export function statusOfError(err: unknown): number {
  if (err instanceof DomainException) return err.problem.status;
  if (err instanceof HttpException) return err.getStatus();
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * Interceptor on the staff-writable controllers (supervision, staff; see AuditModule): every request other than GET / HEAD / OPTIONS that passed
 * authentication leaves one audit row (who, when, route, path parameters, status, and the request
 * body as `after` unless the response supplies `{ audit: { before, after } }`), written before the
 * response is sent. Secrets and personal data are redacted; a failed audit write is logged and the
 * request still succeeds. Requests refused by the guard (401/403) never reach interceptors.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuditedRequest>();
    if (UNAUDITED_METHODS.has(req.method)) return next.handle();
    const principal = req.principal;
    if (!principal || principal.kind !== 'staff') {
      // still never leak an audit override to the client
      return next.handle().pipe(mergeMap(async (result) => splitAuditOverride(result).body));
    }
    const route = req.routeOptions?.url ?? req.url.split('?')[0];
    const base = {
      actor: principal.id,
      role: principal.role ?? null,
      region: principal.regions.join(',') || null,
      action: `${req.method} ${route}`,
      target: targetFromParams(req.params),
      correlationId: String(req.id),
    };
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (req.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      mergeMap(async (result) => {
        const { body, override } = splitAuditOverride(result);
        // Nest sets the declared status before the handler runs; a handler may change it (PUT 201 vs 200)
        const sentStatus = context.switchToHttp().getResponse<{ statusCode?: number }>()?.statusCode;
        const status =
          typeof sentStatus === 'number' && sentStatus >= 200 && sentStatus < 300 ? sentStatus : successStatus;
        await this.audit.record({
          ...base,
          target: override?.target ?? base.target,
          before: override ? override.before : null,
          after: override ? override.after : req.body,
          status,
        });
        return body;
      }),
      catchError((err: unknown) =>
        from(this.audit.record({ ...base, before: null, after: req.body, status: statusOfError(err) })).pipe(
          mergeMap(() => throwError(() => err)),
        ),
      ),
    );
  }
}

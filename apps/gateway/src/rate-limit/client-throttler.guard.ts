import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import { ErrorCode, Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { budgetOf } from './rate-limit-budget';
import { costOf } from './rate-limit-costs';
import { rateLimitHeaders } from './rate-limit-headers';
import { FixedWindowThrottlerStorage } from './fixed-window-storage';

/** Metadata key @Throttle() sets on a route with its own limit (not exported by @nestjs/throttler). */
const THROTTLER_LIMIT = 'THROTTLER:LIMIT';

/**
 * One budget per authenticated client across all routes (not per IP: one vendor's systems share
 * egress addresses), per IP for unauthenticated routes; expensive routes cost more units
 * (rate-limit-costs.ts). Every limited response carries RateLimit-Policy and RateLimit
 * (draft-ietf-httpapi-ratelimit-headers), a refused one Retry-After and 429 problem+json.
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler } = request;
    const req = context.switchToHttp().getRequest<{
      principal?: Principal;
      ip?: string;
      method: string;
      url: string;
      routeOptions?: { url?: string };
    }>();
    const res = context.switchToHttp().getResponse<Record<string, unknown>>();
    const routeUrl = req.routeOptions?.url ?? req.url.split('?')[0] ?? '';
    const ownLimit = this.reflector.getAllAndOverride<unknown>(`${THROTTLER_LIMIT}${throttler.name ?? 'default'}`, [
      context.getHandler(),
      context.getClass(),
    ]);
    const ownRoute = ownLimit === undefined ? null : `${context.getClass().name}.${context.getHandler().name}`;
    const budget = budgetOf(req.principal, String(req.ip), routeUrl, ownRoute);
    const cost = ownRoute ? 1 : costOf(req.method, routeUrl);
    const storage = this.storageService;
    if (!(storage instanceof FixedWindowThrottlerStorage))
      throw new Error('ClientThrottlerGuard needs FixedWindowThrottlerStorage (costs per request)');
    const outcome = storage.consume(budget.key, ttl, limit, cost);
    const headers = rateLimitHeaders({
      policy: budget.policy,
      quota: limit,
      windowSeconds: Math.round(ttl / 1000),
      remaining: outcome.remaining,
      resetSeconds: outcome.resetSeconds,
    });
    for (const [name, value] of Object.entries(headers)) this.setResponseHeader(res, name, value);
    if (!outcome.allowed) {
      this.setResponseHeader(res, 'Retry-After', outcome.resetSeconds);
      throw new DomainException(
        429,
        ErrorCode.RATE_LIMITED,
        `请求过于频繁：每分钟额度 ${limit} 单位（${policyLabel(budget.policy)}），本次请求需 ${cost} 单位、剩余 ${outcome.remaining}，请 ${outcome.resetSeconds} 秒后重试 ` +
          `(rate limit exceeded: ${limit} units per minute per ${budget.policy}; this request costs ${cost}, ${outcome.remaining} left; retry after ${outcome.resetSeconds} s)`,
      );
    }
    return true;
  }
}

function policyLabel(policy: string): string {
  switch (policy) {
    case 'credential':
      return '按集成方凭据';
    case 'staff':
      return '按工作人员账号';
    case 'token-ip':
      return '取令牌接口按 IP';
    case 'route-ip':
      return '本接口按 IP';
    default:
      return '公开接口按 IP';
  }
}

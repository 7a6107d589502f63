import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { IntegratorsService } from '../integrators/integrators.service';

const CACHE_MS = 60_000;

/** Requests per minute for the caller: the client's own limit, the default, or the public (per-IP) limit. */
@Injectable()
export class RateLimitPolicy {
  private readonly cache = new Map<string, { limit: number; until: number }>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly integrators: IntegratorsService,
  ) {}

  async limitFor(context: ExecutionContext): Promise<number> {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) return this.config.publicRateLimitPerMinute;
    if (principal.kind !== 'integrator') return this.config.defaultRateLimitPerMinute;
    const cached = this.cache.get(principal.id);
    if (cached && cached.until > Date.now()) return cached.limit;
    const limit = (await this.integrators.rateLimitOf(principal.id)) ?? this.config.defaultRateLimitPerMinute;
    this.cache.set(principal.id, { limit, until: Date.now() + CACHE_MS });
    return limit;
  }
}

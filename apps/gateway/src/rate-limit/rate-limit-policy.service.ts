import {
  ExecutionContext,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { AccountChangedV1, GatewayEvents } from '@hn/messages';
import { InjectNats } from '@hn/eventing';
import { JSONCodec, NatsConnection, Subscription } from 'nats';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { IntegratorsService } from '../integrators/integrators.service';

/**
 * Quota units per minute for the caller: the integrator credential's own limit (its record's
 * rate_limit_per_minute), else GATEWAY_RATE_LIMIT_PER_MINUTE; unauthenticated callers
 * GATEWAY_PUBLIC_RATE_LIMIT_PER_MINUTE per IP. A credential's limit is cached for at most
 * GATEWAY_ACCOUNT_CACHE_TTL_MS and dropped at once when hn.gateway.account.changed.v1 names it
 * (npm run integrator:set-rate-limit publishes it).
 */
@Injectable()
export class RateLimitPolicy implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly cache = new Map<string, { limit: number; until: number }>();
  private readonly codec = JSONCodec<AccountChangedV1>();
  private subscription: Subscription | null = null;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly integrators: IntegratorsService,
    @Optional() @InjectNats() private readonly nats?: NatsConnection,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.nats) return;
    this.subscription = this.nats.subscribe(GatewayEvents.accountChanged, {
      callback: (err, msg) => {
        if (err) return;
        try {
          const event = this.codec.decode(msg.data);
          if (event.kind === 'integrator') this.cache.delete(event.id);
        } catch {
          this.cache.clear();
        }
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async limitFor(context: ExecutionContext): Promise<number> {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) return this.config.publicRateLimitPerMinute;
    if (principal.kind !== 'integrator') return this.config.defaultRateLimitPerMinute;
    const cached = this.cache.get(principal.id);
    if (cached && cached.until > Date.now()) return cached.limit;
    const limit = (await this.integrators.rateLimitOf(principal.id)) ?? this.config.defaultRateLimitPerMinute;
    if (this.config.accountCacheTtlMs > 0)
      this.cache.set(principal.id, { limit, until: Date.now() + this.config.accountCacheTtlMs });
    return limit;
  }
}

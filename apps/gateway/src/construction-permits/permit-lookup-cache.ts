import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CloudEvent, ConstructionPermitV1, PermitsEvents, ProjectTypedV1 } from '@hn/messages';
import { InjectNats } from '@hn/eventing';
import { Events, JSONCodec, NatsConnection, Subscription } from 'nats';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

const MAX_ENTRIES = 50_000;

/**
 * Read-through cache of permit lookups in each gateway replica. Entries live at most
 * GATEWAY_PERMIT_CACHE_TTL_MS and are dropped as soon as a hn.permits.* event about the permit
 * (or its project's type) arrives, so a change is visible within milliseconds of its commit.
 * Only successful lookups are cached; the caller's region is checked on every hit. The connection
 * reconnects forever and resubscribes by itself; events published while this replica was away are
 * not replayed to a core subscription, so the whole cache is dropped when the connection comes back.
 */
@Injectable()
export class PermitLookupCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly entries = new Map<string, { permit: ConstructionPermitV1; expiresAt: number }>();
  private readonly codec = JSONCodec<CloudEvent<unknown>>();
  private readonly logger = new Logger(PermitLookupCache.name);
  private subscription: Subscription | null = null;

  constructor(
    @InjectNats() private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  get enabled(): boolean {
    return this.config.permitCacheTtlMs > 0;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    // Core subscription (no queue group): every gateway replica invalidates its own cache.
    this.subscription = this.nats.subscribe('hn.permits.>', {
      callback: (err, msg) => {
        if (err) return;
        try {
          this.invalidate(this.codec.decode(msg.data));
        } catch {
          this.entries.clear(); // unreadable event: be safe
        }
      },
    });
    void this.clearOnReconnect();
    this.logger.log(`permit lookup cache on (ttl ${this.config.permitCacheTtlMs} ms)`);
  }

  private async clearOnReconnect(): Promise<void> {
    if (typeof this.nats.status !== 'function') return;
    try {
      for await (const status of this.nats.status()) {
        if (status.type === Events.Reconnect) {
          this.entries.clear();
          this.logger.log('NATS reconnected: permit lookup cache cleared (invalidations may have been missed)');
        }
      }
    } catch {
      // ends with the connection
    }
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  get(permitNumber: string): ConstructionPermitV1 | undefined {
    const entry = this.entries.get(permitNumber);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(permitNumber);
      return undefined;
    }
    return entry.permit;
  }

  set(permit: ConstructionPermitV1): void {
    if (!this.enabled) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(permit.permitNumber, { permit, expiresAt: Date.now() + this.config.permitCacheTtlMs });
  }

  private invalidate(event: CloudEvent<unknown>): void {
    if (event.type === PermitsEvents.projectTyped) {
      for (const n of (event.data as ProjectTypedV1).permitNumbers ?? []) this.entries.delete(n);
    } else {
      this.entries.delete(event.subject);
    }
  }
}

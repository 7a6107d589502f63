import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { AccountChangedV1, AccountKind, GatewayEvents } from '@hn/messages';
import { InjectNats } from '@hn/eventing';
import { JSONCodec, NatsConnection, Subscription } from 'nats';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { AccountStateRepository } from './account-state.repository';

/** What a replica needs to accept a token: the account exists, is enabled and not deleted, and its token version. */
export interface AccountState {
  active: boolean;
  version: number;
}

interface Entry extends AccountState {
  until: number;
}

const MAX_ENTRIES = 50_000;

/**
 * Per-replica cache of account states for the access-token guard, so the hot path needs no
 * database query: an entry lives at most GATEWAY_ACCOUNT_CACHE_TTL_MS (≤ 5 s) and is dropped as
 * soon as hn.gateway.account.changed.v1 names the account (core subscription without a queue
 * group: every replica hears it). A token is accepted only while its account is active and the
 * token's version (claim `ver`) is the account's current one; disabling or deleting bumps the
 * version, so a later re-enable does not revive old tokens.
 */
@Injectable()
export class AccountStateCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<AccountState>>();
  private readonly codec = JSONCodec<AccountChangedV1>();
  private readonly logger = new Logger(AccountStateCache.name);
  private subscription: Subscription | null = null;

  constructor(
    private readonly repository: AccountStateRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: Pick<GatewayConfig, 'accountCacheTtlMs'>,
    @Optional() @InjectNats() private readonly nats?: NatsConnection,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.nats) return;
    this.subscription = this.nats.subscribe(GatewayEvents.accountChanged, {
      callback: (err, msg) => {
        if (err) return;
        try {
          const event = this.codec.decode(msg.data);
          this.invalidate(event.kind, event.id);
        } catch {
          this.clear(); // unreadable event: be safe
        }
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** True when a token of `kind:id` issued under `version` may be used now. */
  async accepts(kind: AccountKind, id: string, version: number): Promise<boolean> {
    const key = `${kind}:${id}`;
    const hit = this.entries.get(key);
    const state = hit && hit.until > Date.now() ? hit : await this.load(kind, id, key);
    return state.active && state.version === version;
  }

  invalidate(kind: AccountKind, id: string): void {
    const key = `${kind}:${id}`;
    this.entries.delete(key);
    this.inflight.delete(key); // a load started before the change must not refill the cache
  }

  clear(): void {
    this.entries.clear();
    this.inflight.clear();
  }

  private load(kind: AccountKind, id: string, key: string): Promise<AccountState> {
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const promise = this.lookup(kind, id).then(
      (state) => {
        if (this.inflight.get(key) === promise) {
          this.inflight.delete(key);
          if (this.config.accountCacheTtlMs > 0) {
            if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
            this.entries.set(key, { ...state, until: Date.now() + this.config.accountCacheTtlMs });
          }
        }
        return state;
      },
      (err: unknown) => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
        this.logger.warn(
          { err: { message: err instanceof Error ? err.message : String(err) } },
          'account state lookup failed',
        );
        throw err;
      },
    );
    this.inflight.set(key, promise);
    return promise;
  }

  private async lookup(kind: AccountKind, id: string): Promise<AccountState> {
    const row = await this.repository.find(kind, id);
    return row ? { active: row.active, version: Number(row.version) } : { active: false, version: 0 };
  }
}

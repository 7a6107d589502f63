import { Injectable, Logger } from '@nestjs/common';
import { InjectNats } from '@hn/eventing';
import { AccountChangedV1 } from '@hn/messages';
import { NatsConnection } from 'nats';
import { AccountNotifier, publishAccountChanged } from './account-events';
import { AccountStateCache } from './account-state.cache';

/** Drops this replica's cached state at once and tells the other replicas over NATS. */
@Injectable()
export class NatsAccountNotifier implements AccountNotifier {
  private readonly logger = new Logger(NatsAccountNotifier.name);

  constructor(
    @InjectNats() private readonly nats: NatsConnection,
    private readonly cache: AccountStateCache,
  ) {}

  async accountChanged(event: Omit<AccountChangedV1, 'at'>): Promise<void> {
    this.cache.invalidate(event.kind, event.id);
    try {
      await publishAccountChanged(this.nats, event);
    } catch (err) {
      // the other replicas' caches expire within GATEWAY_ACCOUNT_CACHE_TTL_MS anyway
      this.logger.warn(
        { err: { message: err instanceof Error ? err.message : String(err) }, kind: event.kind },
        'account change not published',
      );
    }
  }
}

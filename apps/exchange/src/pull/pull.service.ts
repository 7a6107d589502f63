import { Injectable } from '@nestjs/common';
import { ExchangeEventPageV1, Principal } from '@hn/messages';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { projectEvent } from '../ingest/event-view';
import { ExchangeErrors } from '../subscribers/exchange.exception';
import { SubscriberRepository } from '../subscribers/subscriber.repository';

export const EXCHANGE_READ_SCOPE = 'exchange:read';

/**
 * Pull API: the events of the caller's subscriber (its credential is bound by pullClientId), the same
 * CloudEvents (ids, data view) the webhook sends, after an opaque cursor (the local arrival position).
 * The cursor and limit were validated with EventsPullQuery by @RpcHandler(Rpc.exchangeEventsPull).
 */
@Injectable()
export class PullService {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async pull(principal: Principal, body: { cursor?: string; limit?: number }): Promise<ExchangeEventPageV1> {
    if (principal?.kind !== 'integrator' || principal.sandbox || !principal.scopes?.includes(EXCHANGE_READ_SCOPE))
      throw ExchangeErrors.notBound();
    const cursor = body.cursor === undefined ? 0 : Number(body.cursor);
    const limit = body.limit ?? 100;
    const subscriber = await this.subscribers.byPullClient(principal.id);
    if (!subscriber || subscriber.state === 'DISABLED') throw ExchangeErrors.notBound();
    const rows = await this.deliveries.pull(subscriber.event_types, cursor, limit, subscriber.id);
    return {
      items: rows.map((r) => projectEvent(r.cloud_event, subscriber.data_view)),
      nextCursor: String(rows.length > 0 ? rows[rows.length - 1].position : cursor),
    };
  }
}

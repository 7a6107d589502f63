import { Injectable } from '@nestjs/common';
import { ExchangeEventPageV1, FieldError, Principal } from '@hn/messages';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { projectEvent } from '../ingest/presale-view';
import { ExchangeErrors } from '../subscribers/exchange.exception';
import { SubscriberRepository } from '../subscribers/subscriber.repository';

export const EXCHANGE_READ_SCOPE = 'exchange:read';
const MAX_LIMIT = 500;

/**
 * Pull API: the events of the caller's subscriber (its credential is bound by pullClientId), the same
 * CloudEvents (ids, data view) the webhook sends, after an opaque cursor (the local arrival position).
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
    const errors: FieldError[] = [];
    const cursor = body.cursor === undefined || body.cursor === '' ? 0 : Number(body.cursor);
    if (!Number.isSafeInteger(cursor) || cursor < 0 || !/^\d*$/.test(body.cursor ?? ''))
      errors.push({ field: 'cursor', reason: '须为上次返回的 nextCursor (the nextCursor of the last page)' });
    const limit = body.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      errors.push({ field: 'limit', reason: `须为 1–${MAX_LIMIT} 的整数 (an integer 1..${MAX_LIMIT})` });
    if (errors.length > 0) throw ExchangeErrors.invalid(errors);
    const subscriber = await this.subscribers.byPullClient(principal.id);
    if (!subscriber || subscriber.state === 'DISABLED') throw ExchangeErrors.notBound();
    const rows = await this.deliveries.pull(subscriber.event_types, cursor, limit);
    return {
      items: rows.map((r) => projectEvent(r.cloud_event, subscriber.data_view)),
      nextCursor: String(rows.length > 0 ? rows[rows.length - 1].position : cursor),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { assertStaff } from '@hn/auth';
import {
  DeliveryPageV1,
  DeliveryV1,
  EXCHANGE_STREAMS,
  MAX_EXCHANGE_LIST,
  MAX_REPLAY_DAYS,
  Principal,
  ReplayRequestV1,
  ReplayResultV1,
} from '@hn/messages';
import { ExchangeErrors } from '../subscribers/exchange.exception';
import { SubscriberService } from '../subscribers/subscriber.service';
import { DeliveryRepository } from './delivery.repository';

/**
 * ADMIN operations on deliveries: history, redeliver one event, replay a time or stream-sequence range, dead letters. The
 * bodies were validated with their Rpc entries' classes by @RpcHandler (ids, limit, range, event ids).
 */
@Injectable()
export class DeliveryAdminService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly subscribers: SubscriberService,
  ) {}

  async list(principal: Principal, subscriberId: string, limit?: number): Promise<DeliveryPageV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(subscriberId);
    return { items: await this.deliveries.list(subscriber.id, { limit: limit ?? 100 }) };
  }

  async redeliver(principal: Principal, subscriberId: string, eventId: string): Promise<DeliveryV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(subscriberId);
    const queued = await this.deliveries.requeue(subscriber.id, { eventIds: [eventId] });
    if (queued === 0) throw ExchangeErrors.deliveryNotFound(eventId);
    return (await this.deliveries.list(subscriber.id, { eventId, limit: 1 }))[0];
  }

  async replay(principal: Principal, body: ReplayRequestV1): Promise<ReplayResultV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(body.subscriberId);
    if (body.fromSequence === undefined || body.toSequence === undefined) {
      const queued = await this.deliveries.requeue(subscriber.id, {
        from: new Date(body.from!),
        to: new Date(body.to!),
      });
      return { queued };
    }
    const sequences = { stream: body.stream ?? EXCHANGE_STREAMS[0], from: body.fromSequence, to: body.toSequence };
    const span = await this.deliveries.sequenceSpan(sequences.stream, sequences.from, sequences.to);
    if (span.last === null || sequences.to > span.last)
      throw ExchangeErrors.invalid([
        {
          field: 'toSequence',
          reason: `不能超过已收到的最后流序号 ${span.last ?? 0} (not in the future: the last sequence received is ${span.last ?? 0})`,
        },
      ]);
    if (span.earliest && span.latest && span.latest.getTime() - span.earliest.getTime() > MAX_REPLAY_DAYS * 86_400_000)
      throw ExchangeErrors.invalid([
        {
          field: 'toSequence',
          reason: `范围内事件跨度不超过 ${MAX_REPLAY_DAYS} 天 (the events of the range span at most ${MAX_REPLAY_DAYS} days)`,
        },
      ]);
    return { queued: await this.deliveries.requeue(subscriber.id, { sequences }) };
  }

  async deadLetters(principal: Principal, subscriberId: string): Promise<DeliveryPageV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(subscriberId);
    return { items: await this.deliveries.list(subscriber.id, { state: 'DEAD', limit: MAX_EXCHANGE_LIST }) };
  }

  async requeueDead(principal: Principal, subscriberId: string, eventIds?: string[]): Promise<ReplayResultV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(subscriberId);
    return { queued: await this.deliveries.requeue(subscriber.id, { eventIds, deadOnly: true }) };
  }
}

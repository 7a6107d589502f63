import { Injectable } from '@nestjs/common';
import { assertStaff } from '@hn/auth';
import {
  checkReplayRange,
  DeliveryPageV1,
  DeliveryV1,
  isExchangeId,
  Principal,
  ReplayRequestV1,
  ReplayResultV1,
} from '@hn/messages';
import { ExchangeErrors } from '../subscribers/exchange.exception';
import { SubscriberService } from '../subscribers/subscriber.service';
import { DeliveryRepository } from './delivery.repository';

const MAX_LIST = 500;

/** ADMIN operations on deliveries: history, redeliver one event, replay a time range, dead letters. */
@Injectable()
export class DeliveryAdminService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly subscribers: SubscriberService,
  ) {}

  async list(principal: Principal, subscriberId: string, limit?: number): Promise<DeliveryPageV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(subscriberId);
    const n = Number.isInteger(limit) && limit! > 0 ? Math.min(limit!, MAX_LIST) : 100;
    return { items: await this.deliveries.list(subscriber.id, { limit: n }) };
  }

  async redeliver(principal: Principal, subscriberId: string, eventId: string): Promise<DeliveryV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(subscriberId);
    if (!isExchangeId(eventId)) throw ExchangeErrors.deliveryNotFound(String(eventId ?? ''));
    const queued = await this.deliveries.requeue(subscriber.id, { eventIds: [eventId] });
    if (queued === 0) throw ExchangeErrors.deliveryNotFound(eventId);
    return (await this.deliveries.list(subscriber.id, { eventId, limit: 1 }))[0];
  }

  async replay(principal: Principal, body: ReplayRequestV1): Promise<ReplayResultV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(body.subscriberId);
    const { subscriberId: _, ...range } = body;
    const errors = checkReplayRange(range, new Date());
    if (errors.length > 0) throw ExchangeErrors.invalid(errors);
    const queued = await this.deliveries.requeue(subscriber.id, { from: new Date(body.from), to: new Date(body.to) });
    return { queued };
  }

  async deadLetters(principal: Principal, subscriberId: string): Promise<DeliveryPageV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(subscriberId);
    return { items: await this.deliveries.list(subscriber.id, { state: 'DEAD', limit: MAX_LIST }) };
  }

  async requeueDead(principal: Principal, subscriberId: string, eventIds?: string[]): Promise<ReplayResultV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const subscriber = await this.subscribers.load(subscriberId);
    if (eventIds !== undefined && (!Array.isArray(eventIds) || eventIds.length > 1000 || !eventIds.every(isExchangeId)))
      throw ExchangeErrors.invalid([
        { field: 'eventIds', reason: '须为事件 id（UUID）列表，≤ 1000 (a list of event ids)' },
      ]);
    return { queued: await this.deliveries.requeue(subscriber.id, { eventIds, deadOnly: true }) };
  }
}

import { Injectable } from '@nestjs/common';
import {
  DeliveryPageV1,
  DeliveryV1,
  ExchangeEventPageV1,
  ExchangeManifestV1,
  Principal,
  ReplayRangeV1,
  ReplayResultV1,
  Rpc,
  SubscriberInputV1,
  SubscriberPageV1,
  SubscriberPatchV1,
  SubscriberV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { Audited } from '../supervision/supervision-gateway.service';

/** What the audit trail keeps of a subscriber: never a secret. */
function auditable(s: SubscriberV1): Omit<SubscriberV1, 'secret'> {
  const { secret: _secret, ...rest } = s;
  return rest;
}

/** Gateway side of 数据推送: the exchange service checks role, payload and URL allowlist again. */
@Injectable()
export class ExchangeGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  async create(principal: Principal, body: SubscriberInputV1, cid: string): Promise<Audited<SubscriberV1>> {
    const created = await this.rpc.call(Rpc.exchangeSubscriberCreate, principal, body, cid);
    return { ...created, audit: { before: null, after: auditable(created), target: `subscriberId=${created.id}` } };
  }

  list(principal: Principal, cid: string): Promise<SubscriberPageV1> {
    return this.rpc.call(Rpc.exchangeSubscriberList, principal, {}, cid);
  }

  get(principal: Principal, subscriberId: string, cid: string): Promise<SubscriberV1> {
    return this.rpc.call(Rpc.exchangeSubscriberGet, principal, { subscriberId }, cid);
  }

  async update(
    principal: Principal,
    subscriberId: string,
    patch: SubscriberPatchV1,
    cid: string,
  ): Promise<Audited<SubscriberV1>> {
    const before = await this.get(principal, subscriberId, cid);
    const after = await this.rpc.call(Rpc.exchangeSubscriberUpdate, principal, { subscriberId, patch }, cid);
    return { ...after, audit: { before: auditable(before), after: auditable(after) } };
  }

  deliveries(
    principal: Principal,
    subscriberId: string,
    limit: number | undefined,
    cid: string,
  ): Promise<DeliveryPageV1> {
    return this.rpc.call(Rpc.exchangeDeliveryList, principal, { subscriberId, ...(limit ? { limit } : {}) }, cid);
  }

  async redeliver(
    principal: Principal,
    subscriberId: string,
    eventId: string,
    cid: string,
  ): Promise<Audited<DeliveryV1>> {
    const delivery = await this.rpc.call(Rpc.exchangeRedeliver, principal, { subscriberId, eventId }, cid);
    return { ...delivery, audit: { before: null, after: { eventId, state: delivery.state } } };
  }

  async replay(
    principal: Principal,
    subscriberId: string,
    range: ReplayRangeV1,
    cid: string,
  ): Promise<Audited<ReplayResultV1>> {
    const result = await this.rpc.call(Rpc.exchangeReplay, principal, { subscriberId, ...range }, cid);
    return { ...result, audit: { before: null, after: { ...range, queued: result.queued } } };
  }

  deadLetters(principal: Principal, subscriberId: string, cid: string): Promise<DeliveryPageV1> {
    return this.rpc.call(Rpc.exchangeDeadLetterList, principal, { subscriberId }, cid);
  }

  async requeue(
    principal: Principal,
    subscriberId: string,
    body: { eventIds?: string[] },
    cid: string,
  ): Promise<Audited<ReplayResultV1>> {
    const result = await this.rpc.call(Rpc.exchangeDeadLetterRequeue, principal, { subscriberId, ...body }, cid);
    return { ...result, audit: { before: null, after: { ...body, queued: result.queued } } };
  }

  pull(principal: Principal, query: { cursor?: string; limit?: number }, cid: string): Promise<ExchangeEventPageV1> {
    return this.rpc.call(Rpc.exchangeEventsPull, principal, query, cid);
  }

  manifest(principal: Principal, subscriberId: string, date: string, cid: string): Promise<ExchangeManifestV1> {
    return this.rpc.call(Rpc.exchangeManifestGet, principal, { subscriberId, date }, cid);
  }

  ownManifest(principal: Principal, date: string, cid: string): Promise<ExchangeManifestV1> {
    return this.rpc.call(Rpc.exchangeManifestPull, principal, { date }, cid);
  }
}

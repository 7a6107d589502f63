import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  DeliveryPageV1,
  DeliveryV1,
  ExchangeEventPageV1,
  ExchangeManifestV1,
  ReplayResultV1,
  Rpc,
  RpcPayload,
  SubscriberPageV1,
  SubscriberV1,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { DeliveryAdminService } from './delivery/delivery-admin.service';
import { ManifestService } from './manifests/manifest.service';
import { PullService } from './pull/pull.service';
import { SubscriberService } from './subscribers/subscriber.service';

/** NATS request/reply handlers of the exchange service (queue group "exchange"). */
@Controller()
export class ExchangeController {
  constructor(
    private readonly subscribers: SubscriberService,
    private readonly deliveries: DeliveryAdminService,
    private readonly pulls: PullService,
    private readonly manifests: ManifestService,
  ) {}

  @RpcHandler(Rpc.exchangeSubscriberCreate)
  create(@Payload() req: RpcPayload<typeof Rpc.exchangeSubscriberCreate>): Promise<SubscriberV1> {
    return this.subscribers.create(req.principal, req.body);
  }

  @RpcHandler(Rpc.exchangeSubscriberList)
  list(@Payload() req: RpcPayload<typeof Rpc.exchangeSubscriberList>): Promise<SubscriberPageV1> {
    return this.subscribers.list(req.principal);
  }

  @RpcHandler(Rpc.exchangeSubscriberGet)
  get(@Payload() req: RpcPayload<typeof Rpc.exchangeSubscriberGet>): Promise<SubscriberV1> {
    return this.subscribers.get(req.principal, req.body.subscriberId);
  }

  @RpcHandler(Rpc.exchangeSubscriberUpdate)
  update(@Payload() req: RpcPayload<typeof Rpc.exchangeSubscriberUpdate>): Promise<SubscriberV1> {
    return this.subscribers.update(req.principal, req.body.subscriberId, req.body.patch);
  }

  @RpcHandler(Rpc.exchangeDeliveryList)
  deliveryList(@Payload() req: RpcPayload<typeof Rpc.exchangeDeliveryList>): Promise<DeliveryPageV1> {
    return this.deliveries.list(req.principal, req.body.subscriberId, req.body.limit);
  }

  @RpcHandler(Rpc.exchangeRedeliver)
  redeliver(@Payload() req: RpcPayload<typeof Rpc.exchangeRedeliver>): Promise<DeliveryV1> {
    return this.deliveries.redeliver(req.principal, req.body.subscriberId, req.body.eventId);
  }

  @RpcHandler(Rpc.exchangeReplay)
  replay(@Payload() req: RpcPayload<typeof Rpc.exchangeReplay>): Promise<ReplayResultV1> {
    return this.deliveries.replay(req.principal, req.body);
  }

  @RpcHandler(Rpc.exchangeDeadLetterList)
  deadLetters(@Payload() req: RpcPayload<typeof Rpc.exchangeDeadLetterList>): Promise<DeliveryPageV1> {
    return this.deliveries.deadLetters(req.principal, req.body.subscriberId);
  }

  @RpcHandler(Rpc.exchangeDeadLetterRequeue)
  requeue(@Payload() req: RpcPayload<typeof Rpc.exchangeDeadLetterRequeue>): Promise<ReplayResultV1> {
    return this.deliveries.requeueDead(req.principal, req.body.subscriberId, req.body.eventIds);
  }

  @RpcHandler(Rpc.exchangeEventsPull)
  pull(@Payload() req: RpcPayload<typeof Rpc.exchangeEventsPull>): Promise<ExchangeEventPageV1> {
    return this.pulls.pull(req.principal, req.body);
  }

  @RpcHandler(Rpc.exchangeManifestGet)
  manifest(@Payload() req: RpcPayload<typeof Rpc.exchangeManifestGet>): Promise<ExchangeManifestV1> {
    return this.manifests.forAdmin(req.principal, req.body.subscriberId, req.body.date);
  }

  @RpcHandler(Rpc.exchangeManifestPull)
  ownManifest(@Payload() req: RpcPayload<typeof Rpc.exchangeManifestPull>): Promise<ExchangeManifestV1> {
    return this.manifests.forCredential(req.principal, req.body.date);
  }
}

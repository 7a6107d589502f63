import { DynamicModule, Module } from '@nestjs/common';
import { ContractsEvents, EscrowEvents, PresaleEvents, Rpc } from '@hn/messages';
import { ServiceKitModule } from '@hn/service-kit';
import { EXCHANGE_CONFIG, ExchangeConfig } from './config/exchange.config';
import { DeliveryAdminService } from './delivery/delivery-admin.service';
import { DeliveryDispatcher } from './delivery/delivery-dispatcher';
import { DeliveryRepository } from './delivery/delivery.repository';
import { ExchangeMetrics } from './delivery/exchange.metrics';
import { ExchangeController } from './exchange.controller';
import {
  ExchangeContractsIngestConsumer,
  ExchangeEscrowIngestConsumer,
} from './ingest/exchange-ingest-others.consumer';
import { ExchangeIngestConsumer } from './ingest/exchange-ingest.consumer';
import { ManifestRepository } from './manifests/manifest.repository';
import { ManifestScheduler } from './manifests/manifest-scheduler';
import { ManifestService } from './manifests/manifest.service';
import { exchangeMigrations } from './migrations';
import { PullService } from './pull/pull.service';
import { SubscriberRepository } from './subscribers/subscriber.repository';
import { SubscriberService } from './subscribers/subscriber.service';

/** 数据推送 (presale permits, signing statistics, escrow records): the subscriber registry, webhook deliveries, the pull API and the daily completeness manifests, on the presale stream. */
@Module({})
export class ExchangeAppModule {
  static register(config: ExchangeConfig): DynamicModule {
    return {
      module: ExchangeAppModule,
      imports: [
        ServiceKitModule.forService({
          service: 'exchange',
          config,
          configToken: EXCHANGE_CONFIG,
          migrations: exchangeMigrations,
          // the consumed stream is ensured too, so the consumer can start before presale ever ran
          streams: [
            { name: PresaleEvents.stream, subjects: [...PresaleEvents.streamSubjects] },
            { name: ContractsEvents.stream, subjects: [...ContractsEvents.streamSubjects] },
            { name: EscrowEvents.stream, subjects: [...EscrowEvents.streamSubjects] },
          ],
          health: { rpc: Rpc.exchangeHealth },
        }),
      ],
      controllers: [ExchangeController],
      providers: [
        SubscriberRepository,
        SubscriberService,
        DeliveryRepository,
        DeliveryAdminService,
        DeliveryDispatcher,
        ExchangeMetrics,
        PullService,
        ExchangeIngestConsumer,
        ExchangeContractsIngestConsumer,
        ExchangeEscrowIngestConsumer,
        ManifestRepository,
        ManifestService,
        ManifestScheduler,
      ],
    };
  }
}

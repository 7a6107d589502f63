import { Module } from '@nestjs/common';
import { AdminExchangeController } from './admin-exchange.controller';
import { ExchangeCatalogueController } from './exchange-catalogue.controller';
import { ExchangeEventsController } from './exchange-events.controller';
import { ExchangeGatewayService } from './exchange-gateway.service';
import { ExchangeManifestsController } from './exchange-manifests.controller';

/** 数据推送 (ADMIN registry and deliveries; the pull API), in front of the exchange service. */
@Module({
  controllers: [
    AdminExchangeController,
    ExchangeEventsController,
    ExchangeManifestsController,
    ExchangeCatalogueController,
  ],
  providers: [ExchangeGatewayService],
})
export class ExchangeModule {}

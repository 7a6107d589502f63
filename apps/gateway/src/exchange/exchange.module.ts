import { Module } from '@nestjs/common';
import { AdminExchangeController } from './admin-exchange.controller';
import { ExchangeCatalogueController } from './exchange-catalogue.controller';
import { ExchangeEventsController } from './exchange-events.controller';
import { ExchangeGatewayService } from './exchange-gateway.service';

/** 数据推送 (ADMIN registry and deliveries; the pull API), in front of the exchange service. */
@Module({
  controllers: [AdminExchangeController, ExchangeEventsController, ExchangeCatalogueController],
  providers: [ExchangeGatewayService],
})
export class ExchangeModule {}

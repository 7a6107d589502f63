import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@hn/service-kit';
import { ExchangeAppModule } from './app.module';
import { ExchangeConfig } from './config/exchange.config';

export function createExchangeApp(config: ExchangeConfig): Promise<INestApplication> {
  return createServiceApp(ExchangeAppModule.register(config), {
    service: 'exchange',
    natsUrl: config.natsUrl,
    port: config.port,
    host: config.host,
  });
}

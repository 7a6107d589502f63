import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@hn/service-kit';
import { PresaleAppModule } from './app.module';
import { PresaleConfig } from './config/presale.config';

export function createPresaleApp(config: PresaleConfig): Promise<INestApplication> {
  return createServiceApp(PresaleAppModule.register(config), {
    service: 'presale',
    natsUrl: config.natsUrl,
    port: config.port,
    host: config.host,
  });
}

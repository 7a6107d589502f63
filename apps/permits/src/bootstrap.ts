import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@hn/service-kit';
import { PermitsAppModule } from './app.module';
import { PermitsConfig } from './config/permits.config';

export function createPermitsApp(config: PermitsConfig): Promise<INestApplication> {
  return createServiceApp(PermitsAppModule.register(config), {
    service: 'permits',
    natsUrl: config.natsUrl,
    port: config.port,
    host: config.host,
  });
}

import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@hn/service-kit';
import { EscrowAppModule } from './app.module';
import { EscrowConfig } from './config/escrow.config';

export function createEscrowApp(config: EscrowConfig): Promise<INestApplication> {
  return createServiceApp(EscrowAppModule.register(config), {
    service: 'escrow',
    natsUrl: config.natsUrl,
    port: config.port,
    host: config.host,
  });
}

import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@hn/service-kit';
import { ContractsAppModule } from './app.module';
import { ContractsConfig } from './config/contracts.config';

export function createContractsApp(config: ContractsConfig): Promise<INestApplication> {
  return createServiceApp(ContractsAppModule.register(config), {
    service: 'contracts',
    natsUrl: config.natsUrl,
    port: config.port,
    host: config.host,
  });
}

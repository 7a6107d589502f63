import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@hn/service-kit';
import { AlertsAppModule, AlertsAppOptions } from './app.module';
import { AlertsConfig } from './config/alerts.config';

export function createAlertsApp(config: AlertsConfig, options: AlertsAppOptions = {}): Promise<INestApplication> {
  return createServiceApp(AlertsAppModule.register(config, options), {
    service: 'alerts',
    natsUrl: config.natsUrl,
    port: config.port,
    host: config.host,
  });
}

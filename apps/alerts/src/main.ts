import 'reflect-metadata';
import { redactConfig } from '@hn/service-kit';
import { createAlertsApp } from './bootstrap';
import { ALERTS_SECRETS, validateAlertsConfig } from './config/alerts.config';

async function main(): Promise<void> {
  const config = validateAlertsConfig(process.env);
  // the environment is read here once; with LOG_LEVEL=debug the validated config is shown, secrets redacted
  if (config.logLevel === 'debug' || config.logLevel === 'trace')
    console.log('alerts config:', JSON.stringify(redactConfig(config, ALERTS_SECRETS)));
  await createAlertsApp(config);
  console.log(`alerts 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('alerts 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

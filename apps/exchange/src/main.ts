import 'reflect-metadata';
import { redactConfig } from '@hn/service-kit';
import { createExchangeApp } from './bootstrap';
import { EXCHANGE_SECRETS, validateExchangeConfig } from './config/exchange.config';

async function main(): Promise<void> {
  const config = validateExchangeConfig(process.env);
  // the environment is read here once; with LOG_LEVEL=debug the validated config is shown, secrets redacted
  if (config.logLevel === 'debug' || config.logLevel === 'trace')
    console.log('exchange config:', JSON.stringify(redactConfig(config, EXCHANGE_SECRETS)));
  await createExchangeApp(config);
  console.log(`exchange 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('exchange 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

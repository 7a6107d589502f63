import 'reflect-metadata';
import { createPresaleApp } from './bootstrap';
import { redactConfig } from '@hn/service-kit';
import { validatePresaleConfig, PRESALE_SECRETS } from './config/presale.config';

async function main(): Promise<void> {
  const config = validatePresaleConfig(process.env);
  // the environment is read here once; with LOG_LEVEL=debug the validated config is shown, secrets redacted
  if (config.logLevel === 'debug' || config.logLevel === 'trace')
    console.log('presale config:', JSON.stringify(redactConfig(config, PRESALE_SECRETS)));
  await createPresaleApp(config);
  console.log(`presale 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('presale 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

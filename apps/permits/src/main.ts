import 'reflect-metadata';
import { createPermitsApp } from './bootstrap';
import { redactConfig } from '@hn/service-kit';
import { validatePermitsConfig, PERMITS_SECRETS } from './config/permits.config';

async function main(): Promise<void> {
  const config = validatePermitsConfig(process.env);
  // the environment is read here once; with LOG_LEVEL=debug the validated config is shown, secrets redacted
  if (config.logLevel === 'debug' || config.logLevel === 'trace')
    console.log('permits config:', JSON.stringify(redactConfig(config, PERMITS_SECRETS)));
  await createPermitsApp(config);
  console.log(`permits 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('permits 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

import 'reflect-metadata';
import { createEscrowApp } from './bootstrap';
import { redactConfig } from '@hn/service-kit';
import { validateEscrowConfig, ESCROW_SECRETS } from './config/escrow.config';

async function main(): Promise<void> {
  const config = validateEscrowConfig(process.env);
  // the environment is read here once; with LOG_LEVEL=debug the validated config is shown, secrets redacted
  if (config.logLevel === 'debug' || config.logLevel === 'trace')
    console.log('escrow config:', JSON.stringify(redactConfig(config, ESCROW_SECRETS)));
  await createEscrowApp(config);
  console.log(`escrow 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('escrow 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

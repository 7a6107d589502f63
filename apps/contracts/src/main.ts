import 'reflect-metadata';
import { createContractsApp } from './bootstrap';
import { redactConfig } from '@hn/service-kit';
import { validateContractsConfig, CONTRACTS_SECRETS } from './config/contracts.config';

async function main(): Promise<void> {
  const config = validateContractsConfig(process.env);
  // the environment is read here once; with LOG_LEVEL=debug the validated config is shown, secrets redacted
  if (config.logLevel === 'debug' || config.logLevel === 'trace')
    console.log('contracts config:', JSON.stringify(redactConfig(config, CONTRACTS_SECRETS)));
  await createContractsApp(config);
  console.log(`contracts 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('contracts 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

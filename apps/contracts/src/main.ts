import 'reflect-metadata';
import { createContractsApp } from './bootstrap';
import { validateContractsConfig } from './config/contracts.config';

async function main(): Promise<void> {
  const config = validateContractsConfig(process.env);
  await createContractsApp(config);
  console.log(`contracts 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('contracts 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

import 'reflect-metadata';
import { createPresaleApp } from './bootstrap';
import { validatePresaleConfig } from './config/presale.config';

async function main(): Promise<void> {
  const config = validatePresaleConfig(process.env);
  await createPresaleApp(config);
  console.log(`presale 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('presale 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

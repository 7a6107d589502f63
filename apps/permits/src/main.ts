import 'reflect-metadata';
import { createPermitsApp } from './bootstrap';
import { validatePermitsConfig } from './config/permits.config';

async function main(): Promise<void> {
  const config = validatePermitsConfig(process.env);
  await createPermitsApp(config);
  console.log(`permits 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('permits 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

import 'reflect-metadata';
import { createEscrowApp } from './bootstrap';
import { validateEscrowConfig } from './config/escrow.config';

async function main(): Promise<void> {
  const config = validateEscrowConfig(process.env);
  await createEscrowApp(config);
  console.log(`escrow 服务已启动 started: http://${config.host}:${config.port}/health`);
}

main().catch((err: unknown) => {
  console.error('escrow 服务启动失败 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

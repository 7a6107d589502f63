import 'reflect-metadata';
import { createGatewayApp } from './bootstrap';
import { validateGatewayConfig } from './config/gateway.config';

async function main(): Promise<void> {
  const config = validateGatewayConfig(process.env);
  await createGatewayApp(config);
  console.log(`网关已启动 gateway listening: ${config.publicBaseUrl}  (API 文档 docs: ${config.publicBaseUrl}/api/docs)`);
}

main().catch((err: unknown) => {
  console.error('网关启动失败 gateway failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

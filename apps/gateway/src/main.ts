import 'reflect-metadata';
import { createGatewayApp } from './bootstrap';
import { redactConfig } from '@hn/service-kit';
import { validateGatewayConfig, GATEWAY_SECRETS } from './config/gateway.config';

async function main(): Promise<void> {
  const config = validateGatewayConfig(process.env);
  // the environment is read here once; with LOG_LEVEL=debug the validated config is shown, secrets redacted
  if (config.logLevel === 'debug' || config.logLevel === 'trace')
    console.log('gateway config:', JSON.stringify(redactConfig(config, GATEWAY_SECRETS)));
  await createGatewayApp(config);
  console.log(
    `网关已启动 gateway listening: ${config.publicBaseUrl}  (API 文档 docs: ${config.publicBaseUrl}/api/docs)`,
  );
}

main().catch((err: unknown) => {
  console.error('网关启动失败 gateway failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

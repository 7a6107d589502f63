import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayAppModule } from '../app.module';
import { GatewayConfig, validateGatewayConfig } from '../config/gateway.config';

/** Settings a preview needs to pass validation; nothing is connected (no database, no NATS, no port). */
export const PREVIEW_ENV: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgres://nobody:none@127.0.0.1:1/none',
  GATEWAY_DB_NAME: 'none',
  NATS_URL: 'nats://127.0.0.1:1',
  GATEWAY_JWT_SECRET: 'x'.repeat(40),
  GATEWAY_PII_KEY: Buffer.alloc(32, 1).fill(2, 16).toString('base64'),
  PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
};

/**
 * The gateway's module graph and routes without instantiating providers (Nest `preview`): enough for
 * the OpenAPI document, never listening, connecting or migrating. `env` overrides PREVIEW_ENV.
 */
export async function createPreviewApp(
  env: Record<string, string | undefined> = {},
): Promise<{ app: INestApplication; config: GatewayConfig }> {
  const config = validateGatewayConfig({ ...PREVIEW_ENV, ...env });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayAppModule.register(config),
    new FastifyAdapter(),
    {
      logger: false,
      preview: true,
    },
  );
  return { app, config };
}

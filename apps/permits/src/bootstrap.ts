import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { types } from 'pg';
import { PermitsAppModule } from './app.module';
import { PermitsConfig } from './config/permits.config';

// DATE columns stay 'YYYY-MM-DD' strings: no time-zone shifts through JS Date.
types.setTypeParser(1082, (v: string) => v);

/** Hybrid app: NATS request/reply (queue group "permits") plus HTTP for /health and /metrics. */
export async function createPermitsApp(config: PermitsConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(PermitsAppModule.register(config), new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.NATS,
    options: { servers: [config.natsUrl], queue: 'permits', name: 'permits-rpc' },
  }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  return app;
}

import { DynamicModule, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';


export interface ServiceAppOptions {
  /** queue group = service name: replicas share requests instead of each answering */
  service: string;
  natsUrl: string;
  port: number;
  host: string;
}

/** A service as a hybrid app: NATS request/reply in its queue group, plus HTTP for /health and /metrics. */
export async function createServiceApp(module: DynamicModule, options: ServiceAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  app.connectMicroservice<MicroserviceOptions>(
    { transport: Transport.NATS, options: { servers: [options.natsUrl], queue: options.service, name: `${options.service}-rpc` } },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  return app;
}

import { DynamicModule, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { MetricsService } from '@hn/observability';
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
  observeHttpDurations(app);
  app.connectMicroservice<MicroserviceOptions>(
    { transport: Transport.NATS, options: { servers: [options.natsUrl], queue: options.service, name: `${options.service}-rpc` } },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  return app;
}

/** /health and /metrics of a service count in the same histogram as the gateway's routes. */
function observeHttpDurations(app: NestFastifyApplication): void {
  const metrics = app.get(MetricsService, { strict: false });
  app.getHttpAdapter().getInstance().addHook('onResponse', (request, reply, done) => {
    metrics.observeHttp(request.method, request.routeOptions?.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

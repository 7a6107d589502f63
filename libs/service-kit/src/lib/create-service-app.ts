import { DynamicModule, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, NatsOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { NATS_RECONNECT_FOREVER, RpcTransportMonitor } from '@hn/messaging';
import { MetricsService, RpcCorrelationInterceptor, trackNatsConnection } from '@hn/observability';
import { Logger } from 'nestjs-pino';
import { NatsConnection } from 'nats';
import { GuardedNatsServer } from './guarded-nats-server';
import { ServiceExceptionFilter } from './service-exception.filter';

export interface ServiceAppOptions {
  /** queue group = service name: replicas share requests instead of each answering */
  service: string;
  natsUrl: string;
  port: number;
  host: string;
}

/**
 * The NATS request/reply transport of a service: its queue group, and reconnecting forever (the
 * nats.js default gives up after 10 attempts, ~20 s, after which the service never answers again).
 */
export function rpcTransportOptions(options: Pick<ServiceAppOptions, 'service' | 'natsUrl'>): NatsOptions {
  return {
    transport: Transport.NATS,
    options: {
      servers: [options.natsUrl],
      queue: options.service,
      name: `${options.service}-rpc`,
      ...NATS_RECONNECT_FOREVER,
    },
  };
}

/**
 * A service as a hybrid app: NATS request/reply in its queue group, plus HTTP for /health and /metrics.
 * Every RPC handler runs under the correlation interceptor (the gateway's correlation id in the logs,
 * the rpc duration histogram) and the RPC problem filter (DomainException → its problem, anything
 * else → INTERNAL without a stack); both only on the RPC transport, HTTP keeps Nest's own handling.
 * Every reply goes through the guarded NATS server: one over the connection's max_payload is answered
 * 413 PAYLOAD_TOO_LARGE instead of crashing the process (GuardedNatsServer).
 */
export async function createServiceApp(module: DynamicModule, options: ServiceAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  observeHttpDurations(app);
  // global, inherited by the RPC transport; both act on RPC only (HTTP keeps Nest's handling)
  app.useGlobalInterceptors(new RpcCorrelationInterceptor(app.get(MetricsService, { strict: false })));
  app.useGlobalFilters(new ServiceExceptionFilter(app.getHttpAdapter()));
  const microservice = app.connectMicroservice<MicroserviceOptions>(
    { strategy: new GuardedNatsServer(rpcTransportOptions(options).options!) },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  // /health reports the transport's own connection (ServiceKitModule provides the monitor).
  const rpcConnection = microservice.unwrap<NatsConnection>();
  monitorOf(app)?.attach(rpcConnection);
  trackNatsConnection(app.get(MetricsService, { strict: false }), 'rpc', rpcConnection);
  await app.listen(options.port, options.host);
  return app;
}

/** /health and /metrics of a service count in the same histogram as the gateway's routes. */
function observeHttpDurations(app: NestFastifyApplication): void {
  const metrics = app.get(MetricsService, { strict: false });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      metrics.observeHttp(
        request.method,
        request.routeOptions?.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
}

function monitorOf(app: INestApplication): RpcTransportMonitor | undefined {
  try {
    return app.get(RpcTransportMonitor, { strict: false });
  } catch {
    return undefined;
  }
}

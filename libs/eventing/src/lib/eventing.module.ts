import { DynamicModule, Logger, Module } from '@nestjs/common';
import { NATS_RECONNECT_FOREVER } from '@hn/messaging';
import { MetricsService, trackNatsConnection } from '@hn/observability';
import { PersistenceConfig } from '@hn/persistence';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { ensureStream } from './ensure-stream';
import { EventingLifecycle } from './eventing-lifecycle';
import { EventingMetrics, outboxLagObserver } from './eventing-metrics';
import { EVENTING_OPTIONS, EventingModuleOptions } from './eventing-module-options';
import { EVENT_SOURCE, NATS_CONNECTION } from './nats-connection.token';
import { OutboxRelay } from './outbox-relay';

/**
 * A service's events: the NATS connection (reconnecting forever, its streams ensured), the outbox
 * relay and the outbox/consumer gauges. Global, so feature modules inject `@InjectNats()`,
 * `@InjectEventSource()` and `OutboxRelay` without importing it. Needs the global `DataSource` of
 * PersistenceModule (with `outboxEntities` among its entities). Starts the relay on bootstrap and
 * stops relay → NATS (drain) → pool on shutdown. Stop your `IdempotentConsumer`s in `onModuleDestroy`.
 */
@Module({})
export class EventingModule {
  static forService(options: EventingModuleOptions): DynamicModule {
    return {
      module: EventingModule,
      global: true,
      providers: [
        { provide: EVENTING_OPTIONS, useValue: options },
        { provide: EVENT_SOURCE, useValue: options.eventSource },
        {
          provide: NATS_CONNECTION,
          inject: [{ token: MetricsService, optional: true }],
          useFactory: async (metrics?: MetricsService) => {
            const nc = await connectServiceNats(options);
            if (metrics) trackNatsConnection(metrics, 'events', nc);
            return nc;
          },
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, NATS_CONNECTION, { token: MetricsService, optional: true }],
          useFactory: (dataSource: DataSource, natsConnection: NatsConnection, metrics?: MetricsService) =>
            new OutboxRelay({
              ...options.relay,
              dataSource,
              natsConnection,
              logger: new Logger('OutboxRelay'),
              onPublished: metrics ? outboxLagObserver(metrics) : undefined,
            }),
        },
        EventingLifecycle,
        EventingMetrics,
      ],
      exports: [NATS_CONNECTION, OutboxRelay, EVENT_SOURCE, EVENTING_OPTIONS],
    };
  }
}

async function connectServiceNats(options: EventingModuleOptions): Promise<NatsConnection> {
  // the address of the service's validated config (never the environment after boot), checked once more
  const nc = await connect({
    servers: PersistenceConfig.fromEnv({ NATS_URL: options.natsUrl }).natsServers,
    name: `hn-${options.serviceName}`,
    // Never give up reconnecting: the outbox keeps events safe while NATS is away.
    ...NATS_RECONNECT_FOREVER,
  });
  try {
    const jsm = await nc.jetstreamManager();
    for (const stream of options.streams) await ensureStream(jsm, stream);
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw err;
  }
  return nc;
}

import { DynamicModule, Logger, Module } from '@nestjs/common';
import { MetricsService, trackNatsConnection } from '@hn/observability';
import { NATS_RECONNECT_FOREVER, RpcTransportMonitor } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createServiceDataSource } from './create-service-data-source';
import { ensureDatabase } from './ensure-database';
import { ensureStream } from './ensure-stream';
import { EVENT_SOURCE, NATS_CONNECTION } from './nats-connection.token';
import { OutboxRelay } from './outbox-relay';
import { outboxEntities } from './outbox-entities';
import { PersistenceConfig } from './persistence-config';
import { PersistenceLifecycle } from './persistence-lifecycle';
import { PERSISTENCE_OPTIONS, PersistenceModuleOptions } from './persistence-module-options';
import { runMigrationsLocked } from './run-migrations-locked';
import { outboxLagObserver, PersistenceMetrics } from './persistence-metrics';

/**
 * A service's database and NATS, ready before anything else is constructed: the database is
 * created if missing, migrated under the advisory lock, the service's streams exist. Global, so
 * feature modules inject `DataSource`, `@InjectNats()` and `OutboxRelay` without importing it.
 */
@Module({})
export class PersistenceModule {
  static forService(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        { provide: PERSISTENCE_OPTIONS, useValue: options },
        { provide: EVENT_SOURCE, useValue: options.eventSource },
        { provide: DataSource, useFactory: () => openServiceDatabase(options) },
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
        // createServiceApp attaches the RPC transport's connection to it, /health reads it
        { provide: RpcTransportMonitor, useValue: new RpcTransportMonitor() },
        PersistenceLifecycle,
        PersistenceMetrics,
      ],
      exports: [DataSource, NATS_CONNECTION, OutboxRelay, EVENT_SOURCE, PERSISTENCE_OPTIONS, RpcTransportMonitor],
    };
  }
}

/** The addresses of the service's validated config (never the environment after boot), checked once more. */
function config(options: PersistenceModuleOptions): PersistenceConfig {
  return PersistenceConfig.fromEnv({ DATABASE_URL: options.serverUrl, NATS_URL: options.natsUrl });
}

async function openServiceDatabase(options: PersistenceModuleOptions): Promise<DataSource> {
  const { serverUrl } = config(options);
  await ensureDatabase(serverUrl, options.database);
  const own = Array.isArray(options.entities) ? options.entities : Object.values(options.entities);
  const entities = [...outboxEntities, ...own.filter((e) => !(outboxEntities as unknown[]).includes(e))];
  const dataSource = createServiceDataSource({
    serverUrl,
    database: options.database,
    entities,
    migrations: options.migrations,
    poolSize: options.poolSize,
    applicationName: `hn-${options.serviceName}`,
  });
  await dataSource.initialize();
  try {
    const executed = await runMigrationsLocked(dataSource);
    if (executed.length > 0) new Logger('Persistence').log(`ran ${executed.length} migration(s) on ${options.database}: ${executed.map((m) => m.name).join(', ')}`);
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  return dataSource;
}

async function connectServiceNats(options: PersistenceModuleOptions): Promise<NatsConnection> {
  const nc = await connect({
    servers: config(options).natsServers,
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

import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RpcDef, ServiceHealthV1 } from '@hn/messages';
import { EnsureStreamOptions, EventingModule, EventingModuleOptions, outboxEntities } from '@hn/eventing';
import { RpcTransportMonitor } from '@hn/messaging';
import { ObservabilityModule } from '@hn/observability';
import { EntityList, MigrationList, PersistenceModule } from '@hn/persistence';
import { ServiceConfigModule } from './service-config';
import { ServiceEnv } from './service-env';
import { createServiceHealthController } from './service-health.controller';

export interface ServiceKitOptions<C extends ServiceEnv> {
  /** e.g. "permits": logger/metrics label, NATS and pg connection names, the RPC queue group. */
  service: string;
  /** The service's validated config (validated once in main.ts) and its DI token. */
  config: C;
  configToken: symbol;
  /** The service's migrations, CreateOutboxInbox1700000000000 first. */
  migrations: MigrationList;
  /** Entities of the service (usually none: raw SQL); the outbox/inbox entities are added. */
  entities?: EntityList;
  /** Streams the service publishes to, and those it consumes before their owner ever ran. */
  streams: EnsureStreamOptions[];
  /** CloudEvents source, default "/hn/<service>". */
  eventSource?: string;
  /** The service's health entry of the Rpc map; objectStore: it stages scans in the JetStream object store. */
  health: { rpc: RpcDef<Record<string, never>, ServiceHealthV1, 'public'>; objectStore?: boolean };
  poolSize?: number;
  relay?: EventingModuleOptions['relay'];
  startRelay?: boolean;
}

/**
 * Everything a service shares with the others, in one import: its validated config (global, by
 * token), logging + Prometheus metrics (ObservabilityModule), its database migrated under the lock
 * (PersistenceModule), NATS + streams + outbox relay (EventingModule) and /health over HTTP and
 * NATS (database, NATS events connection, RPC transport). The app module states only its features;
 * start it with createServiceApp (RPC transport, global RPC problem filter and correlation interceptor).
 */
@Module({})
export class ServiceKitModule {
  static forService<C extends ServiceEnv>(options: ServiceKitOptions<C>): DynamicModule {
    const { service, config } = options;
    const own = !options.entities
      ? []
      : Array.isArray(options.entities)
        ? options.entities
        : Object.values(options.entities);
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        ServiceConfigModule.forRoot(options.configToken, config),
        ObservabilityModule.forService(service, { logLevel: config.logLevel }),
        PersistenceModule.forService({
          serviceName: service,
          serverUrl: config.databaseUrl,
          database: config.databaseName,
          entities: [...outboxEntities, ...own.filter((e) => !(outboxEntities as unknown[]).includes(e))],
          migrations: options.migrations,
          poolSize: options.poolSize,
        }),
        EventingModule.forService({
          serviceName: service,
          natsUrl: config.natsUrl,
          eventSource: options.eventSource ?? `/hn/${service}`,
          streams: options.streams,
          relay: options.relay,
          startRelay: options.startRelay,
        }),
        TerminusModule,
      ],
      controllers: [
        createServiceHealthController(service, options.health.rpc, { objectStore: options.health.objectStore }),
      ],
      // createServiceApp attaches the RPC transport's connection to it, /health reads it
      providers: [{ provide: RpcTransportMonitor, useValue: new RpcTransportMonitor() }],
      exports: [RpcTransportMonitor],
    };
  }
}

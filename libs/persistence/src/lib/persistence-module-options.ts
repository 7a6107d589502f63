import { OutboxRelayOptions } from './outbox-relay';
import { EntityList, MigrationList } from './create-service-data-source';
import { EnsureStreamOptions } from './ensure-stream';

export interface PersistenceModuleOptions {
  /** e.g. "permits"; names the NATS connection and the pg application. */
  serviceName: string;
  /** The service's own database on the server. */
  database: string;
  /** Entities of the service; the outbox/inbox entities are added automatically. */
  entities: EntityList;
  /** The service's migrations (CreateOutboxInbox1700000000000 first). */
  migrations: MigrationList;
  /** CloudEvents source, e.g. "/hn/permits" (injectable with @InjectEventSource()). */
  eventSource: string;
  /** Streams this service publishes to, created or updated at start. */
  streams: EnsureStreamOptions[];
  /** The Postgres server of the service's validated config (DATABASE_URL read once at boot). */
  serverUrl: string;
  /** NATS server(s) of the service's validated config (NATS_URL read once at boot). */
  natsUrl: string;
  poolSize?: number;
  /** Relay tuning (batch size, poll interval, …). */
  relay?: Omit<OutboxRelayOptions, 'dataSource' | 'natsConnection' | 'logger'>;
  /** Default true; a CLI or a read-only process may not want a relay. */
  startRelay?: boolean;
}

export const PERSISTENCE_OPTIONS = 'HN_PERSISTENCE_OPTIONS';

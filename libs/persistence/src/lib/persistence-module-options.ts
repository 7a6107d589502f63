import { EntityList, MigrationList } from './create-service-data-source';

export interface PersistenceModuleOptions {
  /** e.g. "permits"; names the pg application (hn-permits). */
  serviceName: string;
  /** The service's own database on the server. */
  database: string;
  /** Every entity of the DataSource (the service kit adds the outbox/inbox entities of @hn/eventing). */
  entities: EntityList;
  /** The service's migrations (CreateOutboxInbox1700000000000 of @hn/eventing first). */
  migrations: MigrationList;
  /** The Postgres server of the service's validated config (DATABASE_URL read once at boot). */
  serverUrl: string;
  poolSize?: number;
}

export const PERSISTENCE_OPTIONS = 'HN_PERSISTENCE_OPTIONS';

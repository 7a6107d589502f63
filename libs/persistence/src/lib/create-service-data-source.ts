import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { serviceDatabaseUrl } from './database-name';
import { types } from 'pg';

// DATE columns stay 'YYYY-MM-DD' strings: no time-zone shifts through JS Date.
types.setTypeParser(1082, (v: string) => v);

export type EntityList = NonNullable<PostgresConnectionOptions['entities']>;
export type MigrationList = NonNullable<PostgresConnectionOptions['migrations']>;

export interface ServiceDataSourceOptions {
  /** Postgres server address (DATABASE_URL); its database part is replaced by `database`. */
  serverUrl: string;
  /** The service's own database. */
  database: string;
  entities: EntityList;
  migrations: MigrationList;
  /** Pool size (pg Pool `max`), default 10. */
  poolSize?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

/** A TypeORM DataSource for one service database: never synchronizes, migrations run explicitly. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: serviceDatabaseUrl(options.serverUrl, options.database),
    entities: options.entities,
    migrations: options.migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    applicationName: options.applicationName ?? options.database,
    connectTimeoutMS: 10_000,
    extra: { max: options.poolSize ?? 10 },
  });
}

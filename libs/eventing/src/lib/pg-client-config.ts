import { ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** Connection settings of a TypeORM postgres DataSource, for a dedicated (non-pool) pg Client. */
export function pgClientConfig(dataSource: DataSource, applicationName: string): ClientConfig {
  const o = dataSource.options as PostgresConnectionOptions;
  if (o.type !== 'postgres') throw new Error(`expected a postgres DataSource, got ${o.type}`);
  // TypeORM types `ssl` as server-side TlsOptions; pg takes the same object as client options.
  const ssl = o.ssl as ClientConfig['ssl'];
  const base: ClientConfig = {
    application_name: applicationName,
    connectionTimeoutMillis: o.connectTimeoutMS ?? 10_000,
    keepAlive: true,
  };
  if (o.url) return { ...base, connectionString: o.url, ssl };
  return { ...base, host: o.host, port: o.port, user: o.username, password: o.password, database: o.database, ssl };
}

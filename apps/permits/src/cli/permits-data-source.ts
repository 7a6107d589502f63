import { createServiceDataSource, ensureDatabase, runMigrationsLocked } from '@hn/persistence';
import { DataSource } from 'typeorm';
import { permitsEntities } from '../app.module';
import { validatePermitsConfig } from '../config/permits.config';
import { permitsMigrations } from '../migrations';

/** The permits database for operator commands: created if missing and migrated, like the service does. */
export async function openPermitsDataSource(): Promise<DataSource> {
  const config = validatePermitsConfig(process.env);
  await ensureDatabase(config.databaseUrl, config.databaseName);
  const dataSource = createServiceDataSource({
    serverUrl: config.databaseUrl,
    database: config.databaseName,
    entities: permitsEntities,
    migrations: permitsMigrations,
    poolSize: 4,
  });
  await dataSource.initialize();
  await runMigrationsLocked(dataSource);
  return dataSource;
}

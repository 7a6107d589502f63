import { DynamicModule, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createServiceDataSource } from './create-service-data-source';
import { ensureDatabase } from './ensure-database';
import { PersistenceConfig } from './persistence-config';
import { PERSISTENCE_OPTIONS, PersistenceModuleOptions } from './persistence-module-options';
import { runMigrationsLocked } from './run-migrations-locked';

/**
 * A service's database, ready before anything else is constructed: created if missing, migrated
 * under the advisory lock. Global, so feature modules inject `DataSource` without importing it.
 * The pool is closed in the last shutdown phase by EventingModule (after the outbox relay's last
 * round) — a process using PersistenceModule alone destroys the DataSource itself.
 */
@Module({})
export class PersistenceModule {
  static forService(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        { provide: PERSISTENCE_OPTIONS, useValue: options },
        { provide: DataSource, useFactory: () => openServiceDatabase(options) },
      ],
      exports: [DataSource, PERSISTENCE_OPTIONS],
    };
  }
}

/** Creates (if missing), opens and migrates (under the advisory lock) the service's database. */
async function openServiceDatabase(options: PersistenceModuleOptions): Promise<DataSource> {
  // the address of the service's validated config (never the environment after boot), checked once more
  const { serverUrl } = PersistenceConfig.fromEnv({ DATABASE_URL: options.serverUrl });
  await ensureDatabase(serverUrl, options.database);
  const dataSource = createServiceDataSource({
    serverUrl,
    database: options.database,
    entities: options.entities,
    migrations: options.migrations,
    poolSize: options.poolSize,
    applicationName: `hn-${options.serviceName}`,
  });
  await dataSource.initialize();
  try {
    const executed = await runMigrationsLocked(dataSource);
    if (executed.length > 0)
      new Logger('Persistence').log(
        `ran ${executed.length} migration(s) on ${options.database}: ${executed.map((m) => m.name).join(', ')}`,
      );
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  return dataSource;
}

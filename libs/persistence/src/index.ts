// Configuration and database bootstrap
export * from './lib/persistence-config';
export { assertValidDatabaseName, serviceDatabaseUrl, DATABASE_NAME_PATTERN } from './lib/database-name';
export * from './lib/ensure-database';
export * from './lib/create-service-data-source';
export * from './lib/run-migrations-locked';
export { errorMessage, isPgError } from './lib/pg-error';
// NestJS wiring
export * from './lib/persistence-module-options';
export { PersistenceModule } from './lib/persistence.module';
// Listing helpers
export { pageOf, regionCondition } from './lib/list-query';
export { orderBy } from './lib/list-order';
// Idempotency keys (advisory lock + idempotency_key table)
export * from './lib/idempotency-key-store';

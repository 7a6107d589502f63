// Configuration and database bootstrap
export * from './lib/persistence-config';
export { assertValidDatabaseName, serviceDatabaseUrl, DATABASE_NAME_PATTERN } from './lib/database-name';
export * from './lib/ensure-database';
export * from './lib/create-service-data-source';
export * from './lib/run-migrations-locked';
// Outbox / inbox
export * from './lib/outbox-event.entity';
export * from './lib/inbox-event.entity';
export * from './lib/outbox-entities';
export * from './lib/create-outbox-inbox-1700000000000';
export * from './lib/build-cloud-event';
export * from './lib/enqueue-event';
export { OUTBOX_CHANNEL_SQL, OUTBOX_NOTIFY_SQL, NOTIFY_MIN_GAP_MS, outboxNotifySqlIfDue, outboxInsertSql, outboxRowParams } from './lib/outbox-sql';
export * from './lib/outbox-relay';
export * from './lib/ensure-stream';
export * from './lib/idempotent-consumer';
export * from './lib/event-projection-consumer';
export * from './lib/persistence-logger';
// NestJS wiring
export * from './lib/nats-connection.token';
export * from './lib/persistence-module-options';
export * from './lib/persistence.module';
export { PersistenceLifecycle } from './lib/persistence-lifecycle';
export { createServiceHealthController, ServiceHealthOptions } from './lib/service-health.controller';
export { readServiceEnv, ServiceEnv } from './lib/service-env';
export { invalidConfig, LOG_LEVELS, LogLevel, readLogLevel, redactConfig, REDACTED, ServiceConfigModule } from './lib/service-config';
export { pageOf, regionCondition } from './lib/list-query';

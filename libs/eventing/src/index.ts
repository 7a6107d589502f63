// Outbox / inbox tables
export * from './lib/outbox-event.entity';
export * from './lib/inbox-event.entity';
export * from './lib/outbox-entities';
export * from './lib/create-outbox-inbox-1700000000000';
// Writing events (in the transaction that makes the change) and relaying them
export * from './lib/build-cloud-event';
export * from './lib/enqueue-event';
export {
  OUTBOX_CHANNEL_SQL,
  OUTBOX_NOTIFY_SQL,
  NOTIFY_MIN_GAP_MS,
  outboxNotifySqlIfDue,
  outboxInsertSql,
  outboxRowParams,
} from './lib/outbox-sql';
export * from './lib/outbox-relay';
// Streams and consumers
export * from './lib/ensure-stream';
export * from './lib/idempotent-consumer';
export * from './lib/event-projection-consumer';
export * from './lib/valid-event-data';
export * from './lib/persistence-logger';
// NestJS wiring
export * from './lib/nats-connection.token';
export * from './lib/eventing-module-options';
export * from './lib/eventing.module';
export { pgClientConfig } from './lib/pg-client-config';

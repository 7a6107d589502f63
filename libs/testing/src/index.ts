// Test helpers only: never import this library from production code.
export * from './lib/unique-name';
export * from './lib/test-database';
export * from './lib/wait-for';
export * from './lib/nats-helpers';
export * from './lib/tcp-proxy';
export * from './lib/nats-server-process';
export * from './lib/event-fixtures';

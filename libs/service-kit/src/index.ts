// Boot: the hybrid app (RPC transport, global RPC filter + correlation interceptor) and the shared wiring
export { createServiceApp, rpcTransportOptions, ServiceAppOptions } from './lib/create-service-app';
export { ServiceKitModule, ServiceKitOptions } from './lib/service-kit.module';
// Replies over the NATS max_payload: 413 PAYLOAD_TOO_LARGE from the transport, for every handler
export { GuardedNatsServer } from './lib/guarded-nats-server';
export { replyTooLargeProblem } from './lib/reply-size-guard';
export { createServiceHealthController, ServiceHealthOptions } from './lib/service-health.controller';
// Config validated once at boot
export { readServiceEnv, ServiceEnv } from './lib/service-env';
export {
  invalidConfig,
  LOG_LEVELS,
  LogLevel,
  readLogLevel,
  redactConfig,
  REDACTED,
  ServiceConfigModule,
} from './lib/service-config';

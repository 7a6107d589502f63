export { runWithCorrelation, currentCorrelationId, acceptOrCreateCorrelationId } from './lib/correlation';
export { createLoggerModule, REDACTED_PATHS } from './lib/logger';
export { MetricsService, outcomeOfStatus } from './lib/metrics.service';
export type { RequestOutcome } from './lib/metrics.service';
export { trackNatsConnection } from './lib/nats-connection-metrics';
export { MetricsController } from './lib/metrics.controller';
export { ObservabilityModule, ObservabilityOptions } from './lib/observability.module';
export { RpcCorrelationInterceptor } from './lib/rpc-correlation.interceptor';
export { checkDatabase, checkNats, checkProbe, Queryable, NatsLike } from './lib/health-checks';

export { runWithCorrelation, currentCorrelationId, acceptOrCreateCorrelationId } from './lib/correlation';
export { createLoggerModule, REDACTED_PATHS } from './lib/logger';
export { MetricsService } from './lib/metrics.service';
export { MetricsController } from './lib/metrics.controller';
export { ObservabilityModule } from './lib/observability.module';
export { RpcCorrelationInterceptor } from './lib/rpc-correlation.interceptor';
export { checkDatabase, checkNats, checkProbe, Queryable, NatsLike } from './lib/health-checks';

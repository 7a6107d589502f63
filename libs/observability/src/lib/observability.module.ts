import { DynamicModule, Global, Module } from '@nestjs/common';
import { createLoggerModule } from './logger';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { RpcCorrelationInterceptor } from './rpc-correlation.interceptor';

export interface ObservabilityOptions {
  /**
   * Serve GET /metrics on the application's own HTTP server (default true: backend services,
   * whose port is internal). The public gateway turns it off and serves the registry on a
   * separate management port instead.
   */
  metricsRoute?: boolean;
  /** pino level from the service's validated config (LOG_LEVEL); default info */
  logLevel?: string;
}

/** Logging, correlation and /metrics for one service. */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(service: string, options: ObservabilityOptions = {}): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [createLoggerModule(service, options.logLevel)],
      controllers: options.metricsRoute === false ? [] : [MetricsController],
      providers: [MetricsService, RpcCorrelationInterceptor],
      exports: [MetricsService, RpcCorrelationInterceptor],
    };
  }
}

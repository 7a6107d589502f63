import { DynamicModule, Global, Module } from '@nestjs/common';
import { createLoggerModule } from './logger';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { RpcCorrelationInterceptor } from './rpc-correlation.interceptor';

/** Logging, correlation and /metrics for one service. */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(service: string): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [createLoggerModule(service)],
      controllers: [MetricsController],
      providers: [MetricsService, RpcCorrelationInterceptor],
      exports: [MetricsService, RpcCorrelationInterceptor],
    };
  }
}

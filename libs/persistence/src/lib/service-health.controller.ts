import { Controller, Get, Type, UseFilters } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ServiceHealthV1 } from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { checkDatabase, checkNats } from '@hn/observability';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { InjectNats } from './nats-connection.token';

/**
 * /health over HTTP (probes) and the same answer over NATS (for the gateway's /health), checking
 * the service's own database and NATS connection. One controller class per service.
 */
export function createServiceHealthController(service: string, rpcSubject: string): Type<unknown> {
  @Controller()
  class ServiceHealthController {
    constructor(
      readonly health: HealthCheckService,
      readonly indicators: HealthIndicatorService,
      readonly dataSource: DataSource,
      @InjectNats() readonly nats: NatsConnection,
    ) {}

    @Get('health')
    @HealthCheck()
    check(): Promise<HealthCheckResult> {
      return this.health.check([() => checkDatabase(this.indicators, this.dataSource), () => checkNats(this.indicators, this.nats)]);
    }

    @MessagePattern(rpcSubject)
    @UseFilters(RpcProblemFilter)
    async rpcHealth(): Promise<ServiceHealthV1> {
      const details = { ...(await checkDatabase(this.indicators, this.dataSource)), ...(await checkNats(this.indicators, this.nats)) } as ServiceHealthV1['details'];
      const ok = Object.values(details).every((d) => d.status === 'up');
      return { service, status: ok ? 'ok' : 'error', details };
    }
  }
  return ServiceHealthController;
}

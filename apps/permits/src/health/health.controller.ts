import { Controller, Get, UseFilters } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { PermitsRpc, ServiceHealthV1 } from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { checkDatabase, checkNats } from '@hn/observability';
import { InjectNats } from '@hn/persistence';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';

/** /health over HTTP for probes, and the same answer over NATS for the gateway's /health. */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @InjectNats() private readonly nats: NatsConnection,
  ) {}

  @Get('health')
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => checkDatabase(this.indicators, this.dataSource), () => checkNats(this.indicators, this.nats)]);
  }

  @MessagePattern(PermitsRpc.health)
  @UseFilters(RpcProblemFilter)
  async rpcHealth(): Promise<ServiceHealthV1> {
    const db = await checkDatabase(this.indicators, this.dataSource);
    const nats = await checkNats(this.indicators, this.nats);
    const details = { ...db, ...nats } as ServiceHealthV1['details'];
    const ok = Object.values(details).every((d) => d.status === 'up');
    return { service: 'permits', status: ok ? 'ok' : 'error', details };
  }
}

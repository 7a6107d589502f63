import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ContractsRpc, EscrowRpc, PermitsRpc, PresaleRpc, ServiceHealthV1 } from '@hn/contracts';
import { RpcClient } from '@hn/messaging';
import { checkDatabase, checkNats } from '@hn/observability';
import { InjectNats } from '@hn/persistence';
import type { FastifyReply } from 'fastify';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

/** Health subjects of every service behind the gateway; add each new service here. */
const SERVICES: Record<string, string> = { permits: PermitsRpc.health, presale: PresaleRpc.health, contracts: ContractsRpc.health, escrow: EscrowRpc.health };

interface Check {
  status: 'up' | 'down';
  message?: string;
  details?: ServiceHealthV1['details'];
}

@ApiTags('运维 Operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @InjectNats() private readonly nats: NatsConnection,
    private readonly rpc: RpcClient,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '网关与各服务健康状态 Health of the gateway and every service' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: 'ok' | 'error'; checks: Record<string, Check> }> {
    const own = { ...(await checkDatabase(this.indicators, this.dataSource, 'gateway-database')), ...(await checkNats(this.indicators, this.nats, 'gateway-nats')) };
    const checks: Record<string, Check> = {};
    for (const [key, value] of Object.entries(own)) checks[key] = value as Check;
    await Promise.all(
      Object.entries(SERVICES).map(async ([service, subject]) => {
        try {
          const h = await this.rpc.request<ServiceHealthV1>(subject, {});
          checks[service] = { status: h.status === 'ok' ? 'up' : 'down', details: h.details };
        } catch (err) {
          checks[service] = { status: 'down', message: err instanceof Error ? err.message : 'unavailable' };
        }
      }),
    );
    const ok = Object.values(checks).every((c) => c.status === 'up');
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', checks };
  }
}

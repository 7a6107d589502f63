import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Rpc, ServiceHealthV1 } from '@hn/messages';
import { ScanStaging } from '@hn/documents';
import { RpcClient } from '@hn/messaging';
import { checkDatabase, checkNats, checkProbe } from '@hn/observability';
import { InjectNats } from '@hn/eventing';
import type { FastifyReply } from 'fastify';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

/** Health subjects of every service behind the gateway; add each new service here. */
const SERVICES = {
  permits: Rpc.permitsHealth,
  presale: Rpc.presaleHealth,
  contracts: Rpc.contractsHealth,
  escrow: Rpc.escrowHealth,
} as const;

interface Check {
  status: 'up' | 'down';
  message?: string;
  details?: ServiceHealthV1['details'];
}

/**
 * The gateway's own connections (database; NATS, which carries both its RPC requests and its event
 * subscriptions; the scan object store), then each service's own /health over NATS. While NATS is
 * away the services cannot be asked and are reported down at once.
 */
@ApiTags('运维 Operations')
@Controller('health')
export class HealthController {
  private readonly staging: ScanStaging;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @InjectNats() nats: NatsConnection,
    private readonly rpc: RpcClient,
  ) {
    this.staging = new ScanStaging(nats);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: '网关与各服务健康状态 Health of the gateway and every service' })
  async health(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ status: 'ok' | 'error'; checks: Record<string, Check> }> {
    const own = await Promise.all([
      checkDatabase(this.indicators, this.dataSource, 'gateway-database'),
      checkNats(this.indicators, this.rpc.connection, 'gateway-nats'),
      checkProbe(this.indicators, 'gateway-object-store', () => this.staging.check()),
    ]);
    const checks: Record<string, Check> = {};
    for (const [key, value] of Object.entries(Object.assign({}, ...own) as Record<string, Check>)) checks[key] = value;
    await Promise.all(
      Object.entries(SERVICES).map(async ([service, def]) => {
        try {
          const h = await this.rpc.callPublic(def, {});
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

import { Controller, Get, Type } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { RpcDef, ServiceHealthV1 } from '@hn/messages';
import { ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import { NatsConnectionState, RpcHandler, RpcTransportMonitor } from '@hn/messaging';
import { checkDatabase, checkNats, checkProbe } from '@hn/observability';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';

export interface ServiceHealthOptions {
  /** The service stages scans through the JetStream object store: report it too. */
  objectStore?: boolean;
}

/**
 * /health over HTTP (probes) and the same answer over NATS (for the gateway's /health), one entry
 * per connection: `database`, `nats` (events: outbox relay, consumers), `nats-rpc` (the NestJS
 * request/reply transport, its own connection) and, where used, `object-store`. Any of them down →
 * 503 (HTTP) / status "error" (NATS), so a service that cannot answer requests is not "healthy".
 */
export function createServiceHealthController(
  service: string,
  rpc: RpcDef<Record<string, never>, ServiceHealthV1, 'public'>,
  options: ServiceHealthOptions = {},
): Type<unknown> {
  @Controller()
  class ServiceHealthController {
    private readonly events: NatsConnectionState;
    private readonly staging: ScanStaging | null;

    constructor(
      readonly health: HealthCheckService,
      readonly indicators: HealthIndicatorService,
      readonly dataSource: DataSource,
      @InjectNats() nats: NatsConnection,
      readonly rpcTransport: RpcTransportMonitor,
    ) {
      this.events = new NatsConnectionState(nats);
      this.staging = options.objectStore ? new ScanStaging(nats) : null;
    }

    @Get('health')
    @HealthCheck()
    check(): Promise<HealthCheckResult> {
      return this.health.check(this.checks());
    }

    @RpcHandler(rpc)
    async rpcHealth(): Promise<ServiceHealthV1> {
      const results = await Promise.all(this.checks().map((check) => check()));
      const details = Object.assign({}, ...results) as ServiceHealthV1['details'];
      const ok = Object.values(details).every((d) => d.status === 'up');
      return { service, status: ok ? 'ok' : 'error', details };
    }

    private checks(): HealthIndicatorFunction[] {
      const checks: HealthIndicatorFunction[] = [
        () => checkDatabase(this.indicators, this.dataSource),
        () => checkNats(this.indicators, this.events, 'nats'),
        () => this.checkRpcTransport(),
      ];
      const staging = this.staging;
      if (staging) checks.push(() => checkProbe(this.indicators, 'object-store', () => staging.check()));
      return checks;
    }

    private checkRpcTransport(): Promise<HealthIndicatorResult> {
      const transport = this.rpcTransport.connection;
      if (!transport)
        return Promise.resolve(this.indicators.check('nats-rpc').down({ message: 'transport not started' }));
      return checkNats(this.indicators, transport, 'nats-rpc');
    }
  }
  return ServiceHealthController;
}

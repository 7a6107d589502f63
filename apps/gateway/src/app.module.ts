import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AccessTokenService } from '@hn/auth';
import { ObservabilityModule } from '@hn/observability';
import { EventingModule, outboxEntities } from '@hn/eventing';
import { PersistenceModule } from '@hn/persistence';
import { AccountApplicationsModule } from './account-applications/account-applications.module';
import { IntegrationRegistryModule } from './integration-registry/integration-registry.module';
import { AccountsModule } from './accounts/accounts.module';
import { AlertsModule } from './alerts/alerts.module';
import { ExchangeModule } from './exchange/exchange.module';
import { StatisticsModule } from './statistics/statistics.module';
import { AccessTokenGuard } from './auth/access-token.guard';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { GATEWAY_CONFIG, GatewayConfig } from './config/gateway.config';
import { ConstructionPermitsModule } from './construction-permits/construction-permits.module';
import { ContractFilingsModule } from './contract-filings/contract-filings.module';
import { HealthController } from './health/health.controller';
import { gatewayEntities } from './gateway-entities';
import { gatewayMigrations } from './migrations';
import { PresaleModule } from './presale/presale.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { PublicModule } from './public/public.module';
import { ClientThrottlerGuard } from './rate-limit/client-throttler.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RpcModule } from './rpc/rpc.module';
import { SessionModule } from './session/session.module';
import { StaffModule } from './staff/staff.module';
import { SupervisionModule } from './supervision/supervision.module';
import { ScansModule } from './scans/scans.module';
import { MarkingModule } from './marking/marking.module';
import { ApprovalGatewayModule } from './approval/approval.module';
import { BackfillModule } from './backfill/backfill.module';
import { EscrowModule } from './escrow/escrow.module';

@Global()
@Module({})
class GatewayConfigModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayConfigModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        {
          provide: AccessTokenService,
          useValue: new AccessTokenService({
            secret: config.jwtSecret,
            issuer: 'hn-presale-gateway',
            ttlSeconds: config.tokenTtlSeconds,
          }),
        },
      ],
      exports: [GATEWAY_CONFIG, AccessTokenService],
    };
  }
}

@Module({})
export class GatewayAppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        GatewayConfigModule.register(config),
        ObservabilityModule.forService('gateway', { metricsRoute: false, logLevel: config.logLevel }), // /metrics: management port only
        // the gateway's own database and NATS connection; it is an HTTP app, not a service of the kit
        PersistenceModule.forService({
          serviceName: 'gateway',
          serverUrl: config.databaseUrl,
          database: config.databaseName,
          entities: [...outboxEntities, ...gatewayEntities],
          migrations: gatewayMigrations,
        }),
        EventingModule.forService({
          serviceName: 'gateway',
          natsUrl: config.natsUrl,
          eventSource: '/hn/gateway',
          streams: [],
        }),
        TerminusModule,
        RpcModule,
        RateLimitModule,
        AuthModule,
        AuditModule,
        SessionModule,
        StaffModule,
        AccountsModule,
        AccountApplicationsModule,
        IntegrationRegistryModule,
        ConstructionPermitsModule,
        PresaleModule,
        ContractFilingsModule,
        SupervisionModule,
        ScansModule,
        MarkingModule,
        ApprovalGatewayModule,
        BackfillModule,
        EscrowModule,
        AlertsModule,
        StatisticsModule,
        ExchangeModule,
        PublicModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_GUARD, useClass: ClientThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}

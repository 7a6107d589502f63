import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PermitsEvents, PresaleEvents, Rpc } from '@hn/contracts';
import { ObservabilityModule } from '@hn/observability';
import { createServiceHealthController, PersistenceModule, ServiceConfigModule } from '@hn/persistence';
import { BackfillModule } from './backfill/backfill.module';
import { PRESALE_CONFIG, PresaleConfig } from './config/presale.config';
import { PresaleIssuanceService } from './issuance/presale-issuance.service';
import { PresaleIssuanceMetrics } from './issuance/presale-issuance.metrics';
import { PresaleRecordWriter } from './issuance/presale-record-writer';
import { presaleMigrations } from './migrations';
import { PermitReplicaConsumer } from './permit-replica/permit-replica.consumer';
import { PermitReplicaProjector } from './permit-replica/permit-replica.projector';
import { SandboxPermitLookup } from './permit-replica/sandbox-permit-lookup';
import { PresalePermitsController } from './presale-permits/presale-permits.controller';
import { PresaleQueryService } from './presale-permits/presale-query.service';
import { PublicVerificationService } from './presale-permits/public-verification.service';
import { PrintLayoutRenderer, QrCodeRenderer } from './print';
import { SigningKeysService } from './transparency-log/signing-keys.service';
import { TransparencyLogService } from './transparency-log/transparency-log.service';
import { UnpermittedModule } from './unpermitted/unpermitted.module';

@Module({})
export class PresaleAppModule {
  static register(config: PresaleConfig): DynamicModule {
    return {
      module: PresaleAppModule,
      // global: the feature modules (backfill, unpermitted) use the issuing core exported below
      global: true,
      imports: [
        ServiceConfigModule.forRoot(PRESALE_CONFIG, config),
        ObservabilityModule.forService('presale', { logLevel: config.logLevel }),
        PersistenceModule.forService({
          serviceName: 'presale',
          serverUrl: config.databaseUrl,
          natsUrl: config.natsUrl,
          database: config.databaseName,
          entities: [],
          migrations: presaleMigrations,
          eventSource: '/hn/presale',
          // HN_PERMITS is ensured too so the replica consumer can start before permits ever ran.
          streams: [
            { name: PresaleEvents.stream, subjects: [...PresaleEvents.streamSubjects] },
            { name: PermitsEvents.stream, subjects: [...PermitsEvents.streamSubjects] },
          ],
        }),
        TerminusModule,
        BackfillModule,
        UnpermittedModule,
      ],
      controllers: [PresalePermitsController, createServiceHealthController('presale', Rpc.presaleHealth, { objectStore: true })],
      providers: [
        SigningKeysService,
        TransparencyLogService,
        PresaleRecordWriter,
        PresaleIssuanceService,
        PresaleIssuanceMetrics,
        PresaleQueryService,
        PublicVerificationService,
        PermitReplicaProjector,
        PermitReplicaConsumer,
        SandboxPermitLookup,
        QrCodeRenderer,
        PrintLayoutRenderer,
      ],
      exports: [SigningKeysService, TransparencyLogService, PresaleRecordWriter, QrCodeRenderer, PresaleIssuanceMetrics],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { PermitsEvents, PresaleEvents, Rpc } from '@hn/messages';
import { ServiceKitModule } from '@hn/service-kit';
import { BackfillModule } from './backfill/backfill.module';
import { PRESALE_CONFIG, PresaleConfig } from './config/presale.config';
import { PresaleIssuanceService } from './issuance/presale-issuance.service';
import { LocalCertificateRepository } from './issuance/local-certificate.repository';
import { PresaleIssuanceMetrics } from './issuance/presale-issuance.metrics';
import { PresaleRecordWriter } from './issuance/presale-record-writer';
import { PresaleRecordRepository } from './issuance/presale-record.repository';
import { presaleMigrations } from './migrations';
import { PermitReplicaConsumer } from './permit-replica/permit-replica.consumer';
import { PermitReplicaProjector } from './permit-replica/permit-replica.projector';
import { PermitReplicaRepository } from './permit-replica/permit-replica.repository';
import { SandboxPermitLookup } from './permit-replica/sandbox-permit-lookup';
import { PresalePermitsController } from './presale-permits/presale-permits.controller';
import { PresalePermitsRepository } from './presale-permits/presale-permits.repository';
import { PresaleQueryService } from './presale-permits/presale-query.service';
import { PublicVerificationService } from './presale-permits/public-verification.service';
import { PrintLayoutRenderer, QrCodeRenderer } from './print';
import { PublicSearchModule } from './public-search/public-search.module';
import { SigningKeysRepository } from './transparency-log/signing-keys.repository';
import { SigningKeysService } from './transparency-log/signing-keys.service';
import { TransparencyLogRepository } from './transparency-log/transparency-log.repository';
import { TransparencyLogService } from './transparency-log/transparency-log.service';
import { UnpermittedModule } from './unpermitted/unpermitted.module';
import { PresaleRecountController } from './consistency/presale-recount.controller';
import { PresaleRecountRepository } from './consistency/presale-recount.repository';

@Module({})
export class PresaleAppModule {
  static register(config: PresaleConfig): DynamicModule {
    return {
      module: PresaleAppModule,
      // global: the feature modules (backfill, unpermitted) use the issuing core exported below
      global: true,
      imports: [
        ServiceKitModule.forService({
          service: 'presale',
          config,
          configToken: PRESALE_CONFIG,
          migrations: presaleMigrations,
          // HN_PERMITS is ensured too so the replica consumer can start before permits ever ran.
          streams: [
            { name: PresaleEvents.stream, subjects: [...PresaleEvents.streamSubjects] },
            { name: PermitsEvents.stream, subjects: [...PermitsEvents.streamSubjects] },
          ],
          health: { rpc: Rpc.presaleHealth, objectStore: true },
        }),
        BackfillModule,
        UnpermittedModule,
        PublicSearchModule,
      ],
      controllers: [PresaleRecountController, PresalePermitsController],
      providers: [
        PresaleRecountRepository,
        SigningKeysRepository,
        SigningKeysService,
        TransparencyLogRepository,
        TransparencyLogService,
        PresaleRecordRepository,
        LocalCertificateRepository,
        PresaleRecordWriter,
        PresaleIssuanceService,
        PresaleIssuanceMetrics,
        PresaleQueryService,
        PublicVerificationService,
        PresalePermitsRepository,
        PermitReplicaRepository,
        PermitReplicaProjector,
        PermitReplicaConsumer,
        SandboxPermitLookup,
        QrCodeRenderer,
        PrintLayoutRenderer,
      ],
      exports: [
        SigningKeysService,
        TransparencyLogService,
        PresaleRecordWriter,
        LocalCertificateRepository,
        PermitReplicaRepository,
        QrCodeRenderer,
        PresaleIssuanceMetrics,
      ],
    };
  }
}

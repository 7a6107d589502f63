import { DynamicModule, Module } from '@nestjs/common';
import { EscrowEvents, PresaleEvents, Rpc } from '@hn/messages';
import { ServiceKitModule } from '@hn/service-kit';
import { ESCROW_CONFIG, EscrowConfig } from './config/escrow.config';
import { EscrowQueryService } from './escrow/escrow-query.service';
import { EscrowCorrectionService } from './escrow/escrow-correction.service';
import { EscrowRecordsService } from './escrow/escrow-records.service';
import { EscrowSubmitService } from './escrow/escrow-submit.service';
import { EscrowRepository } from './escrow/escrow.repository';
import { EscrowController } from './escrow/escrow.controller';
import { escrowMigrations } from './migrations';
import { PresaleReplicaConsumer } from './presale-replica/presale-replica.consumer';
import { PresaleReplicaProjector } from './presale-replica/presale-replica.projector';
import { PresaleReplicaRepository } from './presale-replica/presale-replica.repository';
import { EscrowRecountController } from './consistency/escrow-recount.controller';
import { EscrowRecountRepository } from './consistency/escrow-recount.repository';

@Module({})
export class EscrowAppModule {
  static register(config: EscrowConfig): DynamicModule {
    return {
      module: EscrowAppModule,
      imports: [
        ServiceKitModule.forService({
          service: 'escrow',
          config,
          configToken: ESCROW_CONFIG,
          migrations: escrowMigrations,
          // HN_PRESALE is ensured too so the replica consumer can start before presale ever ran.
          streams: [
            { name: EscrowEvents.stream, subjects: [...EscrowEvents.streamSubjects] },
            { name: PresaleEvents.stream, subjects: [...PresaleEvents.streamSubjects] },
          ],
          health: { rpc: Rpc.escrowHealth, objectStore: true },
        }),
      ],
      controllers: [EscrowRecountController, EscrowController],
      providers: [
        EscrowRecountRepository,
        EscrowRepository,
        EscrowRecordsService,
        EscrowSubmitService,
        EscrowCorrectionService,
        EscrowQueryService,
        PresaleReplicaRepository,
        PresaleReplicaProjector,
        PresaleReplicaConsumer,
      ],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EscrowEvents, PresaleEvents, Rpc } from '@hn/contracts';
import { ObservabilityModule } from '@hn/observability';
import { createServiceHealthController, PersistenceModule, ServiceConfigModule } from '@hn/persistence';
import { ESCROW_CONFIG, EscrowConfig } from './config/escrow.config';
import { EscrowQueryService } from './escrow/escrow-query.service';
import { EscrowRecordsService } from './escrow/escrow-records.service';
import { EscrowController } from './escrow/escrow.controller';
import { escrowMigrations } from './migrations';
import { PresaleReplicaConsumer } from './presale-replica/presale-replica.consumer';
import { PresaleReplicaProjector } from './presale-replica/presale-replica.projector';

@Module({})
export class EscrowAppModule {
  static register(config: EscrowConfig): DynamicModule {
    return {
      module: EscrowAppModule,
      imports: [
        ServiceConfigModule.forRoot(ESCROW_CONFIG, config),
        ObservabilityModule.forService('escrow', { logLevel: config.logLevel }),
        PersistenceModule.forService({
          serviceName: 'escrow',
          serverUrl: config.databaseUrl,
          natsUrl: config.natsUrl,
          database: config.databaseName,
          entities: [],
          migrations: escrowMigrations,
          eventSource: '/hn/escrow',
          // HN_PRESALE is ensured too so the replica consumer can start before presale ever ran.
          streams: [
            { name: EscrowEvents.stream, subjects: [...EscrowEvents.streamSubjects] },
            { name: PresaleEvents.stream, subjects: [...PresaleEvents.streamSubjects] },
          ],
        }),
        TerminusModule,
      ],
      controllers: [EscrowController, createServiceHealthController('escrow', Rpc.escrowHealth, { objectStore: true })],
      providers: [EscrowRecordsService, EscrowQueryService, PresaleReplicaProjector, PresaleReplicaConsumer],
    };
  }
}

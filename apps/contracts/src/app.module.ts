import { DynamicModule, Module } from '@nestjs/common';
import { ContractsEvents, PresaleEvents, Rpc } from '@hn/messages';
import { ServiceKitModule } from '@hn/service-kit';
import { PiiCipher } from '@hn/pii';
import { CONTRACTS_CONFIG, ContractsConfig } from './config/contracts.config';
import { ContractFilingCancellationService } from './contract-filings/contract-filing-cancellation.service';
import { ContractFilingQueryService } from './contract-filings/contract-filing-query.service';
import { ContractFilingsController } from './contract-filings/contract-filings.controller';
import { ContractFilingsRepository } from './contract-filings/contract-filings.repository';
import { ContractFilingIssuanceService } from './filing/contract-filing-issuance.service';
import { ContractFilingMetrics } from './filing/contract-filing.metrics';
import { FilingRepository } from './filing/filing.repository';
import { contractsMigrations } from './migrations';
import { BuyerPiiService } from './pii/buyer-pii.service';
import { ContractBuyerRepository } from './pii/contract-buyer.repository';
import { PresaleReplicaConsumer } from './presale-replica/presale-replica.consumer';
import { PresaleReplicaProjector } from './presale-replica/presale-replica.projector';
import { PresaleReplicaRepository } from './presale-replica/presale-replica.repository';
import { SandboxPresaleLookup } from './presale-replica/sandbox-presale-lookup';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { SigningStatisticsModule } from './signing-statistics/signing-statistics.module';
import { ContractsRecountController } from './consistency/contracts-recount.controller';
import { ContractsRecountRepository } from './consistency/contracts-recount.repository';

@Module({})
export class ContractsAppModule {
  static register(config: ContractsConfig): DynamicModule {
    return {
      module: ContractsAppModule,
      imports: [
        ServiceKitModule.forService({
          service: 'contracts',
          config,
          configToken: CONTRACTS_CONFIG,
          migrations: contractsMigrations,
          // HN_PRESALE is ensured too so the replica consumer can start before presale ever ran.
          streams: [
            { name: ContractsEvents.stream, subjects: [...ContractsEvents.streamSubjects] },
            { name: PresaleEvents.stream, subjects: [...PresaleEvents.streamSubjects] },
          ],
          health: { rpc: Rpc.contractsHealth },
        }),
        SigningStatisticsModule,
        ReconciliationModule,
      ],
      controllers: [ContractsRecountController, ContractFilingsController],
      providers: [
        ContractsRecountRepository,
        {
          provide: PiiCipher,
          useFactory: (c: ContractsConfig) => new PiiCipher(c.piiKey, 'hn-contracts'),
          inject: [CONTRACTS_CONFIG],
        },
        ContractBuyerRepository,
        BuyerPiiService,
        FilingRepository,
        ContractFilingsRepository,
        ContractFilingIssuanceService,
        ContractFilingMetrics,
        ContractFilingQueryService,
        ContractFilingCancellationService,
        PresaleReplicaRepository,
        PresaleReplicaProjector,
        PresaleReplicaConsumer,
        SandboxPresaleLookup,
      ],
    };
  }
}

import { Module } from '@nestjs/common';
import { MarketFilingRepository } from '../market-platform/market-filing.repository';
import { MarketPlatformSyncService } from '../market-platform/market-platform-sync.service';
import { ReconciliationDataLoader } from './reconciliation-data.loader';
import { ReconciliationDifferenceRepository } from './reconciliation-difference.repository';
import { ReconciliationDifferenceStore } from './reconciliation-difference.store';
import { ReconciliationRunRepository } from './reconciliation-run.repository';
import { ReconciliationSourceRepository } from './reconciliation-source.repository';
import { ReconciliationQueryService } from './reconciliation-query.service';
import { CONTRACTS_CONFIG, ContractsConfig } from '../config/contracts.config';
import { RECONCILIATION_CONFIG } from './reconciliation.config';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { ReconciliationService } from './reconciliation.service';

/**
 * Market platform pull, reconciliation (on demand and scheduled) and the difference list. Its
 * settings (MARKET_PLATFORM_*, RECONCILIATION_INTERVAL_MS) are `reconciliation` of the contracts
 * config, validated at boot with the rest.
 */
@Module({
  controllers: [ReconciliationController],
  providers: [
    {
      provide: RECONCILIATION_CONFIG,
      useFactory: (config: ContractsConfig) => config.reconciliation,
      inject: [CONTRACTS_CONFIG],
    },
    MarketFilingRepository,
    MarketPlatformSyncService,
    ReconciliationSourceRepository,
    ReconciliationDifferenceRepository,
    ReconciliationRunRepository,
    ReconciliationDataLoader,
    ReconciliationDifferenceStore,
    ReconciliationService,
    ReconciliationQueryService,
    ReconciliationScheduler,
  ],
})
export class ReconciliationModule {}

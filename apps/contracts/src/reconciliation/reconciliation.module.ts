import { DynamicModule, Module } from '@nestjs/common';
import { MarketPlatformSyncService } from '../market-platform/market-platform-sync.service';
import { ReconciliationDataLoader } from './reconciliation-data.loader';
import { ReconciliationDifferenceStore } from './reconciliation-difference.store';
import { ReconciliationQueryService } from './reconciliation-query.service';
import { RECONCILIATION_CONFIG, reconciliationConfigOf, ContractsConfigWithReconciliation } from './reconciliation.config';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { ReconciliationService } from './reconciliation.service';

/**
 * Market platform pull, reconciliation (on demand and scheduled) and the difference list. Its
 * settings (MARKET_PLATFORM_*, RECONCILIATION_INTERVAL_MS) come from `config.reconciliation` when
 * given, else from the environment, validated when the module is registered.
 */
@Module({})
export class ReconciliationModule {
  static register(config: ContractsConfigWithReconciliation): DynamicModule {
    return {
      module: ReconciliationModule,
      controllers: [ReconciliationController],
      providers: [
        { provide: RECONCILIATION_CONFIG, useValue: reconciliationConfigOf(config) },
        MarketPlatformSyncService,
        ReconciliationDataLoader,
        ReconciliationDifferenceStore,
        ReconciliationService,
        ReconciliationQueryService,
        ReconciliationScheduler,
      ],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { CONTRACTS_CONFIG, ContractsConfig } from '../config/contracts.config';
import { SigningStatisticsQueryService } from './signing-statistics-query.service';
import { SigningStatisticsController } from './signing-statistics.controller';
import { SigningStatisticsService } from './signing-statistics.service';

/** 网签统计补录 (staff): put / list / withdraw / submit over NATS. DataSource comes from the global PersistenceModule. */
@Module({})
export class SigningStatisticsModule {
  static register(config: ContractsConfig): DynamicModule {
    return {
      module: SigningStatisticsModule,
      controllers: [SigningStatisticsController],
      providers: [{ provide: CONTRACTS_CONFIG, useValue: config }, SigningStatisticsService, SigningStatisticsQueryService],
    };
  }
}

import { Module } from '@nestjs/common';
import { SigningStatisticsQueryService } from './signing-statistics-query.service';
import { SigningStatisticsController } from './signing-statistics.controller';
import { SigningStatisticsRepository } from './signing-statistics.repository';
import { SigningStatisticsService } from './signing-statistics.service';

/** 网签统计补录 (staff): put / list / withdraw / submit over NATS. DataSource and CONTRACTS_CONFIG are global. */
@Module({
  controllers: [SigningStatisticsController],
  providers: [SigningStatisticsRepository, SigningStatisticsService, SigningStatisticsQueryService],
})
export class SigningStatisticsModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { ALERTS_CLOCK, Clock } from '../clock/clock';
import { STATISTICS_EVENT_CONSUMERS } from './projection/statistics-event-consumers';
import { StatisticsFactsRepository } from './projection/statistics-facts.repository';
import { StatisticsProjector } from './projection/statistics.projector';
import { StatisticsQueryRepository } from './query/statistics-query.repository';
import { StatisticsQueryService } from './query/statistics-query.service';
import { StatisticsController } from './statistics.controller';

/**
 * 统计 (issue 13): per-record facts and incremental aggregates fed by the statistics' own durable
 * consumers, and the summary / monthly / records queries. See docs/statistics.md.
 */
@Module({})
export class StatisticsModule {
  static register(clock: Clock): DynamicModule {
    return {
      module: StatisticsModule,
      controllers: [StatisticsController],
      providers: [
        { provide: ALERTS_CLOCK, useValue: clock },
        StatisticsFactsRepository,
        StatisticsProjector,
        StatisticsQueryRepository,
        StatisticsQueryService,
        ...STATISTICS_EVENT_CONSUMERS,
      ],
    };
  }
}

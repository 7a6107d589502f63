import { DynamicModule, Module } from '@nestjs/common';
import { ALERTS_CLOCK, Clock } from '../clock/clock';
import { ConsistencyRecountRepository } from './consistency/consistency-recount.repository';
import { ConsistencyService } from './consistency/consistency.service';
import { STATISTICS_EVENT_CONSUMERS } from './projection/statistics-event-consumers';
import { StatisticsFactsRepository } from './projection/statistics-facts.repository';
import { StatisticsProjector } from './projection/statistics.projector';
import { StatisticsQueryRepository } from './query/statistics-query.repository';
import { StatisticsQueryService } from './query/statistics-query.service';
import { StatisticsController } from './statistics.controller';

/**
 * 统计 (issue 13): per-record facts and incremental aggregates fed by the statistics' own durable
 * consumers, the summary / monthly / records queries and the consistency check against the
 * owning services (从源头纠正). See docs/statistics.md.
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
        ConsistencyRecountRepository,
        ConsistencyService,
        ...STATISTICS_EVENT_CONSUMERS,
      ],
    };
  }
}

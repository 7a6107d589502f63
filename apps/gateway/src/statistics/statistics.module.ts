import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';
import { StatisticsGatewayService } from './statistics-gateway.service';
import { MonthlyQueryPipe, RecordsQueryPipe, SummaryQueryPipe } from './statistics-inputs';

/** 统计 (staff and integrators with statistics:read), in front of the alerts service. */
@Module({
  controllers: [StatisticsController],
  providers: [StatisticsGatewayService, SummaryQueryPipe, MonthlyQueryPipe, RecordsQueryPipe],
})
export class StatisticsModule {}

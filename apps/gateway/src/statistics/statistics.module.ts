import { Module } from '@nestjs/common';
import { AssessmentController } from './assessment.controller';
import { AssessmentGatewayService } from './assessment-gateway.service';
import {
  AppealDecisionPipe,
  AppealIdPipe,
  AppealListQueryPipe,
  AppealPipe,
  AssessmentQueryPipe,
} from './assessment-inputs';
import { StatisticsController } from './statistics.controller';
import { StatisticsGatewayService } from './statistics-gateway.service';
import { MonthlyQueryPipe, RecordsQueryPipe, SummaryQueryPipe } from './statistics-inputs';

/** 统计 and 营商环境考核 (staff and integrators with statistics:read), in front of the alerts service. */
@Module({
  controllers: [StatisticsController, AssessmentController],
  providers: [
    StatisticsGatewayService,
    AssessmentGatewayService,
    SummaryQueryPipe,
    MonthlyQueryPipe,
    RecordsQueryPipe,
    AssessmentQueryPipe,
    AppealListQueryPipe,
    AppealPipe,
    AppealDecisionPipe,
    AppealIdPipe,
  ],
})
export class StatisticsModule {}

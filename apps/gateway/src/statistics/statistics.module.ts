import { Module } from '@nestjs/common';
import { AssessmentController } from './assessment.controller';
import { DigestGeneratePipe, DigestListQueryPipe } from './digest-inputs';
import { DigestsController } from './digests.controller';
import { AssessmentGatewayService } from './assessment-gateway.service';
import {
  AppealDecisionPipe,
  AppealIdPipe,
  AppealListQueryPipe,
  AppealPipe,
  AppealScanIdPipe,
  AppealScanPositionPipe,
  AssessmentQueryPipe,
} from './assessment-inputs';
import { StatisticsController } from './statistics.controller';
import { StatisticsGatewayService } from './statistics-gateway.service';
import { MonthlyQueryPipe, RecordsQueryPipe, SummaryQueryPipe } from './statistics-inputs';

/** 统计, 营商环境考核 and 统计日报 (staff and integrators with statistics:read), in front of the alerts service. */
@Module({
  controllers: [StatisticsController, AssessmentController, DigestsController],
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
    AppealScanIdPipe,
    AppealScanPositionPipe,
    DigestListQueryPipe,
    DigestGeneratePipe,
  ],
})
export class StatisticsModule {}

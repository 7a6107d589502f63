import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AssessmentAppealPageV1,
  AssessmentAppealV1,
  Rpc,
  RpcPayload,
  ScanRefV1,
  StatisticsConsistencyV1,
  StatisticsMonthlyV1,
  StatisticsRecordPageV1,
  StatisticsAssessmentV1,
  StatisticsSummaryV1,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { AssessmentAppealService } from './assessment/assessment-appeal.service';
import { AssessmentService } from './assessment/assessment.service';
import { ConsistencyService } from './consistency/consistency.service';
import { StatisticsQueryService } from './query/statistics-query.service';

/** NATS request/reply handlers of the statistics (queue group "alerts"). */
@Controller()
export class StatisticsController {
  constructor(
    private readonly queries: StatisticsQueryService,
    private readonly consistency: ConsistencyService,
    private readonly assessment: AssessmentService,
    private readonly appeals: AssessmentAppealService,
  ) {}

  @RpcHandler(Rpc.statisticsSummary)
  summary(@Payload() req: RpcPayload<typeof Rpc.statisticsSummary>): Promise<StatisticsSummaryV1> {
    return this.queries.summary(req.principal, req.body);
  }

  @RpcHandler(Rpc.statisticsMonthly)
  monthly(@Payload() req: RpcPayload<typeof Rpc.statisticsMonthly>): Promise<StatisticsMonthlyV1> {
    return this.queries.monthly(req.principal, req.body);
  }

  @RpcHandler(Rpc.statisticsRecords)
  records(@Payload() req: RpcPayload<typeof Rpc.statisticsRecords>): Promise<StatisticsRecordPageV1> {
    return this.queries.records(req.principal, req.body);
  }

  @RpcHandler(Rpc.statisticsConsistency)
  consistencyCheck(@Payload() req: RpcPayload<typeof Rpc.statisticsConsistency>): Promise<StatisticsConsistencyV1> {
    return this.consistency.check(req.principal, req.body);
  }

  @RpcHandler(Rpc.statisticsAssessment)
  assess(@Payload() req: RpcPayload<typeof Rpc.statisticsAssessment>): Promise<StatisticsAssessmentV1> {
    // the province answers per-city totals; a county with more items than one reply holds is answered
    // 413 PAYLOAD_TOO_LARGE by the service kit's NATS transport
    return this.assessment.assessment(req.principal, req.body);
  }

  @RpcHandler(Rpc.assessmentAppealSubmit)
  submitAppeal(@Payload() req: RpcPayload<typeof Rpc.assessmentAppealSubmit>): Promise<AssessmentAppealV1> {
    return this.appeals.submit(req.principal, req.body);
  }

  @RpcHandler(Rpc.assessmentAppealList)
  listAppeals(@Payload() req: RpcPayload<typeof Rpc.assessmentAppealList>): Promise<AssessmentAppealPageV1> {
    return this.appeals.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.assessmentAppealDecide)
  decideAppeal(@Payload() req: RpcPayload<typeof Rpc.assessmentAppealDecide>): Promise<AssessmentAppealV1> {
    return this.appeals.decide(req.principal, req.body);
  }

  @RpcHandler(Rpc.assessmentAppealScan)
  appealScan(@Payload() req: RpcPayload<typeof Rpc.assessmentAppealScan>): Promise<ScanRefV1> {
    return this.appeals.scan(req.principal, req.body);
  }
}

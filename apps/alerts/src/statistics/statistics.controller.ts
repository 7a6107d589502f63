import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  Rpc,
  RpcPayload,
  StatisticsConsistencyV1,
  StatisticsMonthlyV1,
  StatisticsRecordPageV1,
  StatisticsSummaryV1,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { ConsistencyService } from './consistency/consistency.service';
import { StatisticsQueryService } from './query/statistics-query.service';

/** NATS request/reply handlers of the statistics (queue group "alerts"). */
@Controller()
export class StatisticsController {
  constructor(
    private readonly queries: StatisticsQueryService,
    private readonly consistency: ConsistencyService,
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
}

import {
  Rpc,
  StatisticsConsistencyQuery,
  StatisticsMonthlyQuery,
  StatisticsRecordsQuery,
  StatisticsSummaryQuery,
} from '@hn/messages';
import { rpcBodyPipe } from '../validation/message-pipe';

// the Rpc entries' request classes: the alerts service's @RpcHandler applies the same
export const SummaryQueryPipe = rpcBodyPipe<StatisticsSummaryQuery>(Rpc.statisticsSummary);
export const MonthlyQueryPipe = rpcBodyPipe<StatisticsMonthlyQuery>(Rpc.statisticsMonthly);
export const RecordsQueryPipe = rpcBodyPipe<StatisticsRecordsQuery>(Rpc.statisticsRecords);
export const ConsistencyQueryPipe = rpcBodyPipe<StatisticsConsistencyQuery>(Rpc.statisticsConsistency);

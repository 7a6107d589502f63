import {
  ErrorCode,
  FieldError,
  StatisticsConsistencyQuery,
  StatisticsMonthlyQuery,
  StatisticsRecordsQuery,
  StatisticsSummaryQuery,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { messagePipe } from '../validation/message-pipe';

/** 422 INVALID_FILTER naming each bad query field (the alerts service answers the same over NATS). */
export function invalidStatisticsQuery(errors: FieldError[]): DomainException {
  return new DomainException(
    422,
    ErrorCode.INVALID_FILTER,
    `统计查询条件无效，共 ${errors.length} 处 (invalid statistics query: ${errors.length} field(s))`,
    errors,
  );
}

export const SummaryQueryPipe = messagePipe(StatisticsSummaryQuery, invalidStatisticsQuery);
export const MonthlyQueryPipe = messagePipe(StatisticsMonthlyQuery, invalidStatisticsQuery);
export const RecordsQueryPipe = messagePipe(StatisticsRecordsQuery, invalidStatisticsQuery);
export const ConsistencyQueryPipe = messagePipe(StatisticsConsistencyQuery, invalidStatisticsQuery);

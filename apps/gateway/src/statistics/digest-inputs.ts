import { StatisticsDigestGenerateInput, StatisticsDigestListQuery } from '@hn/messages';
import { messagePipe } from '../validation/message-pipe';
import { invalidStatisticsQuery } from './statistics-inputs';

export const DigestListQueryPipe = messagePipe(StatisticsDigestListQuery, invalidStatisticsQuery);
export const DigestGeneratePipe = messagePipe(StatisticsDigestGenerateInput, invalidStatisticsQuery);

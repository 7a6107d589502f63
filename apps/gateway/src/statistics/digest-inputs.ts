import { Rpc, StatisticsDigestGenerateInput, StatisticsDigestListQuery } from '@hn/messages';
import { rpcBodyPipe } from '../validation/message-pipe';

// the Rpc entries' request classes: the alerts service's @RpcHandler applies the same
export const DigestListQueryPipe = rpcBodyPipe<StatisticsDigestListQuery>(Rpc.statisticsDigestList);
export const DigestGeneratePipe = rpcBodyPipe<StatisticsDigestGenerateInput>(Rpc.statisticsDigestGenerate);

import {
  AssessmentAppealDecisionInput,
  AssessmentAppealInput,
  AssessmentAppealListQuery,
  Rpc,
  StatisticsAssessmentQuery,
} from '@hn/messages';
import { messagePipe, rpcBodyPipe } from '../validation/message-pipe';
import { rpcParamPipe } from '../validation/rpc-param-pipe';

// the Rpc entries' request classes: the alerts service's @RpcHandler applies the same
export const AssessmentQueryPipe = rpcBodyPipe<StatisticsAssessmentQuery>(Rpc.statisticsAssessment);
export const AppealListQueryPipe = rpcBodyPipe<AssessmentAppealListQuery>(Rpc.assessmentAppealList);
export const AppealPipe = rpcBodyPipe<AssessmentAppealInput>(Rpc.assessmentAppealSubmit);
/** the appeal id of the path (400 VALIDATION_FAILED unless a UUID), then the body the entry's class extends */
export const AppealIdPipe = rpcParamPipe(Rpc.assessmentAppealDecide, 'appealId');
export const AppealDecisionPipe = messagePipe(AssessmentAppealDecisionInput);

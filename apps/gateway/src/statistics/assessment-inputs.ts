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
/**
 * The appeal as the client sends it (JSON body, or the upload's `data` part): AssessmentAppealInput, the
 * entry's class without `scans` — staged scans come only from the gateway's own upload (an unknown field
 * here, 422), and the alerts service validates the whole AssessmentAppealSubmission again.
 */
export const AppealPipe = messagePipe(AssessmentAppealInput);
/** The path's appeal id and scan position (400 VALIDATION_FAILED unless a UUID and 1–5). */
export const AppealScanIdPipe = rpcParamPipe(Rpc.assessmentAppealScan, 'appealId');
export const AppealScanPositionPipe = rpcParamPipe(Rpc.assessmentAppealScan, 'position');
/** the appeal id of the path (400 VALIDATION_FAILED unless a UUID), then the body the entry's class extends */
export const AppealIdPipe = rpcParamPipe(Rpc.assessmentAppealDecide, 'appealId');
export const AppealDecisionPipe = messagePipe(AssessmentAppealDecisionInput);

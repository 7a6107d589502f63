import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import {
  AssessmentAppealDecisionInput,
  AssessmentAppealInput,
  AssessmentAppealListQuery,
  Rpc,
  StatisticsAssessmentQuery,
} from '@hn/messages';
import { messagePipe, rpcBodyPipe } from '../validation/message-pipe';

// the Rpc entries' request classes: the alerts service's @RpcHandler applies the same
export const AssessmentQueryPipe = rpcBodyPipe<StatisticsAssessmentQuery>(Rpc.statisticsAssessment);
export const AppealListQueryPipe = rpcBodyPipe<AssessmentAppealListQuery>(Rpc.assessmentAppealList);
export const AppealPipe = messagePipe(AssessmentAppealInput);
export const AppealDecisionPipe = messagePipe(AssessmentAppealDecisionInput);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The appeal id of the path (400 VALIDATION_FAILED unless a UUID). */
@Injectable()
export class AppealIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value))
      throw DomainException.validation([{ field: 'appealId', reason: '申诉编号须为 UUID (UUID)' }]);
    return value.toLowerCase();
  }
}

import { Injectable, PipeTransform } from '@nestjs/common';
import {
  DifferenceAcknowledgement,
  InvalidPayloads,
  isMonth,
  MONTH_REASON,
  presaleNumberParamReason,
  Rpc,
  SigningStatisticFigures,
  SigningStatisticSubmission,
  SigningStatisticWithdrawal,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { messagePipe } from '../validation/message-pipe';
import { rpcParamPipe } from '../validation/rpc-param-pipe';

/** Path month `YYYY-MM` (400 VALIDATION_FAILED naming month). */
@Injectable()
export class MonthPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isMonth(value)) throw DomainException.validation([{ field: 'month', reason: MONTH_REASON }]);
    return value;
  }
}

/** Path difference id: the acknowledge entry's rule (400 VALIDATION_FAILED naming differenceId, lower-cased). */
export const DifferenceIdPipe = rpcParamPipe(Rpc.reconciliationAcknowledge, 'differenceId');

/** 400 INVALID_PRESALE_NUMBER for an optional query presale number. */
export function assertPresaleQuery(value: string | undefined): void {
  if (value === undefined) return;
  const reason = presaleNumberParamReason(value);
  if (reason)
    throw DomainException.invalidPayload(InvalidPayloads.presaleNumber, [{ field: 'presaleNumber', reason }], {
      presaleNumber: value,
    });
}

// the bodies, with the message classes the contracts service's @RpcHandler applies again (422 INCOMPLETE_SUBMISSION)
export const PutStatisticPipe = messagePipe(SigningStatisticFigures);
export const WithdrawStatisticPipe = messagePipe(SigningStatisticWithdrawal);
export const SubmitStatisticsPipe = messagePipe(SigningStatisticSubmission);
export const AcknowledgeDifferencePipe = messagePipe(DifferenceAcknowledgement);

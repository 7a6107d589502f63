import { Injectable, PipeTransform } from '@nestjs/common';
import { ContractFilingCancellation, ContractFilingSubmission, Rpc, validateMessage } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { rpcPartPipe } from '../validation/message-pipe';

/**
 * Body of POST /api/v1/contract-filings: the submission part of Rpc.contractFilingIssue, validated
 * with ContractFilingSubmission exactly as the contracts service validates it again (422
 * INCOMPLETE_SUBMISSION listing every missing or invalid field at once, unknown fields by name). The
 * cut-over date is configuration of the contracts service and checked there only.
 */
export const ContractFilingSubmissionPipe = rpcPartPipe<ContractFilingSubmission>(
  Rpc.contractFilingIssue,
  'submission',
);

/**
 * Body of POST /api/v1/contract-filings/{contractNumber}/cancel with the message class of
 * @hn/messages, the same call the contracts service makes on its RPC payload (validateMessage).
 */
@Injectable()
export class CancelContractFilingPipe implements PipeTransform<unknown, Promise<ContractFilingCancellation>> {
  async transform(value: unknown): Promise<ContractFilingCancellation> {
    const result = await validateMessage(ContractFilingCancellation, value);
    if (!result.ok) throw DomainException.incomplete(result.errors);
    return result.value;
  }
}

import { Allow } from 'class-validator';
import { ContractFilingSubmission } from './contract-filing-submission.message';
import type { ContractFilingIssueRequestV1 } from './contract-filings';
import { IdempotencyKeyRule } from './validation/idempotency-key-rule';

/**
 * Body of rpc.contracts.filing.issue.v1: the Idempotency-Key of the HTTP request and the submission
 * (the HTTP body). The submission is the entry's part (`part: { name: 'submission', … }` in the Rpc
 * map): validated with ContractFilingSubmission and reported without a prefix, as the gateway reports
 * the HTTP body.
 */
export class ContractFilingIssueRequest implements ContractFilingIssueRequestV1 {
  @IdempotencyKeyRule()
  idempotencyKey!: string;

  @Allow()
  submission!: ContractFilingSubmission;
}

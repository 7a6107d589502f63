import { ApiProperty } from '@nestjs/swagger';
import { ContractFilingSubmission } from './contract-filing-submission.message';
import type { ContractFilingIssueRequestV1 } from './contract-filings';
import { IdempotencyKeyRule } from './validation/idempotency-key-rule';
import { validateSubmission } from './validation/validate-submission';
import { ValidatedAs } from './validation/validated-as';

/**
 * Body of rpc.contracts.filing.issue.v1: the Idempotency-Key of the HTTP request and the submission
 * (the HTTP body), validated as a submission (every field at once) with ContractFilingSubmission and
 * reported without a prefix, as the gateway reports the HTTP body (ValidatedAs).
 */
export class ContractFilingIssueRequest implements ContractFilingIssueRequestV1 {
  @IdempotencyKeyRule()
  idempotencyKey!: string;

  @ApiProperty({ type: () => ContractFilingSubmission, description: '合同备案请求体 the filing submission' })
  @ValidatedAs(ContractFilingSubmission, (value) => validateSubmission(ContractFilingSubmission, value))
  submission!: ContractFilingSubmission;
}

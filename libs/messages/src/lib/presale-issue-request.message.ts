import { ApiProperty } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_FIELD_ERROR, IsIdempotencyKey } from './idempotency-key';
import type { PresaleIssueRequestV1, PresaleSubmissionV1 } from './presale';
import { PresaleSubmission } from './presale-submission.message';
import { checkedFirst, InvalidPayloads } from './validation/invalid-payload';
import { ValidatedAs } from './validation/validated-as';

/**
 * Body of rpc.presale.permit.issue.v1 (取号): the Idempotency-Key header and the HTTP body the gateway
 * validated. The submission is validated by PresaleSubmission and reported with its own field names,
 * as the gateway reports the HTTP body (ValidatedAs); a malformed key is reported alone, first, as the
 * gateway's guard checks the header before the body ({@link INVALID_ISSUE_REQUEST}).
 */
export class PresaleIssueRequest implements PresaleIssueRequestV1 {
  @ApiProperty({ example: 'yx-presale-2024-015', description: 'Idempotency-Key 请求头' })
  @IsIdempotencyKey()
  idempotencyKey!: string;

  @ApiProperty({ type: PresaleSubmission, description: '取号请求体' })
  @ValidatedAs(PresaleSubmission)
  submission!: PresaleSubmissionV1;
}

/**
 * 422 INCOMPLETE_SUBMISSION of an issuing body (Y and Z): the key alone when it is malformed (the
 * issuing service's answer for a body sent over NATS; the gateway's header guard answers 400), else
 * every field of the submission.
 */
export const INVALID_ISSUE_REQUEST = checkedFirst(
  IDEMPOTENCY_KEY_FIELD_ERROR.field,
  InvalidPayloads.incomplete,
  InvalidPayloads.incomplete,
);

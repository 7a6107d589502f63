import { Injectable, PipeTransform } from '@nestjs/common';
import {
  ApplicantActionRequest,
  correctionErrors,
  ApplicationListRequest,
  ApplicationTransitionRequest,
  ApprovalProjectRegistration,
  PermitApplicationSubmission,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { messagePipe } from '../validation/message-pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bodies of 施工许可审批: 422 INCOMPLETE_SUBMISSION listing every field, as the permits service answers over NATS. */
export const ApprovalProjectPipe = messagePipe(ApprovalProjectRegistration);
export const PermitApplicationPipe = messagePipe(PermitApplicationSubmission);
export const ApplicationListPipe = messagePipe(ApplicationListRequest);

/** The path id (422 when not a UUID). */
export function applicationIdOf(id: string): string {
  if (!UUID.test(id))
    throw DomainException.incomplete([{ field: 'applicationId', reason: '须为申请编号 UUID (application id)' }]);
  return id;
}

/** The staff transition (path id + body) validated with the message class, as the service does. */
export const TransitionPipe = messagePipe(ApplicationTransitionRequest);
const ApplicantActionMessagePipe = messagePipe(ApplicantActionRequest);

/** The applicant's action; a RESUBMIT's corrected fields checked with the submission's message class too. */
@Injectable()
export class ApplicantActionPipe implements PipeTransform<unknown, Promise<ApplicantActionRequest>> {
  async transform(value: unknown): Promise<ApplicantActionRequest> {
    const checked = await new ApplicantActionMessagePipe().transform(value, { type: 'body' });
    const errors = await correctionErrors(checked.corrections);
    if (errors.length > 0) throw DomainException.incomplete(errors);
    return checked;
  }
}

import { Injectable, PipeTransform } from '@nestjs/common';
import {
  ApplicantActionRequest,
  ApplicantActionRequestV1,
  ApplicationIdBody,
  correctionErrors,
  ApplicationListRequest,
  ApplicationTransitionRequest,
  ApprovalProjectRegistration,
  PermitApplicationSubmission,
  Rpc,
} from '@hn/messages';
import { requestContractOf, validateRpcBody } from '@hn/messaging';
import { DomainException } from '@hn/errors';
import { messagePipe, rpcBodyPipe } from '../validation/message-pipe';

/** Bodies of 施工许可审批: 422 INCOMPLETE_SUBMISSION listing every field, as the permits service answers over NATS. */
export const ApprovalProjectPipe = messagePipe(ApprovalProjectRegistration);
export const PermitApplicationPipe = messagePipe(PermitApplicationSubmission);
export const ApplicationListPipe = messagePipe(ApplicationListRequest);

const APPLICATION_ID = requestContractOf(Rpc.approvalApplicationGet);

/**
 * The path id, validated with the class of the application reads (ApplicationIdRequest, which the permits
 * service's @RpcHandler applies again): 422 INCOMPLETE_SUBMISSION naming applicationId when not a UUID.
 */
export async function applicationIdOf(id: string): Promise<string> {
  return (await validateRpcBody<ApplicationIdBody>(APPLICATION_ID, { applicationId: id })).applicationId;
}

/** The staff transition (path id + body) validated with the message class, as the service does. */
export const TransitionPipe = messagePipe(ApplicationTransitionRequest);
/** The Rpc entry's own check (ApplicantActionRequest), the one the permits service's @RpcHandler runs. */
const ApplicantActionBodyPipe = rpcBodyPipe<ApplicantActionRequest>(Rpc.approvalApplicantAction);

/**
 * The applicant's action (the JSON body, or the multipart `data` part with the path id and the staged
 * letter), checked with the Rpc entry's request class; a RESUBMIT's corrected fields checked with the
 * submission's message class too.
 */
@Injectable()
export class ApplicantActionPipe implements PipeTransform<unknown, Promise<ApplicantActionRequestV1>> {
  async transform(value: unknown): Promise<ApplicantActionRequestV1> {
    const checked = await new ApplicantActionBodyPipe().transform(value, { type: 'body' });
    const errors = await correctionErrors(checked.corrections);
    if (errors.length > 0) throw DomainException.incomplete(errors);
    return checked;
  }
}

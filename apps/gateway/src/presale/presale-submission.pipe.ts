import { PresaleSubmission, Rpc } from '@hn/messages';
import { rpcPartPipe } from '../validation/message-pipe';

/**
 * Route-level validation of the 取号 body: the `submission` of Rpc.presaleIssue's class (PresaleSubmission),
 * which the presale service validates again on its RPC payload. A failing submission is 422
 * INCOMPLETE_SUBMISSION with one reason per field (not the global pipe's 400 VALIDATION_FAILED); unknown
 * fields are rejected; an absent body reports every required field; an array or a scalar is refused whole.
 * The handler's parameter is typed with the interface, so the global pipe leaves the body to this one.
 */
export const PresaleSubmissionPipe = rpcPartPipe<PresaleSubmission>(Rpc.presaleIssue, 'submission');

import {
  AcceptanceBackfillInput,
  AcceptanceBackfillListQuery,
  AlertDecisionInput,
  AlertDismissalInput,
  AlertFollowUpInput,
  AlertListQuery,
  AlertPermitLinkInput,
  FieldError,
  InvalidPayloads,
  Rpc,
  validateMessage,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { messagePipe, rpcBodyPipe, rpcPartPipe } from '../validation/message-pipe';
import { rpcParamPipe } from '../validation/rpc-param-pipe';

/** 422 INVALID_FILTER naming each bad filter and its allowed values (the alerts service answers the same). */
export function invalidFilter(errors: FieldError[]): DomainException {
  return DomainException.invalidPayload(InvalidPayloads.filter, errors);
}

// the query pipes answer 422 INVALID_FILTER; the body pipes 422 INCOMPLETE_SUBMISSION (the default), with the
// classes the alert actions' entry classes extend or take as their part (alert-requests.message.ts): the same rules
export const AlertListQueryPipe = rpcBodyPipe<AlertListQuery>(Rpc.alertList);
export const BackfillListQueryPipe = rpcBodyPipe<AcceptanceBackfillListQuery>(Rpc.acceptanceBackfillList);
export const FollowUpPipe = rpcPartPipe<AlertFollowUpInput>(Rpc.alertFollowUp, 'followUp');
export const DecisionPipe = messagePipe(AlertDecisionInput);
export const PermitLinkPipe = messagePipe(AlertPermitLinkInput);

const AcceptanceBackfillDataPipe = rpcPartPipe<AcceptanceBackfillInput>(Rpc.acceptanceBackfillSubmit, 'submission');

/** The `data` part of an acceptance backfill upload: the submit entry's `submission`. */
export function acceptanceBackfillData(raw: unknown): Promise<AcceptanceBackfillInput> {
  return new AcceptanceBackfillDataPipe().transform(raw, { type: 'custom' });
}

/** The `data` part of a dismissal request upload: { reason }. */
export async function dismissalData(raw: unknown): Promise<{ reason: string }> {
  const result = await validateMessage(AlertDismissalInput, raw);
  if (!result.ok) throw DomainException.incomplete(result.errors);
  return { reason: result.value.reason };
}

// the ids of the path, with the rule of the entries' classes (400 VALIDATION_FAILED, as the alerts service answers)
export const AlertIdPipe = rpcParamPipe(Rpc.alertGet, 'alertId');
export const BackfillIdPipe = rpcParamPipe(Rpc.acceptanceBackfillDecide, 'backfillId');

import { Injectable, PipeTransform, Type } from '@nestjs/common';
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
import { messagePipe, rpcBodyPipe } from '../validation/message-pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 422 INVALID_FILTER naming each bad filter and its allowed values (the alerts service answers the same). */
export function invalidFilter(errors: FieldError[]): DomainException {
  return DomainException.invalidPayload(InvalidPayloads.filter, errors);
}

// the query pipes answer 422 INVALID_FILTER; the body pipes 422 INCOMPLETE_SUBMISSION (the default)
export const AlertListQueryPipe = rpcBodyPipe<AlertListQuery>(Rpc.alertList);
export const BackfillListQueryPipe = rpcBodyPipe<AcceptanceBackfillListQuery>(Rpc.acceptanceBackfillList);
export const FollowUpPipe = messagePipe(AlertFollowUpInput);
export const DecisionPipe = messagePipe(AlertDecisionInput);
export const PermitLinkPipe = messagePipe(AlertPermitLinkInput);

/** The `data` part of an acceptance backfill upload. */
export async function acceptanceBackfillData(raw: unknown): Promise<AcceptanceBackfillInput> {
  const result = await validateMessage(AcceptanceBackfillInput, raw);
  if (!result.ok) throw DomainException.incomplete(result.errors);
  return result.value;
}

/** The `data` part of a dismissal request upload: { reason }. */
export async function dismissalData(raw: unknown): Promise<{ reason: string }> {
  const result = await validateMessage(AlertDismissalInput, raw);
  if (!result.ok) throw DomainException.incomplete(result.errors);
  return { reason: result.value.reason };
}

function uuidPipe(field: string, what: string): Type<PipeTransform<string, string>> {
  @Injectable()
  class UuidPipe implements PipeTransform<string, string> {
    transform(value: string): string {
      if (typeof value !== 'string' || !UUID.test(value))
        throw DomainException.validation([{ field, reason: `${what}须为 UUID (UUID)` }]);
      return value.toLowerCase();
    }
  }
  return UuidPipe;
}

export const AlertIdPipe = uuidPipe('alertId', '预警编号');
export const BackfillIdPipe = uuidPipe('backfillId', '补录编号');

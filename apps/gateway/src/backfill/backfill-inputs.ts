import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import {
  BackfillSubmitRequest,
  BackfillWithdrawRequest,
  duplicatePresaleNumbersError,
  InvalidPayloads,
  PresaleCorrectionData,
  PresaleSubmission,
  PresaleSubmissionV1,
  Rpc,
  Principal,
  UnpermittedPresaleSubmissionV1,
  validateMessage,
  zPresaleNumberReason,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { messagePipe, rpcPartPipe } from '../validation/message-pipe';

/** 撤回 body: the message class of @hn/messages (422 INCOMPLETE_SUBMISSION), then a Z number (400). */
@Injectable()
export class WithdrawBackfillPipe implements PipeTransform<unknown, Promise<BackfillWithdrawRequest>> {
  async transform(value: unknown, _metadata?: ArgumentMetadata): Promise<BackfillWithdrawRequest> {
    const checked = await validateMessage(BackfillWithdrawRequest, value);
    if (!checked.ok) throw DomainException.incomplete(checked.errors);
    if (checked.value.presaleNumber !== undefined) assertZNumberField(checked.value.presaleNumber, 'presaleNumber');
    return checked.value;
  }
}

/** 提交 body: the message class (422), Z numbers (400), no number twice (422); the presale service checks the same. */
@Injectable()
export class SubmitBackfillPipe implements PipeTransform<unknown, Promise<BackfillSubmitRequest>> {
  async transform(value: unknown, _metadata?: ArgumentMetadata): Promise<BackfillSubmitRequest> {
    const checked = await validateMessage(BackfillSubmitRequest, value);
    if (!checked.ok) throw DomainException.incomplete(checked.errors);
    checked.value.presaleNumbers.forEach((n, i) => assertZNumberField(n, `presaleNumbers[${i}]`));
    const duplicate = duplicatePresaleNumbersError(checked.value.presaleNumbers);
    if (duplicate) throw DomainException.incomplete([duplicate]);
    return checked.value;
  }
}

/** A backfill route names Z numbers only: 400 INVALID_PRESALE_NUMBER otherwise. */
export function assertZNumberField(value: string, field: string): void {
  const reason = zPresaleNumberReason(value);
  if (reason)
    throw DomainException.invalidPayload(InvalidPayloads.presaleNumber, [{ field, reason }], { presaleNumber: value });
}

const DATA = { type: 'custom' } as const;
const backfillSubmission = new (rpcPartPipe<PresaleSubmission>(Rpc.backfillIssue, 'submission'))();
const unpermittedSubmission = new (rpcPartPipe<UnpermittedPresaleSubmissionV1>(
  Rpc.unpermittedRegister,
  'submission',
))();
const correctionPart = new (messagePipe(PresaleCorrectionData))();

/** The `data` part of a backfill: the 取号 body rules (422 INCOMPLETE_SUBMISSION) and the caller's regions (403). */
export async function backfillData(principal: Principal, raw: unknown): Promise<PresaleSubmissionV1> {
  const dto = await backfillSubmission.transform(raw, DATA);
  dto.constructionPermitNumbers.forEach((n, i) =>
    assertRegionAllowed(principal, regionOf(n), { what: `施工许可证 ${n}`, field: `constructionPermitNumbers[${i}]` }),
  );
  return { ...dto } as PresaleSubmissionV1;
}

/**
 * The `data` part of an unpermitted registration: the message class of @hn/messages with its region
 * rule (422 INCOMPLETE_SUBMISSION, every field at once; the presale service applies the same), then
 * the caller's regions (403).
 */
export async function unpermittedData(principal: Principal, raw: unknown): Promise<UnpermittedPresaleSubmissionV1> {
  const checked = await unpermittedSubmission.transform(raw, DATA);
  assertRegionAllowed(principal, checked.regionCode, { field: 'regionCode' });
  return { ...checked };
}

/**
 * The `data` part of a backfill correction: the message class of @hn/messages (422
 * INCOMPLETE_SUBMISSION, every field at once), the same the presale service applies to its RPC payload.
 */
export function correctionData(raw: unknown): Promise<PresaleCorrectionData> {
  return correctionPart.transform(raw, DATA);
}

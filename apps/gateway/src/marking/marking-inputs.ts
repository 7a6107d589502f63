import { MarkingBatchRequest, MarkingCorrectionData, MarkingSubmitRequest, Rpc, validateMessage } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { rpcBodyPipe } from '../validation/message-pipe';

/** Body of 批量标记: 422 INCOMPLETE_SUBMISSION listing every field, as the permits service answers over NATS. */
export const MarkingBatchPipe = rpcBodyPipe<MarkingBatchRequest>(Rpc.markingBatch);

/** Body of 提交标记: 422 INCOMPLETE_SUBMISSION listing every field. */
export const MarkingSubmitPipe = rpcBodyPipe<MarkingSubmitRequest>(Rpc.markingSubmit);

/**
 * The `data` part of a 纠错 upload: the message class MarkingCorrectionData (422 INCOMPLETE_SUBMISSION
 * listing every field, unknown fields refused), as the permits service validates its RPC payload. Runs
 * before the scan is staged, so a bad request stores nothing.
 */
export async function validateCorrectionData(data: unknown): Promise<MarkingCorrectionData> {
  const checked = await validateMessage(MarkingCorrectionData, data);
  if (!checked.ok) throw DomainException.incomplete(checked.errors);
  return checked.value;
}

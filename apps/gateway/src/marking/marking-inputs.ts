import { MarkingBatchRequest, MarkingSubmitRequest } from '@hn/messages';
import { messagePipe } from '../validation/message-pipe';

/** Body of 批量标记: 422 INCOMPLETE_SUBMISSION listing every field, as the permits service answers over NATS. */
export const MarkingBatchPipe = messagePipe(MarkingBatchRequest);

/** Body of 提交标记: 422 INCOMPLETE_SUBMISSION listing every field. */
export const MarkingSubmitPipe = messagePipe(MarkingSubmitRequest);

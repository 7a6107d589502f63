import { MARKING_PROJECT_CODE_EXAMPLE } from '@hn/messages';

export const PERMIT_EXAMPLE = '430223202406200101';
export const PROJECT_CODE_EXAMPLE = MARKING_PROJECT_CODE_EXAMPLE;

// 批量标记, 提交 and the 纠错 `data` part are the message classes MarkingBatchRequest / MarkingSubmitRequest /
// MarkingCorrectionData of @hn/messages.

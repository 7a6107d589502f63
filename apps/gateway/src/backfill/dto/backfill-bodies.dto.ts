import { PRESALE_SUBMISSION_EXAMPLE } from '@hn/messages';

/** A stock (pre-cut-over) presale permit: the work-plan example issued on 2024-06-28. */
export const BACKFILL_SUBMISSION_EXAMPLE = {
  ...PRESALE_SUBMISSION_EXAMPLE,
  localCertificateNumber: '攸住建预字〔2024〕第009号',
  issueDate: '2024-06-28',
};

// The `data` part of a backfill correction is the message class PresaleCorrectionData of @hn/messages.

import { FieldError, isPlainText } from '@hn/messages';

const isText = (v: unknown, max: number): v is string => isPlainText(v, max);

/**
 * The written-report rules every ADMIN correction shares (CorrectionReportV1): a reason of 1–500
 * and a document number of 1–100 characters, not blank, no control characters. The report's scan
 * is checked where it is taken from staging.
 */
export function correctionReportErrors(report: unknown): FieldError[] {
  const r = (typeof report === 'object' && report !== null ? report : {}) as {
    reason?: unknown;
    documentNumber?: unknown;
  };
  const errors: FieldError[] = [];
  if (!isText(r.reason, 500)) errors.push({ field: 'reason', reason: '更正原因须为 1–500 字 (1..500 characters)' });
  if (!isText(r.documentNumber, 100))
    errors.push({
      field: 'documentNumber',
      reason: '书面报告文号须为 1–100 字，如 湘建房函〔2024〕12号 (1..100 characters)',
    });
  return errors;
}

import {
  CorrectableFormV1,
  FieldError,
  PermitApplicationSubmission,
  PermitApplicationSubmissionV1,
  ScanRefV1,
  validateMessage,
} from '@hn/messages';
import { ApprovalErrors } from './approval.exception';
import type { ApplicationRow, FieldChange } from './approval.repository';
import { presaleFieldErrors } from './presale-fields';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * 补正后修改表单: the corrected fields merged into the stored form, the whole form validated again
 * with the submission's own message class and the PRESALE rule (every problem at once, a corrected
 * field's under `corrections.`), and the top-level fields that really changed, before and after.
 */
/** Stands for the kept letter while the merged form is validated (never stored). */
const KEPT_LETTER: ScanRefV1 = {
  stagingKey: '00000000-0000-4000-8000-000000000000',
  sha256: '0'.repeat(64),
  contentType: 'application/pdf',
  size: 1,
  fileName: 'kept',
};

export async function correctedForm(
  app: ApplicationRow,
  corrections: CorrectableFormV1,
): Promise<{ form: PermitApplicationSubmissionV1; changes: FieldChange[] }> {
  const merged = { ...app.form, ...corrections, projectCode: app.project_code };
  // the 承诺函 kept with the application counts for "amountFen or a letter"; the stored form never holds it
  const g = merged.capitalGuarantee;
  const checked = await validateMessage(
    PermitApplicationSubmission,
    app.letter_sha256 && g && typeof g === 'object' && g.applies === true
      ? { ...merged, capitalGuarantee: { ...g, commitmentLetter: KEPT_LETTER } }
      : merged,
  );
  const corrected = new Set(Object.keys(corrections));
  const name = (e: FieldError): FieldError =>
    corrected.has(e.field.split(/[.[]/)[0]!) ? { ...e, field: `corrections.${e.field}` } : e;
  const errors = checked.ok ? [] : checked.errors.map(name);
  errors.push(...presaleFieldErrors(app.project_type, merged).map(name));
  if (!checked.ok || errors.length > 0) throw ApprovalErrors.invalid(errors);
  const cg = checked.value.capitalGuarantee;
  const form = {
    ...checked.value,
    worksCategoryCode: checked.value.worksCategoryCode ?? '01',
    ...(cg ? { capitalGuarantee: { applies: cg.applies, amountFen: cg.amountFen ?? null } } : {}),
  };
  const before = app.form as unknown as Record<string, unknown>;
  const after = form as unknown as Record<string, unknown>;
  const changes = [...corrected]
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
  return { form: JSON.parse(JSON.stringify(form)) as PermitApplicationSubmissionV1, changes };
}

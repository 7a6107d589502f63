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

/** Stands for the kept (or newly uploaded) letter while the merged form is validated (never stored). */
const KEPT_LETTER: ScanRefV1 = {
  stagingKey: '00000000-0000-4000-8000-000000000000',
  sha256: '0'.repeat(64),
  contentType: 'application/pdf',
  size: 1,
  fileName: 'kept',
};

/** The RPC body's field of a RESUBMIT's new letter (the multipart `scan` part at the gateway). */
export const RESUBMIT_LETTER_FIELD = 'commitmentLetter';

/** What a RESUBMIT changes: the corrected form (when fields were corrected) and the changes the history lists. */
export interface Resubmission {
  form?: PermitApplicationSubmissionV1;
  changes: FieldChange[];
}

/**
 * 补正后重新提交: the corrected fields merged into the stored form, the whole form validated again with
 * the submission's own message class and the PRESALE rule (every problem at once, a corrected field's
 * under `corrections.`), then the new 承诺函's rule (a PRESALE case whose guarantee applies), and what
 * really changed, before and after — the replaced letter included. A letter alone leaves the form as it is.
 * undefined: nothing to change (a plain RESUBMIT).
 */
export async function resubmission(
  app: ApplicationRow,
  corrections: CorrectableFormV1 | undefined,
  letter: ScanRefV1 | null | undefined,
): Promise<Resubmission | undefined> {
  if (!corrections && !letter) return undefined;
  const corrected = corrections ? await correctedForm(app, corrections, Boolean(letter)) : undefined;
  const errors = corrected?.errors ?? [];
  if (letter) errors.push(...letterErrors(app.project_type, (corrected?.form ?? app.form).capitalGuarantee));
  if (errors.length > 0) throw ApprovalErrors.invalid(errors);
  const changes = corrected?.changes ?? [];
  if (letter)
    changes.push({
      field: 'capitalGuarantee.commitmentLetter',
      before: app.letter_sha256
        ? {
            sha256: app.letter_sha256,
            fileName: app.letter_file_name,
            contentType: app.letter_content_type,
            size: Number(app.letter_size),
            version: Number(app.letter_version ?? 1),
          }
        : null,
      after: {
        sha256: letter.sha256,
        fileName: letter.fileName,
        contentType: letter.contentType,
        size: letter.size,
        version: Number(app.letter_version ?? 0) + 1,
      },
    });
  return { ...(corrected ? { form: corrected.form } : {}), changes };
}

/**
 * The rule of a new letter on the form after the correction: only a PRESALE project's capital guarantee
 * takes one, and only when it applies (the message class refuses applies=false already when the
 * correction itself names it).
 */
export function letterErrors(
  projectType: string | null,
  guarantee: PermitApplicationSubmissionV1['capitalGuarantee'],
): FieldError[] {
  if (projectType !== 'PRESALE')
    return [
      {
        field: RESUBMIT_LETTER_FIELD,
        reason: `承诺函仅随预售商品房项目的项目资本保证金上传，本项目类型为 ${projectType ?? '未选择'} (PRESALE projects only)`,
      },
    ];
  if (guarantee && guarantee.applies !== true)
    return [
      {
        field: RESUBMIT_LETTER_FIELD,
        reason:
          '未实行项目资本保证金（capitalGuarantee.applies=false）时不上传承诺函；实行的，请同时更正 corrections.capitalGuarantee (only when capitalGuarantee.applies is true)',
      },
    ];
  return [];
}

async function correctedForm(
  app: ApplicationRow,
  corrections: CorrectableFormV1,
  newLetter: boolean,
): Promise<{ form: PermitApplicationSubmissionV1; changes: FieldChange[]; errors: FieldError[] }> {
  const merged = { ...app.form, ...corrections, projectCode: app.project_code };
  // the kept 承诺函, or the one this RESUBMIT uploads, counts for "amountFen or a letter"; the stored form never holds it
  const g = merged.capitalGuarantee;
  const checked = await validateMessage(
    PermitApplicationSubmission,
    (app.letter_sha256 || newLetter) && g && typeof g === 'object' && g.applies === true
      ? { ...merged, capitalGuarantee: { ...g, commitmentLetter: KEPT_LETTER } }
      : merged,
  );
  const correctedFields = new Set(Object.keys(corrections));
  const name = (e: FieldError): FieldError =>
    correctedFields.has(e.field.split(/[.[]/)[0]!) ? { ...e, field: `corrections.${e.field}` } : e;
  const errors = checked.ok ? [] : checked.errors.map(name);
  errors.push(...presaleFieldErrors(app.project_type, merged).map(name));
  if (!checked.ok) return { form: merged, changes: [], errors };
  const cg = checked.value.capitalGuarantee;
  const form = {
    ...checked.value,
    worksCategoryCode: checked.value.worksCategoryCode ?? '01',
    ...(cg ? { capitalGuarantee: { applies: cg.applies, amountFen: cg.amountFen ?? null } } : {}),
  };
  const before = app.form as unknown as Record<string, unknown>;
  const after = form as unknown as Record<string, unknown>;
  const changes = [...correctedFields]
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
  return { form: JSON.parse(JSON.stringify(form)) as PermitApplicationSubmissionV1, changes, errors };
}

import { CORRECTABLE_FIELDS } from './approval-stages';
import { AMOUNT_OR_LETTER, PermitApplicationSubmission } from './approval.message';
import type { FieldError } from './problem';
import { validateMessage } from './validation/validate-message';

/**
 * The corrected fields of a RESUBMIT checked on their own with the submission's message class (the
 * gateway's early answer; the permits service validates the form they make, merged, again): every
 * problem of a corrected field, under `corrections.`; fields not corrected are not looked at.
 */
export async function correctionErrors(corrections: unknown): Promise<FieldError[]> {
  if (corrections === null || typeof corrections !== 'object' || Array.isArray(corrections)) return [];
  const keys = Object.keys(corrections).filter((k) => (CORRECTABLE_FIELDS as readonly string[]).includes(k));
  if (keys.length === 0) return [];
  const given = Object.fromEntries(keys.map((k) => [k, (corrections as Record<string, unknown>)[k]]));
  // the 承诺函 is the multipart scan part (of the submission or of the RESUBMIT), never named in a correction
  const g = given['capitalGuarantee'];
  const letter: FieldError[] =
    g && typeof g === 'object' && 'commitmentLetter' in g
      ? [
          {
            field: 'corrections.capitalGuarantee.commitmentLetter',
            reason:
              '承诺函以 multipart/form-data 的 scan 部分随重新提交上传，不在 corrections 中填写 (upload the letter as the multipart scan part)',
          },
        ]
      : [];
  const checked = await validateMessage(PermitApplicationSubmission, given);
  if (checked.ok) return letter;
  return [
    ...letter,
    ...checked.errors
      .filter((e) => keys.includes(e.field.split(/[.[]/)[0]!))
      .filter((e) => e.field !== 'capitalGuarantee.commitmentLetter')
      // a letter kept with the application counts: the permits service checks the merged form knowing it
      .filter((e) => e.reason !== AMOUNT_OR_LETTER)
      .map((e) => ({ ...e, field: `corrections.${e.field}` })),
  ];
}

import { CORRECTABLE_FIELDS } from './approval-stages';
import { PermitApplicationSubmission } from './approval.message';
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
  const checked = await validateMessage(PermitApplicationSubmission, given);
  if (checked.ok) return [];
  return checked.errors
    .filter((e) => keys.includes(e.field.split(/[.[]/)[0]!))
    .map((e) => ({ ...e, field: `corrections.${e.field}` }));
}

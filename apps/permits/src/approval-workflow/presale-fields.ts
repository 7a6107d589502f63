import type { FieldError, PermitApplicationSubmissionV1 } from '@hn/messages';

/**
 * The form rule needing the project's type: a PRESALE project's form has capitalGuarantee and
 * fundSupervision, any other type's form has neither (on submission and on a corrected RESUBMIT).
 */
export function presaleFieldErrors(
  projectType: string | null,
  form: Pick<PermitApplicationSubmissionV1, 'capitalGuarantee' | 'fundSupervision'>,
  prefix = '',
): FieldError[] {
  const errors: FieldError[] = [];
  const presale = projectType === 'PRESALE';
  for (const field of ['capitalGuarantee', 'fundSupervision'] as const) {
    const given = form[field] !== undefined && form[field] !== null;
    if (presale && !given)
      errors.push({ field: `${prefix}${field}`, reason: '预售商品房项目必填 (required for PRESALE projects)' });
    if (!presale && given)
      errors.push({
        field: `${prefix}${field}`,
        reason: '仅预售商品房项目填写，其它类型须为 null (PRESALE projects only)',
      });
  }
  return errors;
}

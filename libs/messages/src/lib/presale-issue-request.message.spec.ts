import { BODY_NOT_AN_OBJECT } from './contract-filing-validation';
import { IDEMPOTENCY_KEY_FIELD_ERROR } from './idempotency-key';
import { INVALID_ISSUE_REQUEST, PresaleIssueRequest } from './presale-issue-request.message';
import { PRESALE_SUBMISSION_EXAMPLE, PresaleSubmission } from './presale-submission.message';
import type { FieldError } from './problem';
import { validateMessage } from './validation/validate-message';

const sorted = (errors: readonly FieldError[]) =>
  [...errors].sort((a, b) => a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason));
const errorsOf = async (type: new () => object, value: unknown) => {
  const result = await validateMessage(type, value);
  return result.ok ? [] : sorted(result.errors);
};

describe(PresaleIssueRequest.name, () => {
  it('accepts a key and a submission; the submission becomes the validated (trimmed) instance', async () => {
    const result = await validateMessage(PresaleIssueRequest, {
      idempotencyKey: 'yx-presale-2024-015',
      submission: { ...PRESALE_SUBMISSION_EXAMPLE, projectName: ` ${PRESALE_SUBMISSION_EXAMPLE.projectName} ` },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.submission).toBeInstanceOf(PresaleSubmission);
    expect(result.value.submission.projectName).toBe(PRESALE_SUBMISSION_EXAMPLE.projectName);
  });

  it.each<[string, unknown]>([
    ['every field wrong', { ...PRESALE_SUBMISSION_EXAMPLE, unitCount: 0, developer: { name: '', creditCode: 'x' } }],
    ['an unknown field', { ...PRESALE_SUBMISSION_EXAMPLE, extra: 1 }],
    ['an absent submission: every required field', undefined],
    ['an array', [PRESALE_SUBMISSION_EXAMPLE]],
  ])('%s: the HTTP body’s own field list, unprefixed', async (_name, submission) => {
    const expected = await errorsOf(PresaleSubmission, submission);
    expect(expected.length).toBeGreaterThan(0);
    expect(await errorsOf(PresaleIssueRequest, { idempotencyKey: 'k-1', submission })).toEqual(expected);
  });

  it('names a malformed key as the gateway does, and reports it alone (checked first)', async () => {
    const errors = await errorsOf(PresaleIssueRequest, { idempotencyKey: 'has spaces', submission: 'x' });
    expect(errors).toEqual(sorted([IDEMPOTENCY_KEY_FIELD_ERROR, BODY_NOT_AN_OBJECT]));
    expect(INVALID_ISSUE_REQUEST(errors)).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [IDEMPOTENCY_KEY_FIELD_ERROR],
    });
    expect(INVALID_ISSUE_REQUEST([BODY_NOT_AN_OBJECT])).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(INVALID_ISSUE_REQUEST([BODY_NOT_AN_OBJECT]).errors).toBeUndefined();
  });
});

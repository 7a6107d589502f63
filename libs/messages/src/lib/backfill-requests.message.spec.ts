import { creditCodeCheckChar } from '@hn/numbering';
import { UnpermittedPresaleSubmissionV1 } from './backfill';
import { UnpermittedPresaleRegisterRequest } from './backfill-requests.message';
import { BODY_NOT_AN_OBJECT } from './contract-filing-validation';
import type { FieldError } from './problem';
import { UnpermittedPresaleSubmission, validateUnpermittedSubmission } from './unpermitted-submission.message';
import { validateMessage } from './validation/validate-message';

const body17 = '91430223MA4Q0ABC1';
const registration = (overrides: Partial<UnpermittedPresaleSubmissionV1> = {}): UnpermittedPresaleSubmissionV1 => ({
  projectName: '攸县滨江花园一期',
  regionCode: '430223',
  developer: { name: '攸县滨江置业有限公司', creditCode: body17 + creditCodeCheckChar(body17) },
  localCertificateNumber: '攸住建预字〔2023〕第021号',
  issueDate: '2023-11-20',
  ...overrides,
});
// any reference: the scan is checked where the presale service takes it
const scan = { sha256: '0'.repeat(64), contentType: 'application/pdf', size: 16, fileName: 'scan.pdf' };

const sorted = (errors: readonly FieldError[]) =>
  [...errors].sort((a, b) => a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason));
const errorsOf = async (value: unknown) => {
  const result = await validateMessage(UnpermittedPresaleRegisterRequest, value);
  return result.ok ? [] : sorted(result.errors);
};
/** what the gateway answers for the multipart `data` part */
const dataErrorsOf = async (data: unknown) => {
  const result = await validateUnpermittedSubmission(data);
  return result.ok ? [] : sorted(result.errors);
};

describe(UnpermittedPresaleRegisterRequest.name, () => {
  it('accepts a registration and any scan reference; the submission becomes the validated (trimmed) instance', async () => {
    const result = await validateMessage(UnpermittedPresaleRegisterRequest, {
      submission: registration({ projectName: ' 攸县滨江花园一期 ' }),
      scan,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.submission).toBeInstanceOf(UnpermittedPresaleSubmission);
    expect(result.value.submission.projectName).toBe('攸县滨江花园一期');
    expect(result.value.scan).toEqual(scan);
  });

  it.each<[string, unknown]>([
    [
      'every field wrong',
      registration({ projectName: ' ', regionCode: '43', localCertificateNumber: '', issueDate: '2099-01-01' }),
    ],
    ['a region not in force on the issue date', registration({ regionCode: '439999' })],
    ['unknown fields, wrong nested types', { ...registration({ developer: 'x' as never }), extra: 1 }],
    ['an absent submission: every required field', undefined],
    ['an array', [registration()]],
  ])('%s: the data part’s own field list, unprefixed', async (_name, submission) => {
    const expected = await dataErrorsOf(submission);
    expect(expected.length).toBeGreaterThan(0);
    expect(await errorsOf({ submission, scan })).toEqual(expected);
  });

  it('refuses a scalar submission whole and an unknown field of the body by name', async () => {
    expect(await errorsOf({ submission: 'x', scan })).toEqual([BODY_NOT_AN_OBJECT]);
    expect((await errorsOf({ submission: registration(), scan, extra: 1 })).map((e) => e.field)).toEqual(['extra']);
  });

  it('keeps the errors of bodies validated at the same time apart', async () => {
    const a = registration({ projectName: ' ' });
    const b = registration({ localCertificateNumber: '' });
    const [ea, eb] = await Promise.all([errorsOf({ submission: a, scan }), errorsOf({ submission: b, scan })]);
    expect(ea.map((e) => e.field)).toEqual(['projectName']);
    expect(eb.map((e) => e.field)).toEqual(['localCertificateNumber']);
  });
});

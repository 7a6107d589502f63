import { creditCodeCheckChar } from '@hn/numbering';
import { UnpermittedPresaleSubmissionV1 } from './backfill';
import {
  BackfillIssueRequest,
  PresaleCorrectionReport,
  PresaleCorrectionRequest,
  UnpermittedPresaleRegisterRequest,
} from './backfill-requests.message';
import { PresaleCorrectionData } from './correction-data.message';
import { PRESALE_SUBMISSION_EXAMPLE, PresaleSubmission } from './presale-submission.message';
import { Rpc } from './rpc-map';
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
const errorsOf = async (value: unknown, type: new () => object = UnpermittedPresaleRegisterRequest) => {
  const result = await validateMessage(type, value);
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

describe(BackfillIssueRequest.name, () => {
  it('accepts a submission without a key, and any scan reference', async () => {
    expect(await errorsOf({ submission: PRESALE_SUBMISSION_EXAMPLE, scan }, BackfillIssueRequest)).toEqual([]);
  });

  it('reports the data part’s fields unprefixed and a malformed key as Idempotency-Key', async () => {
    const submission = { ...PRESALE_SUBMISSION_EXAMPLE, presaleArea: 1.234, extra: 1 };
    const data = await validateMessage(PresaleSubmission, submission);
    expect(await errorsOf({ submission, scan }, BackfillIssueRequest)).toEqual(sorted(data.errors));
    expect(
      (await errorsOf({ idempotencyKey: '', submission: PRESALE_SUBMISSION_EXAMPLE, scan }, BackfillIssueRequest)).map(
        (e) => e.field,
      ),
    ).toEqual(['Idempotency-Key']);
  });
});

describe(PresaleCorrectionRequest.name, () => {
  const Z = '430223202406200101-Z01';
  const reportScan = { stagingKey: '3f0c1b5e-8a7d-4c2b-9e1f-0a1b2c3d4e5f', ...scan };
  /** the RPC body the gateway builds from the `data` part and the staged scan */
  const payloadOf = (data: Record<string, unknown>, presaleNumber = Z) => {
    const { reason, documentNumber, ...rest } = data;
    return { presaleNumber, ...rest, report: { reason, documentNumber, scan: reportScan } };
  };

  it('accepts a correction; the report becomes the validated (trimmed) instance', async () => {
    const result = await validateMessage(
      PresaleCorrectionRequest,
      payloadOf({
        reason: ' 面积错误 ',
        documentNumber: '湘建房函〔2024〕12号',
        submission: PRESALE_SUBMISSION_EXAMPLE,
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.report).toBeInstanceOf(PresaleCorrectionReport);
    expect(result.value.report.reason).toBe('面积错误');
    expect(result.value.submission).toBeInstanceOf(PresaleSubmission);
  });

  it.each<[string, Record<string, unknown>]>([
    [
      'report fields and the nested submission wrong',
      { reason: '', documentNumber: 'x'.repeat(101), submission: { ...PRESALE_SUBMISSION_EXAMPLE, unitCount: 0 } },
    ],
    ['an empty data part', {}],
    [
      'an unknown field, a submission that is not an object',
      { reason: 'r', documentNumber: 'd', submission: 'x', extra: 1 },
    ],
  ])('%s: the `data` part’s field list (PresaleCorrectionData)', async (_name, data) => {
    const expected = await validateMessage(PresaleCorrectionData, data);
    expect(expected.errors.length).toBeGreaterThan(0);
    expect(await errorsOf(payloadOf(data), PresaleCorrectionRequest)).toEqual(sorted(expected.errors));
  });

  it('names a missing report scan, and answers a bad or Y number alone with 400 INVALID_PRESALE_NUMBER', async () => {
    const data = { reason: 'r', documentNumber: 'd', submission: PRESALE_SUBMISSION_EXAMPLE };
    const { report, ...rest } = payloadOf(data);
    expect(
      await errorsOf(
        { ...rest, report: { reason: report.reason, documentNumber: report.documentNumber } },
        PresaleCorrectionRequest,
      ),
    ).toEqual([{ field: 'scan', reason: '书面报告扫描件必填 (report scan required)' }]);
    const y = '430223202406200101-Y01';
    const errors = await errorsOf(
      payloadOf({ reason: '', documentNumber: 'd', submission: {} }, y),
      PresaleCorrectionRequest,
    );
    expect(errors.map((e) => e.field)).toContain('presaleNumber');
    expect(Rpc.backfillCorrect.request!.invalid(errors, { presaleNumber: y })).toEqual({
      status: 400,
      code: 'INVALID_PRESALE_NUMBER',
      detail: `预售许可证编号无效：${y} (invalid presale permit number)`,
      errors: [{ field: 'presaleNumber', reason: expect.stringMatching(/^LETTER: /) }],
    });
  });
});

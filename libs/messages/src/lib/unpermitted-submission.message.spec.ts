import { creditCodeCheckChar } from '@hn/numbering';
import { UnpermittedPresaleSubmissionV1 } from './backfill';
import { BODY_NOT_AN_OBJECT } from './contract-filing-validation';
import { UnpermittedPresaleSubmission, validateUnpermittedSubmission } from './unpermitted-submission.message';

const body17 = '91430223MA4Q0ABC1';
const valid = (overrides: Partial<UnpermittedPresaleSubmissionV1> = {}): UnpermittedPresaleSubmissionV1 => ({
  projectName: '攸县滨江花园一期',
  regionCode: '430223',
  developer: { name: '攸县滨江置业有限公司', creditCode: body17 + creditCodeCheckChar(body17) },
  localCertificateNumber: '攸住建预字〔2023〕第021号',
  issueDate: '2023-11-20',
  ...overrides,
});

const fieldsOf = async (value: unknown): Promise<string[]> => {
  const result = await validateUnpermittedSubmission(value);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe(UnpermittedPresaleSubmission.name, () => {
  it('accepts a complete registration, with or without an address, trimmed, as an instance of the class', async () => {
    expect(await fieldsOf(valid())).toEqual([]);
    const result = await validateUnpermittedSubmission(
      valid({ projectName: ' 攸县滨江花园一期 ', address: ' 攸县江桥街道 ' }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeInstanceOf(UnpermittedPresaleSubmission);
    expect(result.value.projectName).toBe('攸县滨江花园一期');
    expect(result.value.address).toBe('攸县江桥街道');
  });

  it('lists every invalid field at once, one reason each', async () => {
    const errors = await fieldsOf(
      valid({
        projectName: ' ',
        issueDate: '2024-02-30',
        developer: { name: '', creditCode: '91430223MA4Q0ABC10' },
        localCertificateNumber: '',
        address: 'x'.repeat(301),
      }),
    );
    expect([...errors].sort()).toEqual([
      'address',
      'developer.creditCode',
      'developer.name',
      'issueDate',
      'localCertificateNumber',
      'projectName',
    ]);
    expect(new Set(errors).size).toBe(errors.length);
  });

  it('reports every required field of an absent payload', async () => {
    expect((await fieldsOf(undefined)).sort()).toEqual([
      'developer',
      'issueDate',
      'localCertificateNumber',
      'projectName',
      'regionCode',
    ]);
  });

  it('refuses NUL, ESC, newlines and lone surrogates in official-record text (shared plain-text rule)', async () => {
    const errors = await fieldsOf(
      valid({
        projectName: '滨江\u001b[31m花园',
        address: '江桥\n街道',
        localCertificateNumber: 'a\u0000b',
        developer: { name: '\ud800置业', creditCode: body17 + creditCodeCheckChar(body17) },
      }),
    );
    expect(errors.sort()).toEqual(['address', 'developer.name', 'localCertificateNumber', 'projectName']);
  });

  it('refuses a future issue date', async () => {
    expect(await fieldsOf(valid({ issueDate: '2999-01-01' }))).toEqual(['issueDate']);
  });

  it('checks the region against GB/T 2260 on the issue date, that error first', async () => {
    expect(await fieldsOf(valid({ regionCode: '110101' }))).toEqual(['regionCode']);
    const result = await validateUnpermittedSubmission(valid({ regionCode: '439999' }));
    expect(result.ok ? [] : result.errors).toEqual([
      expect.objectContaining({ field: 'regionCode', reason: expect.stringContaining('未生效或已撤销') }),
    ]);
    expect(await fieldsOf(valid({ regionCode: '439999', localCertificateNumber: '' }))).toEqual([
      'regionCode',
      'localCertificateNumber',
    ]);
  });

  it('refuses unknown fields by name and a non-object whole', async () => {
    expect(await fieldsOf({ ...valid(), extra: 1 })).toEqual(['extra']);
    for (const bad of ['x', 42, [valid()]]) {
      const result = await validateUnpermittedSubmission(bad);
      expect(result.ok ? [] : result.errors).toEqual([BODY_NOT_AN_OBJECT]);
    }
  });
});

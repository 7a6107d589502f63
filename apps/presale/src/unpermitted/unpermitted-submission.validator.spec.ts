import { UnpermittedPresaleSubmissionV1 } from '@hn/messages';
import { creditCodeCheckChar } from '@hn/numbering';
import { validateUnpermittedSubmission } from './unpermitted-submission.validator';

const body17 = '91430223MA4Q0ABC1';
const valid = (overrides: Partial<UnpermittedPresaleSubmissionV1> = {}): UnpermittedPresaleSubmissionV1 => ({
  projectName: '攸县滨江花园一期',
  regionCode: '430223',
  developer: { name: '攸县滨江置业有限公司', creditCode: body17 + creditCodeCheckChar(body17) },
  localCertificateNumber: '攸住建预字〔2023〕第021号',
  issueDate: '2023-11-20',
  ...overrides,
});

describe(validateUnpermittedSubmission.name, () => {
  const today = '2024-09-03';

  it('accepts a complete registration, with or without an address', () => {
    expect(validateUnpermittedSubmission(valid(), today)).toEqual([]);
    expect(validateUnpermittedSubmission(valid({ address: '攸县江桥街道' }), today)).toEqual([]);
  });

  it('lists every invalid field at once', () => {
    const errors = validateUnpermittedSubmission(
      valid({
        projectName: ' ',
        issueDate: '2024-02-30',
        developer: { name: '', creditCode: '91430223MA4Q0ABC10' },
        localCertificateNumber: '',
        address: '',
      }),
      today,
    );
    expect(errors.map((e) => e.field).sort()).toEqual([
      'address',
      'developer.creditCode',
      'developer.name',
      'issueDate',
      'localCertificateNumber',
      'projectName',
    ]);
  });

  it('refuses NUL, ESC, newlines and lone surrogates in official-record text (shared plain-text rule)', () => {
    const errors = validateUnpermittedSubmission(
      valid({
        projectName: '滨江\u001b[31m花园',
        address: '江桥\n街道',
        localCertificateNumber: 'a\u0000b',
        developer: { name: '\ud800置业', creditCode: body17 + creditCodeCheckChar(body17) },
      }),
      today,
    );
    expect(errors.map((e) => e.field).sort()).toEqual([
      'address',
      'developer.name',
      'localCertificateNumber',
      'projectName',
    ]);
  });

  it('refuses a future issue date', () => {
    expect(validateUnpermittedSubmission(valid({ issueDate: '2024-09-04' }), today)).toEqual([
      expect.objectContaining({ field: 'issueDate' }),
    ]);
  });

  it('checks the region against GB/T 2260 on the issue date', () => {
    expect(validateUnpermittedSubmission(valid({ regionCode: '110101' }), today)).toEqual([
      expect.objectContaining({ field: 'regionCode' }),
    ]);
    expect(validateUnpermittedSubmission(valid({ regionCode: '439999' }), today)).toEqual([
      expect.objectContaining({ field: 'regionCode', reason: expect.stringContaining('未生效或已撤销') }),
    ]);
  });

  it('refuses a non-object', () => {
    expect(validateUnpermittedSubmission(null as unknown as UnpermittedPresaleSubmissionV1, today)).toEqual([
      { field: 'data', reason: expect.any(String) },
    ]);
  });
});

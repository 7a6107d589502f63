import { PRESALE_SUBMISSION_EXAMPLE, PresaleSubmission } from './presale-submission.message';
import { validateMessage } from './validation/validate-message';

describe(PresaleSubmission.name, () => {
  const fieldsOf = async (value: unknown): Promise<string[]> => {
    const result = await validateMessage(PresaleSubmission, value);
    return result.ok ? [] : result.errors.map((e) => e.field);
  };

  it('accepts the work-plan example and returns a trimmed instance of the class', async () => {
    const padded = {
      ...PRESALE_SUBMISSION_EXAMPLE,
      projectName: `  ${PRESALE_SUBMISSION_EXAMPLE.projectName} `,
      unitCodes: [' 2024-430223-70-03-012345-DT022 '],
    };
    const result = await validateMessage(PresaleSubmission, padded);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeInstanceOf(PresaleSubmission);
    expect(result.value.projectName).toBe(PRESALE_SUBMISSION_EXAMPLE.projectName);
    expect(result.value.unitCodes).toEqual(['2024-430223-70-03-012345-DT022']);
  });

  it('reports every required field of an absent payload, and refuses a non-object whole', async () => {
    expect((await fieldsOf(undefined)).sort()).toEqual(
      [
        'address',
        'buildings',
        'constructionPermitNumbers',
        'developer',
        'issueDate',
        'issuingAuthority',
        'localCertificateNumber',
        'location',
        'plannedUse',
        'presaleArea',
        'projectName',
        'unitCodes',
        'unitCount',
      ].sort(),
    );
    for (const value of [[], 'x', 42, Buffer.from('{}')])
      expect(await validateMessage(PresaleSubmission, value)).toEqual({
        ok: false,
        errors: [{ field: 'body', reason: '请求体须为 JSON 对象 (body must be a JSON object)' }],
      });
  });

  it('names nested and per-item paths, unknown fields and the shared reasons', async () => {
    const result = await validateMessage(PresaleSubmission, {
      ...PRESALE_SUBMISSION_EXAMPLE,
      constructionPermitNumbers: ['430223202406200101', '430223202406200101'],
      developer: { name: '公司', creditCode: '91430223MA4Q0ABC10' },
      location: { lat: 40, lng: 113.3 },
      extra: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual([
      'constructionPermitNumbers[1]',
      'developer.creditCode',
      'extra',
      'location.lat',
    ]);
    expect(result.errors).toContainEqual({ field: 'extra', reason: '不允许的字段 (unknown field extra)' });
    expect(result.errors).toContainEqual({
      field: 'constructionPermitNumbers[1]',
      reason: '重复的施工许可证编号 430223202406200101 (duplicate permit number)',
    });
  });
});

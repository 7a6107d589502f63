import { correctionDataPart, MarkingCorrectionData, PresaleCorrectionData } from './correction-data.message';
import { validateMessage } from './validation/validate-message';

describe(correctionDataPart.name, () => {
  const scan = { stagingKey: 'k', sha256: 'a'.repeat(64) };
  it('lifts the report fields beside the payload fields, without the scan and the path fields', () => {
    expect(
      correctionDataPart(
        { presaleNumber: 'Z', submission: { a: 1 }, report: { reason: 'r', documentNumber: 'd', scan } },
        'presaleNumber',
      ),
    ).toEqual({ submission: { a: 1 }, reason: 'r', documentNumber: 'd' });
    expect(correctionDataPart({ projectCode: 'c', report: 'x' })).toEqual({ projectCode: 'c' });
    expect(correctionDataPart([1])).toEqual([1]);
    expect(correctionDataPart(undefined)).toBeUndefined();
  });
});

describe(MarkingCorrectionData.name, () => {
  it('trims a complete data part and names every bad or unknown field once', async () => {
    const ok = await validateMessage(MarkingCorrectionData, {
      projectCode: ' 2024-430223-70-03-012345 ',
      projectType: 'OTHER',
      reason: ' 误标 ',
      documentNumber: '湘建房函〔2024〕12号',
    });
    expect(ok).toMatchObject({ ok: true, value: { projectCode: '2024-430223-70-03-012345', reason: '误标' } });
    const bad = await validateMessage(MarkingCorrectionData, { projectCode: '2024-43', projectType: 'X', extra: 1 });
    expect(bad.errors.map((e) => e.field).sort()).toEqual([
      'documentNumber',
      'extra',
      'projectCode',
      'projectType',
      'reason',
    ]);
  });
});

describe(PresaleCorrectionData.name, () => {
  it('requires the report fields and an object submission', async () => {
    const bad = await validateMessage(PresaleCorrectionData, { reason: '', submission: 'x' });
    expect(bad.errors).toEqual([
      { field: 'reason', reason: expect.any(String) },
      { field: 'documentNumber', reason: '必填 (required)' },
      { field: 'submission', reason: '须为对象 (must be an object)' },
    ]);
  });
});

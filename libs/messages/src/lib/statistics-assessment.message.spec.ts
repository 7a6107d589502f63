import {
  AssessmentAppealDecisionRequest,
  AssessmentAppealInput,
  AssessmentAppealScanRequest,
  AssessmentAppealSubmission,
} from './statistics-assessment.message';
import { validateMessage } from './validation/validate-message';

const APPEAL = '6A1F0A52-1F7C-4D8E-9D2A-3B4C5D6E7F80';
const fieldsOf = async <T extends object>(type: new () => T, value: unknown): Promise<string[]> => {
  const result = await validateMessage(type, value);
  return result.ok ? [] : result.errors.map((e) => e.field).sort();
};

describe(AssessmentAppealInput.name, () => {
  const appeal = {
    regionCode: '430223',
    ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
    itemId: '2024-430223-01-03-000001',
    reason: '该项目已取得预售许可',
  };

  it('accepts an appeal with or without evidence', async () => {
    expect(await fieldsOf(AssessmentAppealInput, appeal)).toEqual([]);
    expect(await fieldsOf(AssessmentAppealInput, { ...appeal, evidence: '攸住建函〔2024〕12号' })).toEqual([]);
  });

  it('refuses a bad rule id, an empty item and a missing reason by name, and unknown fields', async () => {
    expect(
      await fieldsOf(AssessmentAppealInput, { regionCode: '430223', ruleId: 'no such rule', itemId: '', extra: 1 }),
    ).toEqual(['extra', 'itemId', 'reason', 'ruleId']);
    expect(await fieldsOf(AssessmentAppealInput, { ...appeal, regionCode: '439999' })).toEqual(['regionCode']);
  });
});

describe(AssessmentAppealDecisionRequest.name, () => {
  it('accepts the appeal id (lower-cased) with a decision and an opinion', async () => {
    const result = await validateMessage(AssessmentAppealDecisionRequest, {
      appealId: APPEAL,
      decision: 'UPHELD',
      opinion: '情况属实',
    });
    expect(result).toMatchObject({ ok: true, value: { appealId: APPEAL.toLowerCase(), decision: 'UPHELD' } });
  });

  it('refuses a bad id with the path pipe’s reason, an unknown decision and a missing opinion', async () => {
    const result = await validateMessage(AssessmentAppealDecisionRequest, { appealId: 'x', decision: 'MAYBE' });
    expect(result.errors).toEqual([
      { field: 'appealId', reason: '申诉编号须为 UUID (UUID)' },
      { field: 'decision', reason: expect.stringContaining('UPHELD') },
      { field: 'opinion', reason: '必填 (required)' },
    ]);
  });
});

describe(AssessmentAppealSubmission.name, () => {
  const appeal = {
    regionCode: '430223',
    ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
    itemId: '2024-430223-01-03-000001',
    reason: '该项目已取得预售许可',
  };
  const scan = {
    stagingKey: '0f0e0d0c-0b0a-4908-8706-050403020100',
    sha256: 'a'.repeat(64),
    contentType: 'application/pdf',
    size: 10,
    fileName: '证明.pdf',
  };

  it('takes staged scans beside the appeal (the gateway’s input class refuses them as unknown)', async () => {
    expect(await fieldsOf(AssessmentAppealSubmission, { ...appeal, scans: [scan, scan] })).toEqual([]);
    expect(await fieldsOf(AssessmentAppealSubmission, appeal)).toEqual([]);
    expect(await fieldsOf(AssessmentAppealInput, { ...appeal, scans: [scan] })).toEqual(['scans']);
  });

  it('refuses more than five scans, a scan that is not a reference and a non-list', async () => {
    expect(await fieldsOf(AssessmentAppealSubmission, { ...appeal, scans: Array(6).fill(scan) })).toEqual(['scans']);
    expect(await fieldsOf(AssessmentAppealSubmission, { ...appeal, scans: [{ ...scan, sha256: 'x' }] })).toEqual([
      'scans',
    ]);
    expect(await fieldsOf(AssessmentAppealSubmission, { ...appeal, scans: scan })).toEqual(['scans']);
  });
});

describe(AssessmentAppealScanRequest.name, () => {
  it('reads the path’s position as a number from 1 to 5', async () => {
    expect(await validateMessage(AssessmentAppealScanRequest, { appealId: APPEAL, position: '2' })).toMatchObject({
      ok: true,
      value: { position: 2 },
    });
    for (const position of ['0', '6', 'x', '1.5'])
      expect(await fieldsOf(AssessmentAppealScanRequest, { appealId: APPEAL, position })).toEqual(['position']);
    expect(await fieldsOf(AssessmentAppealScanRequest, { appealId: 'nope', position: 1 })).toEqual(['appealId']);
  });
});

import { MarkingCorrectionRequest } from './marking-correction-request.message';
import { validateMessage } from './validation/validate-message';

const scan = {
  stagingKey: '3f0c1b5e-8a7d-4c2b-9e1f-0a1b2c3d4e5f',
  sha256: 'a'.repeat(64),
  contentType: 'application/pdf' as const,
  size: 1024,
  fileName: 'report.pdf',
};
const report = { reason: '误标', documentNumber: '湘建房函〔2024〕12号', scan };
const code = '2024-430223-70-03-012345';
const fieldsOf = async (value: unknown) => {
  const r = await validateMessage(MarkingCorrectionRequest, value);
  return r.ok ? [] : r.errors.map((e) => e.field);
};

describe(MarkingCorrectionRequest.name, () => {
  it('checks the project type as the gateway checks the data part (MarkingCorrectionData)', async () => {
    expect(await fieldsOf({ projectCode: code, projectType: 'CURRENT_SALE', report })).toEqual([]);
    expect(await fieldsOf({ projectCode: code, projectType: 'UNMARKED', report })).toEqual(['projectType']);
  });

  it('trims a complete request, the report included', async () => {
    const r = await validateMessage(MarkingCorrectionRequest, {
      projectCode: ' 2024-430223-70-03-012345 ',
      projectType: 'OTHER',
      report: { reason: ' 误标 ', documentNumber: '湘建房函〔2024〕12号', scan },
    });
    expect(r).toMatchObject({
      ok: true,
      value: {
        projectCode: code,
        projectType: 'OTHER',
        report: { reason: '误标', documentNumber: '湘建房函〔2024〕12号', scan },
      },
    });
  });

  it('reports every missing or bad field at once, the report’s without its prefix', async () => {
    expect(
      await fieldsOf({
        projectCode: '2024-43',
        projectType: 'X',
        report: { reason: 'r'.repeat(501), documentNumber: '', scan: { ...scan, size: 0 } },
      }),
    ).toEqual(['projectCode', 'projectType', 'reason', 'documentNumber', 'scan']);
    expect(await fieldsOf(undefined)).toEqual(['projectCode', 'projectType', 'reason', 'documentNumber', 'scan']);
    // a report that is not an object is refused whole, as the gateway refuses a body that is not one
    expect(await fieldsOf({ projectCode: code, projectType: 'OTHER', report: 'x' })).toEqual(['body']);
  });

  it('refuses unknown fields, inside the report too, by their names', async () => {
    expect(
      await fieldsOf({ projectCode: code, projectType: 'OTHER', report: { ...report, extra: 1 }, more: 2 }),
    ).toEqual(['more', 'extra']);
  });
});

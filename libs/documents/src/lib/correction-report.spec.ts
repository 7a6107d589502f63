import { correctionReportErrors } from './correction-report';

describe(correctionReportErrors.name, () => {
  it('accepts a reason and a document number, and names each missing, blank, long or control-character field', () => {
    expect(correctionReportErrors({ reason: '余额录入错误', documentNumber: '湘建房函〔2024〕12号' })).toEqual([]);
    expect(correctionReportErrors({ reason: ' ', documentNumber: 'x'.repeat(101) }).map((e) => e.field)).toEqual([
      'reason',
      'documentNumber',
    ]);
    expect(correctionReportErrors({ reason: 'x'.repeat(501), documentNumber: 'a\u0007b' }).map((e) => e.field)).toEqual(
      ['reason', 'documentNumber'],
    );
    expect(correctionReportErrors(undefined).map((e) => e.field)).toEqual(['reason', 'documentNumber']);
  });
});

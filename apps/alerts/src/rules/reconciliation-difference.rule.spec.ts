import { reconciliationDifference, DifferenceFacts } from './reconciliation-difference.rule';

const d: DifferenceFacts = {
  id: '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11',
  presaleNumber: '430223202406200101-Y01',
  regionCode: '430223',
  month: '2026-10',
  state: 'OPEN',
  countDelta: -1,
  areaDelta: -89.5,
  amountDeltaFen: -65000000,
  foundAt: new Date('2026-11-01T01:00:00Z'),
  projectName: '锦绣星城',
  projectCode: 'P-1',
};

describe(reconciliationDifference.name, () => {
  it('raises an open difference for its county with the deltas', () => {
    expect(reconciliationDifference(d)).toMatchObject({
      type: 'RECONCILIATION_DIFFERENCE',
      subjectKey: d.id,
      regionCode: '430223',
      presaleNumber: d.presaleNumber,
      permitNumber: '430223202406200101',
      facts: { month: '2026-10', countDelta: -1, amountDeltaFen: -65000000 },
      raisedAt: d.foundAt,
    });
  });

  it('clears once acknowledged with an explanation or resolved', () => {
    expect(reconciliationDifference({ ...d, state: 'ACKNOWLEDGED' })).toBeNull();
    expect(reconciliationDifference({ ...d, state: 'RESOLVED' })).toBeNull();
  });
});

import { AlertCandidate } from './alert-candidate';

export interface DifferenceFacts {
  id: string;
  presaleNumber: string;
  regionCode: string;
  month: string;
  state: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
  countDelta: number;
  areaDelta: number;
  amountDeltaFen: number;
  foundAt: Date;
  projectName: string;
  projectCode: string | null;
}

/**
 * 比对差异复核 (task 2(4)5): every open difference between our filings / manual statistics and the
 * market platform, for the county and visible to its city; cleared when resolved or explained.
 */
export function reconciliationDifference(d: DifferenceFacts): AlertCandidate | null {
  if (d.state !== 'OPEN') return null;
  return {
    type: 'RECONCILIATION_DIFFERENCE',
    subjectKey: d.id,
    scope: null,
    regionCode: d.regionCode,
    projectCode: d.projectCode,
    projectName: d.projectName,
    permitNumber: d.presaleNumber.slice(0, 18),
    presaleNumber: d.presaleNumber,
    plannedCompletionDate: null,
    facts: {
      differenceId: d.id,
      month: d.month,
      countDelta: d.countDelta,
      areaDelta: d.areaDelta,
      amountDeltaFen: d.amountDeltaFen,
    },
    raisedAt: d.foundAt,
  };
}

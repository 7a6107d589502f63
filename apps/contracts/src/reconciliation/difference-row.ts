import { ReconciliationDifferenceV1, ReconciliationFiguresV1 } from '@hn/messages';

export interface DifferenceRow {
  id: string;
  presale_number: string;
  month: string;
  region_code: string;
  count_delta: number;
  area_delta: string;
  amount_delta_fen: string;
  missing_on_ours: string[];
  missing_on_market: string[];
  mismatched: string[];
  ours: ReconciliationFiguresV1;
  market: ReconciliationFiguresV1;
  fingerprint: string;
  run_id: string;
  last_run_id: string;
  found_at: Date;
  state: ReconciliationDifferenceV1['state'];
  explanation: string | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function rowToDifference(row: DifferenceRow): ReconciliationDifferenceV1 {
  return {
    id: row.id,
    presaleNumber: row.presale_number,
    regionCode: row.region_code,
    month: row.month,
    countDelta: row.count_delta,
    areaDelta: Number(row.area_delta),
    amountDeltaFen: Number(row.amount_delta_fen),
    missingOnOurs: row.missing_on_ours,
    missingOnMarket: row.missing_on_market,
    mismatched: row.mismatched,
    ours: row.ours,
    market: row.market,
    state: row.state,
    runId: row.run_id,
    lastRunId: row.last_run_id,
    foundAt: new Date(row.found_at).toISOString(),
    explanation: row.explanation,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedAt: iso(row.resolved_at),
  };
}

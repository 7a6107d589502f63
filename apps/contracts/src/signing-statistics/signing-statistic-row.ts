import { SigningStatisticV1 } from '@hn/messages';

export interface StatisticRow {
  presale_number: string;
  month: string;
  region_code: string;
  kind: SigningStatisticV1['kind'];
  contracts_signed: number;
  floor_area: string;
  amount_fen: string;
  state: SigningStatisticV1['state'];
  version: number;
  entered_by: string;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  submitted_by: string | null;
  project_name: string | null;
}

export function rowToStatistic(row: StatisticRow): SigningStatisticV1 {
  return {
    presaleNumber: row.presale_number,
    regionCode: row.region_code,
    projectName: row.project_name,
    month: row.month,
    contractsSigned: row.contracts_signed,
    floorArea: Number(row.floor_area),
    amountFen: Number(row.amount_fen),
    kind: row.kind,
    state: row.state,
    version: row.version,
    enteredBy: row.entered_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    submittedBy: row.submitted_by,
  };
}

import { BackfilledPresalePermitV1, PresaleBackfillStatusV1, PresalePermitV1, SupervisionStateV1 } from '@hn/messages';
import { ScanRow, storedScanOf } from '../scans/scan-store';

/** A row of BACKFILL_COLUMNS (backfill.sql.ts). */
export interface BackfillRow extends ScanRow {
  presale_number: string;
  record: PresalePermitV1;
  status: PresaleBackfillStatusV1;
  region_code: string;
  log_index: string;
  record_digest: string;
  state: SupervisionStateV1;
  backfilled_by: string;
}

export function backfillOf(row: BackfillRow): BackfilledPresalePermitV1 {
  return {
    permit: { ...row.record, status: row.status as PresalePermitV1['status'] },
    status: row.status,
    backfillState: row.state,
    backfilledBy: row.backfilled_by,
    scan: storedScanOf(row),
  };
}

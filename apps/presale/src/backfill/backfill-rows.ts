import { BackfilledPresalePermitV1, PresaleBackfillStatusV1, PresalePermitV1, SupervisionStateV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { SCAN_COLUMNS, ScanRow, storedScanOf } from '../scans/scan-store';

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

/** presale_backfill b ⋈ presale_permit p ⋈ scan_file s (real records only: staff never use the sandbox). */
export const BACKFILL_FROM = `presale_backfill b JOIN presale_permit p ON p.sandbox = b.sandbox AND p.presale_number = b.presale_number JOIN scan_file s ON s.id = b.scan_id`;
export const BACKFILL_COLUMNS = `p.presale_number, p.record, p.status, p.region_code, p.log_index, p.record_digest, b.state, b.backfilled_by, ${SCAN_COLUMNS}`;

export function backfillOf(row: BackfillRow): BackfilledPresalePermitV1 {
  return {
    permit: { ...row.record, status: row.status as PresalePermitV1['status'] },
    status: row.status,
    backfillState: row.state,
    backfilledBy: row.backfilled_by,
    scan: storedScanOf(row),
  };
}

/** Rows of the given numbers, locked (FOR UPDATE of the backfill and the permit) when `lock`. */
export async function loadBackfills(
  manager: EntityManager,
  presaleNumbers: string[],
  lock: boolean,
): Promise<BackfillRow[]> {
  return manager.query(
    `SELECT ${BACKFILL_COLUMNS} FROM ${BACKFILL_FROM} WHERE b.sandbox = false AND b.presale_number = ANY($1::text[]) ORDER BY p.presale_number ${lock ? 'FOR UPDATE OF b, p' : ''}`,
    [presaleNumbers],
  );
}

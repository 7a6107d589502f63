import { Injectable } from '@nestjs/common';
import { ContractFilingV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';

export interface FilingRow {
  record: ContractFilingV1;
  status: ContractFilingV1['status'];
  region_code: string;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
}

/** Reads and the cancellation of stored contract filings (filing itself: filing/filing.repository.ts). */
@Injectable()
export class ContractFilingsRepository {
  async find(
    manager: EntityManager,
    sandbox: boolean,
    contractNumber: string,
    forUpdate: boolean,
  ): Promise<FilingRow | undefined> {
    const rows: FilingRow[] = await manager.query(
      `SELECT record, status, region_code, cancelled_at, cancel_reason, cancelled_by FROM contract_filing
     WHERE sandbox = $1 AND contract_number = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [sandbox, contractNumber],
    );
    return rows[0];
  }

  /** Marks the filing CANCELLED and takes its rooms out of the active-room index (caller's transaction). */
  async cancel(
    manager: EntityManager,
    sandbox: boolean,
    contractNumber: string,
    cancellation: { cancelledAt: string; reason: string; cancelledBy: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE contract_filing SET status = 'CANCELLED', cancelled_at = $3, cancel_reason = $4, cancelled_by = $5 WHERE sandbox = $1 AND contract_number = $2`,
      [sandbox, contractNumber, cancellation.cancelledAt, cancellation.reason, cancellation.cancelledBy],
    );
    await manager.query(`UPDATE contract_room SET active = false WHERE sandbox = $1 AND contract_number = $2`, [
      sandbox,
      contractNumber,
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The kept fields of a backfilled presale permit (presale_replica row). */
export interface ReplicaValues {
  presaleNumber: string;
  regionCode: string;
  projectCode: string;
  projectName: string;
  developerName: string;
  issueDate: string;
  status: string;
}

const UPSERT_REPLICA = `INSERT INTO presale_replica AS r (presale_number, region_code, project_code, project_name, developer_name, issue_date, status, source_time)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (presale_number) DO UPDATE SET region_code = EXCLUDED.region_code, project_code = EXCLUDED.project_code,
         project_name = EXCLUDED.project_name, developer_name = EXCLUDED.developer_name, issue_date = EXCLUDED.issue_date,
         status = EXCLUDED.status, source_time = EXCLUDED.source_time
       WHERE r.source_time <= EXCLUDED.source_time`;

const MOVE_RECORD_REGION = `UPDATE escrow_record e SET region_code = r.region_code FROM presale_replica r WHERE r.presale_number = $1 AND e.presale_number = r.presale_number AND e.region_code <> r.region_code`;

/** SQL of the presale replica, in the consumer's transaction (one-statement upserts: hand-written). */
@Injectable()
export class PresaleReplicaRepository {
  /** Older events never overwrite newer state (source_time guard). */
  async upsert(m: EntityManager, row: ReplicaValues, sourceTime: string): Promise<void> {
    await m.query(UPSERT_REPLICA, [
      row.presaleNumber,
      row.regionCode,
      row.projectCode,
      row.projectName,
      row.developerName,
      row.issueDate,
      row.status,
      sourceTime,
    ]);
  }

  /** A corrected permit may move region: its escrow record follows (region scope is checked on it). */
  async moveRecordRegion(m: EntityManager, presaleNumber: string): Promise<void> {
    await m.query(MOVE_RECORD_REGION, [presaleNumber]);
  }
}

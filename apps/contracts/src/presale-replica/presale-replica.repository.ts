import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface PresaleReplicaRow {
  presaleNumber: string;
  regionCode: string;
  projectCode: string;
  projectName: string;
  buildings: string[];
  issueDate: string;
  status: string;
  sourceTime: string;
}

/** Writes of the local presale replica (presale_replica), in the consumer's transaction. */
@Injectable()
export class PresaleReplicaRepository {
  /** Inserts or updates the row; an older event (source_time) never overwrites newer state. */
  async upsert(manager: EntityManager, row: PresaleReplicaRow): Promise<void> {
    await manager.query(
      `INSERT INTO presale_replica AS r (presale_number, region_code, project_code, project_name, buildings, issue_date, status, source_time)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)
       ON CONFLICT (presale_number) DO UPDATE SET region_code = EXCLUDED.region_code, project_code = EXCLUDED.project_code,
         project_name = EXCLUDED.project_name, buildings = EXCLUDED.buildings, issue_date = EXCLUDED.issue_date,
         status = EXCLUDED.status, source_time = EXCLUDED.source_time
       WHERE r.source_time <= EXCLUDED.source_time`,
      [
        row.presaleNumber,
        row.regionCode,
        row.projectCode,
        row.projectName,
        row.buildings,
        row.issueDate,
        row.status,
        row.sourceTime,
      ],
    );
  }
}

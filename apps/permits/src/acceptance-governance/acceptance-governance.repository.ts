import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The statement TypeORM's repositories do not express: the ingest's per-project and per-permit locks. */
@Injectable()
export class AcceptanceGovernanceRepository {
  /** The same advisory locks as the approval-system ingest (PermitUpsertService), so the two never interleave. */
  async lockPermit(m: EntityManager, projectCode: string, permitNumber: string): Promise<void> {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtext('project:' || $1)), pg_advisory_xact_lock(hashtext('permit:' || $2))`,
      [projectCode, permitNumber],
    );
  }
}

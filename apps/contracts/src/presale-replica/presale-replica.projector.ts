import { Injectable } from '@nestjs/common';
import { CloudEvent, PresaleEvents, PresalePermitIssuedV1 } from '@hn/contracts';
import { EntityManager } from 'typeorm';

/**
 * Applies presale events to the local replica (presale_replica) inside the consumer's
 * transaction. Sandbox permits are never published, and ignored should one arrive; older events
 * never overwrite newer state (source_time guard).
 */
@Injectable()
export class PresaleReplicaProjector {
  async apply(event: CloudEvent<unknown>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case PresaleEvents.permitIssued:
        return this.upsertPermit(event as CloudEvent<PresalePermitIssuedV1>, manager);
      default:
        return; // other presale events do not affect filing
    }
  }

  private async upsertPermit(event: CloudEvent<PresalePermitIssuedV1>, manager: EntityManager): Promise<void> {
    const permit = event.data?.permit;
    if (!permit || permit.sandbox === true) return;
    await manager.query(
      `INSERT INTO presale_replica AS r (presale_number, region_code, project_code, project_name, buildings, issue_date, status, source_time)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)
       ON CONFLICT (presale_number) DO UPDATE SET region_code = EXCLUDED.region_code, project_code = EXCLUDED.project_code,
         project_name = EXCLUDED.project_name, buildings = EXCLUDED.buildings, issue_date = EXCLUDED.issue_date,
         status = EXCLUDED.status, source_time = EXCLUDED.source_time
       WHERE r.source_time <= EXCLUDED.source_time`,
      [permit.presaleNumber, permit.regionCode, permit.projectCode, permit.projectName, (permit.buildings ?? []).map((b) => b.trim()), permit.issueDate, permit.status, event.time],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { CloudEvent, PermitRegisteredV1, PermitsEvents, ProjectTypedV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';

/**
 * Applies permits events to the local replica (permit_replica, unit_replica) inside the consumer's
 * transaction. Older events never overwrite newer state (source_time guard).
 */
@Injectable()
export class PermitReplicaProjector {
  async apply(event: CloudEvent<unknown>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case PermitsEvents.permitRegistered:
      case PermitsEvents.permitUpdated:
        return this.upsertPermit(event as CloudEvent<PermitRegisteredV1>, manager);
      case PermitsEvents.projectTyped:
        return this.typeProject(event as CloudEvent<ProjectTypedV1>, manager);
      default:
        return; // other permits events do not affect issuance
    }
  }

  private async upsertPermit(event: CloudEvent<PermitRegisteredV1>, manager: EntityManager): Promise<void> {
    const { permit, units } = event.data;
    const applied: unknown[] = await manager.query(
      `INSERT INTO permit_replica AS r (permit_number, project_code, project_name, region_code, project_type, status, issue_date, source_time, developer_name, developer_credit_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (permit_number) DO UPDATE SET project_code = EXCLUDED.project_code, project_name = EXCLUDED.project_name,
         region_code = EXCLUDED.region_code, project_type = EXCLUDED.project_type, status = EXCLUDED.status,
         issue_date = EXCLUDED.issue_date, source_time = EXCLUDED.source_time,
         developer_name = EXCLUDED.developer_name, developer_credit_code = EXCLUDED.developer_credit_code
       WHERE r.source_time <= EXCLUDED.source_time
       RETURNING permit_number`,
      [
        permit.permitNumber,
        permit.projectCode,
        permit.projectName,
        permit.regionCode,
        permit.projectType,
        permit.status,
        permit.issueDate,
        event.time,
        permit.developerName ?? null,
        permit.developerCreditCode ?? null,
      ],
    );
    if (applied.length === 0) {
      // An older event (replayed after migration 1766200000000) still fills a developer the replica lacks.
      await manager.query(
        `UPDATE permit_replica SET developer_name = $2, developer_credit_code = $3 WHERE permit_number = $1 AND developer_credit_code IS NULL`,
        [permit.permitNumber, permit.developerName ?? null, permit.developerCreditCode ?? null],
      );
      return;
    }
    await manager.query(`DELETE FROM unit_replica WHERE permit_number = $1`, [permit.permitNumber]);
    if (units.length > 0) {
      await manager.query(`INSERT INTO unit_replica (permit_number, unit_code) SELECT $1, unnest($2::text[])`, [
        permit.permitNumber,
        units.map((u) => u.unitCode),
      ]);
    }
  }

  private async typeProject(event: CloudEvent<ProjectTypedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE permit_replica SET project_type = $1, source_time = $2 WHERE project_code = $3 AND source_time <= $2`,
      [event.data.projectType, event.time, event.data.projectCode],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { ConstructionPermitV1, ProjectType } from '@hn/messages';
import { EntityManager } from 'typeorm';
import type { PermitFacts, PermitSource } from '../issuance/presale-eligibility';

/** Statements on the local permit replica (permit_replica, unit_replica), in the caller's transaction. */
@Injectable()
export class PermitReplicaRepository {
  /** Eligibility reads of real issuance: the local replica, no round trip. */
  source(manager: EntityManager): PermitSource {
    return {
      permits: (permitNumbers) => this.permits(manager, permitNumbers),
      unitCodes: (permitNumbers) => this.unitCodes(manager, permitNumbers),
    };
  }

  permits(manager: EntityManager, permitNumbers: string[]): Promise<PermitFacts[]> {
    return manager.query(
      `SELECT permit_number, project_code, region_code, project_type, developer_name, developer_credit_code FROM permit_replica WHERE permit_number = ANY($1::text[])`,
      [permitNumbers],
    );
  }

  async unitCodes(manager: EntityManager, permitNumbers: string[]): Promise<string[]> {
    return (
      (await manager.query(`SELECT unit_code FROM unit_replica WHERE permit_number = ANY($1::text[])`, [
        permitNumbers,
      ])) as Array<{ unit_code: string }>
    ).map((u) => u.unit_code);
  }

  /** Upsert unless the replica holds newer state (source_time guard); false when the event was older. */
  async upsertPermit(manager: EntityManager, permit: ConstructionPermitV1, sourceTime: string): Promise<boolean> {
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
        sourceTime,
        permit.developerName ?? null,
        permit.developerCreditCode ?? null,
      ],
    );
    return applied.length > 0;
  }

  /** Fills a developer the replica lacks (from an older event). */
  async fillMissingDeveloper(manager: EntityManager, permit: ConstructionPermitV1): Promise<void> {
    await manager.query(
      `UPDATE permit_replica SET developer_name = $2, developer_credit_code = $3 WHERE permit_number = $1 AND developer_credit_code IS NULL`,
      [permit.permitNumber, permit.developerName ?? null, permit.developerCreditCode ?? null],
    );
  }

  /** Replaces the unit codes of a permit. */
  async replaceUnits(manager: EntityManager, permitNumber: string, unitCodes: string[]): Promise<void> {
    await manager.query(`DELETE FROM unit_replica WHERE permit_number = $1`, [permitNumber]);
    if (unitCodes.length > 0) {
      await manager.query(`INSERT INTO unit_replica (permit_number, unit_code) SELECT $1, unnest($2::text[])`, [
        permitNumber,
        unitCodes,
      ]);
    }
  }

  async typeProject(
    manager: EntityManager,
    projectCode: string,
    projectType: ProjectType | null,
    sourceTime: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE permit_replica SET project_type = $1, source_time = $2 WHERE project_code = $3 AND source_time <= $2`,
      [projectType, sourceTime, projectCode],
    );
  }
}

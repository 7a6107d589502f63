import { PermitUpsertV1 } from '@hn/messages';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Benchmark seeding only: writes projects, permits and units with multi-row INSERTs, skipping
 * rows that exist and publishing no events. Real data goes through PermitUpsertService.
 */
@Injectable()
export class BulkSeedRepository {
  async seed(manager: EntityManager, records: Array<{ permitNumber: string; body: PermitUpsertV1 }>): Promise<void> {
    const projects = new Map<string, PermitUpsertV1>();
    for (const r of records) projects.set(r.body.projectCode, r.body);
    const p = [...projects.values()];
    await manager.query(
      `INSERT INTO project (project_code, name, region_code, developer_name, developer_credit_code, project_type, category)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) ON CONFLICT DO NOTHING`,
      [
        p.map((b) => b.projectCode),
        p.map((b) => b.projectName),
        p.map((b) => b.regionCode),
        p.map((b) => b.developerName),
        p.map((b) => b.developerCreditCode),
        p.map((b) => b.projectType),
        p.map((b) => b.category ?? '社会投资房建类'),
      ],
    );
    await manager.query(
      `INSERT INTO construction_permit (permit_number, project_code, project_name, region_code, issue_date, start_date, planned_completion_date, five_party_acceptance_date, completion_filing_date)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::date[], $8::date[], $9::date[]) ON CONFLICT DO NOTHING`,
      [
        records.map((r) => r.permitNumber),
        records.map((r) => r.body.projectCode),
        records.map((r) => r.body.projectName),
        records.map((r) => r.body.regionCode),
        records.map((r) => r.body.issueDate),
        records.map((r) => r.body.startDate),
        records.map((r) => r.body.plannedCompletionDate),
        records.map((r) => r.body.fivePartyAcceptanceDate),
        records.map((r) => r.body.completionFilingDate),
      ],
    );
    const units = records.flatMap((r) => r.body.units.map((u) => ({ permitNumber: r.permitNumber, ...u })));
    await manager.query(
      `INSERT INTO building_unit (permit_number, unit_code, name, floors, floor_area)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::numeric[]) ON CONFLICT DO NOTHING`,
      [
        units.map((u) => u.permitNumber),
        units.map((u) => u.unitCode),
        units.map((u) => u.name),
        units.map((u) => u.floors),
        units.map((u) => u.floorArea),
      ],
    );
  }
}

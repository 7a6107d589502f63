import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PermitSearch, permitSearchWhere, selectPermit } from './construction-permits.sql';
import { PermitRow } from './permit-rows';

const SELECT_SANDBOX = selectPermit('sandbox');
const SELECT_REAL = selectPermit('real');

export interface SandboxProjectValues {
  name: string;
  region_code: string;
  developer_name: string;
  developer_credit_code: string;
  project_type: string | null;
  category: string;
}

export interface SandboxPermitValues {
  project_code: string;
  project_name: string;
  region_code: string;
  issue_date: string;
  start_date: string | null;
  planned_completion_date: string | null;
  five_party_acceptance_date: string | null;
  completion_filing_date: string | null;
}

export interface SandboxUnitRow {
  unit_code: string;
  name: string;
  floors: number;
  floor_area: string;
}

/**
 * SQL of the 联调测试 sandbox space (sandbox_project, sandbox_construction_permit,
 * sandbox_building_unit). Writers take the EntityManager of the caller's transaction.
 */
@Injectable()
export class SandboxPermitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(m: EntityManager, permitNumber: string): Promise<PermitRow | null> {
    const rows: PermitRow[] = await m.query(`${SELECT_SANDBOX} WHERE p.permit_number = $1`, [permitNumber]);
    return rows[0] ?? null;
  }

  units(m: EntityManager, permitNumber: string): Promise<SandboxUnitRow[]> {
    return m.query(
      `SELECT unit_code, name, floors, floor_area FROM sandbox_building_unit WHERE permit_number = $1 ORDER BY unit_code`,
      [permitNumber],
    );
  }

  /** Sandbox permits matching the search, plus the real ones no sandbox permit shadows; total counted up to countCap + 1 of the real ones. */
  async search(s: PermitSearch): Promise<{ rows: PermitRow[]; counted: number }> {
    const { where, params } = permitSearchWhere(s);
    // the sandbox tables have no bigram column; they are small enough for the ILIKE alone
    const sandboxWhere = where.replace(/ AND p\.name_grams @> ARRAY\[\$\d+::text\]/, '');
    const realWhere = `${where} AND NOT EXISTS (SELECT 1 FROM sandbox_construction_permit x WHERE x.permit_number = p.permit_number)`;
    const union = `(${SELECT_SANDBOX} WHERE ${sandboxWhere}) UNION ALL (${SELECT_REAL.replace('j.developer_credit_code', 'j.developer_credit_code, false AS sandbox')} WHERE ${realWhere})`;
    const [countRows, rows] = await Promise.all([
      this.dataSource.query(
        `SELECT (SELECT count(*)::int FROM sandbox_construction_permit p WHERE ${sandboxWhere}) + (SELECT count(*)::int FROM (SELECT 1 FROM construction_permit p WHERE ${realWhere} LIMIT ${s.countCap + 1}) t) AS total`,
        params,
      ) as Promise<Array<{ total: number }>>,
      this.dataSource.query(
        `SELECT * FROM (${union}) u ORDER BY u.issue_date DESC, u.permit_number LIMIT ${s.pageSize} OFFSET ${(s.page - 1) * s.pageSize}`,
        params,
      ) as Promise<PermitRow[]>,
    ]);
    return { rows, counted: countRows[0]?.total ?? 0 };
  }

  async lockProjectAndPermit(m: EntityManager, projectCode: string, permitNumber: string): Promise<void> {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtext('sandbox-project:' || $1)), pg_advisory_xact_lock(hashtext('sandbox-permit:' || $2))`,
      [projectCode, permitNumber],
    );
  }

  async findProject(m: EntityManager, projectCode: string): Promise<SandboxProjectValues | undefined> {
    const [existing] = (await m.query(
      `SELECT name, region_code, developer_name, developer_credit_code, project_type, category FROM sandbox_project WHERE project_code = $1`,
      [projectCode],
    )) as SandboxProjectValues[];
    return existing;
  }

  async upsertProject(
    m: EntityManager,
    projectCode: string,
    project: SandboxProjectValues,
    clientId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO sandbox_project (project_code, name, region_code, developer_name, developer_credit_code, project_type, category, client_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (project_code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, developer_name = EXCLUDED.developer_name,
             developer_credit_code = EXCLUDED.developer_credit_code, project_type = EXCLUDED.project_type, category = EXCLUDED.category,
             client_id = EXCLUDED.client_id, updated_at = now()`,
      [
        projectCode,
        project.name,
        project.region_code,
        project.developer_name,
        project.developer_credit_code,
        project.project_type,
        project.category,
        clientId,
      ],
    );
  }

  async findPermitValues(m: EntityManager, permitNumber: string): Promise<SandboxPermitValues | undefined> {
    const [existing] = (await m.query(
      `SELECT project_code, project_name, region_code, issue_date, start_date, planned_completion_date, five_party_acceptance_date, completion_filing_date
           FROM sandbox_construction_permit WHERE permit_number = $1`,
      [permitNumber],
    )) as SandboxPermitValues[];
    return existing;
  }

  async upsertPermit(
    m: EntityManager,
    permitNumber: string,
    permit: SandboxPermitValues,
    clientId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO sandbox_construction_permit (permit_number, project_code, project_name, region_code, issue_date, start_date, planned_completion_date,
             five_party_acceptance_date, completion_filing_date, client_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (permit_number) DO UPDATE SET project_code = EXCLUDED.project_code, project_name = EXCLUDED.project_name, region_code = EXCLUDED.region_code,
             issue_date = EXCLUDED.issue_date, start_date = EXCLUDED.start_date, planned_completion_date = EXCLUDED.planned_completion_date,
             five_party_acceptance_date = EXCLUDED.five_party_acceptance_date, completion_filing_date = EXCLUDED.completion_filing_date,
             client_id = EXCLUDED.client_id, updated_at = now()`,
      [
        permitNumber,
        permit.project_code,
        permit.project_name,
        permit.region_code,
        permit.issue_date,
        permit.start_date,
        permit.planned_completion_date,
        permit.five_party_acceptance_date,
        permit.completion_filing_date,
        clientId,
      ],
    );
  }

  /** Replaces the permit's units (none when the list is empty), one INSERT from a JSON array. */
  async replaceUnits(
    m: EntityManager,
    permitNumber: string,
    units: Array<{ unitCode: string; name: string; floors: number; floorArea: number }>,
  ): Promise<void> {
    await m.query(`DELETE FROM sandbox_building_unit WHERE permit_number = $1`, [permitNumber]);
    if (units.length > 0) {
      await m.query(
        `INSERT INTO sandbox_building_unit (permit_number, unit_code, name, floors, floor_area)
             SELECT $1, x."unitCode", x.name, x.floors, x."floorArea" FROM jsonb_to_recordset($2::jsonb) AS x("unitCode" text, name text, floors int, "floorArea" numeric)`,
        [permitNumber, JSON.stringify(units)],
      );
    }
  }
}

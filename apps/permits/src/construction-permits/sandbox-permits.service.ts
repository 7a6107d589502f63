import { Injectable } from '@nestjs/common';
import {
  BuildingUnitV1,
  ConstructionPermitV1,
  PageV1,
  PermitUpsertResultV1,
  PermitUpsertV1,
  Principal,
} from '@hn/messages';
import { DataSource, EntityManager } from 'typeorm';
import { PermitRow, rowToPermit, selectPermit } from './permit-rows';

const DEFAULT_CATEGORY = '社会投资房建类';
const SELECT_SANDBOX = selectPermit('sandbox');
const SELECT_REAL = selectPermit('real');

/** The search of ConstructionPermitsService, already built for the real tables (alias p). */
export interface SandboxSearch {
  where: string;
  params: unknown[];
  page: number;
  pageSize: number;
  countCap: number;
}

interface ProjectValues {
  name: string;
  region_code: string;
  developer_name: string;
  developer_credit_code: string;
  project_type: string | null;
  category: string;
}

interface PermitValues {
  project_code: string;
  project_name: string;
  region_code: string;
  issue_date: string;
  start_date: string | null;
  planned_completion_date: string | null;
  five_party_acceptance_date: string | null;
  completion_filing_date: string | null;
}

/**
 * 联调测试 sandbox space of the permits service (sandbox_project, sandbox_construction_permit,
 * sandbox_building_unit): approval-system pushes by sandbox credentials are written here, in one
 * transaction, with no outbox event, never touching a real row. Reads lay this space over the real
 * permits for sandbox credentials only.
 */
@Injectable()
export class SandboxPermitsService {
  constructor(private readonly dataSource: DataSource) {}

  async find(permitNumber: string, manager: EntityManager = this.dataSource.manager): Promise<PermitRow | null> {
    const rows: PermitRow[] = await manager.query(`${SELECT_SANDBOX} WHERE p.permit_number = $1`, [permitNumber]);
    return rows[0] ?? null;
  }

  async units(permitNumber: string, manager: EntityManager = this.dataSource.manager): Promise<BuildingUnitV1[]> {
    const rows: Array<{ unit_code: string; name: string; floors: number; floor_area: string }> = await manager.query(
      `SELECT unit_code, name, floors, floor_area FROM sandbox_building_unit WHERE permit_number = $1 ORDER BY unit_code`,
      [permitNumber],
    );
    return rows.map((u) => ({
      unitCode: u.unit_code,
      name: u.name,
      floors: u.floors,
      floorArea: Number(u.floor_area),
    }));
  }

  /** Sandbox permits matching the search, plus the real ones no sandbox permit shadows. */
  async search(s: SandboxSearch): Promise<PageV1<ConstructionPermitV1>> {
    // the sandbox tables have no bigram column; they are small enough for the ILIKE alone
    const sandboxWhere = s.where.replace(/ AND p\.name_grams @> ARRAY\[\$\d+::text\]/, '');
    const realWhere = `${s.where} AND NOT EXISTS (SELECT 1 FROM sandbox_construction_permit x WHERE x.permit_number = p.permit_number)`;
    const union = `(${SELECT_SANDBOX} WHERE ${sandboxWhere}) UNION ALL (${SELECT_REAL.replace('j.developer_credit_code', 'j.developer_credit_code, false AS sandbox')} WHERE ${realWhere})`;
    const [countRows, rows] = await Promise.all([
      this.dataSource.query(
        `SELECT (SELECT count(*)::int FROM sandbox_construction_permit p WHERE ${sandboxWhere}) + (SELECT count(*)::int FROM (SELECT 1 FROM construction_permit p WHERE ${realWhere} LIMIT ${s.countCap + 1}) t) AS total`,
        s.params,
      ) as Promise<Array<{ total: number }>>,
      this.dataSource.query(
        `SELECT * FROM (${union}) u ORDER BY u.issue_date DESC, u.permit_number LIMIT ${s.pageSize} OFFSET ${(s.page - 1) * s.pageSize}`,
        s.params,
      ) as Promise<PermitRow[]>,
    ]);
    const counted = countRows[0]?.total ?? 0;
    return {
      items: rows.map(rowToPermit),
      page: s.page,
      pageSize: s.pageSize,
      total: Math.min(counted, s.countCap),
      ...(counted > s.countCap ? { totalIsLowerBound: true } : {}),
    };
  }

  /** Validated and region-checked by the caller. Outcome is relative to the sandbox space. */
  upsert(principal: Principal, permitNumber: string, body: PermitUpsertV1): Promise<PermitUpsertResultV1> {
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `SELECT pg_advisory_xact_lock(hashtext('sandbox-project:' || $1)), pg_advisory_xact_lock(hashtext('sandbox-permit:' || $2))`,
        [body.projectCode, permitNumber],
      );
      const [existingProject] = (await m.query(
        `SELECT name, region_code, developer_name, developer_credit_code, project_type, category FROM sandbox_project WHERE project_code = $1`,
        [body.projectCode],
      )) as ProjectValues[];
      const project: ProjectValues = {
        name: body.projectName,
        region_code: body.regionCode,
        developer_name: body.developerName,
        developer_credit_code: body.developerCreditCode,
        project_type: body.projectType ?? null,
        category: body.category ?? existingProject?.category ?? DEFAULT_CATEGORY,
      };
      const projectChanged = !existingProject || differs(existingProject, project);
      if (projectChanged) {
        await m.query(
          `INSERT INTO sandbox_project (project_code, name, region_code, developer_name, developer_credit_code, project_type, category, client_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (project_code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, developer_name = EXCLUDED.developer_name,
             developer_credit_code = EXCLUDED.developer_credit_code, project_type = EXCLUDED.project_type, category = EXCLUDED.category,
             client_id = EXCLUDED.client_id, updated_at = now()`,
          [
            body.projectCode,
            project.name,
            project.region_code,
            project.developer_name,
            project.developer_credit_code,
            project.project_type,
            project.category,
            principal.id,
          ],
        );
      }
      const [existingPermit] = (await m.query(
        `SELECT project_code, project_name, region_code, issue_date, start_date, planned_completion_date, five_party_acceptance_date, completion_filing_date
           FROM sandbox_construction_permit WHERE permit_number = $1`,
        [permitNumber],
      )) as PermitValues[];
      const permit: PermitValues = {
        project_code: body.projectCode,
        project_name: body.projectName,
        region_code: body.regionCode,
        issue_date: body.issueDate,
        start_date: body.startDate ?? null,
        planned_completion_date: body.plannedCompletionDate ?? null,
        five_party_acceptance_date: body.fivePartyAcceptanceDate ?? null,
        completion_filing_date: body.completionFilingDate ?? null,
      };
      const permitChanged = !existingPermit || differs(existingPermit, permit);
      if (permitChanged) {
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
            principal.id,
          ],
        );
      }
      const wanted = [...body.units]
        .sort((a, b) => a.unitCode.localeCompare(b.unitCode))
        .map((u) => ({
          unitCode: u.unitCode,
          name: u.name,
          floors: u.floors,
          floorArea: Math.round(u.floorArea * 100) / 100,
        }));
      const unitsChanged = JSON.stringify(await this.units(permitNumber, m)) !== JSON.stringify(wanted);
      if (unitsChanged) {
        await m.query(`DELETE FROM sandbox_building_unit WHERE permit_number = $1`, [permitNumber]);
        if (wanted.length > 0) {
          await m.query(
            `INSERT INTO sandbox_building_unit (permit_number, unit_code, name, floors, floor_area)
             SELECT $1, x."unitCode", x.name, x.floors, x."floorArea" FROM jsonb_to_recordset($2::jsonb) AS x("unitCode" text, name text, floors int, "floorArea" numeric)`,
            [permitNumber, JSON.stringify(wanted)],
          );
        }
      }
      const row = (await this.find(permitNumber, m))!;
      const outcome: PermitUpsertResultV1['outcome'] = !existingPermit
        ? 'created'
        : permitChanged || unitsChanged || projectChanged
          ? 'updated'
          : 'unchanged';
      return { permit: rowToPermit(row), outcome };
    });
  }
}

function differs<T extends object>(current: T, wanted: T): boolean {
  return (Object.keys(wanted) as Array<keyof T>).some((k) => String(current[k] ?? '') !== String(wanted[k] ?? ''));
}

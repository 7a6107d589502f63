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
import { PermitSearch } from './construction-permits.sql';
import { PermitRow, rowToPermit } from './permit-rows';
import { SandboxPermitsRepository, SandboxPermitValues, SandboxProjectValues } from './sandbox-permits.repository';

const DEFAULT_CATEGORY = '社会投资房建类';

/**
 * 联调测试 sandbox space of the permits service (sandbox_project, sandbox_construction_permit,
 * sandbox_building_unit): approval-system pushes by sandbox credentials are written here, in one
 * transaction, with no outbox event, never touching a real row. Reads lay this space over the real
 * permits for sandbox credentials only.
 */
@Injectable()
export class SandboxPermitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SandboxPermitsRepository,
  ) {}

  find(permitNumber: string, manager: EntityManager = this.dataSource.manager): Promise<PermitRow | null> {
    return this.repository.find(manager, permitNumber);
  }

  async units(permitNumber: string, manager: EntityManager = this.dataSource.manager): Promise<BuildingUnitV1[]> {
    const rows = await this.repository.units(manager, permitNumber);
    return rows.map((u) => ({
      unitCode: u.unit_code,
      name: u.name,
      floors: u.floors,
      floorArea: Number(u.floor_area),
    }));
  }

  /** Sandbox permits matching the search, plus the real ones no sandbox permit shadows. */
  async search(s: PermitSearch): Promise<PageV1<ConstructionPermitV1>> {
    const { rows, counted } = await this.repository.search(s);
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
      await this.repository.lockProjectAndPermit(m, body.projectCode, permitNumber);
      const existingProject = await this.repository.findProject(m, body.projectCode);
      const project: SandboxProjectValues = {
        name: body.projectName,
        region_code: body.regionCode,
        developer_name: body.developerName,
        developer_credit_code: body.developerCreditCode,
        project_type: body.projectType ?? null,
        category: body.category ?? existingProject?.category ?? DEFAULT_CATEGORY,
      };
      const projectChanged = !existingProject || differs(existingProject, project);
      if (projectChanged) await this.repository.upsertProject(m, body.projectCode, project, principal.id);
      const existingPermit = await this.repository.findPermitValues(m, permitNumber);
      const permit: SandboxPermitValues = {
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
      if (permitChanged) await this.repository.upsertPermit(m, permitNumber, permit, principal.id);
      const wanted = [...body.units]
        .sort((a, b) => a.unitCode.localeCompare(b.unitCode))
        .map((u) => ({
          unitCode: u.unitCode,
          name: u.name,
          floors: u.floors,
          floorArea: Math.round(u.floorArea * 100) / 100,
        }));
      const unitsChanged = JSON.stringify(await this.units(permitNumber, m)) !== JSON.stringify(wanted);
      if (unitsChanged) await this.repository.replaceUnits(m, permitNumber, wanted);
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

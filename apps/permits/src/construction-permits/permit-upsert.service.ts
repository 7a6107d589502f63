import { Injectable } from '@nestjs/common';
import {
  AcceptanceRecordedV1,
  PermitRegisteredV1,
  PermitsEvents,
  PermitUpsertResultV1,
  PermitUpsertV1,
  Principal,
  ProjectTypedV1,
} from '@hn/messages';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { DataSource, EntityManager } from 'typeorm';
import { ConstructionPermitsRepository } from './construction-permits.repository';
import { AcceptanceGovernance } from '../acceptance-governance/entities/acceptance-governance.entity';
import { BuildingUnit } from './entities/building-unit.entity';
import { ConstructionPermit } from './entities/construction-permit.entity';
import { Project } from './entities/project.entity';
import { toPermitV1, toUnitV1 } from './permit-mapper';
import { assertRegionAllowed } from '@hn/auth';
import { SandboxPermitsService } from './sandbox-permits.service';

const SOURCE = '/hn/permits';
const DEFAULT_CATEGORY = '社会投资房建类';

/**
 * Ingest from the approval system (工改系统): upserts a permit with its project and units in one
 * transaction and writes the matching events to the outbox. A repeated identical upsert changes
 * nothing and publishes nothing. A sandbox (联调测试) credential's push lands in the sandbox space
 * instead (SandboxPermitsService): no real row, no event.
 */
@Injectable()
export class PermitUpsertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ConstructionPermitsRepository,
    private readonly sandbox: SandboxPermitsService,
  ) {}

  async upsert(principal: Principal, permitNumber: string, body: PermitUpsertV1): Promise<PermitUpsertResultV1> {
    // number and body: PermitUpsertRequest (checkPermitUpsert), applied by @RpcHandler(Rpc.permitUpsert) as at the gateway
    const permit = body;
    assertRegionAllowed(principal, permit.regionCode, { field: 'regionCode' });
    if (principal.sandbox === true) return this.sandbox.upsert(principal, permitNumber, permit);
    return this.dataSource.transaction((manager) => this.upsertIn(manager, permitNumber, permit));
  }

  /** Also used by the bulk importer and the demo loader (already validated, trusted callers). */
  async upsertIn(manager: EntityManager, permitNumber: string, body: PermitUpsertV1): Promise<PermitUpsertResultV1> {
    // Serialise writers of the same project and permit; different permits proceed in parallel.
    await this.repository.lockProjectAndPermit(manager, body.projectCode, permitNumber);
    const correlationId = currentCorrelationId();
    const projects = manager.getRepository(Project);
    const permits = manager.getRepository(ConstructionPermit);
    const unitsRepo = manager.getRepository(BuildingUnit);

    const existingProject = await projects.findOne({ where: { projectCode: body.projectCode } });
    // A submitted marking (存量预售项目标记) is locked: only an ADMIN correction changes that type, never a push.
    const markingLocked = existingProject ? await this.repository.isMarkingSubmitted(manager, body.projectCode) : false;
    const projectValues = {
      projectCode: body.projectCode,
      name: body.projectName,
      regionCode: body.regionCode,
      developerName: body.developerName,
      developerCreditCode: body.developerCreditCode,
      projectType: markingLocked ? existingProject!.projectType : (body.projectType ?? null),
      category: body.category ?? existingProject?.category ?? DEFAULT_CATEGORY,
    };
    const projectChanged = !existingProject || differs(existingProject, projectValues);
    const typeChanged = (existingProject?.projectType ?? null) !== projectValues.projectType;
    if (projectChanged) await projects.save(projects.create({ ...existingProject, ...projectValues }));

    const existingPermit = await permits.findOne({ where: { permitNumber } });
    // a date approved by the province (数据治理补录) stays when a later push carries no acceptance date
    const governed =
      existingPermit && !body.fivePartyAcceptanceDate && !body.completionFilingDate
        ? await manager.getRepository(AcceptanceGovernance).findOne({ where: { permitNumber } })
        : null;
    const permitValues = {
      permitNumber,
      projectCode: body.projectCode,
      projectName: body.projectName,
      regionCode: body.regionCode,
      issueDate: body.issueDate,
      startDate: body.startDate ?? null,
      plannedCompletionDate: body.plannedCompletionDate ?? null,
      fivePartyAcceptanceDate: body.fivePartyAcceptanceDate ?? (governed?.kind === 'FIVE_PARTY' ? governed.date : null),
      completionFilingDate:
        body.completionFilingDate ?? (governed?.kind === 'COMPLETION_FILING' ? governed.date : null),
    };
    const permitChanged = !existingPermit || differs(existingPermit, permitValues);
    if (permitChanged) await permits.save(permits.create({ ...existingPermit, ...permitValues }));

    const currentUnits = await unitsRepo.find({ where: { permitNumber }, order: { unitCode: 'ASC' } });
    const wantedUnits = [...body.units].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    const unitsChanged =
      JSON.stringify(currentUnits.map(toUnitV1)) !==
      JSON.stringify(
        wantedUnits.map((u) => ({
          unitCode: u.unitCode,
          name: u.name,
          floors: u.floors,
          floorArea: Math.round(u.floorArea * 100) / 100,
        })),
      );
    if (unitsChanged) {
      await unitsRepo.delete({ permitNumber });
      if (wantedUnits.length > 0)
        await unitsRepo.insert(
          wantedUnits.map((u) => ({
            permitNumber,
            unitCode: u.unitCode,
            name: u.name,
            floors: u.floors,
            floorArea: u.floorArea,
          })),
        );
    }

    const project = await projects.findOneOrFail({ where: { projectCode: body.projectCode } });
    const permit = await permits.findOneOrFail({ where: { permitNumber } });
    const permitV1 = toPermitV1(permit, project);
    const outcome: PermitUpsertResultV1['outcome'] = !existingPermit
      ? 'created'
      : permitChanged || unitsChanged || projectChanged
        ? 'updated'
        : 'unchanged';
    if (outcome === 'unchanged') return { permit: permitV1, outcome };

    const eventData: PermitRegisteredV1 = { permit: permitV1, units: wantedUnits.map((u) => ({ ...u })) };
    await enqueueEvent(manager, {
      source: SOURCE,
      type: outcome === 'created' ? PermitsEvents.permitRegistered : PermitsEvents.permitUpdated,
      subject: permitNumber,
      data: eventData,
      correlationId,
    });
    if (typeChanged) {
      const permitNumbers = await this.repository.permitNumbersOfProject(manager, body.projectCode);
      await enqueueEvent<ProjectTypedV1>(manager, {
        source: SOURCE,
        type: PermitsEvents.projectTyped,
        subject: body.projectCode,
        data: {
          projectCode: body.projectCode,
          projectName: body.projectName,
          regionCode: body.regionCode,
          previousType: existingProject?.projectType ?? null,
          projectType: projectValues.projectType,
          permitNumbers,
        },
        correlationId,
      });
    }
    const acceptanceChanged =
      (existingPermit?.fivePartyAcceptanceDate ?? null) !== permitValues.fivePartyAcceptanceDate ||
      (existingPermit?.completionFilingDate ?? null) !== permitValues.completionFilingDate;
    if (acceptanceChanged && (permitValues.fivePartyAcceptanceDate || permitValues.completionFilingDate)) {
      await enqueueEvent<AcceptanceRecordedV1>(manager, {
        source: SOURCE,
        type: PermitsEvents.acceptanceRecorded,
        subject: permitNumber,
        data: {
          permitNumber,
          projectCode: body.projectCode,
          regionCode: body.regionCode,
          fivePartyAcceptanceDate: permitValues.fivePartyAcceptanceDate,
          completionFilingDate: permitValues.completionFilingDate,
        },
        correlationId,
      });
    }
    return { permit: permitV1, outcome };
  }
}

function differs<T extends object>(current: T, wanted: Partial<T>): boolean {
  return (Object.keys(wanted) as Array<keyof T>).some((k) => String(current[k] ?? '') !== String(wanted[k] ?? ''));
}

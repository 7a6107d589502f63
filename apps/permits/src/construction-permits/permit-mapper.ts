import { BuildingUnitV1, ConstructionPermitV1 } from '@hn/messages';
import { BuildingUnit } from './entities/building-unit.entity';
import { ConstructionPermit } from './entities/construction-permit.entity';
import { Project } from './entities/project.entity';

export function toPermitV1(permit: ConstructionPermit, project: Project): ConstructionPermitV1 {
  return {
    permitNumber: permit.permitNumber,
    projectCode: permit.projectCode,
    projectName: permit.projectName,
    regionCode: permit.regionCode,
    projectType: project.projectType,
    category: project.category,
    developerName: project.developerName,
    developerCreditCode: project.developerCreditCode,
    issueDate: permit.issueDate,
    startDate: permit.startDate,
    plannedCompletionDate: permit.plannedCompletionDate,
    fivePartyAcceptanceDate: permit.fivePartyAcceptanceDate,
    completionFilingDate: permit.completionFilingDate,
    status: permit.status,
  };
}

export function toUnitV1(unit: BuildingUnit): BuildingUnitV1 {
  return { unitCode: unit.unitCode, name: unit.name, floors: unit.floors, floorArea: Number(unit.floorArea) };
}

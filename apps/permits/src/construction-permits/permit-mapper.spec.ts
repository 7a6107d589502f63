import { PermitRegisteredEvent, validateEvent } from '@hn/messages';
import { BuildingUnit } from './entities/building-unit.entity';
import { ConstructionPermit } from './entities/construction-permit.entity';
import { Project } from './entities/project.entity';
import { toPermitV1, toUnitV1 } from './permit-mapper';

describe(toPermitV1.name, () => {
  it('builds the permit event data the consumers validate with PermitRegisteredEvent (no extra fields)', async () => {
    const permit = Object.assign(new ConstructionPermit(), {
      permitNumber: '430223202406200101',
      projectCode: '2024-430223-70-03-012345',
      projectName: '锦绣星城三期（22#栋）',
      regionCode: '430223',
      issueDate: '2024-06-20',
      startDate: '2024-07-01',
      plannedCompletionDate: '2026-12-31',
      fivePartyAcceptanceDate: null,
      completionFilingDate: null,
      status: 'VALID',
      createdAt: new Date(),
    });
    const project = Object.assign(new Project(), {
      projectCode: permit.projectCode,
      name: permit.projectName,
      regionCode: '430223',
      developerName: '攸县锦绣置业有限公司',
      developerCreditCode: '91430223MA4Q0ABC1F',
      projectType: null,
      category: '社会投资房建类',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    // numeric comes back from Postgres as a string; toUnitV1 makes it a number
    const unit = Object.assign(new BuildingUnit(), {
      permitNumber: permit.permitNumber,
      unitCode: 'DT022',
      name: '22#栋',
      floors: 33,
      floorArea: '12345.67' as unknown as number,
    });
    const result = await validateEvent(PermitRegisteredEvent, {
      permit: toPermitV1(permit, project),
      units: [toUnitV1(unit)],
    });
    expect(result.errors).toEqual([]);
  });
});

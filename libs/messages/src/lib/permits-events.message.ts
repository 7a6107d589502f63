import {
  AcceptanceRecordedV1,
  BuildingUnitV1,
  ConstructionPermitV1,
  PermitRegisteredV1,
  PermitStatus,
  PROJECT_TYPES,
  ProjectType,
  ProjectTypedV1,
} from './permits';
import { RecordCorrectedEventBase } from './event-parts.message';
import { RecordCorrectedV1 } from './scans';
import {
  EventInteger,
  EventIsoDate,
  EventJsonObject,
  EventNested,
  EventNestedList,
  EventNumber,
  EventOneOf,
  EventPattern,
  eventPermitNumberReason,
  EventPermitNumber,
  EventRegionCode,
  EventText,
  EventTextList,
} from './validation/event-constraints';
import { UNIT_CODE } from './validation/submission-constraints';

/**
 * The permits service's event payloads (hn.permits.*) as message classes: the wire format is the V1
 * interfaces, unchanged; the consumers (alerts, presale) validate `event.data` with these before
 * projecting it (validateEvent), so an event is applied whole or skipped whole. They check
 * structure, not the approval-system rules the permits service already applied at ingest
 * (credit-code check digit, number agreeing with region and date): an event is a fact the producer
 * recorded, and a consumer refusing it for a rule the producer owns would only lose the fact.
 * Unknown fields are refused, so the producers send exactly these fields.
 */

export class PermitEventUnit implements BuildingUnitV1 {
  @EventPattern(UNIT_CODE, '单体编码为 1–64 位字母数字或连字符 (unit code)', {
    example: '2024-430223-70-03-012345-DT022',
  })
  unitCode!: string;

  @EventText({ example: '22#栋' })
  name!: string;

  @EventInteger({ example: 33 })
  floors!: number;

  @EventNumber({ example: 12345.67, description: 'm²' })
  floorArea!: number;
}

export class PermitEventPermit implements ConstructionPermitV1 {
  @EventPermitNumber()
  permitNumber!: string;

  @EventText({ example: '2024-430223-70-03-012345', nonEmpty: true })
  projectCode!: string;

  @EventText({ example: '锦绣星城三期（22#栋）' })
  projectName!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventOneOf(PROJECT_TYPES, { example: 'PRESALE', nullable: true })
  projectType!: ProjectType | null;

  @EventText({ example: '社会投资房建类' })
  category!: string;

  @EventText({ example: '攸县锦绣置业有限公司' })
  developerName!: string;

  @EventText({ example: '91430223MA4Q0ABC1F' })
  developerCreditCode!: string;

  @EventIsoDate({ example: '2024-06-20' })
  issueDate!: string;

  @EventIsoDate({ example: '2024-07-01', nullable: true })
  startDate!: string | null;

  @EventIsoDate({ example: '2026-12-31', nullable: true })
  plannedCompletionDate!: string | null;

  @EventIsoDate({ example: null, nullable: true })
  fivePartyAcceptanceDate!: string | null;

  @EventIsoDate({ example: null, nullable: true })
  completionFilingDate!: string | null;

  @EventOneOf(['VALID', 'REVOKED'], { example: 'VALID' })
  status!: PermitStatus;

  @EventOneOf([true], { optional: true, description: '联调测试 permits only; absent on real permits' })
  sandbox?: true;
}

/** data of hn.permits.permit.registered.v1 and hn.permits.permit.updated.v1 */
export class PermitRegisteredEvent implements PermitRegisteredV1 {
  @EventNested(() => PermitEventPermit)
  permit!: PermitEventPermit;

  @EventNestedList(() => PermitEventUnit)
  units!: PermitEventUnit[];
}

/** The same payload under the updated subject. */
export class PermitUpdatedEvent extends PermitRegisteredEvent {}

/** data of hn.permits.project.typed.v1 */
export class ProjectTypedEvent implements ProjectTypedV1 {
  @EventText({ example: '2024-430223-70-03-012345', nonEmpty: true })
  projectCode!: string;

  @EventText({ example: '锦绣星城三期（22#栋）' })
  projectName!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventOneOf(PROJECT_TYPES, { example: null, nullable: true })
  previousType!: ProjectType | null;

  @EventOneOf(PROJECT_TYPES, { example: 'PRESALE', nullable: true })
  projectType!: ProjectType | null;

  @EventTextList({ example: ['430223202406200101'] }, eventPermitNumberReason)
  permitNumbers!: string[];
}

/** data of hn.permits.acceptance.recorded.v1 */
export class AcceptanceRecordedEvent implements AcceptanceRecordedV1 {
  @EventPermitNumber()
  permitNumber!: string;

  @EventText({ example: '2024-430223-70-03-012345', nonEmpty: true })
  projectCode!: string;

  @EventRegionCode()
  regionCode!: string;

  @EventIsoDate({ example: '2026-11-03', nullable: true })
  fivePartyAcceptanceDate!: string | null;

  @EventIsoDate({ example: null, nullable: true })
  completionFilingDate!: string | null;

  @EventOneOf(['APPROVAL', 'GOVERNANCE'], { optional: true, description: 'APPROVAL when absent' })
  source?: 'APPROVAL' | 'GOVERNANCE';

  @EventText({
    optional: true,
    nonEmpty: true,
    description: 'GOVERNANCE: the acceptance backfill that carried the date',
  })
  backfillId?: string;
}

/** The marking a correction set (`after` of hn.permits.project.corrected.v1). */
export class ProjectCorrectedEventAfter {
  @EventOneOf(PROJECT_TYPES, { example: 'PRESALE', nullable: true })
  projectType!: ProjectType | null;
}

/** data of hn.permits.project.corrected.v1 (no consumer yet: the typed event that follows carries the type) */
export class ProjectCorrectedEvent extends RecordCorrectedEventBase implements RecordCorrectedV1 {
  @EventOneOf(['PROJECT_MARKING'], { example: 'PROJECT_MARKING' })
  recordType!: 'PROJECT_MARKING';

  @EventJsonObject({ description: 'the type and marking as they stood' })
  before!: Record<string, unknown>;

  @EventNested(() => ProjectCorrectedEventAfter)
  after!: ProjectCorrectedEventAfter;
}

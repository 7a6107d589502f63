import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { isIsoDate, parsePermitNumber } from '@hn/numbering';
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
import { FieldRule } from './validation/field-rule';
import { EachItem, REQUIRED_MESSAGE as REQUIRED, UNIT_CODE } from './validation/submission-constraints';
import { MessageValidation, validateMessage } from './validation/validate-message';

/**
 * The permits service's event payloads (hn.permits.*) as message classes: the wire format is the V1
 * interfaces, unchanged; the consumers (alerts, presale) validate `event.data` with these before
 * projecting it, so an event is applied whole or skipped whole. They check structure, not the
 * approval-system rules the permits service already applied at ingest (credit-code check digit,
 * number agreeing with region and date): an event is a fact the producer recorded, and a consumer
 * refusing it for a rule the producer owns would only lose the fact. Unknown fields are refused, so
 * the producers send exactly these fields.
 */

/** Far enough ahead that a consumer never refuses a number for its own clock being behind the producer's. */
const NO_FUTURE_CHECK = { today: '9999-12-31' };

const STRING = '须为字符串 (must be a string)';
const required = (v: unknown): string | null => (v === undefined || v === null ? REQUIRED.message : null);

/** An 18-digit permit number as @hn/numbering parses it (region, date, serial, category). */
export function eventPermitNumberReason(v: unknown): string | null {
  if (typeof v !== 'string') return required(v) ?? '施工许可证编号须为 18 位数字字符串 (18-digit string)';
  const parsed = parsePermitNumber(v, NO_FUTURE_CHECK);
  return parsed.ok ? null : `${parsed.reason}: ${parsed.message}`;
}

const permitNumber = (): PropertyDecorator => FieldRule('eventPermitNumber', eventPermitNumberReason);

const regionCode = (): PropertyDecorator =>
  FieldRule('eventRegionCode', (v) =>
    typeof v === 'string' && /^43\d{4}$/.test(v)
      ? null
      : (required(v) ?? '区划代码须为 6 位湖南省代码 43XXXX (6-digit Hunan region code)'),
  );

/** A string, required; `nonEmpty` also refuses "" (keys the consumers store rows under). */
const text = (nonEmpty = false): PropertyDecorator =>
  FieldRule('eventText', (v) => {
    if (typeof v !== 'string') return required(v) ?? STRING;
    return nonEmpty && v.length === 0 ? '不能为空 (must not be empty)' : null;
  });

const isoDate = (nullable: boolean): PropertyDecorator =>
  FieldRule('eventIsoDate', (v) => {
    if (v === null && nullable) return null;
    if (typeof v === 'string' && isIsoDate(v)) return null;
    if (v === undefined || (v === null && !nullable)) return REQUIRED.message;
    return nullable
      ? '须为 YYYY-MM-DD 格式的真实日期或 null (ISO date or null)'
      : '须为 YYYY-MM-DD 格式的真实日期 (ISO date)';
  });

const projectType = (): PropertyDecorator =>
  FieldRule('eventProjectType', (v) =>
    v === null || PROJECT_TYPES.includes(v as ProjectType)
      ? null
      : v === undefined
        ? REQUIRED.message
        : '项目类型须为 PRESALE、CURRENT_SALE、OTHER 或 null (project type)',
  );

export class PermitEventUnit implements BuildingUnitV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345-DT022' })
  @FieldRule('eventUnitCode', (v) =>
    typeof v === 'string' && UNIT_CODE.test(v)
      ? null
      : (required(v) ?? '单体编码为 1–64 位字母数字或连字符 (unit code)'),
  )
  unitCode!: string;

  @ApiProperty({ example: '22#栋' })
  @text()
  name!: string;

  @ApiProperty({ example: 33 })
  @FieldRule('eventFloors', (v) => (Number.isInteger(v) ? null : (required(v) ?? '层数须为整数 (integer)')))
  floors!: number;

  @ApiProperty({ example: 12345.67, description: 'm²' })
  @FieldRule('eventFloorArea', (v) =>
    typeof v === 'number' && Number.isFinite(v) ? null : (required(v) ?? '建筑面积须为数字 (a number)'),
  )
  floorArea!: number;
}

export class PermitEventPermit implements ConstructionPermitV1 {
  @ApiProperty({ example: '430223202406200101' })
  @permitNumber()
  permitNumber!: string;

  @ApiProperty({ example: '2024-430223-70-03-012345' })
  @text(true)
  projectCode!: string;

  @ApiProperty({ example: '锦绣星城三期（22#栋）' })
  @text()
  projectName!: string;

  @ApiProperty({ example: '430223' })
  @regionCode()
  regionCode!: string;

  @ApiProperty({ example: 'PRESALE', enum: [...PROJECT_TYPES], nullable: true })
  @projectType()
  projectType!: ProjectType | null;

  @ApiProperty({ example: '社会投资房建类' })
  @text()
  category!: string;

  @ApiProperty({ example: '攸县锦绣置业有限公司' })
  @text()
  developerName!: string;

  @ApiProperty({ example: '91430223MA4Q0ABC1F' })
  @text()
  developerCreditCode!: string;

  @ApiProperty({ example: '2024-06-20', format: 'date' })
  @isoDate(false)
  issueDate!: string;

  @ApiProperty({ example: '2024-07-01', format: 'date', nullable: true })
  @isoDate(true)
  startDate!: string | null;

  @ApiProperty({ example: '2026-12-31', format: 'date', nullable: true })
  @isoDate(true)
  plannedCompletionDate!: string | null;

  @ApiProperty({ example: null, format: 'date', nullable: true })
  @isoDate(true)
  fivePartyAcceptanceDate!: string | null;

  @ApiProperty({ example: null, format: 'date', nullable: true })
  @isoDate(true)
  completionFilingDate!: string | null;

  @ApiProperty({ example: 'VALID', enum: ['VALID', 'REVOKED'] })
  @FieldRule('eventPermitStatus', (v) =>
    v === 'VALID' || v === 'REVOKED' ? null : (required(v) ?? '状态须为 VALID 或 REVOKED (status)'),
  )
  status!: PermitStatus;

  @ApiPropertyOptional({ enum: [true], description: '联调测试 permits only; absent on real permits' })
  @IsOptional()
  @IsIn([true], { message: '只能为 true 或不出现 (true or absent)' })
  sandbox?: true;
}

/** data of hn.permits.permit.registered.v1 and hn.permits.permit.updated.v1 */
export class PermitRegisteredEvent implements PermitRegisteredV1 {
  @ApiProperty({ type: PermitEventPermit })
  @IsDefined(REQUIRED)
  @ValidateNested({ message: '须为对象 (must be an object)' })
  @Type(() => PermitEventPermit)
  permit!: PermitEventPermit;

  @ApiProperty({ type: [PermitEventUnit] })
  @IsDefined(REQUIRED)
  @IsArray({ message: '须为数组 (must be an array)' })
  @ValidateNested({ message: '单体须为对象 (each unit must be an object)' })
  @Type(() => PermitEventUnit)
  units!: PermitEventUnit[];
}

/** The same payload under the updated subject. */
export class PermitUpdatedEvent extends PermitRegisteredEvent {}

/** data of hn.permits.project.typed.v1 */
export class ProjectTypedEvent implements ProjectTypedV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345' })
  @text(true)
  projectCode!: string;

  @ApiProperty({ example: '锦绣星城三期（22#栋）' })
  @text()
  projectName!: string;

  @ApiProperty({ example: '430223' })
  @regionCode()
  regionCode!: string;

  @ApiProperty({ example: null, enum: [...PROJECT_TYPES], nullable: true })
  @projectType()
  previousType!: ProjectType | null;

  @ApiProperty({ example: 'PRESALE', enum: [...PROJECT_TYPES], nullable: true })
  @projectType()
  projectType!: ProjectType | null;

  @ApiProperty({ example: ['430223202406200101'], type: [String] })
  @IsDefined(REQUIRED)
  @IsArray({ message: '须为数组 (must be an array)' })
  @EachItem('eventPermitNumbers', (item) => eventPermitNumberReason(item))
  permitNumbers!: string[];
}

/** data of hn.permits.acceptance.recorded.v1 */
export class AcceptanceRecordedEvent implements AcceptanceRecordedV1 {
  @ApiProperty({ example: '430223202406200101' })
  @permitNumber()
  permitNumber!: string;

  @ApiProperty({ example: '2024-430223-70-03-012345' })
  @text(true)
  projectCode!: string;

  @ApiProperty({ example: '430223' })
  @regionCode()
  regionCode!: string;

  @ApiProperty({ example: '2026-11-03', format: 'date', nullable: true })
  @isoDate(true)
  fivePartyAcceptanceDate!: string | null;

  @ApiProperty({ example: null, format: 'date', nullable: true })
  @isoDate(true)
  completionFilingDate!: string | null;

  @ApiPropertyOptional({ enum: ['APPROVAL', 'GOVERNANCE'], description: 'APPROVAL when absent' })
  @IsOptional()
  @IsIn(['APPROVAL', 'GOVERNANCE'], { message: '须为 APPROVAL 或 GOVERNANCE (source)' })
  source?: 'APPROVAL' | 'GOVERNANCE';

  @ApiPropertyOptional({ description: 'GOVERNANCE: the acceptance backfill that carried the date' })
  @IsOptional()
  @text(true)
  backfillId?: string;
}

/**
 * Validates an event's `data` with its message class (validateMessage: unknown fields refused, one
 * reason per field). An absent data is refused whole (`data`), not read as `{}`.
 */
export async function validateEvent<T extends object>(type: new () => T, data: unknown): Promise<MessageValidation<T>> {
  if (data === undefined || data === null) return { ok: false, errors: [{ field: 'data', reason: REQUIRED.message }] };
  return validateMessage(type, data);
}

/** The failing fields with their reasons on one line, for a skip warning. */
export function invalidFieldsSummary(result: MessageValidation<object>): string {
  return result.ok ? '' : result.errors.map((e) => `${e.field} (${e.reason})`).join('; ');
}

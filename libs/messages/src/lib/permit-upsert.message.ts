import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { isIsoDate, parsePermitNumber } from '@hn/numbering';
import { PermitUpsertRequestV1, PermitUpsertV1, PROJECT_TYPES, ProjectType } from './permits';
import { IsPlainText } from './plain-text';
import type { FieldError } from './problem';
import { IsCreditCode, REQUIRED_MESSAGE as REQUIRED, UNIT_CODE } from './validation/submission-constraints';
import { BODY_NOT_AN_OBJECT } from './contract-filing-validation';
import type { ExpandingConstraintContext } from './validation/flatten-validation-errors';
import { IsPermitNumber, permitNumberProblem } from './validation/number-constraints';
import { MessageValidation, validateMessage } from './validation/validate-message';

/**
 * The approval-system (工改系统) permit upsert body as a message class: the gateway validates the
 * HTTP body with it (and OpenAPI is generated from it), the permits service validates the RPC payload
 * with it again (checkPermitUpsert on both sides), so both report the same 400 VALIDATION_FAILED
 * field list. No transforms: the pushed values are stored as sent.
 */

export const PERMIT_PROJECT_CODE = /^\d{4}-43\d{4}-\d{2}-\d{2}-\d{6}$/;
/** The one wording of a refused permit upsert, gateway and service alike. */
export const PERMIT_UPSERT_INVALID_DETAIL = '施工许可数据校验失败 (construction permit data invalid)';
export const MAX_PERMIT_UNITS = 500;

/** YYYY-MM-DD, a real calendar date. */
function IsRealDate(message: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRealDate',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isIsoDate(value),
        defaultMessage: (): string => message,
      },
    },
    options,
  );
}

/** A required plain-text string, not blank, at most `max` characters (kept as sent, not trimmed). */
function PlainText(max: number, blank = '不能为空 (must not be empty)', required = true): PropertyDecorator {
  return applyDecorators(
    ...(required ? [IsDefined(REQUIRED)] : [IsOptional()]),
    IsString({ message: '须为字符串 (must be a string)' }),
    ValidateBy({
      name: 'notBlank',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: (): string => blank,
      },
    }),
    MaxLength(max, { message: `最长 ${max} 字 (at most ${max} characters)` }),
    IsPlainText(),
  );
}

/** A required-but-nullable date: YYYY-MM-DD or null. */
function NullableDate(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_o: unknown, v: unknown) => v !== null),
    IsRealDate('须为 YYYY-MM-DD 格式的真实日期或 null (ISO date or null)'),
  );
}

/** plannedCompletionDate not before startDate (both real dates). */
function NotBeforeStartDate(): PropertyDecorator {
  return ValidateBy({
    name: 'notBeforeStartDate',
    validator: {
      validate: (value: unknown, args): boolean => {
        const start = (args?.object as { startDate?: unknown } | undefined)?.startDate;
        return !(
          typeof start === 'string' &&
          isIsoDate(start) &&
          typeof value === 'string' &&
          isIsoDate(value) &&
          start > value
        );
      },
      defaultMessage: (): string => '计划竣工日期不得早于开工日期 (before the start date)',
    },
  });
}

export class PermitUnit {
  @ApiProperty({ example: '2024-430223-70-03-012345-DT022', description: '单体编码（施工图审查系统生成）' })
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @Matches(UNIT_CODE, { message: '单体编码为 1–64 位字母数字或连字符 (unit code)' })
  unitCode!: string;

  @ApiProperty({ example: '22#栋', maxLength: 100 })
  @PlainText(100, '单体名称必填 (required)')
  name!: string;

  @ApiProperty({ example: 33, minimum: 1, maximum: 200, description: '层数' })
  @IsDefined(REQUIRED)
  @IsInt({ message: '层数须为 1–200 的整数 (integer 1..200)' })
  @Min(1, { message: '层数须为 1–200 的整数 (integer 1..200)' })
  @Max(200, { message: '层数须为 1–200 的整数 (integer 1..200)' })
  floors!: number;

  @ApiProperty({
    example: 12345.67,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: 10_000_000,
    description: '建筑面积（m²，最多两位小数）',
  })
  @IsDefined(REQUIRED)
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: '建筑面积须为数字，最多两位小数 (a number with at most 2 decimals)' },
  )
  @IsPositive({ message: '建筑面积须为正数（m²）(positive number)' })
  @Max(10_000_000, { message: '建筑面积不超过 10,000,000 m² (at most 10,000,000)' })
  floorArea!: number;
}

/** Body of PUT /api/v1/approval/construction-permits/{permitNumber} (工改系统推送). */
export class PermitUpsert implements PermitUpsertV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '工改项目编码 YYYY-43XXXX-NN-NN-NNNNNN' })
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @Matches(PERMIT_PROJECT_CODE, { message: '工改项目编码格式应为 YYYY-43XXXX-NN-NN-NNNNNN (project code format)' })
  projectCode!: string;

  @ApiProperty({ example: '锦绣星城三期（22#栋）', maxLength: 200 })
  @PlainText(200, '项目名称必填，最长 200 字 (required, ≤ 200 characters)')
  projectName!: string;

  @ApiProperty({ example: '430223', description: '区划代码（须与证号前六位一致）' })
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @Matches(/^43\d{4}$/, { message: '区划代码须为 6 位湖南省代码 43XXXX (6-digit Hunan region code)' })
  regionCode!: string;

  @ApiProperty({ example: 'PRESALE', enum: [...PROJECT_TYPES], nullable: true })
  @ValidateIf((_o: unknown, v: unknown) => v !== null)
  @IsIn([...PROJECT_TYPES], { message: '项目类型须为 PRESALE、CURRENT_SALE、OTHER 或 null' })
  projectType!: ProjectType | null;

  @ApiPropertyOptional({ example: '社会投资房建类', maxLength: 50 })
  @PlainText(50, undefined, false)
  category?: string;

  @ApiProperty({ example: '攸县锦绣置业有限公司', maxLength: 200 })
  @PlainText(200, '建设单位名称必填 (required)')
  developerName!: string;

  @ApiProperty({ example: '91430223MA4Q0ABC1F', description: '统一社会信用代码（18 位，GB 32100 校验位）' })
  @IsDefined(REQUIRED)
  @IsCreditCode()
  developerCreditCode!: string;

  @ApiProperty({ example: '2024-06-20', format: 'date', description: '发证日期（须与证号中的日期一致）' })
  @IsDefined(REQUIRED)
  @IsRealDate('发证日期须为 YYYY-MM-DD 格式的真实日期 (ISO date)')
  issueDate!: string;

  @ApiProperty({ type: String, example: '2024-07-01', format: 'date', nullable: true })
  @NullableDate()
  startDate!: string | null;

  @ApiProperty({
    type: String,
    example: '2026-12-31',
    format: 'date',
    nullable: true,
    description: '计划竣工日期（不早于开工日期）',
  })
  @NullableDate()
  @NotBeforeStartDate()
  plannedCompletionDate!: string | null;

  @ApiProperty({ type: String, example: null, format: 'date', nullable: true, description: '五方责任主体验收日期' })
  @NullableDate()
  fivePartyAcceptanceDate!: string | null;

  @ApiProperty({ type: String, example: null, format: 'date', nullable: true, description: '竣工验收备案日期' })
  @NullableDate()
  completionFilingDate!: string | null;

  @ApiProperty({ type: [PermitUnit], maxItems: MAX_PERMIT_UNITS, description: '单体（可为空数组）' })
  @IsDefined({ message: '单体列表必填（可为空数组）(units array required)' })
  @IsArray({ message: '单体列表必填（可为空数组）(units array required)' })
  @ArrayMaxSize(MAX_PERMIT_UNITS, { message: `最多 ${MAX_PERMIT_UNITS} 个单体 (at most ${MAX_PERMIT_UNITS})` })
  @ValidateNested({ message: '单体须为对象 (each unit must be an object)' })
  @Type(() => PermitUnit)
  units!: PermitUnit[];
}

const FIELD_ORDER = [
  'permitNumber',
  'body',
  'projectCode',
  'projectName',
  'regionCode',
  'projectType',
  'category',
  'developerName',
  'developerCreditCode',
  'issueDate',
  'startDate',
  'plannedCompletionDate',
  'fivePartyAcceptanceDate',
  'completionFilingDate',
  'units',
];
const rank = (field: string): number => {
  const i = FIELD_ORDER.indexOf(field.split(/[.[]/)[0]!);
  return i < 0 ? FIELD_ORDER.length : i;
};
/** units[i]… by i, so a unit's duplicate code sits with its other problems */
const unitIndex = (field: string): number => Number(/^units\[(\d+)\]/.exec(field)?.[1] ?? -1);

/**
 * The whole payload check of a permit upsert, the same call in the gateway (path number + body) and
 * in the permits service (RPC payload): the number itself, the message class, and the body agreeing
 * with the number (region = its first six digits, issue date = its date), no unit code twice. One
 * list, in field order.
 */
export async function checkPermitUpsert(
  permitNumber: string,
  value: unknown,
  today?: string,
): Promise<MessageValidation<PermitUpsert>> {
  const errors: FieldError[] = [];
  const parsed = parsePermitNumber(String(permitNumber), today ? { today } : undefined);
  if (!parsed.ok) errors.push({ field: 'permitNumber', reason: `${parsed.reason}: ${parsed.message}` });
  const result = await validateMessage(PermitUpsert, value);
  if (!result.ok) errors.push(...result.errors);
  const named = new Set(errors.map((e) => e.field));
  const body = (result.ok ? result.value : value) as Partial<PermitUpsertV1> | null | undefined;
  if (parsed.ok && typeof body === 'object' && body !== null && !named.has('body')) {
    if (!named.has('regionCode') && body.regionCode !== parsed.value.regionCode)
      errors.push({
        field: 'regionCode',
        reason: `区划须与证号前六位 ${parsed.value.regionCode} 一致 (must match the number's region)`,
      });
    if (!named.has('issueDate') && body.issueDate !== parsed.value.issueDate)
      errors.push({
        field: 'issueDate',
        reason: `发证日期须与证号中的日期 ${parsed.value.issueDate} 一致 (must match the number's date)`,
      });
  }
  if (typeof body === 'object' && body !== null && Array.isArray(body.units)) {
    const seen = new Set<string>();
    body.units.forEach((u: unknown, i) => {
      const code = (u as { unitCode?: unknown } | null)?.unitCode;
      const field = `units[${i}].unitCode`;
      if (typeof code !== 'string' || !UNIT_CODE.test(code) || named.has(field)) return; // its own rule names it
      if (seen.has(code)) errors.push({ field, reason: `单体编码重复 ${code} (duplicate unit code)` });
      else seen.add(code);
    });
  }
  if (errors.length > 0 || !result.ok) {
    const sorted = errors
      .map((e, i) => ({ e, i }))
      .sort((a, b) => rank(a.e.field) - rank(b.e.field) || unitIndex(a.e.field) - unitIndex(b.e.field) || a.i - b.i);
    return { ok: false, errors: sorted.map((x) => x.e) };
  }
  return result;
}

const refusals = new WeakMap<object, FieldError[]>();
/** where the refusal of an absent permit is kept (the same list whatever the number: each required field) */
const ABSENT = {};
const refusalKey = (value: unknown): object | null =>
  value === undefined || value === null ? ABSENT : typeof value === 'object' ? value : null;

/**
 * The pushed permit beside its number: checkPermitUpsert (the class, the number's region and date, no
 * unit code twice), its fields named as in the HTTP body (`projectCode`, `units[0].unitCode`; `body`
 * for a non-object). Not checked when the number itself is refused (the gateway refuses the path
 * number first). The field list is kept per value for the flattening (its `expand`).
 */
function PermitUpsertBody(): PropertyDecorator {
  const context: ExpandingConstraintContext = {
    expand: (value: unknown): FieldError[] => {
      const key = refusalKey(value);
      return key ? (refusals.get(key) ?? []) : [BODY_NOT_AN_OBJECT];
    },
  };
  return ValidateBy(
    {
      name: 'permitUpsert',
      async: true,
      validator: {
        validate: async (value: unknown, args): Promise<boolean> => {
          const permitNumber = (args?.object as { permitNumber?: unknown } | undefined)?.permitNumber;
          if (permitNumberProblem(permitNumber)) return true;
          const checked = await checkPermitUpsert(permitNumber as string, value);
          if (checked.ok) return true;
          const key = refusalKey(value);
          if (key) refusals.set(key, checked.errors);
          return false;
        },
        defaultMessage: (): string => PERMIT_UPSERT_INVALID_DETAIL,
      },
    },
    { context },
  );
}

/** Body of rpc.permits.permit.upsert.v1: the path number and the pushed permit (PUT …/construction-permits/{permitNumber}). */
export class PermitUpsertRequest implements PermitUpsertRequestV1 {
  @ApiProperty({ example: '430223202406200101', description: '18 位施工许可证编号（路径）' })
  @IsPermitNumber()
  permitNumber!: string;

  @ApiProperty({ type: PermitUpsert })
  @PermitUpsertBody()
  permit!: PermitUpsertV1;
}

/** The work-plan example (攸县 锦绣星城三期 22#栋) as a complete request body. */
export const PERMIT_UPSERT_EXAMPLE: PermitUpsertV1 = {
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期（22#栋）',
  regionCode: '430223',
  projectType: 'PRESALE',
  developerName: '攸县锦绣置业有限公司',
  developerCreditCode: '91430223MA4Q0ABC1F',
  issueDate: '2024-06-20',
  startDate: '2024-07-01',
  plannedCompletionDate: '2026-12-31',
  fivePartyAcceptanceDate: null,
  completionFilingDate: null,
  units: [{ unitCode: '2024-430223-70-03-012345-DT022', name: '22#栋', floors: 33, floorArea: 12345.67 }],
};

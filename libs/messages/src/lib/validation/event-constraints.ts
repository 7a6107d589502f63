import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ValidateIf, ValidateNested } from 'class-validator';
import { isIsoDate, parseContractNumber, parsePermitNumber, parsePresaleNumber } from '@hn/numbering';
import { FieldRule } from './field-rule';
import { EachItem, REQUIRED_MESSAGE } from './submission-constraints';

/**
 * Field constraints of the event payload classes (*-events.message.ts), written once: each names
 * one reason per field and documents the field for OpenAPI. They check structure (types, formats,
 * enumerations), not the producer's business rules: an event is a fact the producer recorded, and a
 * consumer refusing it for a rule the producer owns would only lose the fact.
 *
 * Options: `nullable` (null allowed), `optional` (the field may be absent; null is still refused),
 * `nonEmpty` (text: "" refused), `minimum` (numbers); the rest goes to @ApiProperty.
 */
export interface EventFieldOptions {
  example?: unknown;
  description?: string;
  nullable?: boolean;
  optional?: boolean;
  nonEmpty?: boolean;
  minimum?: number;
}

/** Far enough ahead that a consumer never refuses a number for its own clock being behind the producer's. */
const NO_FUTURE_CHECK = { today: '9999-12-31' };

export const EVENT_REASONS = {
  required: REQUIRED_MESSAGE.message,
  string: '须为字符串 (must be a string)',
  empty: '不能为空 (must not be empty)',
  object: '须为对象 (must be an object)',
  array: '须为数组 (must be an array)',
} as const;

/** The reason for an absent value (undefined or null), else null. */
const requiredReason = (v: unknown): string | null => (v === undefined || v === null ? EVENT_REASONS.required : null);

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One field: `reason` judges a present, non-null value; absence and null are handled here from the
 * options (an optional field may be absent, a nullable one null).
 */
function eventField(
  name: string,
  type: Record<string, unknown>,
  options: EventFieldOptions,
  reason: (value: unknown) => string | null,
): PropertyDecorator {
  const { optional, nonEmpty: _n, ...doc } = options;
  const decorators: PropertyDecorator[] = [
    optional ? ApiPropertyOptional({ ...type, ...doc }) : ApiProperty({ ...type, ...doc }),
    FieldRule(name, (v) => {
      if (v === null && options.nullable) return null;
      if (v === null && optional) return '须省略或为有效值，不能为 null (omit it or give a value, not null)';
      return requiredReason(v) ?? reason(v);
    }),
  ];
  if (optional) decorators.unshift(ValidateIf((o: Record<string | symbol, unknown>, v: unknown) => v !== undefined));
  return applyDecorators(...decorators);
}

/** A string; `nonEmpty` refuses "" (keys the consumers store rows under). */
export const EventText = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventText', { type: String }, options, (v) =>
    typeof v !== 'string' ? EVENT_REASONS.string : options.nonEmpty && v.length === 0 ? EVENT_REASONS.empty : null,
  );

/** YYYY-MM-DD, a real calendar date. */
export const EventIsoDate = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventIsoDate', { type: String, format: 'date' }, options, (v) =>
    typeof v === 'string' && isIsoDate(v)
      ? null
      : options.nullable
        ? '须为 YYYY-MM-DD 格式的真实日期或 null (ISO date or null)'
        : '须为 YYYY-MM-DD 格式的真实日期 (ISO date)',
  );

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp (the producers send UTC, toISOString()). */
export const EventTimestamp = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventTimestamp', { type: String, format: 'date-time' }, options, (v) =>
    typeof v === 'string' && TIMESTAMP.test(v) && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v))
      ? null
      : '须为 RFC 3339 时间，如 2026-11-02T01:00:00.000Z (RFC 3339 timestamp)',
  );

/** YYYY-MM */
export const EventMonth = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventMonth', { type: String, example: '2026-10' }, options, (v) =>
    typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? null : '月份须为 YYYY-MM (month)',
  );

/** A 6-digit Hunan region code (43XXXX). */
export const EventRegionCode = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventRegionCode', { type: String, example: '430223' }, options, (v) =>
    typeof v === 'string' && /^43\d{4}$/.test(v)
      ? null
      : '区划代码须为 6 位湖南省代码 43XXXX (6-digit Hunan region code)',
  );

/** An 18-digit permit number as @hn/numbering parses it (region, date, serial, category), else the reason. */
export function eventPermitNumberReason(v: unknown): string | null {
  if (typeof v !== 'string') return requiredReason(v) ?? '施工许可证编号须为 18 位数字字符串 (18-digit string)';
  const parsed = parsePermitNumber(v, NO_FUTURE_CHECK);
  return parsed.ok ? null : `${parsed.reason}: ${parsed.message}`;
}

export const EventPermitNumber = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventPermitNumber', { type: String, example: '430223202406200101' }, options, eventPermitNumberReason);

/** A presale number: permit number, Y or Z, serial (430223202406200101-Y01). */
export const EventPresaleNumber = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventPresaleNumber', { type: String, example: '430223202406200101-Y01' }, options, (v) =>
    typeof v === 'string' && parsePresaleNumber(v) !== null
      ? null
      : '预售许可证编号须为 18 位施工许可证编号-Y/Z 序号 (presale number)',
  );

/** A contract number: presale number and serial. */
export const EventContractNumber = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventContractNumber', { type: String, example: '430223202406200101-Y01-B0001' }, options, (v) =>
    typeof v === 'string' && parseContractNumber(v) !== null ? null : '合同备案编号无效 (contract number)',
  );

/** An integer, at least `minimum` when given. */
export const EventInteger = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventInteger', { type: Number }, options, (v) => {
    if (!Number.isSafeInteger(v)) return '须为整数 (an integer)';
    return options.minimum !== undefined && (v as number) < options.minimum
      ? `不能小于 ${options.minimum} (at least ${options.minimum})`
      : null;
  });

/** A finite number. */
export const EventNumber = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventNumber', { type: Number }, options, (v) =>
    typeof v === 'number' && Number.isFinite(v) ? null : '须为数字 (a number)',
  );

export const EventBoolean = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventBoolean', { type: Boolean }, options, (v) =>
    typeof v === 'boolean' ? null : '须为 true 或 false (a boolean)',
  );

/** One of the given values. */
export const EventOneOf = (values: readonly unknown[], options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventOneOf', { enum: [...values] }, options, (v) =>
    values.includes(v) ? null : `须为 ${values.map(String).join('、')} 之一 (one of ${values.map(String).join(', ')})`,
  );

/** A string matching `pattern`, else `reason`. */
export const EventPattern = (pattern: RegExp, reason: string, options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventPattern', { type: String, pattern: pattern.source }, options, (v) =>
    typeof v === 'string' && pattern.test(v) ? null : reason,
  );

/** 64 hex digits (a SHA-256). */
export const EventSha256 = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventSha256', { type: String }, options, (v) =>
    typeof v === 'string' && /^[0-9a-fA-F]{64}$/.test(v) ? null : '须为 64 位十六进制 SHA-256 (64 hex digits)',
  );

/** A JSON object the consumers do not look into (facts, the record before a correction). */
export const EventJsonObject = (options: EventFieldOptions = {}): PropertyDecorator =>
  eventField('eventJsonObject', { type: Object }, options, (v) => (isObject(v) ? null : EVENT_REASONS.object));

/** An array of strings, each element checked by `item` (default: a string), reported under its index. */
export function EventTextList(
  options: EventFieldOptions = {},
  item: (value: unknown) => string | null = (v) => (typeof v === 'string' ? null : EVENT_REASONS.string),
): PropertyDecorator {
  return applyDecorators(
    eventField('eventList', { type: [String] }, options, (v) => (Array.isArray(v) ? null : EVENT_REASONS.array)),
    EachItem('eventListItem', (v) => item(v)),
  );
}

/** A nested object validated by its own class (unknown fields refused there too). */
/**
 * @nestjs/swagger resolves a type thunk only when the function is named `type` (isLazyTypeFunc); an
 * arrow passed as an argument has no name, and the schema became `$ref: '#/components/schemas/'`.
 */
const lazyType = (thunk: () => unknown): (() => unknown) => ({ type: () => thunk() }).type;

export function EventNested(type: () => new () => object, options: EventFieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...(options.nullable ? [ValidateIf((o: Record<string | symbol, unknown>, v: unknown) => v !== null)] : []),
    eventField('eventObject', { type: lazyType(type) }, options, (v) => (isObject(v) ? null : EVENT_REASONS.object)),
    ValidateNested({ message: EVENT_REASONS.object }),
    Type(type),
  );
}

/** An array of objects, each validated by its class and reported under its index. */
export function EventNestedList(type: () => new () => object, options: EventFieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    eventField('eventList', { type: lazyType(() => [type()]) }, options, (v) =>
      Array.isArray(v) ? null : EVENT_REASONS.array,
    ),
    ValidateNested({ message: '元素须为对象 (each element must be an object)' }),
    Type(type),
  );
}

/**
 * An array of objects of several kinds told apart by a `kind` field (a buyer's `type`): each
 * element becomes an instance of its kind's class and is validated by it; an element of no known
 * kind keeps only that field, so it is refused for it alone.
 */
export function EventNestedListByKind(
  kindField: string,
  kinds: Record<string, new () => object>,
  options: EventFieldOptions = {},
  unknownKind: new () => object,
): PropertyDecorator {
  const toInstance = (item: unknown): unknown => {
    if (!isObject(item)) return item;
    const kind = (item as Record<string, unknown>)[kindField];
    const type =
      typeof kind === 'string' && Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : undefined;
    if (!type) return Object.assign(new unknownKind(), { [kindField]: kind });
    return Object.assign(new type(), item);
  };
  return applyDecorators(
    eventField('eventList', { type: [Object] }, options, (v) => (Array.isArray(v) ? null : EVENT_REASONS.array)),
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) =>
      Array.isArray(obj[key]) ? (obj[key] as unknown[]).map(toInstance) : obj[key],
    ),
    ValidateNested({ message: '元素须为对象 (each element must be an object)' }),
  );
}

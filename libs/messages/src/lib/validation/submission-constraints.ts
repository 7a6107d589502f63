import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { chinaToday, isIsoDate, isValidCreditCode } from '@hn/numbering';
import { IsPlainText, textCharacterProblem } from '../plain-text';
import type { FieldError } from '../problem';
import type { ExpandingConstraintContext } from './flatten-validation-errors';
import { permitNumberProblem } from './number-constraints';

/**
 * Reusable payload constraints of the message classes (written once; the gateway applies them to
 * HTTP bodies, the services to RPC payloads through validateMessage).
 */

export const REQUIRED_MESSAGE = { message: '必填 (required)' };

/** Trims strings (other values pass unchanged so the type check still names them). */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims every string element of an array. */
export const TrimEach = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value,
  );

/**
 * Checks every element of an array and reports each failing one under its own path
 * (`constructionPermitNumbers[1]`), via the expanding context understood by flattenValidationErrors.
 * `check` returns null when the element is fine, else the reason. Non-arrays pass (IsArray reports them).
 */
export function EachItem(
  name: string,
  check: (item: unknown, index: number, all: unknown[]) => string | null,
  options?: ValidationOptions,
): PropertyDecorator {
  const failures = (value: unknown): Array<{ index: number; reason: string }> => {
    if (!Array.isArray(value)) return [];
    const out: Array<{ index: number; reason: string }> = [];
    value.forEach((item, index) => {
      const reason = check(item, index, value);
      if (reason !== null) out.push({ index, reason });
    });
    return out;
  };
  const context: ExpandingConstraintContext = {
    expand: (value: unknown, path: string): FieldError[] =>
      failures(value).map((f) => ({ field: `${path}[${f.index}]`, reason: f.reason })),
  };
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown): boolean => failures(value).length === 0,
        defaultMessage: (args): string =>
          failures(args?.value)
            .map((f) => `[${f.index}] ${f.reason}`)
            .join('; '),
      },
    },
    { ...options, context },
  );
}

/** 18-digit construction permit number (region, date, serial, category) and no duplicate in the list. */
export function permitNumberItemReason(item: unknown, index: number, all: unknown[]): string | null {
  if (typeof item !== 'string') return '施工许可证编号须为字符串 (must be a string of 18 digits)';
  const problem = permitNumberProblem(item);
  if (problem) return problem;
  if (all.indexOf(item) !== index) return `重复的施工许可证编号 ${item} (duplicate permit number)`;
  return null;
}

export const UNIT_CODE = /^[A-Za-z0-9-]{1,64}$/;

export function unitCodeItemReason(item: unknown, index: number, all: unknown[]): string | null {
  if (typeof item !== 'string' || item.length === 0) return '单体编码必填 (unit code required)';
  if (!UNIT_CODE.test(item)) return '单体编码须为 1–64 位字母、数字或连字符 (unit code: 1–64 letters, digits or "-")';
  if (all.indexOf(item) !== index) return `重复的单体编码 ${item} (duplicate unit code)`;
  return null;
}

export function buildingItemReason(item: unknown): string | null {
  if (typeof item !== 'string' || item.length === 0) return '楼栋名称必填 (building name required)';
  if (item.length > 50) return '楼栋名称最长 50 字 (at most 50 characters)';
  return textCharacterProblem(item);
}

/** YYYY-MM-DD, a real calendar date, not after today (UTC+8). */
export function IsPastIsoDate(options?: ValidationOptions): PropertyDecorator {
  const reason = (value: unknown): string | null => {
    if (typeof value !== 'string' || !isIsoDate(value))
      return '须为 YYYY-MM-DD 格式的真实日期 (must be a real YYYY-MM-DD date)';
    const today = chinaToday();
    if (value > today) return `不能晚于今天 ${today} (must not be in the future)`;
    return null;
  };
  return ValidateBy(
    {
      name: 'isPastIsoDate',
      validator: {
        validate: (value: unknown): boolean => reason(value) === null,
        defaultMessage: (args): string => reason(args?.value) ?? '日期无效 (invalid date)',
      },
    },
    options,
  );
}

/** 统一社会信用代码 with a valid GB 32100 check character. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCreditCode',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isValidCreditCode(value),
        defaultMessage: (): string =>
          '统一社会信用代码无效：须为 18 位且校验位正确（GB 32100）(invalid unified social credit code)',
      },
    },
    options,
  );
}

/** A required, trimmed, non-empty plain-text string of at most `max` characters. */
export function RequiredText(max: number): PropertyDecorator {
  return applyDecorators(
    Trim(),
    IsDefined(REQUIRED_MESSAGE),
    IsString({ message: '须为字符串 (must be a string)' }),
    IsNotEmpty({ message: '不能为空 (must not be empty)' }),
    MaxLength(max, { message: `最长 ${max} 字 (at most ${max} characters)` }),
    IsPlainText(),
  );
}

/** A required nested object validated by its own class. */
export function RequiredObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsDefined(REQUIRED_MESSAGE),
    IsObject({ message: '须为对象 (must be an object)' }),
    ValidateNested(),
    Type(type),
  );
}

import { ValidateBy, ValidationOptions } from 'class-validator';
import { chinaToday, isValidResidentId } from '@hn/numbering';

/**
 * Constraints on a named person's identity (account applications, 附件2), written once: the
 * 18-character 居民身份证号码 of GB 11643 and an 11-digit mainland mobile number.
 */

/** 11-digit mainland mobile number (1[3-9]…); the login of the 动态监管平台 relies on it. */
export const MAINLAND_MOBILE = /^1[3-9][0-9]{9}$/;

/** Null when `value` is a valid 18-character resident ID (check digit, real birth date not after today). */
export function residentIdReason(value: unknown, today = chinaToday()): string | null {
  if (typeof value !== 'string' || value.length === 0) return '身份证号必填 (resident ID number required)';
  return isValidResidentId(value, { today })
    ? null
    : '身份证号无效：须为 18 位、出生日期真实且校验位正确（GB 11643）(invalid resident ID number: length, birth date or check digit)';
}

export function mobileReason(value: unknown): string | null {
  return typeof value === 'string' && MAINLAND_MOBILE.test(value)
    ? null
    : '手机号须为 11 位大陆手机号码 (must be an 11-digit mainland mobile number)';
}

/** 居民身份证号码, GB 11643 (upper-case X as check character; apply a Trim/upper-case transform first). */
export function IsResidentIdNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isResidentIdNumber',
      validator: {
        validate: (value: unknown): boolean => residentIdReason(value) === null,
        defaultMessage: (args): string => residentIdReason(args?.value) ?? '身份证号无效 (invalid resident ID number)',
      },
    },
    options,
  );
}

export function IsMainlandMobile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMainlandMobile',
      validator: {
        validate: (value: unknown): boolean => mobileReason(value) === null,
        defaultMessage: (args): string => mobileReason(args?.value) ?? '手机号无效 (invalid mobile number)',
      },
    },
    options,
  );
}

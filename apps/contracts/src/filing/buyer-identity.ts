import { BuyerIdTypeV1 } from '@hn/contracts';
import { isValidResidentId } from '@hn/numbering';

/** ID numbers are compared and stored trimmed and upper-cased (a lower-case x check digit is accepted). */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Format rules of the non-GB 11643 documents (after normalisation). */
const FORMATS: Record<Exclude<BuyerIdTypeV1, 'RESIDENT_ID'>, { pattern: RegExp; reason: string }> = {
  // ICAO 9303 document numbers: up to 9 characters, some states use longer ones.
  PASSPORT: { pattern: /^[A-Z0-9]{5,17}$/, reason: '护照号码须为 5–17 位字母或数字 (passport number: 5–17 letters/digits)' },
  // 港澳居民来往内地通行证: H/M + 8 digits (older cards: + 10 digits).
  HK_MACAO_PERMIT: { pattern: /^[HM][0-9]{8}(?:[0-9]{2})?$/, reason: '港澳居民来往内地通行证号码须为 H/M 加 8 或 10 位数字 (H/M + 8 or 10 digits)' },
  // 台湾居民来往大陆通行证: 8 digits (since 2015); older cards 10 digits with an optional letter.
  TAIWAN_PERMIT: { pattern: /^(?:[0-9]{8}|[0-9]{10}(?:\([A-Z]\)|[A-Z])?)$/, reason: '台湾居民来往大陆通行证号码须为 8 位数字（旧证 10 位数字加可选字母）(8 digits, or 10 digits + optional letter)' },
  OTHER: { pattern: /^[A-Z0-9()-]{4,40}$/, reason: '证件号码须为 4–40 位字母、数字、括号或连字符 (4–40 letters/digits)' },
};

/**
 * Why an ID number is not acceptable for its type, or null when it is. The reason never contains
 * the number itself (error details end up in logs and responses).
 */
export function idNumberProblem(idType: BuyerIdTypeV1, idNumber: string, today: string): string | null {
  const id = normalizeIdNumber(idNumber);
  if (idType === 'RESIDENT_ID') {
    return isValidResidentId(id, { today }) ? null : '居民身份证号码无效（GB 11643：18 位、出生日期、校验位）(invalid resident ID number)';
  }
  const format = FORMATS[idType];
  return format.pattern.test(id) ? null : format.reason;
}

/** Mainland mobile (11 digits), landline with area code, or E.164 international number. */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(phone) || /^0[0-9]{2,3}-?[0-9]{7,8}$/.test(phone) || /^\+[1-9][0-9]{6,14}$/.test(phone);
}

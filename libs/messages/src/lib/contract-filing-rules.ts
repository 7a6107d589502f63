import { BUYER_ID_TYPES, BuyerIdTypeV1, PAYMENT_METHODS } from './contract-filings';
import { isCleanText, textCharacterProblem } from './plain-text';
import { FieldError } from './problem';
import { CUTOVER_DEFAULTS, isIsoDate, isValidCreditCode, isValidResidentId } from '@hn/numbering';
import { PRESALE_NUMBER_FORMAT, presaleNumberProblem } from './validation/presale-number-constraints';

/**
 * The rules of a contract filing (网签合同备案取号) that need only the payload, written once: the
 * message class ContractFilingSubmission applies them field by field, at the gateway and again in
 * the contracts service. One reason per field; no reason ever contains an ID or phone number.
 */

/** Upper bound of a contract amount: 100 亿元 in fen. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;
export const MAX_ROOMS = 200;
export const MAX_BUYERS = 20;
/** 注销原因 of a contract filing cancellation: 1–500 characters. */
export const CANCEL_REASON_MAX = 500;
/** The cut-over of unified contract filing numbers (CONTRACT_CUTOVER_DATE, shared with the contracts service). */
export const DEFAULT_CONTRACT_CUTOVER_DATE = CUTOVER_DEFAULTS.contractFiling;

export const REQUIRED = '必填 (required)';

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hasControlChar = (v: string): boolean => !isCleanText(v);

/** A required, non-blank string of at most `max` characters (after trimming). */
export function textReason(value: unknown, max: number): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (typeof value !== 'string') return '须为字符串 (must be a string)';
  if (value.trim().length === 0) return '不能为空 (must not be empty)';
  if (value.length > max) return `最长 ${max} 字 (at most ${max} characters)`;
  return textCharacterProblem(value);
}

/** `<18-digit construction permit>-<Y|Z><NN>` with a well-formed permit number. */
export function presaleNumberReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return presaleNumberProblem(value, `预售许可证编号${PRESALE_NUMBER_FORMAT}`);
}

export function floorReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (!Number.isInteger(value) || value === 0 || (value as number) < -20 || (value as number) > 300)
    return '楼层须为 -20..300 之间的非零整数（地下为负）(non-zero integer, -20..300)';
  return null;
}

export function floorAreaReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (
    typeof value !== 'number' ||
    !(value > 0) ||
    value > 100_000 ||
    Math.abs(Math.round(value * 100) - value * 100) > 1e-6
  ) {
    return '建筑面积须为正数，最多两位小数，单位 m² (positive, at most 2 decimals)';
  }
  return null;
}

export const isFen = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_AMOUNT_FEN;

export function contractAmountReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (!isFen(value) || value === 0) return '合同总价须为正整数，单位为分 (positive integer in fen)';
  return null;
}

export function fenReason(value: unknown, optional: boolean): string | null {
  if (value === undefined || value === null) return optional ? null : REQUIRED;
  return isFen(value) ? null : '金额须为非负整数，单位为分 (non-negative integer in fen)';
}

export function paymentMethodReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return (PAYMENT_METHODS as readonly unknown[]).includes(value)
    ? null
    : `付款方式须为 ${PAYMENT_METHODS.join(' / ')} 之一 (payment method)`;
}

/** The loan of one kind must be present exactly when the method uses it (absent = 0). */
export function loanReason(
  kind: 'commercialLoan' | 'providentFundLoan',
  value: unknown,
  method: unknown,
): string | null {
  const format = fenReason(value, true);
  if (format) return format;
  if (!(PAYMENT_METHODS as readonly unknown[]).includes(method)) return null;
  const amount = (value as number | null | undefined) ?? 0;
  const needed =
    kind === 'commercialLoan'
      ? method === 'COMMERCIAL_LOAN' || method === 'COMBINED'
      : method === 'PROVIDENT_FUND_LOAN' || method === 'COMBINED';
  const label = kind === 'commercialLoan' ? '商业贷款' : '公积金贷款';
  if (needed && amount === 0) return `付款方式 ${String(method)} 须有${label}金额 (required for ${String(method)})`;
  if (!needed && amount !== 0)
    return `付款方式 ${String(method)} 不应有${label} (must be 0 or absent for ${String(method)})`;
  return null;
}

/** 首付款 + 商业贷款 + 公积金贷款 = 合同总价, checked only when every part is well-formed. */
export function paymentTotalReason(payment: unknown, contractAmount: unknown): string | null {
  if (payment === undefined || payment === null) return REQUIRED;
  if (!isPlainObject(payment)) return '须为对象 (must be an object)';
  const parts = [payment['downPayment'], payment['commercialLoan'] ?? 0, payment['providentFundLoan'] ?? 0];
  if (!parts.every(isFen) || !isFen(contractAmount) || contractAmount === 0) return null;
  const sum = (parts as number[]).reduce((a, b) => a + b, 0);
  return sum === contractAmount
    ? null
    : `首付款与贷款之和 ${sum} 分不等于合同总价 ${contractAmount} 分 (downPayment + loans must add up to contractAmount)`;
}

/** China Standard Time today and the cut-over; YYYY-MM-DD, not before the cut-over, not after today. */
export function filingDateReason(value: unknown, rules: { today: string; cutoverDate: string }): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (typeof value !== 'string' || !isIsoDate(value))
    return '备案日期须为 YYYY-MM-DD 格式的真实日期 (must be a real YYYY-MM-DD date)';
  if (value < rules.cutoverDate)
    return `备案日期早于切换日期 ${rules.cutoverDate}，此前的合同按统计数据报送 (before the cut-over ${rules.cutoverDate}: report it as statistics)`;
  if (value > rules.today) return `备案日期不能晚于今天 ${rules.today} (must not be in the future)`;
  return null;
}

export function sha256Reason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value)
    ? null
    : '须为 64 位十六进制 SHA-256 摘要 (64 hex digits)';
}

export function fileNameReason(value: unknown): string | null {
  const text = textReason(value, 255);
  if (text) return text;
  return /[\\/]/.test(value as string) || hasControlChar(value as string)
    ? '文件名不能含路径或控制字符 (a file name, no path)'
    : null;
}

export function buyerTypeReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return value === 'PERSON' || value === 'ORGANIZATION'
    ? null
    : '买受人类型须为 PERSON（自然人）或 ORGANIZATION（单位）(buyer type)';
}

export function idTypeReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return (BUYER_ID_TYPES as readonly unknown[]).includes(value)
    ? null
    : `证件类型须为 ${BUYER_ID_TYPES.join(' / ')} 之一 (ID type)`;
}

/** ID numbers are compared trimmed and upper-cased (a lower-case x check digit is accepted). */
export const normalizeIdNumber = (value: string): string => value.trim().toUpperCase();

const ID_FORMATS: Record<Exclude<BuyerIdTypeV1, 'RESIDENT_ID'>, { pattern: RegExp; reason: string }> = {
  PASSPORT: {
    pattern: /^[A-Z0-9]{5,17}$/,
    reason: '护照号码须为 5–17 位字母或数字 (passport number: 5–17 letters or digits)',
  },
  HK_MACAO_PERMIT: {
    pattern: /^[HM][0-9]{8}(?:[0-9]{2})?$/,
    reason: '港澳居民来往内地通行证号码须为 H/M 加 8 或 10 位数字 (H/M + 8 or 10 digits)',
  },
  TAIWAN_PERMIT: {
    pattern: /^(?:[0-9]{8}|[0-9]{10}(?:\([A-Z]\)|[A-Z])?)$/,
    reason:
      '台湾居民来往大陆通行证号码须为 8 位数字（旧证 10 位数字加可选字母）(8 digits, or 10 digits + optional letter)',
  },
  OTHER: {
    pattern: /^[A-Z0-9()-]{4,40}$/,
    reason: '证件号码须为 4–40 位字母、数字、括号或连字符 (4–40 letters, digits, brackets or "-")',
  },
};

/** GB 11643 for 居民身份证 (18 characters, birth date, check digit); format checks for the other documents. */
export function idNumberReason(value: unknown, idType: unknown, today: string): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (typeof value !== 'string' || value.trim() === '') return '证件号码须为非空字符串 (must be a non-empty string)';
  if (!(BUYER_ID_TYPES as readonly unknown[]).includes(idType)) return null; // idType reports it
  const id = normalizeIdNumber(value);
  if (idType === 'RESIDENT_ID') {
    return isValidResidentId(id, { today })
      ? null
      : '居民身份证号码无效（GB 11643：18 位、出生日期、校验位）(invalid resident ID number: length, birth date or check digit)';
  }
  const format = ID_FORMATS[idType as Exclude<BuyerIdTypeV1, 'RESIDENT_ID'>];
  return format.pattern.test(id) ? null : format.reason;
}

/** Mainland mobile (11 digits), landline with area code, or E.164 international number. */
export function phoneReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  const ok =
    typeof value === 'string' &&
    (/^1[3-9][0-9]{9}$/.test(value) || /^0[0-9]{2,3}-?[0-9]{7,8}$/.test(value) || /^\+[1-9][0-9]{6,14}$/.test(value));
  return ok ? null : '联系电话须为 11 位手机号、带区号的固话或 +国际号码 (mobile, landline with area code, or +E.164)';
}

export function creditCodeReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return typeof value === 'string' && isValidCreditCode(value)
    ? null
    : '统一社会信用代码无效：须为 18 位且校验位正确（GB 32100）(invalid unified social credit code)';
}

/** Array-level problems of rooms or buyers: required, an array, size bounds. */
export function listReason(value: unknown, label: { min: string; max: string }, max: number): string | null {
  if (value === undefined || value === null) return `${REQUIRED}：${label.min}`;
  if (!Array.isArray(value)) return '须为数组 (must be an array)';
  if (value.length === 0) return label.min;
  if (value.length > max) return label.max;
  return null;
}

/** Rooms: each an object, room numbers unique within the contract (reported on the later one). */
export function roomItemErrors(rooms: unknown, path: string): FieldError[] {
  if (!Array.isArray(rooms)) return [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  rooms.forEach((room, i) => {
    if (!isPlainObject(room))
      return void errors.push({ field: `${path}[${i}]`, reason: '房屋信息须为对象 (must be an object)' });
    const number = room['roomNumber'];
    if (typeof number !== 'string' || number.trim() === '') return;
    if (seen.has(number.trim()))
      errors.push({ field: `${path}[${i}].roomNumber`, reason: `房号 ${number.trim()} 重复 (duplicate room)` });
    seen.add(number.trim());
  });
  return errors;
}

/** Buyers: each an object, no person or organisation listed twice (never echoing the number). */
export function buyerItemErrors(buyers: unknown, path: string): FieldError[] {
  if (!Array.isArray(buyers)) return [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  buyers.forEach((buyer, i) => {
    if (!isPlainObject(buyer))
      return void errors.push({ field: `${path}[${i}]`, reason: '买受人信息须为对象 (must be an object)' });
    if (
      buyer['type'] === 'PERSON' &&
      typeof buyer['idType'] === 'string' &&
      typeof buyer['idNumber'] === 'string' &&
      buyer['idNumber'].trim() !== ''
    ) {
      const identity = `P:${buyer['idType']}:${normalizeIdNumber(buyer['idNumber'])}`;
      if (seen.has(identity))
        errors.push({ field: `${path}[${i}].idNumber`, reason: '同一买受人重复列出 (duplicate buyer)' });
      seen.add(identity);
    } else if (
      buyer['type'] === 'ORGANIZATION' &&
      typeof buyer['creditCode'] === 'string' &&
      buyer['creditCode'] !== ''
    ) {
      const identity = `O:${buyer['creditCode']}`;
      if (seen.has(identity))
        errors.push({ field: `${path}[${i}].creditCode`, reason: '同一买受单位重复列出 (duplicate buyer)' });
      seen.add(identity);
    }
  });
  return errors;
}

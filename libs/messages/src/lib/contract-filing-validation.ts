import { isPlainObject, MAX_BUYERS, MAX_ROOMS, REQUIRED } from './contract-filing-rules';
import { FieldError } from './problem';

export const ROOMS_LIST_LABEL = {
  min: '至少一个房号 (at least one room)',
  max: `一份合同最多 ${MAX_ROOMS} 个房号 (at most ${MAX_ROOMS} rooms)`,
};
export const BUYERS_LIST_LABEL = {
  min: '至少一个买受人 (at least one buyer)',
  max: `买受人最多 ${MAX_BUYERS} 个 (at most ${MAX_BUYERS} buyers)`,
};
export const BODY_NOT_AN_OBJECT: FieldError = {
  field: 'body',
  reason: '请求体须为 JSON 对象 (body must be a JSON object)',
};

/** A field of the other kind of buyer: reported when present, so nothing is silently dropped. */
export function notForBuyerType(value: unknown, type: unknown): string | null {
  return value === undefined || value === null
    ? null
    : `${type === 'PERSON' ? '自然人' : '单位'}买受人不应有该字段 (not a field of a ${String(type)} buyer)`;
}

export function objectReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return isPlainObject(value) ? null : '须为对象 (must be an object)';
}

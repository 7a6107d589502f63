import { FieldError, isPlainText, PermitUpsertV1, PROJECT_TYPES } from '@hn/messages';
import { isIsoDate, isValidCreditCode, parsePermitNumber } from '@hn/numbering';

const PROJECT_CODE = /^\d{4}-43\d{4}-\d{2}-\d{2}-\d{6}$/;
const DATE_FIELDS = ['startDate', 'plannedCompletionDate', 'fivePartyAcceptanceDate', 'completionFilingDate'] as const;

/**
 * Domain checks of an approval-system upsert, done again inside the permits service (the gateway
 * validated shapes already): the number's region and date must agree with the body, dates must be
 * real and ordered, the developer's 统一社会信用代码 must carry a valid check character.
 */
export function validatePermitUpsert(permitNumber: string, body: PermitUpsertV1, today?: string): FieldError[] {
  const errors: FieldError[] = [];
  const parsed = parsePermitNumber(String(permitNumber), today ? { today } : undefined);
  if (!parsed.ok) {
    errors.push({ field: 'permitNumber', reason: `${parsed.reason}: ${parsed.message}` });
  }
  if (typeof body !== 'object' || body === null)
    return [...errors, { field: 'body', reason: '请求体必须是对象 (body must be an object)' }];
  if (typeof body.projectCode !== 'string' || !PROJECT_CODE.test(body.projectCode)) {
    errors.push({
      field: 'projectCode',
      reason: '工改项目编码格式应为 YYYY-43XXXX-NN-NN-NNNNNN (project code format)',
    });
  }
  if (!isPlainText(body.projectName, 200)) {
    errors.push({ field: 'projectName', reason: '项目名称必填，最长 200 字 (required, ≤ 200 characters)' });
  }
  if (parsed.ok && body.regionCode !== parsed.value.regionCode) {
    errors.push({
      field: 'regionCode',
      reason: `区划须与证号前六位 ${parsed.value.regionCode} 一致 (must match the number's region)`,
    });
  }
  if (body.projectType !== null && body.projectType !== undefined && !PROJECT_TYPES.includes(body.projectType)) {
    errors.push({ field: 'projectType', reason: '项目类型须为 PRESALE、CURRENT_SALE、OTHER 或 null' });
  }
  if (!isPlainText(body.developerName, 200)) {
    errors.push({ field: 'developerName', reason: '建设单位名称必填 (required)' });
  }
  if (typeof body.developerCreditCode !== 'string' || !isValidCreditCode(body.developerCreditCode)) {
    errors.push({
      field: 'developerCreditCode',
      reason: '统一社会信用代码无效（GB 32100 校验位）(invalid credit code)',
    });
  }
  if (typeof body.issueDate !== 'string' || !isIsoDate(body.issueDate)) {
    errors.push({ field: 'issueDate', reason: '发证日期须为 YYYY-MM-DD 格式的真实日期 (ISO date)' });
  } else if (parsed.ok && body.issueDate !== parsed.value.issueDate) {
    errors.push({
      field: 'issueDate',
      reason: `发证日期须与证号中的日期 ${parsed.value.issueDate} 一致 (must match the number's date)`,
    });
  }
  for (const field of DATE_FIELDS) {
    const v = body[field];
    if (v !== null && v !== undefined && (typeof v !== 'string' || !isIsoDate(v))) {
      errors.push({ field, reason: '须为 YYYY-MM-DD 格式的真实日期或 null (ISO date or null)' });
    }
  }
  if (
    isIsoDate(body.startDate ?? '') &&
    isIsoDate(body.plannedCompletionDate ?? '') &&
    body.startDate! > body.plannedCompletionDate!
  ) {
    errors.push({ field: 'plannedCompletionDate', reason: '计划竣工日期不得早于开工日期 (before the start date)' });
  }
  if (!Array.isArray(body.units)) {
    errors.push({ field: 'units', reason: '单体列表必填（可为空数组）(units array required)' });
  } else {
    const seen = new Set<string>();
    body.units.forEach((u, i) => {
      const at = `units[${i}]`;
      if (typeof u?.unitCode !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(u.unitCode))
        errors.push({ field: `${at}.unitCode`, reason: '单体编码为 1–64 位字母数字或连字符 (unit code)' });
      else if (seen.has(u.unitCode))
        errors.push({ field: `${at}.unitCode`, reason: `单体编码重复 ${u.unitCode} (duplicate unit code)` });
      else seen.add(u.unitCode);
      if (!isPlainText(u?.name, 200))
        errors.push({ field: `${at}.name`, reason: '单体名称必填，不含控制字符 (required, plain text)' });
      if (!Number.isInteger(u?.floors) || u.floors < 1 || u.floors > 200)
        errors.push({ field: `${at}.floors`, reason: '层数须为 1–200 的整数 (integer 1..200)' });
      if (typeof u?.floorArea !== 'number' || !(u.floorArea > 0) || u.floorArea > 10_000_000)
        errors.push({ field: `${at}.floorArea`, reason: '建筑面积须为正数（m²）(positive number)' });
    });
  }
  return errors;
}

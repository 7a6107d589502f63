import { FieldError, isPlainText, UnpermittedPresaleSubmissionV1 } from '@hn/messages';
import { isIsoDate, isValidCreditCode, regionValidOn } from '@hn/numbering';

/** Required official-record text: the shared plain-text rule. */
const text = (v: unknown, max: number): boolean => isPlainText(v, max);

/**
 * Checks a 已办预售未办施工许可 registration (again in the service; the gateway checked the shapes):
 * every missing or invalid field at once. The region must be a Hunan GB/T 2260 code in force on the
 * presale permit's issue date.
 */
export function validateUnpermittedSubmission(s: UnpermittedPresaleSubmissionV1, today: string): FieldError[] {
  if (typeof s !== 'object' || s === null || Array.isArray(s))
    return [{ field: 'data', reason: '须为 JSON 对象 (must be an object)' }];
  const errors: FieldError[] = [];
  const add = (field: string, reason: string): void => void errors.push({ field, reason });
  if (!text(s.projectName, 200)) add('projectName', '项目名称必填，最长 200 字 (required, at most 200 characters)');
  const dateOk = typeof s.issueDate === 'string' && isIsoDate(s.issueDate);
  if (!dateOk) add('issueDate', '发证日期须为 YYYY-MM-DD 格式的真实日期 (ISO date)');
  else if (s.issueDate > today) add('issueDate', '发证日期不能晚于今天 (not in the future)');
  if (typeof s.regionCode !== 'string' || !/^43\d{4}$/.test(s.regionCode))
    add('regionCode', '须为湖南省 6 位区划代码 (6-digit Hunan region code)');
  else if (dateOk && !regionValidOn(s.regionCode, s.issueDate))
    add('regionCode', `区划 ${s.regionCode} 在发证日期 ${s.issueDate} 未生效或已撤销 (not in force on the issue date)`);
  if (typeof s.developer !== 'object' || s.developer === null) add('developer', '开发企业必填 (required)');
  else {
    if (!text(s.developer.name, 200)) add('developer.name', '开发企业名称必填 (required)');
    if (typeof s.developer.creditCode !== 'string' || !isValidCreditCode(s.developer.creditCode))
      add('developer.creditCode', '统一社会信用代码无效（GB 32100 校验位）(invalid credit code)');
  }
  if (!text(s.localCertificateNumber, 100))
    add('localCertificateNumber', '预售许可证号必填，最长 100 字 (required, at most 100 characters)');
  if (s.address !== undefined && s.address !== null && !text(s.address, 300))
    add('address', '坐落地址最长 300 字 (at most 300 characters)');
  return errors;
}

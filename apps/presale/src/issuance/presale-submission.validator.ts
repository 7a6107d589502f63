import { FieldError, HUNAN_BOUNDS, isPlainText, PresaleSubmissionV1 } from '@hn/contracts';
import { isIsoDate, isValidCreditCode, parsePermitNumber } from '@hn/numbering';

/** Required official-record text: the shared plain-text rule (not blank, ≤ max, no NUL/control character/lone surrogate). */
const text = (v: unknown, max: number): boolean => isPlainText(v, max);

/**
 * Completeness check of a presale submission, done again in the service (the gateway checked the
 * shapes): every missing or invalid field is reported at once.
 */
export function validatePresaleSubmission(s: PresaleSubmissionV1, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, reason: string): void => void errors.push({ field, reason });
  if (typeof s !== 'object' || s === null) return [{ field: 'body', reason: '请求体必须是对象 (body must be an object)' }];

  if (!Array.isArray(s.constructionPermitNumbers) || s.constructionPermitNumbers.length === 0) {
    add('constructionPermitNumbers', '至少一个施工许可证编号 (at least one permit number)');
  } else {
    const seen = new Set<string>();
    s.constructionPermitNumbers.forEach((n, i) => {
      const parsed = parsePermitNumber(String(n), { today });
      if (!parsed.ok) add(`constructionPermitNumbers[${i}]`, `${parsed.reason}: ${parsed.message}`);
      else if (seen.has(n)) add(`constructionPermitNumbers[${i}]`, `重复的施工许可证编号 ${n} (duplicate)`);
      seen.add(String(n));
    });
  }
  if (!Array.isArray(s.unitCodes) || s.unitCodes.length === 0) add('unitCodes', '至少一个单体编码 (at least one unit code)');
  else s.unitCodes.forEach((u, i) => { if (!text(u, 64)) add(`unitCodes[${i}]`, '单体编码必填 (required)'); });
  if (!text(s.localCertificateNumber, 100)) add('localCertificateNumber', '本地预售许可证号必填 (required)');
  if (!text(s.issuingAuthority, 100)) add('issuingAuthority', '发证机关必填 (required)');
  if (typeof s.issueDate !== 'string' || !isIsoDate(s.issueDate)) add('issueDate', '发证日期须为 YYYY-MM-DD 格式的真实日期 (ISO date)');
  else if (s.issueDate > today) add('issueDate', '发证日期不能晚于今天 (not in the future)');
  if (typeof s.developer !== 'object' || s.developer === null) add('developer', '开发企业必填 (required)');
  else {
    if (!text(s.developer.name, 200)) add('developer.name', '开发企业名称必填 (required)');
    if (typeof s.developer.creditCode !== 'string' || !isValidCreditCode(s.developer.creditCode)) add('developer.creditCode', '统一社会信用代码无效（GB 32100 校验位）(invalid credit code)');
  }
  if (!text(s.projectName, 200)) add('projectName', '项目名称必填 (required)');
  if (!text(s.address, 300)) add('address', '坐落地址必填 (required)');
  if (!Array.isArray(s.buildings) || s.buildings.length === 0) add('buildings', '至少一栋楼 (at least one building)');
  else s.buildings.forEach((b, i) => { if (!text(b, 50)) add(`buildings[${i}]`, '楼栋名称必填 (required)'); });
  if (typeof s.presaleArea !== 'number' || !(s.presaleArea > 0) || s.presaleArea > 10_000_000 || Math.round(s.presaleArea * 100) !== s.presaleArea * 100) {
    add('presaleArea', '预售面积须为正数，最多两位小数（m²）(positive, ≤ 2 decimals)');
  }
  if (!Number.isInteger(s.unitCount) || s.unitCount < 1 || s.unitCount > 100_000) add('unitCount', '预售套数须为正整数 (positive integer)');
  if (!text(s.plannedUse, 50)) add('plannedUse', '规划用途必填 (required)');
  if (s.fundSupervision !== undefined && s.fundSupervision !== null) {
    if (!text(s.fundSupervision.bank, 100)) add('fundSupervision.bank', '填写资金监管时，监管银行必填 (required with fundSupervision)');
    if (typeof s.fundSupervision.account !== 'string' || !/^[0-9-]{6,40}$/.test(s.fundSupervision.account)) add('fundSupervision.account', '填写资金监管时，监管账号必填，6–40 位数字 (required with fundSupervision)');
  }
  if (typeof s.location !== 'object' || s.location === null) add('location', '落图选点必填 (required)');
  else {
    const { lat, lng } = s.location;
    if (typeof lat !== 'number' || lat < HUNAN_BOUNDS.minLat || lat > HUNAN_BOUNDS.maxLat) add('location.lat', `纬度须在湖南范围内 ${HUNAN_BOUNDS.minLat}–${HUNAN_BOUNDS.maxLat} (WGS-84)`);
    if (typeof lng !== 'number' || lng < HUNAN_BOUNDS.minLng || lng > HUNAN_BOUNDS.maxLng) add('location.lng', `经度须在湖南范围内 ${HUNAN_BOUNDS.minLng}–${HUNAN_BOUNDS.maxLng} (WGS-84)`);
  }
  return errors;
}

import { BOUNDS, parseCoordinate } from '../widgets/hunan-map.js';

export interface FieldError {
  field: string;
  reason: string;
}

/** The body of 补录 as the gateway takes it (PresaleSubmission, docs/stock-projects.md §2.2). */
export interface BackfillSubmission {
  constructionPermitNumbers: string[];
  unitCodes: string[];
  localCertificateNumber: string;
  issuingAuthority: string;
  issueDate: string;
  developer: { name: string; creditCode: string };
  projectName: string;
  address: string;
  buildings: string[];
  presaleArea: number;
  unitCount: number;
  plannedUse: string;
  fundSupervision: { bank: string; account: string } | null;
  location: { lat: number; lng: number };
}

const REQUIRED = '必填 (required)';

/**
 * The form as the submission, with what can be told before sending (empty fields, numbers that are
 * not numbers, a point outside the map's bounds): a courtesy so a 20 MB scan is not uploaded for a
 * missing field. Every rule is the server's; its 422 lists the rest beside the same fields.
 */
export function collectSubmission(
  form: HTMLFormElement,
  permitNumbers: string[],
): { submission: BackfillSubmission; errors: FieldError[] } {
  const data = new FormData(form);
  const errors: FieldError[] = [];
  const str = (name: string, required = true): string => {
    const v = String(data.get(name) ?? '').trim();
    if (required && !v) errors.push({ field: name, reason: REQUIRED });
    return v;
  };
  const num = (name: string, pattern: RegExp, reason: string): number => {
    const v = str(name);
    if (v && !pattern.test(v)) errors.push({ field: name, reason });
    return Number(v);
  };
  const coordinate = (name: string, min: number, max: number, what: string): number => {
    const v = str(name);
    const n = parseCoordinate(v, min, max);
    if (v && n === null) errors.push({ field: name, reason: `${what}须为 ${min}–${max} 之间的数字（湖南省范围）` });
    return n ?? Number.NaN;
  };
  const unitCodes = data.getAll('unitCodes').map(String);
  if (!unitCodes.length) errors.push({ field: 'unitCodes', reason: '至少勾选一个单体 (at least one unit)' });
  const bank = str('fundSupervision.bank', false);
  const account = str('fundSupervision.account', false);
  if (bank && !account) errors.push({ field: 'fundSupervision.account', reason: '填写监管银行时账号必填 (required)' });
  if (account && !bank) errors.push({ field: 'fundSupervision.bank', reason: '填写监管账号时银行必填 (required)' });
  const submission: BackfillSubmission = {
    constructionPermitNumbers: permitNumbers,
    unitCodes,
    localCertificateNumber: str('localCertificateNumber'),
    issuingAuthority: str('issuingAuthority'),
    issueDate: str('issueDate'),
    developer: { name: str('developer.name'), creditCode: str('developer.creditCode').toUpperCase() },
    projectName: str('projectName'),
    address: str('address'),
    buildings: str('buildings')
      .split(/[、,，;；\s]+/)
      .map((b) => b.trim())
      .filter(Boolean),
    presaleArea: num('presaleArea', /^\d+(\.\d{1,2})?$/, '须为正数，最多两位小数 (at most 2 decimals)'),
    unitCount: num('unitCount', /^\d+$/, '须为整数 (an integer)'),
    plannedUse: str('plannedUse'),
    fundSupervision: bank || account ? { bank, account } : null,
    location: {
      lat: coordinate('location.lat', BOUNDS.minLat, BOUNDS.maxLat, '纬度'),
      lng: coordinate('location.lng', BOUNDS.minLng, BOUNDS.maxLng, '经度'),
    },
  };
  return { submission, errors };
}

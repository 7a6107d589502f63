import { creditCodeCheckChar } from '@hn/numbering';

/** A valid 统一社会信用代码 built from a 17-character body (check character computed). */
export function creditCode(body17 = '91430223MA4Q0ABC1'): string {
  const check = creditCodeCheckChar(body17);
  if (!check) throw new Error(`no check character for ${body17}`);
  return body17 + check;
}

export function permitBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projectCode: '2024-430223-70-03-012345',
    projectName: '锦绣星城三期（22#栋）',
    regionCode: '430223',
    projectType: 'PRESALE',
    developerName: '攸县锦绣置业有限公司',
    developerCreditCode: creditCode(),
    issueDate: '2024-06-20',
    startDate: '2024-07-01',
    plannedCompletionDate: '2026-12-31',
    fivePartyAcceptanceDate: null,
    completionFilingDate: null,
    units: [{ unitCode: '2024-430223-70-03-012345-DT022', name: '22#栋', floors: 33, floorArea: 12345.67 }],
    ...overrides,
  };
}

/** A complete 取号 body: the work-plan example (湘建数函〔2024〕86号) unless overridden. */
export function presaleSubmission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    constructionPermitNumbers: ['430223202406200101'],
    unitCodes: ['2024-430223-70-03-012345-DT022'],
    localCertificateNumber: '攸住建预字〔2024〕第015号',
    issuingAuthority: '攸县住房和城乡建设局',
    issueDate: '2024-08-15',
    developer: { name: '攸县锦绣置业有限公司', creditCode: creditCode() },
    projectName: '锦绣星城三期（22#栋）',
    address: '攸县联星街道锦绣大道 88 号',
    buildings: ['22#'],
    presaleArea: 12345.67,
    unitCount: 120,
    plannedUse: '住宅',
    fundSupervision: { bank: '中国建设银行攸县支行', account: '43050162123400000123' },
    location: { lat: 27.0, lng: 113.3 },
    ...overrides,
  };
}

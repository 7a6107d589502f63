import { creditCodeCheckChar, residentIdCheckDigit } from '@hn/numbering';

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

/**
 * 工改 pushes a construction permit (PUT …/approval/construction-permits/{n}) with an integrator's
 * token: region and issue date from the number, not typed unless `over` says so.
 */
export async function putPermit(
  gatewayUrl: string,
  token: string,
  number: string,
  over: Record<string, unknown>,
): Promise<void> {
  const res = await fetch(`${gatewayUrl}/api/v1/approval/construction-permits/${number}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(
      permitBody({
        regionCode: number.slice(0, 6),
        issueDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
        projectType: null,
        ...over,
      }),
    ),
  });
  if (![200, 201].includes(res.status)) throw new Error(`PUT ${number}: ${res.status} ${await res.text()}`);
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

/** A GB 11643-valid 居民身份证 number built from its first 17 digits (check digit computed). */
export function residentId(first17 = '43022319900101123'): string {
  return first17 + residentIdCheckDigit(first17);
}

/** A complete 网签合同备案 body (the example of issue 5: 攸县 锦绣星城三期 22#栋) unless overridden. */
export function contractFiling(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    presaleNumber: '430223202406200101-Y01',
    building: '22#',
    rooms: [{ roomNumber: '1-101', floor: 1, floorArea: 89.5 }],
    address: '攸县联星街道锦绣大道 88 号锦绣星城三期 22#栋 1-101',
    buyers: [
      { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: residentId(), phone: '13812345678' },
      { type: 'ORGANIZATION', name: '攸县星城投资有限公司', creditCode: creditCode('91430223MA4R0DEF2') },
    ],
    contractAmount: 123_456_700,
    payment: { method: 'COMBINED', downPayment: 43_456_700, commercialLoan: 50_000_000, providentFundLoan: 30_000_000 },
    filingDate: '2024-09-02',
    document: {
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      fileName: '商品房买卖合同（预售）.pdf',
    },
    ...overrides,
  };
}

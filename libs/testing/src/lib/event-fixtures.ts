import type {
  AcceptanceBackfillV1,
  ContractFilingV1,
  EscrowRecordV1,
  PresalePermitV1,
  RecordCorrectedV1,
  ReconciliationDifferenceV1,
  StoredScanV1,
  UnpermittedPresaleProjectV1,
} from '@hn/messages';

/**
 * Event payload parts exactly as the producing services build them (every field, no extra), for
 * specs that publish events by hand: the consumers validate each payload with its message class
 * and skip an incomplete one, so a partial fixture would only test the skip.
 * event-fixtures.spec.ts proves each passes its class.
 */

export const storedScanFixture = (over: Partial<StoredScanV1> = {}): StoredScanV1 => ({
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  contentType: 'application/pdf',
  size: 1024,
  fileName: '扫描件.pdf',
  uploadedAt: '2026-11-02T01:00:00.000Z',
  ...over,
});

/** A presale permit (hn.presale.permit.* `permit` / `after`); letter, serial, region and permit from the number. */
export function presalePermitFixture(presaleNumber: string, over: Partial<PresalePermitV1> = {}): PresalePermitV1 {
  const permitNumber = presaleNumber.slice(0, 18);
  const regionCode = presaleNumber.slice(0, 6);
  return {
    presaleNumber,
    letter: presaleNumber.slice(19, 20) as 'Y' | 'Z',
    serial: Number(presaleNumber.slice(20)),
    sandbox: false,
    projectCode: `${permitNumber.slice(6, 10)}-${regionCode}-70-03-${permitNumber.slice(-6)}`,
    regionCode,
    logIndex: 0,
    constructionPermitNumbers: [permitNumber],
    unitCodes: ['DT001'],
    localCertificateNumber: '攸住建预字〔2024〕第018号',
    issuingAuthority: '攸县住房和城乡建设局',
    issueDate: `${permitNumber.slice(6, 10)}-${permitNumber.slice(10, 12)}-${permitNumber.slice(12, 14)}`,
    developer: { name: '攸县锦绣置业有限公司', creditCode: '91430223MA4Q0ABC1F' },
    projectName: '锦绣星城',
    address: '攸县联星街道锦绣路 8 号',
    buildings: ['1#'],
    presaleArea: 12345.67,
    unitCount: 132,
    plannedUse: '住宅',
    fundSupervision: null,
    location: { lat: 27.0, lng: 113.34 },
    chainToken: 'v1.fixture.token',
    verifyUrl: 'HTTPS://YS.EXAMPLE.CN/V/FIXTURE',
    status: 'VALID',
    issuedAt: '2026-11-02T01:00:00.000Z',
    ...over,
  };
}

/** An escrow record (hn.escrow.record.* `record` / `after`), submitted, supervised. */
export function escrowRecordFixture(presaleNumber: string, over: Partial<EscrowRecordV1> = {}): EscrowRecordV1 {
  return {
    presaleNumber,
    regionCode: presaleNumber.slice(0, 6),
    projectName: '锦绣星城一期',
    capitalGuaranteeAmount: 500_000_000,
    commitmentLetter: false,
    fundSupervision: true,
    bank: '中国建设银行攸县支行',
    account: '43050162123456789012',
    balance: 1_200_000_000,
    balanceAsOf: '2026-10-31',
    state: 'SUBMITTED',
    version: 1,
    enteredBy: 'youxian.a',
    updatedAt: '2026-11-02T01:00:00.000Z',
    commitmentLetterScan: null,
    ...over,
  };
}

/** A reconciliation difference (hn.contracts.reconciliation.* `difference`), OPEN. */
export function reconciliationDifferenceFixture(
  over: Partial<ReconciliationDifferenceV1> & Pick<ReconciliationDifferenceV1, 'id' | 'presaleNumber'>,
): ReconciliationDifferenceV1 {
  return {
    regionCode: over.presaleNumber.slice(0, 6),
    month: '2026-10',
    countDelta: -1,
    areaDelta: -89.5,
    amountDeltaFen: -65_000_000,
    missingOnOurs: [`${over.presaleNumber}-B0012`],
    missingOnMarket: [],
    mismatched: [],
    ours: { contracts: 11, floorArea: 985, amountFen: 715_000_000 },
    market: { contracts: 12, floorArea: 1074.5, amountFen: 780_000_000 },
    state: 'OPEN',
    runId: '6f1c2a4e-0000-4000-8000-0000000000aa',
    lastRunId: '6f1c2a4e-0000-4000-8000-0000000000aa',
    foundAt: '2026-11-02T01:00:00.000Z',
    explanation: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedAt: null,
    ...over,
  };
}

/** A registered presale project without a construction permit (hn.presale.unpermitted-project.registered.v1). */
export function unpermittedProjectFixture(
  over: Partial<UnpermittedPresaleProjectV1> & Pick<UnpermittedPresaleProjectV1, 'id'>,
): UnpermittedPresaleProjectV1 {
  return {
    projectName: '攸县滨江花园一期',
    regionCode: '430223',
    developer: { name: '攸县滨江置业有限公司', creditCode: '91430223MA4Q0ABC1F' },
    localCertificateNumber: '攸住建预字〔2023〕第021号',
    issueDate: '2023-05-12',
    registeredBy: 'youxian.a',
    registeredAt: '2026-11-02T01:00:00.000Z',
    scan: storedScanFixture(),
    ...over,
  };
}

/** An approved acceptance-date backfill (hn.alerts.acceptance-backfill.approved.v1 `backfill`). */
export function acceptanceBackfillFixture(
  over: Partial<AcceptanceBackfillV1> & Pick<AcceptanceBackfillV1, 'id' | 'permitNumber'>,
): AcceptanceBackfillV1 {
  return {
    kind: 'FIVE_PARTY',
    date: '2026-10-28',
    projectCode: `2024-${over.permitNumber.slice(0, 6)}-70-03-${over.permitNumber.slice(-6)}`,
    projectName: '锦绣星城三期',
    regionCode: over.permitNumber.slice(0, 6),
    state: 'APPROVED',
    scan: storedScanFixture(),
    submittedBy: 'youxian.a',
    submittedAt: '2026-11-01T01:00:00.000Z',
    decidedBy: 'province.e',
    decidedAt: '2026-11-02T01:00:00.000Z',
    decisionNote: null,
    ...over,
  };
}

/** A contract filing (hn.contracts.filing.* `filing`), ACTIVE, masked; presale number, serial and region from the number. */
export function contractFilingFixture(contractNumber: string, over: Partial<ContractFilingV1> = {}): ContractFilingV1 {
  const presaleNumber = contractNumber.slice(0, 22);
  return {
    contractNumber,
    presaleNumber,
    serial: Number(contractNumber.slice(24)),
    sandbox: false,
    status: 'ACTIVE',
    regionCode: contractNumber.slice(0, 6),
    projectCode: `${contractNumber.slice(6, 10)}-${contractNumber.slice(0, 6)}-70-03-${contractNumber.slice(12, 18)}`,
    building: '22#栋',
    rooms: [{ roomNumber: '1-101', floor: 1, floorArea: 89.5 }],
    address: '攸县联星街道锦绣路 8 号 22 栋 1-101',
    buyers: [
      { type: 'PERSON', name: '张伟', idType: 'RESIDENT_ID', idNumber: '430223********1234', phone: '138****5678' },
    ],
    contractAmount: 65_000_000,
    payment: { method: 'COMMERCIAL_LOAN', downPayment: 30_000_000, commercialLoan: 35_000_000, providentFundLoan: 0 },
    filingDate: '2026-11-02',
    document: { sha256: 'e'.repeat(64), fileName: '商品房买卖合同.pdf' },
    filedAt: '2026-11-02T01:00:00.000Z',
    cancellation: null,
    piiMasked: true,
    ...over,
  };
}

/**
 * The audit part of an ADMIN correction (hn.presale.permit.corrected.v1, hn.escrow.record.corrected.v1, …):
 * spread it and add recordType, before and after. Region from the record key.
 */
export function recordCorrectionFixture(recordKey: string): Omit<RecordCorrectedV1, 'recordType' | 'before' | 'after'> {
  return {
    recordKey,
    regionCode: recordKey.slice(0, 6),
    reason: '录入时项目名称有误',
    documentNumber: '湘建房函〔2026〕9号',
    reportSha256: 'a'.repeat(64),
    correctedBy: 'admin.li',
    correctedAt: '2026-11-02T01:00:00.000Z',
  };
}

import { EscrowEventRecord, EscrowRecordCorrectedEvent, EscrowRecordedEvent } from './escrow-events.message';
import { EscrowRecordV1 } from './escrow';
import { validateEvent } from './validation/validate-event';

/** A record as escrow-row.ts rowToRecord builds it (money as numbers, timestamps ISO). */
const record = (): EscrowRecordV1 => ({
  presaleNumber: '430223201906200101-Z01',
  regionCode: '430223',
  projectName: '锦绣星城一期',
  capitalGuaranteeAmount: 500_000_000,
  commitmentLetter: false,
  fundSupervision: true,
  bank: '中国建设银行攸县支行',
  account: '43050162123456789012',
  balance: 1_200_000_000,
  balanceAsOf: '2026-10-31',
  state: 'SUBMITTED',
  version: 3,
  enteredBy: 'youxian.a',
  updatedAt: '2026-11-02T01:00:00.000Z',
  commitmentLetterScan: null,
});
const fields = async (type: new () => object, data: unknown): Promise<string[]> =>
  (await validateEvent(type, data)).errors.map((e) => e.field);

describe(EscrowEventRecord.name, () => {
  it('accepts the recorded and the corrected event as escrow publishes them', async () => {
    const result = await validateEvent(EscrowRecordedEvent, { record: record() });
    expect(result.errors).toEqual([]);
    expect(result.ok && result.value.record).toBeInstanceOf(EscrowEventRecord);
    const letter = {
      ...record(),
      capitalGuaranteeAmount: null,
      commitmentLetter: true,
      fundSupervision: false,
      bank: null,
      account: null,
      commitmentLetterScan: {
        sha256: 'c'.repeat(64),
        contentType: 'image/png',
        size: 2048,
        fileName: '承诺函.png',
        uploadedAt: '2026-11-01T08:00:00.000Z',
      },
    };
    expect(await fields(EscrowRecordedEvent, { record: letter })).toEqual([]);
    expect(
      await fields(EscrowRecordCorrectedEvent, {
        recordType: 'ESCROW',
        recordKey: record().presaleNumber,
        regionCode: '430223',
        reason: '余额录入错误',
        documentNumber: '湘建房函〔2026〕3号',
        reportSha256: 'd'.repeat(64),
        correctedBy: 'admin.li',
        correctedAt: '2026-11-02T01:00:00.000Z',
        before: record(),
        after: { ...record(), version: 4, balance: 1_300_000_000 },
      }),
    ).toEqual([]);
  });

  it('names each broken field', async () => {
    expect(
      await fields(EscrowRecordedEvent, {
        record: {
          ...record(),
          presaleNumber: '430223201906200101',
          capitalGuaranteeAmount: '500000000',
          fundSupervision: 'true',
          bank: 7,
          balance: -1,
          balanceAsOf: '2026-13-01',
          state: 'LOCKED',
          version: 0,
          updatedAt: 1730509200000,
          commitmentLetterScan: { sha256: 'x' },
        },
      }),
    ).toEqual([
      'record.presaleNumber',
      'record.capitalGuaranteeAmount',
      'record.fundSupervision',
      'record.bank',
      'record.balance',
      'record.balanceAsOf',
      'record.state',
      'record.version',
      'record.updatedAt',
      'record.commitmentLetterScan.sha256',
      'record.commitmentLetterScan.contentType',
      'record.commitmentLetterScan.size',
      'record.commitmentLetterScan.fileName',
      'record.commitmentLetterScan.uploadedAt',
    ]);
  });

  it('refuses a missing record, unknown fields and a correction without its corrected record', async () => {
    expect(await fields(EscrowRecordedEvent, {})).toEqual(['record']);
    expect(await fields(EscrowRecordedEvent, { record: { ...record(), developerName: 'x' } })).toEqual([
      'record.developerName',
    ]);
    const { account: _a, ...withoutAccount } = record();
    expect(await fields(EscrowRecordedEvent, { record: withoutAccount })).toEqual(['record.account']);
    expect(
      await fields(EscrowRecordCorrectedEvent, {
        recordType: 'ESCROW',
        recordKey: '',
        regionCode: '430223',
        reason: 'x',
        documentNumber: 'y',
        reportSha256: 'd'.repeat(64),
        correctedBy: 'admin.li',
        correctedAt: '2026-11-02T01:00:00.000Z',
        before: record(),
      }),
    ).toEqual(['after', 'recordKey']);
  });
});

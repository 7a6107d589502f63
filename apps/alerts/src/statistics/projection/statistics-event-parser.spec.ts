import {
  CloudEvent,
  ContractsEvents,
  EscrowEvents,
  PermitsEvents,
  PresaleBackfillEvents,
  PresaleEvents,
} from '@hn/messages';
import { contractFilingFixture, escrowRecordFixture, presalePermitFixture, recordCorrectionFixture } from '@hn/testing';
import { parseStatisticsEvent } from './statistics-event-parser';

const ID = '6f1c2d3e-0000-4000-8000-000000000001';
const event = (type: string, data: unknown, time = '2024-07-01T02:00:00.000Z'): CloudEvent<unknown> => ({
  specversion: '1.0',
  id: ID,
  source: '/hn/test',
  type,
  subject: 's',
  time,
  datacontenttype: 'application/json',
  data,
});

const permit = {
  permitNumber: '430223202406200101',
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期',
  regionCode: '430223',
  projectType: 'PRESALE',
  category: '社会投资房建类',
  developerName: '攸县锦绣置业有限公司',
  developerCreditCode: '91430223MA4Q0ABC1X',
  issueDate: '2024-06-20',
  startDate: null,
  plannedCompletionDate: null,
  fivePartyAcceptanceDate: null,
  completionFilingDate: null,
  status: 'VALID',
};
const units = [
  { unitCode: 'DT01', name: '1#', floors: 18, floorArea: 0.1 },
  { unitCode: 'DT02', name: '2#', floors: 18, floorArea: 0.2 },
];
const Y = '430223202406200101-Y01';
const presale = presalePermitFixture(Y, { fundSupervision: { bank: '建行', account: '4305' } });

describe(parseStatisticsEvent.name, () => {
  let logger: { warn: jest.Mock };
  const parse = (e: CloudEvent<unknown>) => parseStatisticsEvent(e, logger);
  const warned = (): string[] => logger.warn.mock.calls.map(([m]) => m as string);
  beforeEach(() => (logger = { warn: jest.fn() }));

  it('states a permit and its project, the floor area summed exactly in hundredths', async () => {
    const f = await parse(event(PermitsEvents.permitRegistered, { permit, units }));
    expect(f?.permits).toEqual([
      expect.objectContaining({ at: '2024-07-01T02:00:00.000Z', event: ID, permitNumber: permit.permitNumber }),
    ]);
    expect(f?.permits[0]!.floorArea).toBe(30);
    expect(f?.projects).toEqual([expect.objectContaining({ projectType: 'PRESALE', regionCode: '430223' })]);
    expect(warned()).toEqual([]);
  });

  it('skips an invalid payload whole with its message class, logging the event id and every failing field', async () => {
    const bad = await parse(
      event(PresaleEvents.permitIssued, { permit: { ...presale, unitCount: 1.5, chainToken: 7 } }),
    );
    expect(bad).toBeNull();
    expect(warned()).toEqual([
      `skipped invalid ${PresaleEvents.permitIssued} event ${ID}: permit.unitCount (须为整数 (an integer)); ` +
        'permit.chainToken (须为字符串 (must be a string))',
    ]);
    const partial = await parse(event(ContractsEvents.filingFiled, { filing: { contractNumber: `${Y}-B0001` } }));
    expect(partial).toBeNull();
    expect(warned()[1]).toMatch(
      new RegExp(`^skipped invalid ${ContractsEvents.filingFiled} event ${ID}: .*filing\\.rooms`),
    );
    expect(
      await parse(event(PermitsEvents.permitRegistered, { permit: { ...permit, status: 'X' }, units })),
    ).toBeNull();
    expect(warned()[2]).toMatch(/: permit\.status \(/);
    expect(await parse(event(PermitsEvents.permitRegistered, { permit, units }, 'yesterday'))).toBeNull();
    expect(warned()[3]).toBe(`skipped invalid ${PermitsEvents.permitRegistered} event ${ID}: time`);
  });

  it('states nothing for sandbox records', async () => {
    const permits = await parse(event(PermitsEvents.permitRegistered, { permit: { ...permit, sandbox: true }, units }));
    const presales = await parse(event(PresaleEvents.permitIssued, { permit: { ...presale, sandbox: true } }));
    const filings = await parse(
      event(ContractsEvents.filingFiled, { filing: contractFilingFixture(`${Y}-B0001`, { sandbox: true }) }),
    );
    for (const f of [permits, presales, filings]) expect(f && Object.values(f).flat()).toEqual([]);
    expect(warned()).toEqual([]);
  });

  it('a Y permit naming an account is supervised; a correction under another number supersedes the old one', async () => {
    const y = await parse(event(PresaleEvents.permitIssued, { permit: presale }));
    expect(y?.presales).toEqual([
      expect.objectContaining({ letter: 'Y', presaleArea: 1234567, unitCount: 132, fundSupervision: true }),
    ]);
    expect(y?.presales[0]!.superseded).toBe(false);
    const before = presalePermitFixture('430223202406200101-Z01');
    const after = presalePermitFixture('430223202406200101-Z02', { status: 'CORRECTED' });
    const corrected = await parse(
      event(PresaleBackfillEvents.permitCorrected, {
        ...recordCorrectionFixture(before.presaleNumber),
        recordType: 'PRESALE_PERMIT',
        before,
        after,
      }),
    );
    expect(corrected?.presales.map((s) => [s.presaleNumber, s.superseded, s.fundSupervision])).toEqual([
      ['430223202406200101-Z02', false, null],
      ['430223202406200101-Z01', true, null],
    ]);
    expect(warned()).toEqual([]);
  });

  it('reads escrow records (recorded and corrected)', async () => {
    const Z = '430223202306150101-Z01';
    const record = escrowRecordFixture(Z, {
      capitalGuaranteeAmount: null,
      commitmentLetter: true,
      balance: 0,
      balanceAsOf: '2024-07-31',
    });
    const recorded = await parse(event(EscrowEvents.recordRecorded, { record }));
    const corrected = await parse(
      event(EscrowEvents.recordCorrected, {
        ...recordCorrectionFixture(Z),
        recordType: 'ESCROW',
        before: escrowRecordFixture(Z),
        after: record,
      }),
    );
    for (const f of [recorded, corrected])
      expect(f?.escrows).toEqual([
        expect.objectContaining({
          presaleNumber: Z,
          regionCode: '430223',
          state: 'SUBMITTED',
          capitalGuaranteeFen: null,
          commitmentLetter: true,
          fundSupervision: true,
          balanceFen: 0,
          balanceAsOf: '2024-07-31',
        }),
      ]);
    expect(warned()).toEqual([]);
  });

  it('reads filings: areas in hundredths, the cancellation instant normalised', async () => {
    const rooms = [
      { roomNumber: '1-101', floor: 1, floorArea: 89.5 },
      { roomNumber: '1-102', floor: 1, floorArea: 10.25 },
    ];
    const filing = contractFilingFixture(`${Y}-B0001`, { rooms, contractAmount: 123_456_700 });
    const filed = await parse(event(ContractsEvents.filingFiled, { filing }));
    expect(filed?.filings).toEqual([
      expect.objectContaining({ floorArea: 9975, amountFen: 123_456_700, paymentMethod: 'COMMERCIAL_LOAN' }),
    ]);
    expect(filed?.filings[0]).toMatchObject({ status: 'ACTIVE', cancelledAt: null });
    const cancellation = { reason: '退房', cancelledAt: '2024-10-01T09:00:00+08:00', cancelledBy: 'x' };
    const cancelled = await parse(
      event(ContractsEvents.filingCancelled, { filing: { ...filing, status: 'CANCELLED', cancellation } }),
    );
    expect(cancelled?.filings[0]).toMatchObject({ status: 'CANCELLED', cancelledAt: '2024-10-01T01:00:00.000Z' });
    expect(warned()).toEqual([]);
  });

  it('ignores the events the statistics do not read', async () => {
    const f = await parse(event(PermitsEvents.acceptanceRecorded, {}));
    expect(f && Object.values(f).flat()).toEqual([]);
    expect(warned()).toEqual([]);
  });
});

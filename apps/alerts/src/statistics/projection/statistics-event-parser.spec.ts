import {
  CloudEvent,
  ContractsEvents,
  EscrowEvents,
  PermitsEvents,
  PresaleBackfillEvents,
  PresaleEvents,
} from '@hn/messages';
import { parseStatisticsEvent } from './statistics-event-parser';

const event = (type: string, data: unknown): CloudEvent<unknown> => ({
  specversion: '1.0',
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  source: '/hn/test',
  type,
  subject: 's',
  time: '2024-07-01T02:00:00.000Z',
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
const presale = {
  presaleNumber: '430223202406200101-Y01',
  letter: 'Y',
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期',
  regionCode: '430223',
  issueDate: '2024-08-15',
  presaleArea: 12345.67,
  unitCount: 120,
  fundSupervision: { bank: '建行', account: '4305' },
  sandbox: false,
};

describe(parseStatisticsEvent.name, () => {
  it('states a permit and its project, the floor area summed exactly in hundredths', async () => {
    const r = await parseStatisticsEvent(event(PermitsEvents.permitRegistered, { permit, units }));
    expect(r.ok && r.facts.permits).toEqual([
      expect.objectContaining({ at: '2024-07-01T02:00:00.000Z', permitNumber: permit.permitNumber, floorArea: 30 }),
    ]);
    expect(r.ok && r.facts.projects).toEqual([
      expect.objectContaining({ projectType: 'PRESALE', regionCode: '430223' }),
    ]);
  });

  it('skips sandbox records and refuses a payload whole, naming the fields', async () => {
    const sandbox = await parseStatisticsEvent(
      event(PermitsEvents.permitRegistered, { permit: { ...permit, sandbox: true }, units }),
    );
    expect(sandbox.ok && Object.values(sandbox.facts).flat()).toEqual([]);
    const bad = await parseStatisticsEvent(
      event(PresaleEvents.permitIssued, { permit: { ...presale, presaleArea: -1, unitCount: 1.5 } }),
    );
    expect(bad).toEqual({ ok: false, reason: 'presaleArea, unitCount' });
    expect(
      await parseStatisticsEvent(event(PermitsEvents.permitRegistered, { permit: { ...permit, status: 'X' }, units })),
    ).toEqual({
      ok: false,
      reason: 'permit.status',
    });
  });

  it('a Y permit naming an account is supervised; a correction under another number supersedes the old one', async () => {
    const y = await parseStatisticsEvent(event(PresaleEvents.permitIssued, { permit: presale }));
    expect(y.ok && y.facts.presales).toEqual([
      expect.objectContaining({ letter: 'Y', presaleArea: 1234567, fundSupervision: true, superseded: false }),
    ]);
    const z = { ...presale, presaleNumber: '430223202406200101-Z02', letter: 'Z' };
    const corrected = await parseStatisticsEvent(
      event(PresaleBackfillEvents.permitCorrected, { recordKey: '430223202406200101-Z01', after: { permit: z } }),
    );
    expect(
      corrected.ok && corrected.facts.presales.map((s) => [s.presaleNumber, s.superseded, s.fundSupervision]),
    ).toEqual([
      ['430223202406200101-Z02', false, null],
      ['430223202406200101-Z01', true, null],
    ]);
  });

  it('reads escrow records (recorded and corrected) and filings (filed and cancelled)', async () => {
    const record = {
      presaleNumber: '430223202306150101-Z01',
      regionCode: '430223',
      state: 'SUBMITTED',
      capitalGuaranteeAmount: null,
      commitmentLetter: true,
      fundSupervision: false,
      balance: 0,
      balanceAsOf: '2024-07-31',
    };
    const corrected = await parseStatisticsEvent(event(EscrowEvents.recordCorrected, { after: record }));
    expect(corrected.ok && corrected.facts.escrows).toEqual([
      expect.objectContaining({ capitalGuaranteeFen: null, commitmentLetter: true, balanceFen: 0 }),
    ]);
    const filing = {
      contractNumber: '430223202406200101-Y01-B0001',
      presaleNumber: '430223202406200101-Y01',
      projectCode: 'P',
      regionCode: '430223',
      rooms: [{ floorArea: 89.5 }, { floorArea: 10.25 }],
      contractAmount: 123_456_700,
      payment: { method: 'COMBINED' },
      filingDate: '2024-09-02',
      status: 'CANCELLED',
      cancellation: { cancelledAt: '2024-10-01T01:00:00Z' },
      sandbox: false,
    };
    const cancelled = await parseStatisticsEvent(event(ContractsEvents.filingCancelled, { filing }));
    expect(cancelled.ok && cancelled.facts.filings).toEqual([
      expect.objectContaining({ floorArea: 9975, status: 'CANCELLED', cancelledAt: '2024-10-01T01:00:00.000Z' }),
    ]);
    const noDate = await parseStatisticsEvent(
      event(ContractsEvents.filingCancelled, { filing: { ...filing, cancellation: null } }),
    );
    expect(noDate).toEqual({ ok: false, reason: 'cancellation' });
  });

  it('ignores the events the statistics do not read', async () => {
    const r = await parseStatisticsEvent(event(PermitsEvents.acceptanceRecorded, {}));
    expect(r.ok && Object.values(r.facts).flat()).toEqual([]);
  });
});

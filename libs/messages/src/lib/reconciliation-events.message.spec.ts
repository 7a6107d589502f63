import {
  ReconciliationDifferenceAcknowledgedEvent,
  ReconciliationDifferenceFoundEvent,
  ReconciliationDifferenceResolvedEvent,
  SigningStatisticReportedEvent,
} from './reconciliation-events.message';
import { ReconciliationDifferenceV1, SigningStatisticV1 } from './reconciliation';
import { validateEvent } from './validation/validate-event';

/** as signing-statistic-row.ts rowToStatistic builds it */
const statistic = (): SigningStatisticV1 => ({
  presaleNumber: '430223202406200101-Y01',
  regionCode: '430223',
  projectName: null,
  month: '2026-10',
  contractsSigned: 12,
  floorArea: 1074.5,
  amountFen: 780_000_000,
  kind: 'PERIODIC',
  state: 'SUBMITTED',
  version: 2,
  enteredBy: 'youxian.a',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-02T01:00:00.000Z',
  submittedAt: '2026-11-02T01:00:00.000Z',
  submittedBy: 'youxian.a',
});
/** as difference-row.ts rowToDifference builds it */
const difference = (): ReconciliationDifferenceV1 => ({
  id: '6f1c2a4e-0000-4000-8000-000000000001',
  presaleNumber: '430223202406200101-Y01',
  regionCode: '430223',
  month: '2026-10',
  countDelta: -1,
  areaDelta: -89.5,
  amountDeltaFen: -65_000_000,
  missingOnOurs: ['430223202406200101-Y01-B0007'],
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
});
const fields = async (type: new () => object, data: unknown): Promise<string[]> =>
  (await validateEvent(type, data)).errors.map((e) => e.field);

describe(SigningStatisticReportedEvent.name, () => {
  it('accepts a reported month, with or without a project name', async () => {
    expect(await fields(SigningStatisticReportedEvent, { statistic: statistic() })).toEqual([]);
    const named = { ...statistic(), projectName: '锦绣星城三期', kind: 'BACKFILL' };
    expect(await fields(SigningStatisticReportedEvent, { statistic: named })).toEqual([]);
  });

  it('names broken fields', async () => {
    expect(
      await fields(SigningStatisticReportedEvent, {
        statistic: { ...statistic(), month: '2026-10-01', contractsSigned: -1, floorArea: null, submittedAt: '' },
      }),
    ).toEqual(['statistic.month', 'statistic.contractsSigned', 'statistic.floorArea', 'statistic.submittedAt']);
  });
});

describe(ReconciliationDifferenceFoundEvent.name, () => {
  it('accepts a found, an acknowledged and a resolved difference', async () => {
    expect(await fields(ReconciliationDifferenceFoundEvent, { difference: difference() })).toEqual([]);
    const acknowledged = {
      ...difference(),
      state: 'ACKNOWLEDGED',
      explanation: '市场平台重复计入一套',
      acknowledgedBy: 'youxian.a',
      acknowledgedAt: '2026-11-03T01:00:00.000Z',
    };
    expect(await fields(ReconciliationDifferenceAcknowledgedEvent, { difference: acknowledged })).toEqual([]);
    const resolved = { ...difference(), state: 'RESOLVED', resolvedAt: '2026-11-04T01:00:00.000Z' };
    expect(await fields(ReconciliationDifferenceResolvedEvent, { difference: resolved })).toEqual([]);
  });

  it('names broken fields, list items and figures by path', async () => {
    expect(
      await fields(ReconciliationDifferenceFoundEvent, {
        difference: {
          ...difference(),
          regionCode: '43022',
          month: '2026-13',
          countDelta: '-1',
          missingOnOurs: [7],
          ours: { contracts: 11, floorArea: 985 },
          state: 'CLOSED',
          foundAt: null,
        },
      }),
    ).toEqual([
      'difference.regionCode',
      'difference.month',
      'difference.countDelta',
      'difference.missingOnOurs[0]',
      'difference.ours.amountFen',
      'difference.state',
      'difference.foundAt',
    ]);
  });
});

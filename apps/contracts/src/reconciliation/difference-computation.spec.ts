import { computeDifference, fingerprintOf, groupByPresaleMonth, ReconciliationGroup } from './difference-computation';

const P = '430223202406200101-Y01';
const cn = (n: number): string => `${P}-B${String(n).padStart(4, '0')}`;
const ours = (n: number, areaHundredths = 8950, amountFen = 100_000_000) => ({
  contractNumber: cn(n),
  areaHundredths,
  amountFen,
});
const theirs = (n: number | null, areaHundredths = 8950, amountFen = 100_000_000, id = `MP${n ?? 'x'}`) => ({
  id,
  contractNumber: n === null ? null : cn(n),
  areaHundredths,
  amountFen,
});
const group = (g: Partial<ReconciliationGroup>): ReconciliationGroup => ({
  presaleNumber: P,
  month: '2024-10',
  ourFilings: [],
  statistic: null,
  market: [],
  ...g,
});

describe(computeDifference.name, () => {
  it('reports nothing when both sides agree 双方一致', () => {
    expect(
      computeDifference(group({ ourFilings: [ours(1), ours(2, 12000, 5)], market: [theirs(2, 12000, 5), theirs(1)] })),
    ).toBeNull();
    expect(
      computeDifference(
        group({
          month: '2024-05',
          statistic: { contractsSigned: 2, areaHundredths: 17900, amountFen: 200_000_000 },
          market: [theirs(null), theirs(null, 8950, 100_000_000, 'MP2')],
        }),
      ),
    ).toBeNull();
    expect(computeDifference(group({}))).toBeNull();
  });

  it('finds a contract missing on our side 我方缺失', () => {
    const d = computeDifference(group({ ourFilings: [ours(1)], market: [theirs(1), theirs(2, 10050, 300)] }))!;
    expect(d).toMatchObject({
      countDelta: -1,
      areaDeltaHundredths: -10050,
      amountDeltaFen: -300,
      missingOnOurs: [cn(2)],
      missingOnMarket: [],
      mismatched: [],
    });
    expect(d.ours).toEqual({ contracts: 1, areaHundredths: 8950, amountFen: 100_000_000 });
    expect(d.market).toEqual({ contracts: 2, areaHundredths: 19000, amountFen: 100_000_300 });
  });

  it('finds a contract missing on the market platform 市场平台缺失', () => {
    expect(computeDifference(group({ ourFilings: [ours(1), ours(3)], market: [theirs(1)] }))).toMatchObject({
      countDelta: 1,
      areaDeltaHundredths: 8950,
      amountDeltaFen: 100_000_000,
      missingOnMarket: [cn(3)],
    });
  });

  it('finds area and amount differences of a matched contract, deltas OURS − MARKET', () => {
    expect(computeDifference(group({ ourFilings: [ours(1)], market: [theirs(1, 9100)] }))).toMatchObject({
      countDelta: 0,
      areaDeltaHundredths: -150,
      amountDeltaFen: 0,
      mismatched: [cn(1)],
    });
    expect(computeDifference(group({ ourFilings: [ours(1)], market: [theirs(1, 8950, 99_990_000)] }))).toMatchObject({
      areaDeltaHundredths: 0,
      amountDeltaFen: 10_000,
      mismatched: [cn(1)],
    });
  });

  it('adds the manual statistic to our filings, and finds count deltas of statistics months 人工填报', () => {
    const d = computeDifference(
      group({
        month: '2024-06',
        statistic: { contractsSigned: 3, areaHundredths: 17900, amountFen: 200_000_000 },
        market: [theirs(null), theirs(null, 8950, 100_000_000, 'MP2')],
      }),
    )!;
    expect(d).toMatchObject({
      countDelta: 1,
      areaDeltaHundredths: 0,
      amountDeltaFen: 0,
      missingOnOurs: [],
      missingOnMarket: [],
    });
    const mixed = group({
      ourFilings: [ours(1)],
      statistic: { contractsSigned: 1, areaHundredths: 5000, amountFen: 7 },
      market: [theirs(1), theirs(null, 5000, 7)],
    });
    expect(computeDifference(mixed)).toBeNull();
  });

  it('reports swapped contracts even when the totals agree', () => {
    const d = computeDifference(group({ ourFilings: [ours(1), ours(2)], market: [theirs(1), theirs(3)] }))!;
    expect(d).toMatchObject({
      countDelta: 0,
      areaDeltaHundredths: 0,
      amountDeltaFen: 0,
      missingOnOurs: [cn(3)],
      missingOnMarket: [cn(2)],
    });
  });

  it('gives a stable fingerprint of deltas and lists, not of the totals', () => {
    const a = computeDifference(group({ ourFilings: [ours(1)], market: [theirs(1), theirs(2)] }))!;
    const b = computeDifference(group({ ourFilings: [ours(1), ours(5)], market: [theirs(5), theirs(2), theirs(1)] }))!;
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    const c = computeDifference(group({ ourFilings: [ours(1)], market: [theirs(1), theirs(3)] }))!;
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(fingerprintOf({ ...a, month: '2024-11' })).not.toBe(a.fingerprint);
  });
});

describe(groupByPresaleMonth.name, () => {
  it('groups the three sources by permit and month, sorted', () => {
    const groups = groupByPresaleMonth(
      [{ presaleNumber: P, month: '2024-10', ...ours(1) }],
      [{ presaleNumber: P, month: '2024-05', contractsSigned: 1, areaHundredths: 1, amountFen: 1 }],
      [
        { presaleNumber: P, month: '2024-10', ...theirs(1) },
        { presaleNumber: '430102202301010101-Z01', month: '2024-03', ...theirs(null) },
      ],
    );
    expect(
      groups.map((g) => [
        g.presaleNumber,
        g.month,
        g.ourFilings.length,
        g.statistic?.contractsSigned ?? null,
        g.market.length,
      ]),
    ).toEqual([
      ['430102202301010101-Z01', '2024-03', 0, null, 1],
      [P, '2024-05', 0, 1, 0],
      [P, '2024-10', 1, null, 1],
    ]);
  });
});

import { parsePresaleNumber } from '@hn/numbering';
import { computeDifference, groupByPresaleMonth } from '../../reconciliation/difference-computation';
import { validateMarketItem, ValidMarketFiling } from '../market-filing-item';
import { generateMarketDataset } from './market-dataset';
import { MarketDataset, PLANTED_KINDS } from './market-dataset.types';

/** What reconciliation would see: the latest valid version of each market record, our active filings, statistics. */
function differencesOf(dataset: MarketDataset) {
  const latest = new Map<string, ValidMarketFiling>();
  for (const entry of dataset.feed) {
    const check = validateMarketItem(entry.item);
    if (check.ok) latest.set(check.value.id, check.value);
  }
  const groups = groupByPresaleMonth(
    dataset.ours.filings
      .filter((f) => f.status === 'ACTIVE')
      .map((f) => ({
        presaleNumber: f.presaleNumber,
        month: f.filingDate.slice(0, 7),
        contractNumber: f.contractNumber,
        areaHundredths: Math.round(f.floorArea * 100),
        amountFen: f.amountFen,
      })),
    dataset.ours.statistics.map((s) => ({
      presaleNumber: s.presaleNumber,
      month: s.month,
      contractsSigned: s.contractsSigned,
      areaHundredths: Math.round(s.floorArea * 100),
      amountFen: s.amountFen,
    })),
    [...latest.values()]
      .filter((m) => m.status === 'FILED')
      .map((m) => ({
        id: m.id,
        presaleNumber: m.presaleNumber,
        month: m.month,
        contractNumber: m.contractNumber,
        areaHundredths: m.floorAreaHundredths,
        amountFen: m.amountFen,
      })),
  );
  return groups.map(computeDifference).filter((d) => d !== null);
}

describe(generateMarketDataset.name, () => {
  const dataset = generateMarketDataset({ seed: 42 });

  it('is deterministic per seed 同一种子数据相同', () => {
    expect(generateMarketDataset({ seed: 42 })).toEqual(dataset);
    expect(generateMarketDataset({ seed: 43 }).feed).not.toEqual(dataset.feed);
  });

  it('builds realistic presale permits, contracts and a change feed', () => {
    expect(dataset.presales).toHaveLength(8);
    for (const p of dataset.presales) {
      expect(parsePresaleNumber(p.presaleNumber)).not.toBeNull();
      expect(p.presaleNumber.startsWith(p.regionCode)).toBe(true);
      expect(p.presaleNumber.endsWith(p.issueDate < '2024-08-01' ? '-Z01' : '-Y01')).toBe(true);
    }
    expect(dataset.feed.map((e) => e.seq)).toEqual(dataset.feed.map((_, i) => i + 1));
    expect(dataset.ours.filings.every((f) => f.filingDate >= '2024-09-01')).toBe(true);
    expect(dataset.ours.statistics.every((s) => s.month < '2024-09')).toBe(true);
    const cancelledOnMarket = dataset.feed.filter((e) => (e.item as { status?: string }).status === 'CANCELLED');
    expect(cancelledOnMarket.length).toBeGreaterThan(0);
    expect(dataset.ours.filings.some((f) => f.status === 'CANCELLED')).toBe(true);
  });

  it('plants two differences of each kind, each on its own permit and month', () => {
    expect(dataset.planted.map((p) => p.kind).sort()).toEqual([...PLANTED_KINDS, ...PLANTED_KINDS].sort());
    expect(new Set(dataset.planted.map((p) => `${p.presaleNumber}|${p.month}`)).size).toBe(dataset.planted.length);
    expect(dataset.planted.filter((p) => p.kind === 'COUNT_DELTA').every((p) => p.month < '2024-09')).toBe(true);
  });

  it('carries malformed items that validation rejects', () => {
    expect(dataset.badItemSeqs).toHaveLength(4);
    for (const seq of dataset.badItemSeqs) expect(validateMarketItem(dataset.feed[seq - 1]!.item).ok).toBe(false);
    expect(dataset.feed.filter((e) => !validateMarketItem(e.item).ok)).toHaveLength(4);
  });

  it('differs exactly where it planted differences, with the expected figures', () => {
    for (const seed of [42, 7, 20240901]) {
      const d = generateMarketDataset({ seed, presales: 10, perKind: 3 });
      const found = differencesOf(d).map((x) => ({
        presaleNumber: x.presaleNumber,
        month: x.month,
        expected: {
          countDelta: x.countDelta,
          areaDelta: x.areaDeltaHundredths / 100,
          amountDeltaFen: x.amountDeltaFen,
          missingOnOurs: x.missingOnOurs,
          missingOnMarket: x.missingOnMarket,
          mismatched: x.mismatched,
        },
      }));
      const planted = d.planted.map((p) => ({ presaleNumber: p.presaleNumber, month: p.month, expected: p.expected }));
      const key = (x: { presaleNumber: string; month: string }) => `${x.presaleNumber}|${x.month}`;
      expect(found.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        planted.sort((a, b) => key(a).localeCompare(key(b))),
      );
    }
  });

  it('refuses to plant more than the data allows', () => {
    expect(() => generateMarketDataset({ seed: 1, presales: 2, perKind: 20 })).toThrow(/not enough data/);
  });
});

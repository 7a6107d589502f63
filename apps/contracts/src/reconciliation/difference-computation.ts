import { createHash } from 'node:crypto';

/** An ACTIVE filing on our side (floor area in hundredths of m²: exact integer sums). */
export interface OurContract {
  contractNumber: string;
  areaHundredths: number;
  amountFen: number;
}

/** A FILED record of the market platform; contractNumber null before the cut-over. */
export interface MarketContract {
  id: string;
  contractNumber: string | null;
  areaHundredths: number;
  amountFen: number;
}

export interface StatisticFigures {
  contractsSigned: number;
  areaHundredths: number;
  amountFen: number;
}

/** Everything known about one presale permit and month. */
export interface ReconciliationGroup {
  presaleNumber: string;
  month: string;
  ourFilings: OurContract[];
  /** SUBMITTED manual statistic of the month, if any */
  statistic: StatisticFigures | null;
  market: MarketContract[];
}

export interface Figures {
  contracts: number;
  areaHundredths: number;
  amountFen: number;
}

export interface ComputedDifference {
  presaleNumber: string;
  month: string;
  /** OURS − MARKET */
  countDelta: number;
  areaDeltaHundredths: number;
  amountDeltaFen: number;
  missingOnOurs: string[];
  missingOnMarket: string[];
  mismatched: string[];
  ours: Figures;
  market: Figures;
  /** identifies the difference across runs (deltas and lists, not the totals) */
  fingerprint: string;
}

/**
 * Compares one group. Our side = ACTIVE filings + the SUBMITTED statistic; the market side = its
 * FILED records. Totals give the count/area/amount deltas (OURS − MARKET); numbered contracts are
 * matched one to one, giving the contracts missing on either side and those whose area or amount
 * differ. Null when both sides agree completely.
 */
export function computeDifference(group: ReconciliationGroup): ComputedDifference | null {
  const stat = group.statistic ?? { contractsSigned: 0, areaHundredths: 0, amountFen: 0 };
  const ours: Figures = {
    contracts: group.ourFilings.length + stat.contractsSigned,
    areaHundredths: sum(group.ourFilings.map((c) => c.areaHundredths)) + stat.areaHundredths,
    amountFen: sum(group.ourFilings.map((c) => c.amountFen)) + stat.amountFen,
  };
  const market: Figures = {
    contracts: group.market.length,
    areaHundredths: sum(group.market.map((c) => c.areaHundredths)),
    amountFen: sum(group.market.map((c) => c.amountFen)),
  };
  const marketByNumber = new Map<string, MarketContract[]>();
  for (const m of group.market) {
    if (m.contractNumber !== null)
      marketByNumber.set(m.contractNumber, [...(marketByNumber.get(m.contractNumber) ?? []), m]);
  }
  const ourNumbers = new Set(group.ourFilings.map((c) => c.contractNumber));
  const missingOnMarket: string[] = [];
  const mismatched: string[] = [];
  for (const c of group.ourFilings) {
    const theirs = marketByNumber.get(c.contractNumber)?.[0];
    if (!theirs) missingOnMarket.push(c.contractNumber);
    else if (theirs.areaHundredths !== c.areaHundredths || theirs.amountFen !== c.amountFen)
      mismatched.push(c.contractNumber);
  }
  const missingOnOurs = [...marketByNumber.keys()].filter((n) => !ourNumbers.has(n));
  const difference = {
    presaleNumber: group.presaleNumber,
    month: group.month,
    countDelta: ours.contracts - market.contracts,
    areaDeltaHundredths: ours.areaHundredths - market.areaHundredths,
    amountDeltaFen: ours.amountFen - market.amountFen,
    missingOnOurs: missingOnOurs.sort(),
    missingOnMarket: missingOnMarket.sort(),
    mismatched: [...new Set(mismatched)].sort(),
    ours,
    market,
  };
  const agrees =
    difference.countDelta === 0 &&
    difference.areaDeltaHundredths === 0 &&
    difference.amountDeltaFen === 0 &&
    difference.missingOnOurs.length === 0 &&
    difference.missingOnMarket.length === 0 &&
    difference.mismatched.length === 0;
  if (agrees) return null;
  return { ...difference, fingerprint: fingerprintOf(difference) };
}

export function fingerprintOf(
  d: Pick<
    ComputedDifference,
    | 'presaleNumber'
    | 'month'
    | 'countDelta'
    | 'areaDeltaHundredths'
    | 'amountDeltaFen'
    | 'missingOnOurs'
    | 'missingOnMarket'
    | 'mismatched'
  >,
): string {
  const canonical = JSON.stringify([
    d.presaleNumber,
    d.month,
    d.countDelta,
    d.areaDeltaHundredths,
    d.amountDeltaFen,
    d.missingOnOurs,
    d.missingOnMarket,
    d.mismatched,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Groups rows of the three sources by (presale permit, month). */
export function groupByPresaleMonth(
  ours: Array<OurContract & { presaleNumber: string; month: string }>,
  statistics: Array<StatisticFigures & { presaleNumber: string; month: string }>,
  market: Array<MarketContract & { presaleNumber: string; month: string }>,
): ReconciliationGroup[] {
  const groups = new Map<string, ReconciliationGroup>();
  const group = (presaleNumber: string, month: string): ReconciliationGroup => {
    const key = `${presaleNumber}|${month}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { presaleNumber, month, ourFilings: [], statistic: null, market: [] }));
    return g;
  };
  for (const o of ours)
    group(o.presaleNumber, o.month).ourFilings.push({
      contractNumber: o.contractNumber,
      areaHundredths: o.areaHundredths,
      amountFen: o.amountFen,
    });
  for (const s of statistics)
    group(s.presaleNumber, s.month).statistic = {
      contractsSigned: s.contractsSigned,
      areaHundredths: s.areaHundredths,
      amountFen: s.amountFen,
    };
  for (const m of market)
    group(m.presaleNumber, m.month).market.push({
      id: m.id,
      contractNumber: m.contractNumber,
      areaHundredths: m.areaHundredths,
      amountFen: m.amountFen,
    });
  return [...groups.values()].sort((a, b) =>
    a.presaleNumber === b.presaleNumber
      ? a.month.localeCompare(b.month)
      : a.presaleNumber.localeCompare(b.presaleNumber),
  );
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

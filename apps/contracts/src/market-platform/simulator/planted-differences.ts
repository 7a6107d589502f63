import { PLANTED_KINDS, PlantedDifference, PlantedKind } from './market-dataset.types';
import { SeededRandom } from './seeded-random';

/** A contract of the simulated world, before it is split into our side and the market feed. */
export interface SimContract {
  presaleNumber: string;
  month: string;
  /** null before the cut-over (no unified number) */
  contractNumber: string | null;
  marketId: string;
  localContractNo: string;
  building: string;
  roomNumber: string;
  floor: number;
  areaHundredths: number;
  amountFen: number;
  filingDate: string;
  /** cancelled on both sides (noise that must NOT show as a difference) */
  cancelledOn: string | null;
  onOurs: boolean;
  onMarket: boolean;
  marketAreaHundredths: number;
  marketAmountFen: number;
}

const AREA_SHIFTS = [150, -237, 1000, -50, 12];
const AMOUNT_SHIFTS = [10_000, -500_000, 1_234_500, -100];

/**
 * Plants `perKind` differences of each kind, each on its own (permit, month), by editing the
 * contracts in place; returns what reconciliation must report. COUNT_DELTA lands on a month before
 * the cut-over (covered by manual statistics): `statisticCountShift` receives the shifts.
 */
export function plantDifferences(
  rng: SeededRandom,
  contracts: SimContract[],
  cutoverMonth: string,
  perKind: number,
  statisticCountShift: Map<string, number>,
): PlantedDifference[] {
  const groups = new Map<string, SimContract[]>();
  for (const c of contracts) {
    const key = `${c.presaleNumber}|${c.month}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const eligible = (pre: boolean): string[] =>
    shuffle(
      rng,
      [...groups.keys()]
        .filter((k) => k.split('|')[1]! < cutoverMonth === pre && groups.get(k)!.some((c) => c.cancelledOn === null))
        .sort(),
    );
  const pools = { pre: eligible(true), post: eligible(false) };
  const planted: PlantedDifference[] = [];
  for (const kind of PLANTED_KINDS) {
    for (let n = 0; n < perKind; n++) {
      const pool = kind === 'COUNT_DELTA' ? pools.pre : pools.post;
      const key = pool.shift();
      if (!key)
        throw new Error(`模拟数据不足以安排差异 ${kind} (not enough data to plant ${kind}; add presales or months)`);
      planted.push(plantOne(rng, kind, key, groups.get(key)!, statisticCountShift));
    }
  }
  return planted;
}

function plantOne(
  rng: SeededRandom,
  kind: PlantedKind,
  key: string,
  group: SimContract[],
  countShift: Map<string, number>,
): PlantedDifference {
  const [presaleNumber, month] = key.split('|') as [string, string];
  const none = {
    countDelta: 0,
    areaDelta: 0,
    amountDeltaFen: 0,
    missingOnOurs: [],
    missingOnMarket: [],
    mismatched: [],
  };
  if (kind === 'COUNT_DELTA') {
    const shift = rng.pick([1, 2, 3]);
    countShift.set(key, shift);
    return { kind, presaleNumber, month, contractNumber: null, expected: { ...none, countDelta: shift } };
  }
  const c = rng.pick(group.filter((x) => x.cancelledOn === null));
  const number = c.contractNumber!;
  const area = c.areaHundredths / 100;
  switch (kind) {
    case 'MISSING_ON_OURS':
      c.onOurs = false;
      return {
        kind,
        presaleNumber,
        month,
        contractNumber: number,
        expected: { ...none, countDelta: -1, areaDelta: -area, amountDeltaFen: -c.amountFen, missingOnOurs: [number] },
      };
    case 'MISSING_ON_MARKET':
      c.onMarket = false;
      return {
        kind,
        presaleNumber,
        month,
        contractNumber: number,
        expected: { ...none, countDelta: 1, areaDelta: area, amountDeltaFen: c.amountFen, missingOnMarket: [number] },
      };
    case 'AREA_DELTA': {
      const shift = rng.pick(AREA_SHIFTS);
      c.marketAreaHundredths = c.areaHundredths + shift;
      return {
        kind,
        presaleNumber,
        month,
        contractNumber: number,
        expected: { ...none, areaDelta: -shift / 100, mismatched: [number] },
      };
    }
    default: {
      const shift = rng.pick(AMOUNT_SHIFTS);
      c.marketAmountFen = c.amountFen + shift;
      return {
        kind,
        presaleNumber,
        month,
        contractNumber: number,
        expected: { ...none, amountDeltaFen: -shift, mismatched: [number] },
      };
    }
  }
}

function shuffle<T>(rng: SeededRandom, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

import { MarketFilingItem } from '../market-filing-item';

/** A presale permit of the simulated world (also what our presale replica should hold). */
export interface SimPresale {
  presaleNumber: string;
  regionCode: string;
  projectCode: string;
  projectName: string;
  issueDate: string;
  buildings: string[];
}

/** A contract filing as our side holds it (one room per contract). */
export interface SimOurFiling {
  contractNumber: string;
  presaleNumber: string;
  building: string;
  roomNumber: string;
  floor: number;
  /** m², two decimals */
  floorArea: number;
  amountFen: number;
  filingDate: string;
  status: 'ACTIVE' | 'CANCELLED';
}

/** A month's manual statistic as our side should have submitted it. */
export interface SimOurStatistic {
  presaleNumber: string;
  month: string;
  contractsSigned: number;
  floorArea: number;
  amountFen: number;
}

export type PlantedKind = 'MISSING_ON_OURS' | 'MISSING_ON_MARKET' | 'AREA_DELTA' | 'AMOUNT_DELTA' | 'COUNT_DELTA';

export const PLANTED_KINDS: readonly PlantedKind[] = [
  'MISSING_ON_OURS',
  'MISSING_ON_MARKET',
  'AREA_DELTA',
  'AMOUNT_DELTA',
  'COUNT_DELTA',
];

/** One planted difference, and the difference reconciliation must report for its (permit, month); deltas are OURS − MARKET. */
export interface PlantedDifference {
  kind: PlantedKind;
  presaleNumber: string;
  month: string;
  contractNumber: string | null;
  expected: {
    countDelta: number;
    areaDelta: number;
    amountDeltaFen: number;
    missingOnOurs: string[];
    missingOnMarket: string[];
    mismatched: string[];
  };
}

/** A market feed entry: the item plus its position in the feed. */
export interface FeedEntry {
  seq: number;
  item: MarketFilingItem | Record<string, unknown>;
}

export interface MarketDataset {
  seed: number;
  presales: SimPresale[];
  /** the platform's change feed in order (a cancelled record appears again under the same id) */
  feed: FeedEntry[];
  ours: { filings: SimOurFiling[]; statistics: SimOurStatistic[] };
  planted: PlantedDifference[];
  /** feed positions of the deliberately malformed items (recorded as bad items, never compared) */
  badItemSeqs: number[];
}

export interface MarketDatasetParams {
  seed: number;
  /** number of presale permits, default 8 */
  presales?: number;
  /** months covered, default 2024-03..2024-12 */
  firstMonth?: string;
  lastMonth?: string;
  /** contract cut-over month, default 2024-09 */
  cutoverMonth?: string;
  /** planted differences of each kind, default 2 */
  perKind?: number;
  /** malformed items in the feed, default 4 */
  badItems?: number;
  /** presale permits to build around (from a seed file); generated when absent */
  presaleList?: SimPresale[];
}

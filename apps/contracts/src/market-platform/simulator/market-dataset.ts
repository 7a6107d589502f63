import { MarketFilingItem } from '../market-filing-item';
import {
  FeedEntry,
  MarketDataset,
  MarketDatasetParams,
  SimOurFiling,
  SimOurStatistic,
  SimPresale,
} from './market-dataset.types';
import { plantDifferences, SimContract } from './planted-differences';
import { SeededRandom } from './seeded-random';

const REGIONS: ReadonlyArray<readonly [string, string]> = [
  ['430223', '攸县'],
  ['430102', '芙蓉区'],
  ['430104', '岳麓区'],
  ['430211', '天元区'],
  ['430302', '雨湖区'],
  ['430602', '岳阳楼区'],
  ['430702', '武陵区'],
  ['431002', '北湖区'],
];
const PROJECTS = [
  '锦绣星城',
  '湘江壹号',
  '麓山府',
  '天元华府',
  '雨湖人家',
  '洞庭名都',
  '柳叶湖畔',
  '北湖春天',
  '芙蓉华庭',
  '金霞花园',
];
const PHASES = ['一期', '二期', '三期'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  while (`${year}-${pad(month, 2)}` <= last) {
    months.push(`${year}-${pad(month, 2)}`);
    year += month === 12 ? 1 : 0;
    month = month === 12 ? 1 : month + 1;
  }
  return months;
}

/** Realistic presale permits: even ones stock (Z, issued 2023–early 2024), odd ones new (Y, August 2024). */
export function generatePresales(rng: SeededRandom, count: number): SimPresale[] {
  return Array.from({ length: count }, (_, i) => {
    const [regionCode, county] = REGIONS[i % REGIONS.length]!;
    const stock = i % 2 === 0;
    const issueDate = stock ? addDays('2023-05-01', rng.int(0, 290)) : `2024-08-${pad(rng.int(1, 20), 2)}`;
    const permitDate = addDays(issueDate, -rng.int(90, 270)).replace(/-/g, '');
    const permitNumber = `${regionCode}${permitDate}${pad((i % 99) + 1, 2)}01`;
    return {
      presaleNumber: `${permitNumber}-${stock ? 'Z' : 'Y'}01`,
      regionCode,
      projectCode: `${permitDate.slice(0, 4)}-${regionCode}-70-03-${pad(rng.int(1, 999_999), 6)}`,
      projectName: `${county}${rng.pick(PROJECTS)}${PHASES[i % PHASES.length]}`,
      issueDate,
      buildings: Array.from({ length: rng.int(2, 6) }, (_, b) => `${b + 1}#`),
    };
  });
}

/**
 * The simulated world, deterministic per seed: contracts of each presale permit and month, split
 * into the market platform's feed and our side (filings from the cut-over, statistics before it),
 * with planted differences and a few malformed feed items.
 */
export function generateMarketDataset(params: MarketDatasetParams): MarketDataset {
  const rng = new SeededRandom(params.seed);
  const cutoverMonth = params.cutoverMonth ?? '2024-09';
  const presales = params.presaleList ?? generatePresales(rng, params.presales ?? 8);
  const months = monthsBetween(params.firstMonth ?? '2024-03', params.lastMonth ?? '2024-12');
  const contracts: SimContract[] = [];
  let marketId = 0;
  for (const p of presales) {
    let serial = 0;
    let room = 0;
    for (const month of months.filter((m) => m >= p.issueDate.slice(0, 7))) {
      for (let n = rng.int(2, 6); n > 0; n--) {
        const areaHundredths = rng.int(6000, 16000);
        const amountFen = Math.round((areaHundredths * rng.int(4500, 12000)) / 100) * 100;
        const filingDate = `${month}-${pad(rng.int(1, 28), 2)}`;
        const unit = room++;
        contracts.push({
          presaleNumber: p.presaleNumber,
          month,
          contractNumber: month >= cutoverMonth ? `${p.presaleNumber}-B${pad(++serial, 4)}` : null,
          marketId: `MP${pad(++marketId, 8)}`,
          localContractNo: `WQ${p.regionCode}${month.replace('-', '')}${pad(marketId, 5)}`,
          building: rng.pick(p.buildings),
          roomNumber: `${Math.floor(unit / 132) + 1}-${(Math.floor(unit / 4) % 33) + 1}${pad((unit % 4) + 1, 2)}`,
          floor: (Math.floor(unit / 4) % 33) + 1,
          areaHundredths,
          amountFen,
          filingDate,
          cancelledOn: rng.chance(0.08) ? addDays(filingDate, rng.int(3, 20)) : null,
          onOurs: true,
          onMarket: true,
          marketAreaHundredths: areaHundredths,
          marketAmountFen: amountFen,
        });
      }
    }
  }
  const countShift = new Map<string, number>();
  const planted = plantDifferences(rng, contracts, cutoverMonth, params.perKind ?? 2, countShift);
  const { feed, badItemSeqs } = buildFeed(contracts, presales, params.badItems ?? 4);
  return {
    seed: params.seed,
    presales,
    feed,
    ours: { filings: ourFilings(contracts), statistics: ourStatistics(contracts, countShift) },
    planted,
    badItemSeqs,
  };
}

function marketItem(c: SimContract, status: MarketFilingItem['status']): MarketFilingItem {
  return {
    id: c.marketId,
    ...(c.contractNumber ? { contractNumber: c.contractNumber } : {}),
    localContractNo: c.localContractNo,
    presaleNumber: c.presaleNumber,
    month: c.month,
    filingDate: c.filingDate,
    floorArea: c.marketAreaHundredths / 100,
    amountFen: c.marketAmountFen,
    status,
  };
}

/** The change feed: filed versions by date, cancellations later under the same id, bad items spread in. */
function buildFeed(
  contracts: SimContract[],
  presales: SimPresale[],
  badItems: number,
): { feed: FeedEntry[]; badItemSeqs: number[] } {
  const versions: Array<{ at: string; item: MarketFilingItem | Record<string, unknown> }> = [];
  for (const c of contracts.filter((x) => x.onMarket)) {
    versions.push({ at: `${c.filingDate}|${c.marketId}|0`, item: marketItem(c, 'FILED') });
    if (c.cancelledOn) versions.push({ at: `${c.cancelledOn}|${c.marketId}|1`, item: marketItem(c, 'CANCELLED') });
  }
  versions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const items = versions.map((v) => v.item);
  const badSeqs: number[] = [];
  for (let k = 0; k < badItems; k++) {
    const at = Math.floor(((k + 1) * items.length) / (badItems + 1)) + k;
    items.splice(at, 0, badItem(k, presales[k % presales.length]!.presaleNumber));
    badSeqs.push(at + 1);
  }
  return { feed: items.map((item, i) => ({ seq: i + 1, item })), badItemSeqs: badSeqs };
}

/** Malformed items a real feed occasionally carries; each breaks a different rule. */
function badItem(k: number, presaleNumber: string): Record<string, unknown> {
  const good = {
    id: `MPBAD${pad(k + 1, 4)}`,
    localContractNo: `WQBAD${pad(k + 1, 4)}`,
    presaleNumber,
    month: '2024-10',
    filingDate: '2024-10-08',
    floorArea: 88.8,
    amountFen: 88_800_000,
    status: 'FILED',
  };
  const variants: Array<Record<string, unknown>> = [
    { ...good, presaleNumber: '4302232024-X1' },
    { ...good, floorArea: -12.5 },
    { ...good, month: '2024-13' },
    { ...good, id: undefined },
    { ...good, contractNumber: '430000000000000000-Y01-B0001' },
    { ...good, amountFen: 12.34, status: 'UNKNOWN' },
  ];
  return variants[k % variants.length]!;
}

function ourFilings(contracts: SimContract[]): SimOurFiling[] {
  return contracts
    .filter((c) => c.contractNumber !== null && c.onOurs)
    .map((c) => ({
      contractNumber: c.contractNumber!,
      presaleNumber: c.presaleNumber,
      building: c.building,
      roomNumber: c.roomNumber,
      floor: c.floor,
      floorArea: c.areaHundredths / 100,
      amountFen: c.amountFen,
      filingDate: c.filingDate,
      status: c.cancelledOn ? 'CANCELLED' : 'ACTIVE',
    }));
}

/** Manual statistics of the months before the cut-over: what was really signed, plus planted count errors. */
function ourStatistics(contracts: SimContract[], countShift: Map<string, number>): SimOurStatistic[] {
  const sums = new Map<string, SimOurStatistic & { areaHundredths: number }>();
  for (const c of contracts.filter((x) => x.contractNumber === null)) {
    const key = `${c.presaleNumber}|${c.month}`;
    const s = sums.get(key) ?? {
      presaleNumber: c.presaleNumber,
      month: c.month,
      contractsSigned: 0,
      floorArea: 0,
      amountFen: 0,
      areaHundredths: 0,
    };
    if (!c.cancelledOn) {
      s.contractsSigned++;
      s.areaHundredths += c.areaHundredths;
      s.amountFen += c.amountFen;
    }
    sums.set(key, s);
  }
  return [...sums.entries()].map(([key, s]) => ({
    presaleNumber: s.presaleNumber,
    month: s.month,
    contractsSigned: s.contractsSigned + (countShift.get(key) ?? 0),
    floorArea: s.areaHundredths / 100,
    amountFen: s.amountFen,
  }));
}

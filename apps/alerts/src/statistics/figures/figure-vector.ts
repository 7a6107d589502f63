import { STATISTICS_FIGURES, StatisticsFigureV1 } from '@hn/messages';

/** The summary's figures kept as incremental aggregates (the alerts figures are read from the alerts). */
export const STOCK_FIGURES = STATISTICS_FIGURES.filter((f) => !f.startsWith('alerts.'));
export type StockFigure = Exclude<StatisticsFigureV1, `alerts.${string}`>;

export const ALERT_FIGURES = STATISTICS_FIGURES.filter((f) => f.startsWith('alerts.'));
export type AlertFigure = Extract<StatisticsFigureV1, `alerts.${string}`>;

/** The monthly flows: records issued, filed or cancelled in a month. */
export const FLOW_FIGURES = [
  'permits.count',
  'permits.floorArea',
  'permits.byProjectType.PRESALE',
  'permits.byProjectType.CURRENT_SALE',
  'permits.byProjectType.OTHER',
  'permits.byProjectType.UNMARKED',
  'permits.socialInvestment',
  'presale.y',
  'presale.z',
  'presale.presaleArea',
  'presale.units',
  'filings.filed',
  'filings.floorArea',
  'filings.amountFen',
  'filings.byPaymentMethod.FULL',
  'filings.byPaymentMethod.COMMERCIAL_LOAN',
  'filings.byPaymentMethod.PROVIDENT_FUND_LOAN',
  'filings.byPaymentMethod.COMBINED',
  'filings.cancelled',
] as const;
export type FlowFigure = (typeof FLOW_FIGURES)[number];

/** Figures whose integers are hundredths of m² (exact sums); shown divided by 100. */
export const AREA_FIGURES: ReadonlySet<string> = new Set([
  'permits.floorArea',
  'presale.presaleArea',
  'filings.floorArea',
]);

/** Integer values by figure; absent = 0. */
export type Vector<F extends string = string> = Partial<Record<F, number>>;

export function addInto<F extends string>(target: Vector<F>, v: Vector<F>, sign = 1): Vector<F> {
  for (const [k, n] of Object.entries(v) as Array<[F, number]>) {
    const sum = (target[k] ?? 0) + sign * n;
    if (sum === 0) delete target[k];
    else target[k] = sum;
  }
  return target;
}

export const isZero = (v: Vector): boolean => Object.values(v).every((n) => n === 0);

/** Same figures, same values (absent = 0). */
export function sameVector(a: Vector, b: Vector): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}

/** m² with two decimals → hundredths, exactly (the facts store numeric(14,2)). */
export function areaHundredths(value: number | string): number {
  return Math.round(Number(value) * 100);
}

import { addInto, Vector } from './figure-vector';
import { Contribution, monthOf } from './timeline';

/** Changes to apply to the aggregates, by "region|day" (daily, monthly) and "region|month" (flow). */
export interface Deltas {
  daily: Map<string, Vector>;
  monthly: Map<string, Vector>;
  flow: Map<string, Vector>;
}

export const noDeltas = (): Deltas => ({ daily: new Map(), monthly: new Map(), flow: new Map() });

function add(map: Map<string, Vector>, key: string, v: Vector, sign: number): void {
  const target = addInto(map.get(key) ?? {}, v, sign);
  if (Object.keys(target).length === 0) map.delete(key);
  else map.set(key, target);
}

/**
 * What replacing a group's contribution `before` with `after` changes in the aggregates: a stock row
 * adds its figures from its first day and takes them away on its end day; a flow row adds to its month.
 */
export function addContributionChange(into: Deltas, before: Contribution, after: Contribution): Deltas {
  const stock = (c: Contribution, sign: number): void => {
    for (const r of c.stock) {
      add(into.daily, `${r.region}|${r.from}`, r.figures, sign);
      add(into.monthly, `${r.region}|${monthOf(r.from)}`, r.figures, sign);
      if (r.to !== null) {
        add(into.daily, `${r.region}|${r.to}`, r.figures, -sign);
        add(into.monthly, `${r.region}|${monthOf(r.to)}`, r.figures, -sign);
      }
    }
    for (const r of c.flow) add(into.flow, `${r.region}|${r.month}`, r.figures, sign);
  };
  stock(before, -1);
  stock(after, 1);
  return into;
}

/** The entries of a delta map as (region, date, figures), sorted by key: the order rows are locked in. */
export function sortedEntries(map: Map<string, Vector>): Array<{ region: string; date: string; figures: Vector }> {
  return [...map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, figures]) => {
      const [region, date] = key.split('|') as [string, string];
      return { region, date, figures };
    });
}

import { Injectable } from '@nestjs/common';
import { StatisticsFigureV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { ALERT_FIGURES, FLOW_FIGURES, STOCK_FIGURES, Vector } from '../figures/figure-vector';
import {
  FIGURE_SQL,
  figureAggregate,
  FLOW_RECOUNT_SQL,
  RECORD_SETS,
  RecordSetName,
  setAggregateSql,
} from '../statistics-sets.sql';

/** Figures per region code on the records (the service maps the codes to regions in force and adds them up). */
export type ByRegion = Map<string, Vector>;

export interface RecordRow {
  key: string;
  reference: string | null;
  project_code: string | null;
  project_name: string;
  region_code: string;
  date: string | null;
  area: string | null;
  amount_fen: string | null;
  units: number | null;
}

const toVectors = (rows: Array<Record<string, string | number>>, figures: readonly string[]): ByRegion => {
  const out: ByRegion = new Map();
  for (const r of rows) {
    const v: Vector = {};
    for (const f of figures) if (Number(r[f]) !== 0) v[f] = Number(r[f]);
    out.set(String(r['region_code']), v);
  }
  return out;
};

const sums = (figures: readonly string[]): string => figures.map((f) => `sum("${f}")::bigint AS "${f}"`).join(', ');
const cols = (figures: readonly string[]): string => figures.map((f) => `"${f}"`).join(', ');

/** Every read of the statistics: the incremental aggregates, the open alerts and the records behind a figure. */
@Injectable()
export class StatisticsQueryRepository {
  /**
   * The stock figures at the end of day `asOf`: the months before its month plus its month's days up to it.
   * The month's first day is taken of `asOf` as a timestamp (immutable: folded once when planned); of a date
   * it would be date_trunc on timestamptz (stable: evaluated per row, ≈ 6× the scan of rm_stat_monthly).
   */
  async stock(m: EntityManager, asOf: string, codes: readonly string[]): Promise<ByRegion> {
    const rows = await m.query(
      `SELECT region_code, ${sums(STOCK_FIGURES)} FROM (
         SELECT region_code, ${cols(STOCK_FIGURES)} FROM rm_stat_monthly
          WHERE month < date_trunc('month', $1::timestamp)::date AND region_code = ANY ($2::text[])
         UNION ALL
         SELECT region_code, ${cols(STOCK_FIGURES)} FROM rm_stat_daily
          WHERE day >= date_trunc('month', $1::timestamp)::date AND day <= $1::date AND region_code = ANY ($2::text[])
       ) x GROUP BY region_code`,
      [asOf, [...codes]],
    );
    return toVectors(rows, STOCK_FIGURES);
  }

  /**
   * The same stock figures from the running totals: rm_stat_total (every change of the code, one row per code)
   * minus the changes dated after `asOf` (none but records dated ahead); today's summary reads this.
   */
  async stockNow(m: EntityManager, asOf: string, codes: readonly string[]): Promise<ByRegion> {
    const rows = await m.query(
      `SELECT region_code, ${sums(STOCK_FIGURES)} FROM (
         SELECT region_code, ${cols(STOCK_FIGURES)} FROM rm_stat_total WHERE region_code = ANY ($2::text[])
         UNION ALL
         SELECT region_code, ${STOCK_FIGURES.map((f) => `-"${f}"`).join(', ')} FROM rm_stat_daily
          WHERE day > $1::date AND region_code = ANY ($2::text[])
       ) x GROUP BY region_code`,
      [asOf, [...codes]],
    );
    return toVectors(rows, STOCK_FIGURES);
  }

  /** Open alerts now (the partial index of open alerts), or as recorded by the instant `at`. */
  async alerts(m: EntityManager, at: Date | null, asOf: string, codes: readonly string[]): Promise<ByRegion> {
    const figures = ALERT_FIGURES.map((f) => [f, FIGURE_SQL[f]] as const);
    const columns = figures.map(([name, f]) => `${figureAggregate(f)} AS "${name}"`).join(', ');
    const rows = at
      ? await m.query(`SELECT region_code, ${columns} FROM (${RECORD_SETS.alerts}) r GROUP BY region_code`, [
          at.toISOString(),
          asOf,
          [...codes],
        ])
      : await m.query(
          `SELECT region_code, ${columns} FROM alert
            WHERE state IN ('OPEN','FOLLOWING') AND region_code = ANY ($1::text[]) GROUP BY region_code`,
          [[...codes]],
        );
    return toVectors(rows, ALERT_FIGURES);
  }

  /** The monthly flows per region code and month (YYYY-MM-01), from the incremental rm_stat_flow. */
  async flows(m: EntityManager, from: string, to: string, codes: readonly string[]): Promise<Map<string, ByRegion>> {
    const rows: Array<Record<string, string>> = await m.query(
      `SELECT region_code, to_char(month, 'YYYY-MM-DD') AS month, ${cols(FLOW_FIGURES)} FROM rm_stat_flow
        WHERE month BETWEEN $1::date AND $2::date AND region_code = ANY ($3::text[])`,
      [from, to, [...codes]],
    );
    return byMonth(rows);
  }

  /** The monthly flows of a region (all its codes together), one vector per month YYYY-MM. */
  async flowTotals(m: EntityManager, from: string, to: string, codes: readonly string[]): Promise<Map<string, Vector>> {
    const rows: Array<Record<string, string>> = await m.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, ${sums(FLOW_FIGURES)} FROM rm_stat_flow
        WHERE month BETWEEN $1::date AND $2::date AND region_code = ANY ($3::text[]) GROUP BY month`,
      [from, to, [...codes]],
    );
    return new Map(
      toVectors(
        rows.map((r) => ({ ...r, region_code: r['month']! })),
        FLOW_FIGURES,
      ),
    );
  }

  /** The same flows recounted from the latest versions of the records (tests, consistency). */
  async recountFlows(
    m: EntityManager,
    from: string,
    to: string,
    codes: readonly string[],
  ): Promise<Map<string, ByRegion>> {
    return byMonth(await m.query(FLOW_RECOUNT_SQL, [from, to, [...codes]]));
  }

  /** The stock figures recounted from the records' versions at the instant `at` (tests, consistency). */
  async recountStock(m: EntityManager, at: Date, asOf: string, codes: readonly string[]): Promise<ByRegion> {
    const out: ByRegion = new Map();
    for (const set of ['permits', 'presale', 'projects', 'escrow', 'filings'] as RecordSetName[]) {
      const figures = STOCK_FIGURES.filter((f) => FIGURE_SQL[f].set === set).map((f) => [f, FIGURE_SQL[f]] as const);
      const rows = await m.query(setAggregateSql(set, figures), [at.toISOString(), asOf, [...codes]]);
      for (const [region, v] of toVectors(
        rows,
        figures.map(([f]) => f),
      ))
        out.set(region, { ...(out.get(region) ?? {}), ...v });
    }
    return out;
  }

  /** One page of the records a figure counts at `at`, and how many there are. */
  async records(
    m: EntityManager,
    figure: StatisticsFigureV1,
    at: Date,
    asOf: string,
    codes: readonly string[],
    page: { offset: number; limit: number },
  ): Promise<{ rows: RecordRow[]; total: number }> {
    const f = FIGURE_SQL[figure];
    const from = `(${RECORD_SETS[f.set]}) r WHERE ${f.where}`;
    const params = [at.toISOString(), asOf, [...codes]];
    const [{ total }] = (await m.query(`SELECT count(*)::int AS total FROM ${from}`, params)) as [{ total: number }];
    const amount = f.amount ?? 'amount_fen';
    const rows: RecordRow[] = await m.query(
      `SELECT key, reference, project_code, project_name, region_code, date::text AS date, area::text AS area,
              ${amount}::text AS amount_fen, units
         FROM ${from} ORDER BY r.date DESC NULLS LAST, r.key COLLATE "C" LIMIT $4 OFFSET $5`,
      [...params, page.limit, page.offset],
    );
    return { rows, total };
  }
}

function byMonth(rows: Array<Record<string, string>>): Map<string, ByRegion> {
  const out = new Map<string, ByRegion>();
  for (const r of rows) {
    const month = r['month']!.slice(0, 7);
    const regions = out.get(month) ?? new Map<string, Vector>();
    const v: Vector = { ...(regions.get(r['region_code']!) ?? {}) };
    for (const f of FLOW_FIGURES) if (Number(r[f]) !== 0) v[f] = (v[f] ?? 0) + Number(r[f]);
    regions.set(r['region_code']!, v);
    out.set(month, regions);
  }
  return out;
}

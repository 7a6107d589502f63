import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FLOW_FIGURES, STOCK_FIGURES, Vector } from '../figures/figure-vector';
import { Deltas, sortedEntries } from '../figures/deltas';
import { Contribution, FlowRow, StockRow } from '../figures/timeline';
import { FACT_TABLES, FactKind, insertVersionSql, nextAtSql, selectVersionsSql, versionOf } from './fact-tables.sql';

/** Every write and read of the statistics projection (rm_stat_*), in the consumer's transaction. */
@Injectable()
export class StatisticsFactsRepository {
  /**
   * Transaction-scoped locks on record keys (project:…, presale:…, filing:…), taken in the order of
   * their hashes so two events never wait on each other in a circle.
   */
  async lock(m: EntityManager, keys: readonly string[]): Promise<void> {
    const rows: Array<{ h: string }> = await m.query(
      `SELECT DISTINCT hashtextextended('stat:' || k, 13)::text AS h FROM unnest($1::text[]) k`,
      [[...new Set(keys)]],
    );
    const hashes = rows.map((r) => r.h).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    for (const h of hashes) await m.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [h]);
  }

  async insertVersions<K extends FactKind>(m: EntityManager, kind: K, versions: readonly object[]): Promise<void> {
    if (versions.length === 0) return;
    const t = FACT_TABLES[kind];
    for (const v of versions as Array<Record<string, unknown>>) {
      await m.query(insertVersionSql(t), [v['at'], v['event'], ...t.columns.map(([, field]) => v[field] ?? null)]);
    }
    const keys = [...new Set((versions as Array<Record<string, unknown>>).map((v) => String(v[keyField(kind)])))];
    await m.query(nextAtSql(t), [keys]);
  }

  /** Versions of the given records (or, with `by`, of the records whose column `by` is one of `keys`). */
  async versions<T>(m: EntityManager, kind: FactKind, keys: readonly string[], by?: string): Promise<T[]> {
    if (keys.length === 0) return [];
    const t = FACT_TABLES[kind];
    const rows: Array<Record<string, unknown>> = await m.query(selectVersionsSql(t, by), [[...new Set(keys)]]);
    return rows.map((r) => versionOf<T>(t, r));
  }

  /** Distinct project codes the versions of these permits (or presale permits) were recorded under. */
  async projectCodesOf(m: EntityManager, kind: 'permits' | 'presales', keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const t = FACT_TABLES[kind];
    const rows: Array<{ c: string }> = await m.query(
      `SELECT DISTINCT project_code AS c FROM ${t.table} WHERE ${t.key} = ANY ($1::text[])`,
      [[...keys]],
    );
    return rows.map((r) => r.c);
  }

  /** Permits (or presale permits) any version of which names one of the projects. */
  async recordsOfProjects(m: EntityManager, kind: 'permits' | 'presales', codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const t = FACT_TABLES[kind];
    const rows: Array<{ k: string }> = await m.query(
      `SELECT DISTINCT ${t.key} AS k FROM ${t.table} WHERE project_code = ANY ($1::text[])`,
      [[...codes]],
    );
    return rows.map((r) => r.k);
  }

  async contributions(m: EntityManager, groups: readonly string[]): Promise<Map<string, Contribution>> {
    const out = new Map<string, Contribution>(groups.map((g) => [g, { stock: [], flow: [] }]));
    if (groups.length === 0) return out;
    const rows: Array<{
      group_key: string;
      kind: 'STOCK' | 'FLOW';
      region_code: string;
      from_day: string | null;
      to_day: string | null;
      month: string | null;
      figures: Vector;
    }> = await m.query(
      `SELECT group_key, kind, region_code, from_day::text AS from_day, to_day::text AS to_day, month::text AS month,
              figures FROM rm_stat_contribution WHERE group_key = ANY ($1::text[]) ORDER BY group_key, seq`,
      [[...groups]],
    );
    for (const r of rows) {
      const c = out.get(r.group_key)!;
      if (r.kind === 'STOCK')
        c.stock.push({ region: r.region_code, from: r.from_day!, to: r.to_day, figures: r.figures });
      else c.flow.push({ region: r.region_code, month: r.month!, figures: r.figures });
    }
    return out;
  }

  async replaceContribution(m: EntityManager, group: string, c: Contribution): Promise<void> {
    await m.query(`DELETE FROM rm_stat_contribution WHERE group_key = $1`, [group]);
    const rows: Array<StockRow | FlowRow> = [...c.stock, ...c.flow];
    if (rows.length === 0) return;
    const params: unknown[] = [group];
    const values = rows.map((r, i) => {
      const stock = 'from' in r;
      params.push(i, stock ? 'STOCK' : 'FLOW', r.region, stock ? r.from : null, stock ? r.to : null);
      params.push(stock ? null : r.month, JSON.stringify(r.figures));
      const b = params.length - 7;
      return `($1, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::date, $${b + 5}::date, $${b + 6}::date, $${b + 7}::jsonb)`;
    });
    await m.query(
      `INSERT INTO rm_stat_contribution (group_key, seq, kind, region_code, from_day, to_day, month, figures)
       VALUES ${values.join(', ')}`,
      params,
    );
  }

  /** Adds the changes to the aggregates, each table's rows in key order. */
  async applyDeltas(m: EntityManager, d: Deltas): Promise<void> {
    await this.upsert(m, 'rm_stat_daily', 'day', STOCK_FIGURES, d.daily);
    await this.upsert(m, 'rm_stat_monthly', 'month', STOCK_FIGURES, d.monthly);
    await this.upsert(m, 'rm_stat_flow', 'month', FLOW_FIGURES, d.flow);
    await this.upsertTotals(m, d.monthly);
  }

  /** rm_stat_total: the monthly changes summed per region code (today's summary reads it, one row per code). */
  private async upsertTotals(m: EntityManager, monthly: Map<string, Vector>): Promise<void> {
    const byRegion = new Map<string, Vector>();
    for (const e of sortedEntries(monthly)) {
      const v = byRegion.get(e.region) ?? {};
      for (const f of STOCK_FIGURES) if (e.figures[f]) v[f] = (v[f] ?? 0) + e.figures[f]!;
      byRegion.set(e.region, v);
    }
    const entries = [...byRegion.entries()].filter(([, v]) => Object.values(v).some((n) => n !== 0));
    if (entries.length === 0) return;
    const params: unknown[] = [];
    const values = entries.map(([region, v]) => {
      params.push(region, ...STOCK_FIGURES.map((f) => v[f] ?? 0));
      const base = params.length - STOCK_FIGURES.length - 1;
      return `($${base + 1}, ${STOCK_FIGURES.map((_, i) => `$${base + 2 + i}::bigint`).join(', ')})`;
    });
    const cols = STOCK_FIGURES.map((f) => `"${f}"`);
    await m.query(
      `INSERT INTO rm_stat_total AS t (region_code, ${cols.join(', ')}) VALUES ${values.join(', ')}
       ON CONFLICT (region_code) DO UPDATE SET ${cols.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`,
      params,
    );
  }

  private async upsert(
    m: EntityManager,
    table: string,
    dateColumn: string,
    figures: readonly string[],
    changes: Map<string, Vector>,
  ): Promise<void> {
    const entries = sortedEntries(changes);
    if (entries.length === 0) return;
    const params: unknown[] = [];
    const values = entries.map((e) => {
      params.push(e.region, e.date, ...figures.map((f) => e.figures[f] ?? 0));
      const base = params.length - figures.length - 2;
      const cells = figures.map((_, i) => `$${base + 3 + i}::bigint`);
      return `($${base + 1}, $${base + 2}::date, ${cells.join(', ')})`;
    });
    const cols = figures.map((f) => `"${f}"`);
    await m.query(
      `INSERT INTO ${table} AS t (region_code, ${dateColumn}, ${cols.join(', ')}) VALUES ${values.join(', ')}
       ON CONFLICT (region_code, ${dateColumn}) DO UPDATE SET ${cols.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`,
      params,
    );
  }
}

function keyField(kind: FactKind): string {
  return FACT_TABLES[kind].columns.find(([c]) => c === FACT_TABLES[kind].key)![1];
}

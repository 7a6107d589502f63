import { Injectable } from '@nestjs/common';
import { RECONCILIATION_SORT, ReconciliationDifferenceV1, SortOrder } from '@hn/messages';
import { orderBy, regionCondition } from '@hn/persistence';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DifferenceRow } from './difference-row';

const DIFFERENCE_COLUMNS = `d.id, d.presale_number, d.month, d.region_code, d.count_delta, d.area_delta::text AS area_delta, d.amount_delta_fen::text AS amount_delta_fen,
  d.missing_on_ours, d.missing_on_market, d.mismatched, d.ours, d.market, d.fingerprint, d.run_id, d.last_run_id, d.found_at, d.state, d.explanation,
  d.acknowledged_by, d.acknowledged_at, d.resolved_at`;

/** A new difference as stored; figures as JSON text, the area delta in hundredths of m². */
export interface NewDifference {
  id: string;
  presaleNumber: string;
  month: string;
  regionCode: string;
  countDelta: number;
  areaDeltaHundredths: number;
  amountDeltaFen: number;
  missingOnOurs: string[];
  missingOnMarket: string[];
  mismatched: string[];
  ours: string;
  market: string;
  fingerprint: string;
  runId: string;
}

export interface DifferenceListFilter {
  regionPrefixes: string[];
  /** absent: every state but RESOLVED */
  state?: ReconciliationDifferenceV1['state'];
  sort?: SortOrder<DifferenceSortField>;
}

type DifferenceSortField = (typeof RECONCILIATION_SORT.fields)[number];

/** The column of each sortable field of the differences. */
const SORT_COLUMNS: Record<DifferenceSortField, string> = {
  foundAt: 'd.found_at',
  presaleNumber: 'd.presale_number',
  month: 'd.month',
  regionCode: 'd.region_code',
};

/** reconciliation_difference. Writes run on the caller's manager (one transaction per run or acknowledgement). */
@Injectable()
export class ReconciliationDifferenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page, newest first, and the total (two queries at once). */
  async list(
    filter: DifferenceListFilter,
    pageSize: number,
    offset: number,
  ): Promise<{ rows: DifferenceRow[]; total: number }> {
    const params: unknown[] = [filter.regionPrefixes];
    const where = [regionCondition('d.region_code', 1)];
    if (filter.state) {
      params.push(filter.state);
      where.push(`d.state = $${params.length}`);
    } else {
      where.push(`d.state <> 'RESOLVED'`);
    }
    const condition = where.join(' AND ');
    const [rows, counted] = await Promise.all([
      this.dataSource.query(
        `SELECT ${DIFFERENCE_COLUMNS} FROM reconciliation_difference d WHERE ${condition} ORDER BY ${orderBy(filter.sort, SORT_COLUMNS, 'd.id', 'd.found_at DESC, d.presale_number, d.month')} LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<DifferenceRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM reconciliation_difference d WHERE ${condition}`,
        params,
      ) as Promise<Array<{ total: number }>>,
    ]);
    return { rows, total: counted[0]?.total ?? 0 };
  }

  /** The differences with these ids, by permit and month (on the run's connection). */
  findByIds(runner: QueryRunner, ids: string[]): Promise<DifferenceRow[]> {
    return runner.query(
      `SELECT ${DIFFERENCE_COLUMNS} FROM reconciliation_difference d WHERE d.id = ANY($1::uuid[]) ORDER BY d.presale_number, d.month`,
      [ids],
    ) as Promise<DifferenceRow[]>;
  }

  async findForUpdate(m: EntityManager, id: string): Promise<DifferenceRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${DIFFERENCE_COLUMNS} FROM reconciliation_difference d WHERE d.id = $1 FOR UPDATE`,
      [id],
    )) as DifferenceRow[];
    return row;
  }

  async acknowledge(m: EntityManager, id: string, explanation: string, acknowledgedBy: string): Promise<DifferenceRow> {
    const [updated] = (await m.query(
      `UPDATE reconciliation_difference d SET state = 'ACKNOWLEDGED', explanation = $2, acknowledged_by = $3, acknowledged_at = now() WHERE d.id = $1 RETURNING ${DIFFERENCE_COLUMNS}`,
      [id, explanation, acknowledgedBy],
    )) as [DifferenceRow[], number];
    return updated[0]!;
  }

  /** The current (not RESOLVED) difference of a permit and month, locked. */
  async findCurrentForUpdate(
    m: EntityManager,
    presaleNumber: string,
    month: string,
  ): Promise<{ id: string; fingerprint: string } | undefined> {
    const [current] = (await m.query(
      `SELECT id, fingerprint FROM reconciliation_difference WHERE presale_number = $1 AND month = $2 AND state <> 'RESOLVED' FOR UPDATE`,
      [presaleNumber, month],
    )) as Array<{ id: string; fingerprint: string }>;
    return current;
  }

  /** An unchanged difference seen again: the run and the latest figures (JSON text). */
  async markSeen(m: EntityManager, id: string, runId: string, ours: string, market: string): Promise<void> {
    await m.query(
      `UPDATE reconciliation_difference SET last_run_id = $2, ours = $3::jsonb, market = $4::jsonb WHERE id = $1`,
      [id, runId, ours, market],
    );
  }

  async insert(m: EntityManager, d: NewDifference): Promise<DifferenceRow> {
    const [row] = (await m.query(
      `INSERT INTO reconciliation_difference AS d (id, presale_number, month, region_code, count_delta, area_delta, amount_delta_fen, missing_on_ours, missing_on_market,
             mismatched, ours, market, fingerprint, run_id, last_run_id)
           VALUES ($1, $2, $3, $4, $5, $6::numeric / 100, $7, $8::text[], $9::text[], $10::text[], $11::jsonb, $12::jsonb, $13, $14, $14)
           RETURNING ${DIFFERENCE_COLUMNS}`,
      [
        d.id,
        d.presaleNumber,
        d.month,
        d.regionCode,
        d.countDelta,
        d.areaDeltaHundredths,
        d.amountDeltaFen,
        d.missingOnOurs,
        d.missingOnMarket,
        d.mismatched,
        d.ours,
        d.market,
        d.fingerprint,
        d.runId,
      ],
    )) as DifferenceRow[];
    return row!;
  }

  /** Resolves one current difference (superseded by a changed one); returns the closed rows. */
  resolveById(m: EntityManager, runId: string, id: string): Promise<DifferenceRow[]> {
    return this.resolve(m, runId, `id = $2`, [id]);
  }

  /** Resolves every current difference this run did not find again. */
  resolveNotSeenIn(m: EntityManager, runId: string): Promise<DifferenceRow[]> {
    return this.resolve(m, runId, `last_run_id <> $1`, []);
  }

  /** Closes current differences matching `condition` ($1 = run id). */
  private async resolve(
    m: EntityManager,
    runId: string,
    condition: string,
    params: unknown[],
  ): Promise<DifferenceRow[]> {
    const [rows] = (await m.query(
      `UPDATE reconciliation_difference d SET state = 'RESOLVED', resolved_at = now(), resolved_run_id = $1 WHERE d.state <> 'RESOLVED' AND ${condition}
       RETURNING ${DIFFERENCE_COLUMNS}`,
      [runId, ...params],
    )) as [DifferenceRow[], number];
    return rows;
  }
}

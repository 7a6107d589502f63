import { Injectable } from '@nestjs/common';
import { SIGNING_STATISTIC_SORT, SigningStatisticKindV1, SigningStatisticV1, SortOrder } from '@hn/messages';
import { orderBy, regionCondition } from '@hn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { StatisticRow } from './signing-statistic-row';

/** Columns of a signing statistic as read by every query (joined with the presale replica for the name). */
const STATISTIC_COLUMNS = `s.presale_number, s.month, s.region_code, s.kind, s.contracts_signed, s.floor_area::text AS floor_area,
  s.amount_fen::text AS amount_fen, s.state, s.version, s.entered_by, s.created_at, s.updated_at, s.submitted_at, s.submitted_by,
  (SELECT p.project_name FROM presale_replica p WHERE p.presale_number = s.presale_number) AS project_name`;

export interface StatisticVersionInput {
  presaleNumber: string;
  month: string;
  kind: SigningStatisticKindV1;
  contractsSigned: number;
  /** numeric text with two decimals */
  floorArea: string;
  amountFen: number;
  enteredBy: string;
}

export interface StatisticListFilter {
  regionPrefixes: string[];
  presaleNumber?: unknown;
  month?: unknown;
  state?: SigningStatisticV1['state'];
  sort?: SortOrder<StatisticSortField>;
}

type StatisticSortField = (typeof SIGNING_STATISTIC_SORT.fields)[number];

/** The column of each sortable field of the statistics (primary key: presale number, month). */
const SORT_COLUMNS: Record<StatisticSortField, string> = {
  month: 's.month',
  presaleNumber: 's.presale_number',
  regionCode: 's.region_code',
  updatedAt: 's.updated_at',
};

/**
 * signing_statistic (current record per permit and month) and signing_statistic_version (every
 * version). Writes run on the caller's manager, inside its transaction and advisory lock.
 */
@Injectable()
export class SigningStatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findPresale(m: EntityManager, presaleNumber: string): Promise<Array<{ region_code: string; issue_month: string }>> {
    return m.query(
      `SELECT region_code, to_char(issue_date, 'YYYY-MM') AS issue_month FROM presale_replica WHERE presale_number = $1`,
      [presaleNumber],
    );
  }

  /** Serialises changes of the same records (months sorted: concurrent submits cannot deadlock). */
  async lock(m: EntityManager, presaleNumber: string, months: string[]): Promise<void> {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('contracts-stat:' || $1 || ':' || mo, 13)) FROM unnest($2::text[]) WITH ORDINALITY AS t(mo, i) ORDER BY i`,
      [presaleNumber, [...months].sort()],
    );
  }

  async findOne(m: EntityManager, presaleNumber: string, month: string): Promise<StatisticRow | undefined> {
    const rows: StatisticRow[] = await m.query(
      `SELECT ${STATISTIC_COLUMNS} FROM signing_statistic s WHERE s.presale_number = $1 AND s.month = $2`,
      [presaleNumber, month],
    );
    return rows[0];
  }

  findMonths(m: EntityManager, presaleNumber: string, months: string[]): Promise<StatisticRow[]> {
    return m.query(
      `SELECT ${STATISTIC_COLUMNS} FROM signing_statistic s WHERE s.presale_number = $1 AND s.month = ANY($2::text[])`,
      [presaleNumber, months],
    );
  }

  findMonthsOrdered(m: EntityManager, presaleNumber: string, months: string[]): Promise<StatisticRow[]> {
    return m.query(
      `SELECT ${STATISTIC_COLUMNS} FROM signing_statistic s WHERE s.presale_number = $1 AND s.month = ANY($2::text[]) ORDER BY s.month`,
      [presaleNumber, months],
    );
  }

  /** Appends the next version; returns its number. */
  async insertVersion(m: EntityManager, v: StatisticVersionInput): Promise<number> {
    const [{ version }] = (await m.query(
      `INSERT INTO signing_statistic_version (presale_number, month, version, kind, contracts_signed, floor_area, amount_fen, entered_by)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5::numeric, $6, $7 FROM signing_statistic_version WHERE presale_number = $1 AND month = $2
         RETURNING version`,
      [v.presaleNumber, v.month, v.kind, v.contractsSigned, v.floorArea, v.amountFen, v.enteredBy],
    )) as Array<{ version: number }>;
    return version;
  }

  /** Makes `version` the current record (created or replaced). */
  async upsertCurrent(m: EntityManager, v: StatisticVersionInput, regionCode: string, version: number): Promise<void> {
    await m.query(
      `INSERT INTO signing_statistic AS s (presale_number, month, region_code, kind, contracts_signed, floor_area, amount_fen, version, entered_by)
         VALUES ($1, $2, $3, $4, $5, $6::numeric, $7, $8, $9)
         ON CONFLICT (presale_number, month) DO UPDATE SET kind = EXCLUDED.kind, contracts_signed = EXCLUDED.contracts_signed, floor_area = EXCLUDED.floor_area,
           amount_fen = EXCLUDED.amount_fen, version = EXCLUDED.version, entered_by = EXCLUDED.entered_by, updated_at = now()`,
      [v.presaleNumber, v.month, regionCode, v.kind, v.contractsSigned, v.floorArea, v.amountFen, version, v.enteredBy],
    );
  }

  async markVersionWithdrawn(
    m: EntityManager,
    presaleNumber: string,
    month: string,
    version: number,
    withdrawnBy: string,
  ): Promise<void> {
    await m.query(
      `UPDATE signing_statistic_version SET withdrawn_at = now(), withdrawn_by = $4 WHERE presale_number = $1 AND month = $2 AND version = $3`,
      [presaleNumber, month, version, withdrawnBy],
    );
  }

  /** The previous live version becomes current again; false when there is none (nothing updated). */
  async restorePreviousVersion(
    m: EntityManager,
    presaleNumber: string,
    month: string,
    version: number,
  ): Promise<boolean> {
    const restored = (await m.query(
      `UPDATE signing_statistic s SET kind = v.kind, contracts_signed = v.contracts_signed, floor_area = v.floor_area, amount_fen = v.amount_fen,
           version = v.version, entered_by = v.entered_by, updated_at = now()
         FROM (SELECT * FROM signing_statistic_version WHERE presale_number = $1 AND month = $2 AND version < $3 AND withdrawn_at IS NULL
               ORDER BY version DESC LIMIT 1) v
         WHERE s.presale_number = $1 AND s.month = $2 RETURNING s.version`,
      [presaleNumber, month, version],
    )) as [Array<{ version: number }>, number];
    return restored[1] !== 0;
  }

  async deleteCurrent(m: EntityManager, presaleNumber: string, month: string): Promise<void> {
    await m.query(`DELETE FROM signing_statistic WHERE presale_number = $1 AND month = $2`, [presaleNumber, month]);
  }

  /** Locks the months' records and their current versions as SUBMITTED. */
  async markSubmitted(m: EntityManager, presaleNumber: string, months: string[], submittedBy: string): Promise<void> {
    await m.query(
      `UPDATE signing_statistic SET state = 'SUBMITTED', submitted_at = now(), submitted_by = $3, updated_at = now() WHERE presale_number = $1 AND month = ANY($2::text[])`,
      [presaleNumber, months, submittedBy],
    );
    await m.query(
      `UPDATE signing_statistic_version v SET submitted_at = now() FROM signing_statistic s
         WHERE s.presale_number = $1 AND s.month = ANY($2::text[]) AND v.presale_number = s.presale_number AND v.month = s.month AND v.version = s.version`,
      [presaleNumber, months],
    );
  }

  /** One page, newest month first, and the total (two queries at once). */
  async list(
    filter: StatisticListFilter,
    pageSize: number,
    offset: number,
  ): Promise<{ rows: StatisticRow[]; total: number }> {
    const params: unknown[] = [filter.regionPrefixes];
    const where = [regionCondition('s.region_code', 1)];
    if (filter.presaleNumber !== undefined) {
      params.push(filter.presaleNumber);
      where.push(`s.presale_number = $${params.length}`);
    }
    if (filter.month !== undefined) {
      params.push(filter.month);
      where.push(`s.month = $${params.length}`);
    }
    if (filter.state !== undefined) {
      params.push(filter.state);
      where.push(`s.state = $${params.length}`);
    }
    const condition = where.join(' AND ');
    const [rows, counted] = await Promise.all([
      this.dataSource.query(
        `SELECT ${STATISTIC_COLUMNS} FROM signing_statistic s WHERE ${condition} ORDER BY ${orderBy(filter.sort, SORT_COLUMNS, 's.presale_number, s.month', 's.month DESC, s.presale_number')} LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<StatisticRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM signing_statistic s WHERE ${condition}`,
        params,
      ) as Promise<Array<{ total: number }>>,
    ]);
    return { rows, total: counted[0]?.total ?? 0 };
  }
}

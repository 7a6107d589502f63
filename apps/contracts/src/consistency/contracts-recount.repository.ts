import { Injectable } from '@nestjs/common';
import {
  consistencyFiguresOf,
  figureCountsOf,
  recountColumn as c,
  ReportedSigningStatisticV1,
  SourceFigureCountV1,
} from '@hn/messages';
import { DataSource } from 'typeorm';

/** The end of the asOf China day ($2), exclusive. */
const END_OF_DAY = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * 网签备案 as the statistics count them, per project: real (not sandbox) filings dated on or before
 * asOf and filed (filed_at) by the end of that day, in the codes counted under the region ($1);
 * valid = not cancelled by then (cancelled_at), cancelled = cancelled by then.
 */
export const CONTRACTS_RECOUNT_SQL = `
  SELECT f.project_code,
         count(*) FILTER (WHERE f.cancelled_at IS NULL OR f.cancelled_at >= ${END_OF_DAY}) AS ${c('filings.count')},
         count(*) FILTER (WHERE f.cancelled_at < ${END_OF_DAY}) AS ${c('filings.cancelled')}
    FROM contract_filing f
   WHERE NOT f.sandbox AND f.filing_date <= $2::date AND f.filed_at < ${END_OF_DAY}
     AND f.region_code::text = ANY ($1::text[])
   GROUP BY f.project_code`;

/**
 * 网签统计 as the counties reported them: SUBMITTED statistics (submitted_at by the end of asOf) of the
 * months since the cut-over ($3, PERIODIC: the months whose filings all carry unified numbers) up to the
 * month of asOf, in the codes counted under the region ($1); the project from the presale replica.
 */
export const REPORTED_SIGNING_STATISTICS_SQL = `
  SELECT s.presale_number, r.project_code, s.region_code::text AS region_code, s.month::text AS month,
         s.contracts_signed, s.floor_area::text AS floor_area, s.amount_fen::text AS amount_fen
    FROM signing_statistic s
    LEFT JOIN presale_replica r ON r.presale_number = s.presale_number
   WHERE s.state = 'SUBMITTED' AND s.submitted_at < ${END_OF_DAY}
     AND s.month >= $3 AND s.month <= to_char($2::date, 'YYYY-MM')
     AND s.region_code::text = ANY ($1::text[])
   ORDER BY s.region_code, s.month, s.presale_number`;

/** The same statistics a page at a time: after the cursor ($4 region, $5 month, $6 presale number; NULL: the first), $7 rows. */
export const REPORTED_SIGNING_STATISTICS_PAGE_SQL = `
  SELECT s.presale_number, r.project_code, s.region_code::text AS region_code, s.month::text AS month,
         s.contracts_signed, s.floor_area::text AS floor_area, s.amount_fen::text AS amount_fen
    FROM signing_statistic s
    LEFT JOIN presale_replica r ON r.presale_number = s.presale_number
   WHERE s.state = 'SUBMITTED' AND s.submitted_at < ${END_OF_DAY}
     AND s.month >= $3 AND s.month <= to_char($2::date, 'YYYY-MM')
     AND s.region_code::text = ANY ($1::text[])
     AND ($4::text IS NULL OR (s.region_code::text, s.month::text, s.presale_number::text) > ($4::text, $5::text, $6::text))
   ORDER BY s.region_code::text, s.month::text, s.presale_number::text
   LIMIT $7`;

interface ReportedRow {
  presale_number: string;
  project_code: string | null;
  region_code: string;
  month: string;
  contracts_signed: number;
  floor_area: string;
  amount_fen: string;
}

@Injectable()
export class ContractsRecountRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recount(codes: readonly string[], asOf: string): Promise<SourceFigureCountV1[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(CONTRACTS_RECOUNT_SQL, [[...codes], asOf]);
    return figureCountsOf(consistencyFiguresOf('contracts'), rows);
  }

  async reportedStatistics(
    codes: readonly string[],
    asOf: string,
    cutoverMonth: string,
  ): Promise<ReportedSigningStatisticV1[]> {
    const rows: ReportedRow[] = await this.dataSource.query(REPORTED_SIGNING_STATISTICS_SQL, [
      [...codes],
      asOf,
      cutoverMonth,
    ]);
    return rows.map(reportedOf);
  }

  /** One page (`limit` rows) after the cursor "region|month|presaleNumber" (null: the first page). */
  async reportedStatisticsPage(
    codes: readonly string[],
    asOf: string,
    cutoverMonth: string,
    after: string | null,
    limit: number,
  ): Promise<ReportedSigningStatisticV1[]> {
    const [region, month, presale] = after ? after.split('|') : [null, null, null];
    const rows: ReportedRow[] = await this.dataSource.query(REPORTED_SIGNING_STATISTICS_PAGE_SQL, [
      [...codes],
      asOf,
      cutoverMonth,
      region,
      month,
      presale,
      limit,
    ]);
    return rows.map(reportedOf);
  }
}

function reportedOf(r: ReportedRow): ReportedSigningStatisticV1 {
  return {
    presaleNumber: r.presale_number,
    projectCode: r.project_code,
    regionCode: r.region_code,
    month: r.month,
    contractsSigned: r.contracts_signed,
    floorArea: Number(r.floor_area),
    amountFen: Number(r.amount_fen),
  };
}

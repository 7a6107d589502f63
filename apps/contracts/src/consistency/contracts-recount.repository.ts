import { Injectable } from '@nestjs/common';
import { consistencyFiguresOf, figureCountsOf, recountColumn as c, SourceFigureCountV1 } from '@hn/messages';
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

@Injectable()
export class ContractsRecountRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recount(codes: readonly string[], asOf: string): Promise<SourceFigureCountV1[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(CONTRACTS_RECOUNT_SQL, [[...codes], asOf]);
    return figureCountsOf(consistencyFiguresOf('contracts'), rows);
  }
}

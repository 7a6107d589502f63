import { Injectable } from '@nestjs/common';
import { consistencyFiguresOf, figureCountsOf, recountColumn as c, SourceFigureCountV1 } from '@hn/messages';
import { DataSource } from 'typeorm';

/** The end of the asOf China day ($2), exclusive. */
const END_OF_DAY = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * 资金监管 as the statistics count it, per project: presale permits whose escrow record was
 * submitted by the end of asOf (escrow_record.submitted_at, the first submission; a correction keeps
 * it submitted), the permit issued on or before asOf, in the codes counted under the region ($1).
 * Project, region and issue date are the presale permit's as this service's replica holds them now
 * (the replica keeps no history: the nearest rule).
 */
export const ESCROW_RECOUNT_SQL = `
  SELECT s.project_code, count(*) AS ${c('escrow.submitted')}
    FROM escrow_record e
    JOIN presale_replica s ON s.presale_number = e.presale_number
   WHERE e.state = 'SUBMITTED' AND e.submitted_at < ${END_OF_DAY}
     AND s.issue_date <= $2::date AND s.region_code::text = ANY ($1::text[])
   GROUP BY s.project_code`;

@Injectable()
export class EscrowRecountRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recount(codes: readonly string[], asOf: string): Promise<SourceFigureCountV1[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(ESCROW_RECOUNT_SQL, [[...codes], asOf]);
    return figureCountsOf(consistencyFiguresOf('escrow'), rows);
  }
}

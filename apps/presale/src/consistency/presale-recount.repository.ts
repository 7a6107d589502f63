import { Injectable } from '@nestjs/common';
import { consistencyFiguresOf, figureCountsOf, recountColumn as c, SourceFigureCountV1 } from '@hn/messages';
import { DataSource } from 'typeorm';

/** The end of the asOf China day ($2), exclusive. */
const END_OF_DAY = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * 预售许可 as the statistics count them, per project: real (not sandbox) permits, Y registered by
 * the end of asOf (issued_at), Z submitted by then (presale_backfill.submitted_at; drafts and
 * withdrawn ones never count), each as the record stood then — a permit corrected later is read
 * from the version the correction replaced (presale_permit_version) — with its issue date on or
 * before asOf and its region among the codes counted under the region ($1).
 */
export const PRESALE_RECOUNT_SQL = `
  WITH r AS (
    SELECT p.letter,
           coalesce((SELECT v.record FROM presale_permit_version v
                      WHERE v.sandbox = p.sandbox AND v.presale_number = p.presale_number
                        AND v.corrected_at >= ${END_OF_DAY}
                      ORDER BY v.version LIMIT 1), p.record) AS record
      FROM presale_permit p
      LEFT JOIN presale_backfill b ON b.sandbox = p.sandbox AND b.presale_number = p.presale_number
     WHERE NOT p.sandbox AND p.status <> 'WITHDRAWN'
       AND CASE WHEN p.letter = 'Y' THEN p.issued_at < ${END_OF_DAY}
                ELSE b.state = 'SUBMITTED' AND b.submitted_at < ${END_OF_DAY} END)
  SELECT r.record->>'projectCode' AS project_code,
         count(*) FILTER (WHERE r.letter = 'Y') AS ${c('presale.y')},
         count(*) FILTER (WHERE r.letter = 'Z') AS ${c('presale.z')}
    FROM r
   WHERE r.record->>'regionCode' = ANY ($1::text[]) AND (r.record->>'issueDate')::date <= $2::date
   GROUP BY r.record->>'projectCode'`;

@Injectable()
export class PresaleRecountRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recount(codes: readonly string[], asOf: string): Promise<SourceFigureCountV1[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(PRESALE_RECOUNT_SQL, [[...codes], asOf]);
    return figureCountsOf(consistencyFiguresOf('presale'), rows);
  }
}

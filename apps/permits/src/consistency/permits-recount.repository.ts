import { Injectable } from '@nestjs/common';
import { consistencyFiguresOf, figureCountsOf, recountColumn as c, SourceFigureCountV1 } from '@hn/messages';
import { DataSource } from 'typeorm';

/** The end of the asOf China day ($2), exclusive: records registered before it count. */
const END_OF_DAY = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * 施工许可 as the statistics count them (docs/statistics.md 口径), per project: VALID permits issued
 * on or before asOf ($2) and registered (created_at) by the end of that day, in the region codes
 * counted under the region ($1: the region, its counties and retired codes), by the project's type.
 * The permits service keeps no history of a permit's status or a project's type: both are taken as
 * they are now (the nearest rule; see docs/statistics.md, 从源头纠正).
 */
export const PERMITS_RECOUNT_SQL = `
  SELECT cp.project_code,
         count(*) AS ${c('permits.count')},
         count(*) FILTER (WHERE pr.project_type = 'PRESALE') AS ${c('permits.byProjectType.PRESALE')},
         count(*) FILTER (WHERE pr.project_type = 'CURRENT_SALE') AS ${c('permits.byProjectType.CURRENT_SALE')},
         count(*) FILTER (WHERE pr.project_type = 'OTHER') AS ${c('permits.byProjectType.OTHER')},
         count(*) FILTER (WHERE pr.project_type IS NULL) AS ${c('permits.byProjectType.UNMARKED')}
    FROM construction_permit cp
    JOIN project pr ON pr.project_code = cp.project_code
   WHERE cp.status = 'VALID' AND cp.issue_date <= $2::date AND cp.created_at < ${END_OF_DAY}
     AND cp.region_code::text = ANY ($1::text[])
   GROUP BY cp.project_code`;

@Injectable()
export class PermitsRecountRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recount(codes: readonly string[], asOf: string): Promise<SourceFigureCountV1[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(PERMITS_RECOUNT_SQL, [[...codes], asOf]);
    return figureCountsOf(consistencyFiguresOf('permits'), rows);
  }
}

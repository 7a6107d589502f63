import { Injectable } from '@nestjs/common';
import {
  CONSISTENCY_FIGURE_NAMES,
  ConsistencyFigureV1,
  figureCountsOf,
  recountColumn,
  SourceFigureCountV1,
} from '@hn/messages';
import { EntityManager } from 'typeorm';
import { FIGURE_SQL, RECORD_SETS, RecordSetName } from '../statistics-sets.sql';
import { IssuedFilingMonth } from './signing-statistics-compare';

/**
 * The set and the condition of each compared figure over the statistics' record sets: the figures of
 * the summary as their drill-down lists them (FIGURE_SQL), plus escrow.submitted — the presale
 * permits with a submitted escrow record (has_record), which the escrow service recounts.
 */
export const CONSISTENCY_SETS: Record<ConsistencyFigureV1, { set: RecordSetName; where: string }> = {
  'permits.count': FIGURE_SQL['permits.count'],
  'permits.byProjectType.PRESALE': FIGURE_SQL['permits.byProjectType.PRESALE'],
  'permits.byProjectType.CURRENT_SALE': FIGURE_SQL['permits.byProjectType.CURRENT_SALE'],
  'permits.byProjectType.OTHER': FIGURE_SQL['permits.byProjectType.OTHER'],
  'permits.byProjectType.UNMARKED': FIGURE_SQL['permits.byProjectType.UNMARKED'],
  'presale.y': FIGURE_SQL['presale.y'],
  'presale.z': FIGURE_SQL['presale.z'],
  'escrow.submitted': { set: 'escrow', where: 'has_record' },
  'filings.count': FIGURE_SQL['filings.count'],
  'filings.cancelled': FIGURE_SQL['filings.cancelled'],
};

/** One statement per record set: the compared figures of the set per project code. */
export function perProjectSql(set: RecordSetName, figures: readonly ConsistencyFigureV1[]): string {
  const columns = figures.map((f) => {
    const where = CONSISTENCY_SETS[f].where;
    return `count(*)${where === 'true' ? '' : ` FILTER (WHERE ${where})`} AS ${recountColumn(f)}`;
  });
  return `SELECT coalesce(project_code, '') AS project_code, ${columns.join(', ')}
            FROM (${RECORD_SETS[set]}) r GROUP BY 1`;
}

/**
 * The filings issued per presale permit and filing month ($4: YYYY-MM months), valid (ACTIVE) at $1 —
 * the drill-down's filings set, so the figures are those of filings.count / floorArea / amountFen.
 */
export const ISSUED_FILING_MONTHS_SQL = `
  SELECT r.region_code, to_char(r.date, 'YYYY-MM') AS month, r.reference AS presale_number, r.project_code,
         count(*)::int AS contracts, round(sum(r.area) * 100)::bigint::text AS area_hundredths,
         sum(r.amount_fen)::text AS amount_fen
    FROM (${RECORD_SETS.filings}) r
   WHERE r.status = 'ACTIVE' AND to_char(r.date, 'YYYY-MM') = ANY ($4::text[])
   GROUP BY 1, 2, 3, 4`;

/** The statistics' side of the check: per-project counts from the facts (rm_stat_*) at the instant T. */
@Injectable()
export class ConsistencyRecountRepository {
  async recount(
    m: EntityManager,
    at: Date,
    asOf: string,
    codes: readonly string[],
  ): Promise<Map<ConsistencyFigureV1, SourceFigureCountV1>> {
    const bySet = new Map<RecordSetName, ConsistencyFigureV1[]>();
    for (const f of CONSISTENCY_FIGURE_NAMES) {
      const set = CONSISTENCY_SETS[f].set;
      bySet.set(set, [...(bySet.get(set) ?? []), f]);
    }
    const out = new Map<ConsistencyFigureV1, SourceFigureCountV1>();
    for (const [set, figures] of bySet) {
      const rows: Array<Record<string, unknown>> = await m.query(perProjectSql(set, figures), [
        at.toISOString(),
        asOf,
        [...codes],
      ]);
      for (const count of figureCountsOf(figures, rows)) out.set(count.figure, count);
    }
    return out;
  }

  async issuedFilingMonths(
    m: EntityManager,
    at: Date,
    asOf: string,
    codes: readonly string[],
    months: readonly string[],
  ): Promise<IssuedFilingMonth[]> {
    if (months.length === 0) return [];
    const rows: Array<{
      region_code: string;
      month: string;
      presale_number: string;
      project_code: string | null;
      contracts: number;
      area_hundredths: string;
      amount_fen: string;
    }> = await m.query(ISSUED_FILING_MONTHS_SQL, [at.toISOString(), asOf, [...codes], [...months]]);
    return rows.map((r) => ({
      presaleNumber: r.presale_number,
      projectCode: r.project_code,
      regionCode: r.region_code,
      month: r.month,
      contractsSigned: r.contracts,
      areaHundredths: Number(r.area_hundredths),
      amountFen: Number(r.amount_fen),
    }));
  }
}

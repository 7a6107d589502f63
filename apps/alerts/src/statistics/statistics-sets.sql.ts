import { SOCIAL_INVESTMENT_CATEGORY, StatisticsFigureV1 } from '@hn/messages';
import { FLOW_FIGURES } from './figures/figure-vector';

/**
 * The record sets behind the statistics, as SQL over the per-record facts (rm_stat_*) and the alerts.
 * Parameters of every set: $1 the instant T (end of the asOf China day), $2 the asOf date, $3 the
 * region codes read (text[]: a region, its counties and the retired codes counted there).
 * Every set yields the same columns (key, reference, project_code, project_name, region_code, date,
 * area, amount columns, units) plus the columns its figures test.
 */

export type RecordSetName = 'permits' | 'presale' | 'projects' | 'escrow' | 'filings' | 'alerts';

/** The version of a record in force at $1. */
const at = (a: string): string => `${a}.version_at <= $1 AND (${a}.next_at IS NULL OR ${a}.next_at > $1)`;
const inRegions = (a: string): string => `${a}.region_code = ANY ($3::text[])`;

const PRESALE_AT = `SELECT s.* FROM rm_stat_presale s
   WHERE ${at('s')} AND NOT s.superseded AND s.issue_date <= $2`;

export const RECORD_SETS: Record<RecordSetName, string> = {
  // valid construction permits issued by the date, with their project's type then
  permits: `
    SELECT p.permit_number AS key, NULL::text AS reference, p.project_code, p.project_name, p.region_code,
           p.issue_date AS date, p.floor_area AS area, NULL::bigint AS amount_fen, NULL::int AS units,
           pr.project_type, p.category
      FROM rm_stat_permit p
      LEFT JOIN rm_stat_project pr ON pr.project_code = p.project_code AND ${at('pr')}
     WHERE ${at('p')} AND p.status = 'VALID' AND p.issue_date <= $2 AND ${inRegions('p')}`,
  presale: `
    SELECT s.presale_number AS key, NULL::text AS reference, s.project_code, s.project_name, s.region_code,
           s.issue_date AS date, s.presale_area AS area, NULL::bigint AS amount_fen, s.unit_count AS units, s.letter
      FROM (${PRESALE_AT}) s
     WHERE ${inRegions('s')}`,
  // projects typed PRESALE with no presale permit by the date
  projects: `
    SELECT pr.project_code AS key, NULL::text AS reference, pr.project_code, pr.project_name, pr.region_code,
           NULL::date AS date, NULL::numeric AS area, NULL::bigint AS amount_fen, NULL::int AS units
      FROM rm_stat_project pr
     WHERE ${at('pr')} AND pr.project_type = 'PRESALE' AND ${inRegions('pr')}
       AND NOT EXISTS (SELECT 1 FROM (${PRESALE_AT} AND s.project_code = pr.project_code) x)`,
  // every presale permit with its submitted escrow record then (Y: the account named at issue)
  escrow: `
    SELECT s.presale_number AS key, NULL::text AS reference, s.project_code, s.project_name, s.region_code,
           s.issue_date AS date, NULL::numeric AS area, NULL::bigint AS amount_fen, NULL::int AS units,
           e.presale_number IS NOT NULL AS has_record,
           e.capital_guarantee_fen AS guarantee_fen, coalesce(e.commitment_letter, false) AS commitment_letter,
           e.balance_fen,
           CASE WHEN e.presale_number IS NOT NULL
                  THEN CASE WHEN e.fund_supervision THEN 'SUPERVISED' ELSE 'NOT_SUPERVISED' END
                WHEN s.letter = 'Z' THEN 'NO_RECORD'
                WHEN s.fund_supervision THEN 'SUPERVISED'
                ELSE 'NOT_SUPERVISED' END AS supervision
      FROM (${PRESALE_AT}) s
      LEFT JOIN rm_stat_escrow e ON e.presale_number = s.presale_number AND ${at('e')} AND e.state = 'SUBMITTED'
     WHERE ${inRegions('s')}`,
  // filings filed by the date, ACTIVE or CANCELLED then
  filings: `
    SELECT f.contract_number AS key, f.presale_number AS reference, f.project_code,
           coalesce((SELECT s.project_name FROM rm_stat_presale s
                      WHERE s.presale_number = f.presale_number ORDER BY s.version_at DESC, s.version_event DESC
                      LIMIT 1), '') AS project_name,
           f.region_code, f.filing_date AS date, f.floor_area AS area, f.amount_fen, NULL::int AS units,
           f.status, f.payment_method
      FROM rm_stat_filing f
     WHERE ${at('f')} AND f.filing_date <= $2 AND ${inRegions('f')}`,
  // alerts open (OPEN, FOLLOWING) as recorded by $1 (every set takes the same three parameters: $2 only typed here)
  alerts: `
    SELECT a.id::text AS key, a.subject_key AS reference, a.project_code, a.project_name, a.region_code,
           (a.raised_at AT TIME ZONE 'Asia/Shanghai')::date AS date, NULL::numeric AS area,
           NULL::bigint AS amount_fen, NULL::int AS units, a.type, a.scope
      FROM alert a
      JOIN LATERAL (SELECT h.to_state FROM alert_history h WHERE h.alert_id = a.id AND h.recorded_at <= $1
                     ORDER BY h.recorded_at DESC, h.id DESC LIMIT 1) s ON s.to_state IN ('OPEN','FOLLOWING')
     WHERE ${inRegions('a')} AND $2::date IS NOT NULL`,
};

/**
 * How a figure reads its set: the records it counts (`where`), and for sums the column it adds up
 * (`sum`: area in m² summed in hundredths, amounts in fen, units). `amount` is the column a
 * drill-down shows as amountFen.
 */
export interface FigureSql {
  set: RecordSetName;
  where: string;
  sum?: 'area' | 'amount_fen' | 'units' | 'guarantee_fen' | 'balance_fen';
  amount?: 'amount_fen' | 'guarantee_fen' | 'balance_fen';
}

const ALL = 'true';
const ACTIVE = `status = 'ACTIVE'`;
const method = (m: string): string => `${ACTIVE} AND payment_method = '${m}'`;

/** Every figure of the summary, read from its set (the drill-down lists exactly the records it counts). */
export const FIGURE_SQL: Record<StatisticsFigureV1, FigureSql> = {
  'permits.count': { set: 'permits', where: ALL },
  'permits.floorArea': { set: 'permits', where: ALL, sum: 'area' },
  'permits.byProjectType.PRESALE': { set: 'permits', where: `project_type = 'PRESALE'` },
  'permits.byProjectType.CURRENT_SALE': { set: 'permits', where: `project_type = 'CURRENT_SALE'` },
  'permits.byProjectType.OTHER': { set: 'permits', where: `project_type = 'OTHER'` },
  'permits.byProjectType.UNMARKED': { set: 'permits', where: `project_type IS NULL` },
  'permits.socialInvestment': { set: 'permits', where: `category = '${SOCIAL_INVESTMENT_CATEGORY}'` },
  'presale.y': { set: 'presale', where: `letter = 'Y'` },
  'presale.z': { set: 'presale', where: `letter = 'Z'` },
  'presale.presaleArea': { set: 'presale', where: ALL, sum: 'area' },
  'presale.units': { set: 'presale', where: ALL, sum: 'units' },
  'presale.presaleProjectsWithoutPresalePermit': { set: 'projects', where: ALL },
  'capitalGuarantee.withAmount': { set: 'escrow', where: `guarantee_fen IS NOT NULL`, amount: 'guarantee_fen' },
  'capitalGuarantee.amountFen': {
    set: 'escrow',
    where: `guarantee_fen IS NOT NULL`,
    sum: 'guarantee_fen',
    amount: 'guarantee_fen',
  },
  'capitalGuarantee.withCommitmentLetter': { set: 'escrow', where: `has_record AND commitment_letter` },
  'capitalGuarantee.withNeither': {
    set: 'escrow',
    where: `has_record AND guarantee_fen IS NULL AND NOT commitment_letter`,
  },
  'escrow.supervised': { set: 'escrow', where: `supervision = 'SUPERVISED'`, amount: 'balance_fen' },
  'escrow.notSupervised': { set: 'escrow', where: `supervision = 'NOT_SUPERVISED'` },
  'escrow.noRecord': { set: 'escrow', where: `supervision = 'NO_RECORD'` },
  'escrow.balanceFen': {
    set: 'escrow',
    where: `supervision = 'SUPERVISED' AND balance_fen IS NOT NULL`,
    sum: 'balance_fen',
    amount: 'balance_fen',
  },
  'filings.count': { set: 'filings', where: ACTIVE, amount: 'amount_fen' },
  'filings.floorArea': { set: 'filings', where: ACTIVE, sum: 'area', amount: 'amount_fen' },
  'filings.amountFen': { set: 'filings', where: ACTIVE, sum: 'amount_fen', amount: 'amount_fen' },
  'filings.byPaymentMethod.FULL': { set: 'filings', where: method('FULL'), amount: 'amount_fen' },
  'filings.byPaymentMethod.COMMERCIAL_LOAN': { set: 'filings', where: method('COMMERCIAL_LOAN'), amount: 'amount_fen' },
  'filings.byPaymentMethod.PROVIDENT_FUND_LOAN': {
    set: 'filings',
    where: method('PROVIDENT_FUND_LOAN'),
    amount: 'amount_fen',
  },
  'filings.byPaymentMethod.COMBINED': { set: 'filings', where: method('COMBINED'), amount: 'amount_fen' },
  'filings.cancelled': { set: 'filings', where: `status = 'CANCELLED'`, amount: 'amount_fen' },
  'alerts.overdueAcceptanceIncrement': { set: 'alerts', where: `type = 'OVERDUE_ACCEPTANCE' AND scope = 'INCREMENT'` },
  'alerts.overdueAcceptanceStock': { set: 'alerts', where: `type = 'OVERDUE_ACCEPTANCE' AND scope = 'STOCK'` },
  'alerts.presaleWithoutPermit': { set: 'alerts', where: `type = 'PRESALE_WITHOUT_PERMIT'` },
  'alerts.openDifferences': { set: 'alerts', where: `type = 'RECONCILIATION_DIFFERENCE'` },
};

/** A figure's value over a set's rows: a count, or a sum (areas in hundredths of m², exact). */
export function figureAggregate(f: FigureSql): string {
  const filter = f.where === ALL ? '' : ` FILTER (WHERE ${f.where})`;
  if (!f.sum) return `count(*)${filter}`;
  const column = f.sum === 'area' ? 'area * 100' : f.sum;
  return `coalesce(sum(${column})${filter}, 0)::bigint`;
}

/**
 * One statement per set: every figure of the set, per region code on the records (the service maps
 * codes to the regions in force and adds them up).
 */
export function setAggregateSql(
  set: RecordSetName,
  figures: ReadonlyArray<readonly [StatisticsFigureV1, FigureSql]>,
): string {
  const columns = figures.map(([name, f]) => `${figureAggregate(f)} AS "${name}"`).join(',\n       ');
  return `SELECT region_code, ${columns}\n  FROM (${RECORD_SETS[set]}) r\n GROUP BY region_code`;
}

/**
 * The monthly flows recounted from the latest versions ($1 first month, $2 last month, $3 region codes),
 * one row per region code and month with the flow figures (the same 口径 as the incremental rm_stat_flow).
 */
export const FLOW_RECOUNT_SQL = `
  WITH p AS (
    SELECT p.region_code, date_trunc('month', p.issue_date)::date AS month, p.floor_area, p.category, pr.project_type
      FROM rm_stat_permit p
      LEFT JOIN rm_stat_project pr ON pr.project_code = p.project_code AND pr.next_at IS NULL
     WHERE p.next_at IS NULL AND p.status = 'VALID'),
  s AS (SELECT region_code, date_trunc('month', issue_date)::date AS month, letter, presale_area, unit_count
          FROM rm_stat_presale WHERE next_at IS NULL AND NOT superseded),
  f AS (SELECT region_code, date_trunc('month', filing_date)::date AS month, floor_area, amount_fen, payment_method
          FROM rm_stat_filing WHERE next_at IS NULL),
  c AS (SELECT region_code, date_trunc('month', (cancelled_at AT TIME ZONE 'Asia/Shanghai'))::date AS month
          FROM rm_stat_filing WHERE next_at IS NULL AND status = 'CANCELLED' AND cancelled_at IS NOT NULL),
  all_rows AS (
    SELECT region_code, month, 1 AS "permits.count", floor_area * 100 AS "permits.floorArea",
           (project_type = 'PRESALE')::int AS "permits.byProjectType.PRESALE",
           (project_type = 'CURRENT_SALE')::int AS "permits.byProjectType.CURRENT_SALE",
           (project_type = 'OTHER')::int AS "permits.byProjectType.OTHER",
           (project_type IS NULL)::int AS "permits.byProjectType.UNMARKED",
           (category = '${SOCIAL_INVESTMENT_CATEGORY}')::int AS "permits.socialInvestment",
           0 AS "presale.y", 0 AS "presale.z", 0 AS "presale.presaleArea", 0 AS "presale.units",
           0 AS "filings.filed", 0 AS "filings.floorArea", 0 AS "filings.amountFen",
           0 AS "filings.byPaymentMethod.FULL", 0 AS "filings.byPaymentMethod.COMMERCIAL_LOAN",
           0 AS "filings.byPaymentMethod.PROVIDENT_FUND_LOAN", 0 AS "filings.byPaymentMethod.COMBINED",
           0 AS "filings.cancelled" FROM p
    UNION ALL
    SELECT region_code, month, 0, 0, 0, 0, 0, 0, 0, (letter = 'Y')::int, (letter = 'Z')::int, presale_area * 100,
           unit_count, 0, 0, 0, 0, 0, 0, 0, 0 FROM s
    UNION ALL
    SELECT region_code, month, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, floor_area * 100, amount_fen,
           (payment_method = 'FULL')::int, (payment_method = 'COMMERCIAL_LOAN')::int,
           (payment_method = 'PROVIDENT_FUND_LOAN')::int, (payment_method = 'COMBINED')::int, 0 FROM f
    UNION ALL
    SELECT region_code, month, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 FROM c)
  SELECT region_code, to_char(month, 'YYYY-MM-DD') AS month, ${FLOW_FIGURES.map((f) => `sum("${f}")::bigint AS "${f}"`).join(', ')}
    FROM all_rows WHERE month BETWEEN $1::date AND $2::date AND region_code = ANY ($3::text[])
   GROUP BY region_code, month`;

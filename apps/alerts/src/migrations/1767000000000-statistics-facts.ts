import { MigrationInterface, QueryRunner } from 'typeorm';

const REGION = `text NOT NULL CHECK (region_code ~ '^[0-9]{6}$')`;
/**
 * Every row is one version of a record, as one event stated it: (version_at, version_event) is the
 * event's (time, id); next_at is the time of the next version of the same record (null while it is the
 * latest). The version in force at an instant T is the one with version_at <= T < next_at, so figures
 * "as of" a date read exactly what had been recorded by then, whatever order the events arrived in.
 */
const VERSION_COLUMNS = `version_at timestamptz NOT NULL, version_event text NOT NULL, next_at timestamptz NULL`;

/** Stock figures (as of a day), frozen here: the summary's fields except the alerts (read from the alerts). */
const STOCK = [
  'permits.count',
  'permits.floorArea',
  'permits.byProjectType.PRESALE',
  'permits.byProjectType.CURRENT_SALE',
  'permits.byProjectType.OTHER',
  'permits.byProjectType.UNMARKED',
  'permits.socialInvestment',
  'presale.y',
  'presale.z',
  'presale.presaleArea',
  'presale.units',
  'presale.presaleProjectsWithoutPresalePermit',
  'capitalGuarantee.withAmount',
  'capitalGuarantee.amountFen',
  'capitalGuarantee.withCommitmentLetter',
  'capitalGuarantee.withNeither',
  'escrow.supervised',
  'escrow.notSupervised',
  'escrow.noRecord',
  'escrow.balanceFen',
  'filings.count',
  'filings.floorArea',
  'filings.amountFen',
  'filings.byPaymentMethod.FULL',
  'filings.byPaymentMethod.COMMERCIAL_LOAN',
  'filings.byPaymentMethod.PROVIDENT_FUND_LOAN',
  'filings.byPaymentMethod.COMBINED',
  'filings.cancelled',
];
/** Flow figures (per month of the records' own dates). */
const FLOW = [
  'permits.count',
  'permits.floorArea',
  'permits.byProjectType.PRESALE',
  'permits.byProjectType.CURRENT_SALE',
  'permits.byProjectType.OTHER',
  'permits.byProjectType.UNMARKED',
  'permits.socialInvestment',
  'presale.y',
  'presale.z',
  'presale.presaleArea',
  'presale.units',
  'filings.filed',
  'filings.floorArea',
  'filings.amountFen',
  'filings.byPaymentMethod.FULL',
  'filings.byPaymentMethod.COMMERCIAL_LOAN',
  'filings.byPaymentMethod.PROVIDENT_FUND_LOAN',
  'filings.byPaymentMethod.COMBINED',
  'filings.cancelled',
];
// one bigint column per figure, named by the figure's path (areas in hundredths of m²)
const columns = (figures: string[]): string =>
  figures.map((f) => `"${f}" bigint NOT NULL DEFAULT 0`).join(',\n        ');

/**
 * 统计 (issue 13): per-record facts of the statistics, projected from the permits, presale, contracts
 * (filings) and escrow streams by the statistics consumers (their own durables; rm_stat_* are read
 * models like rm_*, rebuilt by a replay of the streams).
 */
export class StatisticsFacts1767000000000 implements MigrationInterface {
  name = 'StatisticsFacts1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_stat_permit (
        permit_number text NOT NULL CHECK (permit_number ~ '^[0-9]{18}$'),
        ${VERSION_COLUMNS},
        project_code text NOT NULL,
        project_name text NOT NULL,
        region_code ${REGION},
        issue_date date NOT NULL,
        -- the sum of the permit's building units, m²
        floor_area numeric(14,2) NOT NULL,
        category text NOT NULL,
        status text NOT NULL,
        PRIMARY KEY (permit_number, version_at, version_event)
      )`);
    await q.query(`
      CREATE TABLE rm_stat_project (
        project_code text NOT NULL,
        ${VERSION_COLUMNS},
        project_name text NOT NULL,
        region_code ${REGION},
        project_type text NULL CHECK (project_type IN ('PRESALE','CURRENT_SALE','OTHER')),
        PRIMARY KEY (project_code, version_at, version_event)
      )`);
    await q.query(`
      CREATE TABLE rm_stat_presale (
        presale_number text NOT NULL CHECK (presale_number ~ '^[0-9]{18}-[YZ][0-9]{2}$'),
        ${VERSION_COLUMNS},
        letter char(1) NOT NULL CHECK (letter IN ('Y','Z')),
        project_code text NOT NULL,
        project_name text NOT NULL,
        region_code ${REGION},
        issue_date date NOT NULL,
        presale_area numeric(14,2) NOT NULL,
        unit_count int NOT NULL,
        -- Y: whether the issued permit names a supervised account; Z: null (the escrow record says)
        fund_supervision boolean NULL,
        -- replaced by a corrected record under another number
        superseded boolean NOT NULL DEFAULT false,
        PRIMARY KEY (presale_number, version_at, version_event)
      )`);
    await q.query(`
      CREATE TABLE rm_stat_escrow (
        presale_number text NOT NULL,
        ${VERSION_COLUMNS},
        region_code ${REGION},
        state text NOT NULL,
        capital_guarantee_fen bigint NULL,
        commitment_letter boolean NOT NULL,
        fund_supervision boolean NOT NULL,
        balance_fen bigint NOT NULL,
        balance_as_of date NOT NULL,
        PRIMARY KEY (presale_number, version_at, version_event)
      )`);
    await q.query(`
      CREATE TABLE rm_stat_filing (
        contract_number text NOT NULL CHECK (contract_number ~ '^[0-9]{18}-[YZ][0-9]{2}-B[0-9]{4}$'),
        ${VERSION_COLUMNS},
        presale_number text NOT NULL,
        project_code text NOT NULL,
        region_code ${REGION},
        filing_date date NOT NULL,
        floor_area numeric(14,2) NOT NULL,
        amount_fen bigint NOT NULL,
        payment_method text NOT NULL CHECK (payment_method IN ('FULL','COMMERCIAL_LOAN','PROVIDENT_FUND_LOAN','COMBINED')),
        status text NOT NULL CHECK (status IN ('ACTIVE','CANCELLED')),
        cancelled_at timestamptz NULL,
        PRIMARY KEY (contract_number, version_at, version_event)
      )`);
    // what each record group (a permit, a presale permit, a project, a filing) adds to the aggregates now:
    // STOCK rows count on the days [from_day, to_day), FLOW rows in a month; replaced whole on each recompute
    await q.query(`
      CREATE TABLE rm_stat_contribution (
        group_key text NOT NULL,
        seq int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('STOCK','FLOW')),
        region_code ${REGION},
        from_day date NULL,
        to_day date NULL,
        month date NULL,
        figures jsonb NOT NULL,
        PRIMARY KEY (group_key, seq),
        CHECK ((kind = 'STOCK') = (from_day IS NOT NULL AND month IS NULL)),
        CHECK (kind = 'STOCK' OR (month IS NOT NULL AND to_day IS NULL))
      )`);
    // incremental aggregates: changes of the stock figures per region and day (and summed per month), so a
    // figure as of day D is the sum of the months before D's month plus the days of that month up to D
    await q.query(`
      CREATE TABLE rm_stat_daily (
        region_code ${REGION},
        day date NOT NULL,
        ${columns(STOCK)},
        PRIMARY KEY (region_code, day)
      )`);
    await q.query(`
      CREATE TABLE rm_stat_monthly (
        region_code ${REGION},
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        ${columns(STOCK)},
        PRIMARY KEY (region_code, month)
      )`);
    // the monthly flows (records issued / filed / cancelled in the month, as recorded now)
    await q.query(`
      CREATE TABLE rm_stat_flow (
        region_code ${REGION},
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        ${columns(FLOW)},
        PRIMARY KEY (region_code, month)
      )`);
    // a project's permits and presale permits (the primary keys serve the lookups by record)
    await q.query(`CREATE INDEX rm_stat_permit_project_idx ON rm_stat_permit (project_code)`);
    await q.query(`CREATE INDEX rm_stat_presale_project_idx ON rm_stat_presale (project_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'rm_stat_flow',
      'rm_stat_monthly',
      'rm_stat_daily',
      'rm_stat_contribution',
      'rm_stat_filing',
      'rm_stat_escrow',
      'rm_stat_presale',
      'rm_stat_project',
      'rm_stat_permit',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}

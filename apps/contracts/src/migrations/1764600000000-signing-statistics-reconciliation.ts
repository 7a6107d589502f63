import { MigrationInterface, QueryRunner } from 'typeorm';

const PRESALE = `CHECK (presale_number ~ '^[0-9]{18}-[YZ][0-9]{2}$')`;
const MONTH = `CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`;

/** 网签统计补录 (manual signing statistics, versioned) and reconciliation with the market platform. */
export class SigningStatisticsReconciliation1764600000000 implements MigrationInterface {
  name = 'SigningStatisticsReconciliation1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // The current version of each (presale permit, month); DRAFT until submitted, then locked.
    await q.query(`
      CREATE TABLE signing_statistic (
        presale_number text NOT NULL ${PRESALE},
        month char(7) NOT NULL ${MONTH},
        region_code char(6) NOT NULL,
        kind text NOT NULL CHECK (kind IN ('BACKFILL','PERIODIC')),
        contracts_signed int NOT NULL CHECK (contracts_signed >= 0),
        floor_area numeric(14,2) NOT NULL CHECK (floor_area >= 0),
        amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT','SUBMITTED')),
        version int NOT NULL CHECK (version >= 1),
        entered_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz NULL,
        submitted_by text NULL,
        PRIMARY KEY (presale_number, month),
        CHECK ((state = 'SUBMITTED') = (submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX signing_statistic_region_idx ON signing_statistic (region_code, month DESC)`);
    // Every version ever entered; withdrawn ones are marked, never deleted; numbers never reused.
    await q.query(`
      CREATE TABLE signing_statistic_version (
        presale_number text NOT NULL,
        month char(7) NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        kind text NOT NULL,
        contracts_signed int NOT NULL CHECK (contracts_signed >= 0),
        floor_area numeric(14,2) NOT NULL CHECK (floor_area >= 0),
        amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
        entered_by text NOT NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz NULL,
        withdrawn_by text NULL,
        submitted_at timestamptz NULL,
        PRIMARY KEY (presale_number, month, version)
      )`);
    // Filing records pulled from 房地产市场监管平台, upserted by the platform's own record id.
    await q.query(`
      CREATE TABLE market_filing (
        id text PRIMARY KEY,
        contract_number text NULL,
        local_contract_no text NOT NULL,
        presale_number text NOT NULL ${PRESALE},
        month char(7) NOT NULL ${MONTH},
        filing_date date NOT NULL,
        floor_area numeric(14,2) NOT NULL CHECK (floor_area >= 0),
        amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
        status text NOT NULL CHECK (status IN ('FILED','CANCELLED')),
        pulled_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX market_filing_presale_month_idx ON market_filing (presale_number, month)`);
    // Items the platform sent that failed validation: recorded for follow-up, never crash the pull.
    await q.query(`
      CREATE TABLE market_bad_item (
        id bigserial PRIMARY KEY,
        source_id text NULL,
        raw jsonb NOT NULL,
        problems text[] NOT NULL,
        page_cursor text NULL,
        seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Where the next pull resumes; advanced in the same transaction as each stored page.
    await q.query(`
      CREATE TABLE market_sync_state (
        source text PRIMARY KEY,
        cursor text NULL,
        pages_pulled bigint NOT NULL DEFAULT 0,
        items_pulled bigint NOT NULL DEFAULT 0,
        bad_items bigint NOT NULL DEFAULT 0,
        last_success_at timestamptz NULL,
        last_error text NULL,
        last_error_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE reconciliation_run (
        id uuid PRIMARY KEY,
        trigger text NOT NULL CHECK (trigger IN ('MANUAL','SCHEDULED')),
        started_by text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING','SUCCEEDED','FAILED')),
        summary jsonb NULL,
        error text NULL
      )`);
    await q.query(`
      CREATE TABLE reconciliation_difference (
        id uuid PRIMARY KEY,
        presale_number text NOT NULL ${PRESALE},
        month char(7) NOT NULL ${MONTH},
        region_code char(6) NOT NULL,
        count_delta int NOT NULL,
        area_delta numeric(14,2) NOT NULL,
        amount_delta_fen bigint NOT NULL,
        missing_on_ours text[] NOT NULL,
        missing_on_market text[] NOT NULL,
        mismatched text[] NOT NULL,
        ours jsonb NOT NULL,
        market jsonb NOT NULL,
        fingerprint char(64) NOT NULL,
        run_id uuid NOT NULL REFERENCES reconciliation_run(id),
        last_run_id uuid NOT NULL REFERENCES reconciliation_run(id),
        found_at timestamptz NOT NULL DEFAULT now(),
        state text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN','ACKNOWLEDGED','RESOLVED')),
        explanation text NULL CHECK (char_length(explanation) BETWEEN 1 AND 1000),
        acknowledged_by text NULL,
        acknowledged_at timestamptz NULL,
        resolved_at timestamptz NULL,
        resolved_run_id uuid NULL REFERENCES reconciliation_run(id),
        CHECK ((state = 'ACKNOWLEDGED') <= (acknowledged_at IS NOT NULL)),
        CHECK ((state = 'RESOLVED') = (resolved_at IS NOT NULL))
      )`);
    // At most one current (not resolved) difference per presale permit and month.
    await q.query(
      `CREATE UNIQUE INDEX reconciliation_difference_current_uq ON reconciliation_difference (presale_number, month) WHERE state <> 'RESOLVED'`,
    );
    await q.query(
      `CREATE INDEX reconciliation_difference_region_idx ON reconciliation_difference (region_code, state, found_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'reconciliation_difference',
      'reconciliation_run',
      'market_sync_state',
      'market_bad_item',
      'market_filing',
      'signing_statistic_version',
      'signing_statistic',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

// text, not char(n): parameters bound as text[] (= ANY($1::text[])) then use the indexes
const REGION = `text NOT NULL CHECK (region_code ~ '^[0-9]{6}$')`;

/**
 * 预警: read models projected from the permits, presale, contracts and escrow streams (rm_*; a replay
 * of the streams rebuilds them exactly: every row keeps the time and id of the event it came from and
 * older events never overwrite newer ones), and the alerts with their history, follow-ups,
 * dismissals and acceptance-date governance backfills (the service's own records).
 */
export class InitialAlerts1766400000000 implements MigrationInterface {
  name = 'InitialAlerts1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_project (
        project_code text PRIMARY KEY,
        project_name text NOT NULL,
        region_code ${REGION},
        project_type text NULL CHECK (project_type IN ('PRESALE','CURRENT_SALE','OTHER')),
        -- a permit was registered already typed (增量 source); monotone, so the order of events does not matter
        typed_at_registration boolean NOT NULL DEFAULT false,
        -- earliest event time that showed the project as PRESALE (monotone min)
        presale_since timestamptz NULL,
        version_at timestamptz NOT NULL,
        version_event text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rm_permit (
        permit_number text PRIMARY KEY CHECK (permit_number ~ '^[0-9]{18}$'),
        project_code text NOT NULL,
        project_name text NOT NULL,
        region_code ${REGION},
        planned_completion_date date NULL,
        five_party_acceptance_date date NULL,
        completion_filing_date date NULL,
        status text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        version_at timestamptz NOT NULL,
        version_event text NOT NULL
      )`);
    await q.query(`CREATE INDEX rm_permit_project_idx ON rm_permit (project_code)`);
    // hn.permits.acceptance.recorded.v1 facts, kept apart from the permit snapshot so either may arrive first
    await q.query(`
      CREATE TABLE rm_acceptance (
        permit_number text PRIMARY KEY CHECK (permit_number ~ '^[0-9]{18}$'),
        five_party_acceptance_date date NULL,
        completion_filing_date date NULL,
        -- true once a governance backfill carried a date (stays so: the region assessment counts it)
        governance boolean NOT NULL DEFAULT false,
        version_at timestamptz NOT NULL,
        version_event text NOT NULL
      )`);
    await q.query(`CREATE INDEX rm_permit_overdue_idx ON rm_permit (planned_completion_date)
                     WHERE five_party_acceptance_date IS NULL AND completion_filing_date IS NULL`);
    await q.query(`
      CREATE TABLE rm_presale (
        presale_number text PRIMARY KEY CHECK (presale_number ~ '^[0-9]{18}-[YZ][0-9]{2}$'),
        letter char(1) NOT NULL CHECK (letter IN ('Y','Z')),
        project_code text NOT NULL,
        project_name text NOT NULL,
        region_code ${REGION},
        permit_numbers text[] NOT NULL,
        status text NOT NULL,
        -- Z: when the backfill was submitted (hn.presale.permit.backfilled.v1)
        backfill_submitted_at timestamptz NULL,
        version_at timestamptz NOT NULL,
        version_event text NOT NULL
      )`);
    await q.query(`CREATE INDEX rm_presale_project_idx ON rm_presale (project_code)`);
    await q.query(`CREATE INDEX rm_presale_permits_idx ON rm_presale USING gin (permit_numbers)`);
    await q.query(`
      CREATE TABLE rm_unpermitted (
        id uuid PRIMARY KEY,
        project_name text NOT NULL,
        region_code ${REGION},
        developer_name text NOT NULL,
        local_certificate_number text NOT NULL,
        registered_at timestamptz NOT NULL,
        version_event text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rm_difference (
        id uuid PRIMARY KEY,
        presale_number text NOT NULL,
        region_code ${REGION},
        month char(7) NOT NULL,
        state text NOT NULL CHECK (state IN ('OPEN','ACKNOWLEDGED','RESOLVED')),
        count_delta int NOT NULL,
        area_delta numeric(14,2) NOT NULL,
        amount_delta_fen bigint NOT NULL,
        found_at timestamptz NOT NULL,
        -- when it was acknowledged or resolved (the event time)
        closed_at timestamptz NULL,
        version_event text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rm_escrow (
        presale_number text PRIMARY KEY,
        region_code ${REGION},
        fund_supervision boolean NOT NULL,
        state text NOT NULL,
        version_at timestamptz NOT NULL,
        version_event text NOT NULL
      )`);

    // PRESALE_WITHOUT_PERMIT: staff linked the project to the construction permit it obtained later
    await q.query(`
      CREATE TABLE unpermitted_link (
        unpermitted_id uuid PRIMARY KEY,
        permit_number text NOT NULL CHECK (permit_number ~ '^[0-9]{18}$'),
        linked_by text NOT NULL,
        linked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE alert_scan (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('DISMISSAL_EVIDENCE','ACCEPTANCE_DOCUMENT')),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png')),
        size int NOT NULL CHECK (size > 0 AND size = octet_length(content)),
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE alert (
        id uuid PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('OVERDUE_ACCEPTANCE','PRESALE_WITHOUT_PERMIT','RECONCILIATION_DIFFERENCE','ESCROW_NOT_SUPERVISED')),
        -- what the alert is about: a permit number, an unpermitted project id, a difference id, a presale number
        subject_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('OPEN','FOLLOWING','CLEARED','DISMISSED')),
        scope text NULL CHECK (scope IN ('INCREMENT','STOCK')),
        region_code ${REGION},
        project_code text NULL,
        project_name text NOT NULL,
        permit_number text NULL,
        presale_number text NULL,
        planned_completion_date date NULL,
        facts jsonb NOT NULL DEFAULT '{}',
        raised_at timestamptz NOT NULL,
        cleared_at timestamptz NULL,
        -- CLEARED or DISMISSED: when it left the open list
        closed_at timestamptz NULL,
        CHECK ((state IN ('CLEARED','DISMISSED')) = (closed_at IS NOT NULL))
      )`);
    // one open alert per fact; a fact that comes back after clearing raises a new alert
    await q.query(`CREATE UNIQUE INDEX alert_open_uq ON alert (type, subject_key) WHERE state IN ('OPEN','FOLLOWING')`);
    await q.query(`CREATE INDEX alert_region_idx ON alert (region_code, raised_at DESC)`);
    // the default list (open alerts, newest first): a page walks it and stops, the count reads it alone
    await q.query(`CREATE INDEX alert_open_idx ON alert (raised_at DESC, id) INCLUDE (region_code, type, scope)
                     WHERE state IN ('OPEN','FOLLOWING')`);
    await q.query(`CREATE INDEX alert_subject_idx ON alert (subject_key)`);
    await q.query(`
      CREATE TABLE alert_history (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alert(id),
        -- when the change took effect (the event's time, the rule's date) …
        at timestamptz NOT NULL,
        -- … and when this service recorded it: an asOf list is what had been recorded by then
        recorded_at timestamptz NOT NULL,
        from_state text NULL,
        to_state text NOT NULL,
        actor text NOT NULL,
        cause jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX alert_history_alert_idx ON alert_history (alert_id, recorded_at, id)`);
    await q.query(`
      CREATE TABLE alert_follow_up (
        id uuid PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alert(id),
        reason text NOT NULL,
        measures text NOT NULL,
        responsible_person text NOT NULL,
        phone text NOT NULL,
        planned_date date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX alert_follow_up_alert_idx ON alert_follow_up (alert_id, recorded_at)`);
    await q.query(`
      CREATE TABLE alert_dismissal (
        id uuid PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alert(id),
        state text NOT NULL CHECK (state IN ('PENDING','APPROVED','REJECTED')),
        reason text NOT NULL,
        evidence_scan_id bigint NOT NULL REFERENCES alert_scan(id),
        requested_by text NOT NULL,
        requested_region text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by text NULL,
        decided_at timestamptz NULL,
        decision_note text NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX alert_dismissal_pending_uq ON alert_dismissal (alert_id) WHERE state = 'PENDING'`,
    );
    await q.query(`
      CREATE TABLE acceptance_backfill (
        id uuid PRIMARY KEY,
        permit_number text NOT NULL CHECK (permit_number ~ '^[0-9]{18}$'),
        project_code text NOT NULL,
        project_name text NOT NULL,
        region_code ${REGION},
        kind text NOT NULL CHECK (kind IN ('FIVE_PARTY','COMPLETION_FILING')),
        date date NOT NULL,
        note text NULL,
        scan_id bigint NOT NULL REFERENCES alert_scan(id),
        state text NOT NULL CHECK (state IN ('PENDING','APPROVED','RETURNED')),
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by text NULL,
        decided_at timestamptz NULL,
        decision_note text NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX acceptance_backfill_pending_uq ON acceptance_backfill (permit_number) WHERE state = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX acceptance_backfill_region_idx ON acceptance_backfill (region_code, submitted_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'acceptance_backfill',
      'alert_dismissal',
      'alert_follow_up',
      'alert_history',
      'alert',
      'alert_scan',
      'unpermitted_link',
      'rm_escrow',
      'rm_difference',
      'rm_unpermitted',
      'rm_presale',
      'rm_acceptance',
      'rm_permit',
      'rm_project',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}

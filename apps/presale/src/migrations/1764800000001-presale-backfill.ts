import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 补录预售许可证 (Z numbers), 已办预售未办施工许可 and ADMIN corrections: staff scans kept as bytes,
 * the backfill state (DRAFT → SUBMITTED) of each Z permit, previous versions of corrected permits,
 * and the WITHDRAWN status / log entry kind for a draft backfill retired before submission.
 */
export class PresaleBackfill1764800000001 implements MigrationInterface {
  name = 'PresaleBackfill1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE presale_permit DROP CONSTRAINT presale_permit_status_check`);
    await q.query(
      `ALTER TABLE presale_permit ADD CONSTRAINT presale_permit_status_check CHECK (status IN ('VALID','CORRECTED','WITHDRAWN'))`,
    );
    // log_entry is append-only (rules); only its kind constraint changes.
    await q.query(`ALTER TABLE log_entry DROP CONSTRAINT log_entry_kind_check`);
    await q.query(
      `ALTER TABLE log_entry ADD CONSTRAINT log_entry_kind_check CHECK (kind IN ('ISSUED','CORRECTED','WITHDRAWN'))`,
    );
    // Scans uploaded by staff (certificate scans, written correction reports), stored with the record.
    await q.query(`
      CREATE TABLE scan_file (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png')),
        size int NOT NULL CHECK (size > 0 AND size <= 20971520),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (octet_length(content) = size)
      )`);
    await q.query(`
      CREATE TABLE presale_backfill (
        sandbox boolean NOT NULL DEFAULT false,
        presale_number text NOT NULL,
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT','SUBMITTED')),
        backfilled_by text NOT NULL,
        scan_id bigint NOT NULL REFERENCES scan_file(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        submitted_by text NULL,
        submitted_at timestamptz NULL,
        withdrawn_at timestamptz NULL,
        PRIMARY KEY (sandbox, presale_number),
        FOREIGN KEY (sandbox, presale_number) REFERENCES presale_permit(sandbox, presale_number),
        CHECK ((state = 'SUBMITTED') = (submitted_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX presale_backfill_by_idx ON presale_backfill (backfilled_by, created_at DESC) WHERE state = 'DRAFT' AND withdrawn_at IS NULL`,
    );
    // Every replaced version of a corrected permit (the token of a version keeps saying "corrected").
    await q.query(`
      CREATE TABLE presale_permit_version (
        sandbox boolean NOT NULL,
        presale_number text NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        record jsonb NOT NULL,
        record_digest char(32) NOT NULL,
        chain_token text NOT NULL,
        log_index bigint NOT NULL,
        status text NOT NULL,
        corrected_by text NOT NULL,
        corrected_at timestamptz NOT NULL,
        reason text NOT NULL,
        document_number text NOT NULL,
        report_scan_id bigint NOT NULL REFERENCES scan_file(id),
        PRIMARY KEY (sandbox, presale_number, version),
        UNIQUE (sandbox, log_index),
        FOREIGN KEY (sandbox, presale_number) REFERENCES presale_permit(sandbox, presale_number)
      )`);
    // 已办理预售许可但未办理施工许可的项目 (registry for the alerts service).
    await q.query(`
      CREATE TABLE unpermitted_presale_project (
        id uuid PRIMARY KEY,
        project_name text NOT NULL,
        region_code char(6) NOT NULL,
        developer_name text NOT NULL,
        developer_credit_code char(18) NOT NULL,
        local_certificate_number text NOT NULL,
        issue_date date NOT NULL,
        address text NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        scan_id bigint NOT NULL REFERENCES scan_file(id)
      )`);
    await q.query(
      `CREATE INDEX unpermitted_presale_region_idx ON unpermitted_presale_project (region_code, registered_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['unpermitted_presale_project', 'presale_permit_version', 'presale_backfill', 'scan_file'])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE log_entry DROP CONSTRAINT log_entry_kind_check`);
    await q.query(`ALTER TABLE log_entry ADD CONSTRAINT log_entry_kind_check CHECK (kind IN ('ISSUED','CORRECTED'))`);
    await q.query(`ALTER TABLE presale_permit DROP CONSTRAINT presale_permit_status_check`);
    await q.query(
      `ALTER TABLE presale_permit ADD CONSTRAINT presale_permit_status_check CHECK (status IN ('VALID','CORRECTED'))`,
    );
  }
}

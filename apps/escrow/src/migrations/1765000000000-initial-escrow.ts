import { MigrationInterface, QueryRunner } from 'typeorm';

const PRESALE = `CHECK (presale_number ~ '^[0-9]{18}-[YZ][0-9]{2}$')`;
const FEN = (column: string, nullable = false) =>
  `${column} bigint ${nullable ? 'NULL' : 'NOT NULL'} CHECK (${column} >= 0)`;
/** The entered fields, the same in every version and in the current record (EscrowRecordInputV1 + the letter's scan). */
const RECORD_FIELDS = `${FEN('capital_guarantee_fen', true)}, commitment_letter boolean NOT NULL, commitment_letter_scan_id bigint NULL REFERENCES escrow_scan(id),
        fund_supervision boolean NOT NULL, bank text NULL, account text NULL, ${FEN('balance_fen')}, balance_as_of date NOT NULL`;

/** 补录预售资金监管信息: backfilled presale permit replica, scans, versioned escrow records. */
export class InitialEscrow1765000000000 implements MigrationInterface {
  name = 'InitialEscrow1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // Backfilled (Z) presale permits as the presale service publishes them (submit / correction).
    await q.query(`
      CREATE TABLE presale_replica (
        presale_number text PRIMARY KEY ${PRESALE},
        region_code char(6) NOT NULL,
        project_code text NOT NULL,
        project_name text NOT NULL,
        developer_name text NOT NULL,
        issue_date date NOT NULL,
        status text NOT NULL,
        source_time timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX presale_replica_region_idx ON presale_replica (region_code, issue_date DESC)`);
    // Scans kept by this service (commitment letters, correction reports): bytes with their digest.
    await q.query(`
      CREATE TABLE escrow_scan (
        id bigserial PRIMARY KEY,
        presale_number text NOT NULL ${PRESALE},
        kind text NOT NULL CHECK (kind IN ('COMMITMENT_LETTER','CORRECTION_REPORT')),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png')),
        size int NOT NULL CHECK (size > 0 AND size = octet_length(content)),
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX escrow_scan_presale_idx ON escrow_scan (presale_number)`);
    // Every version ever entered (withdrawn ones marked, never deleted; numbers never reused).
    await q.query(`
      CREATE TABLE escrow_record_version (
        presale_number text NOT NULL ${PRESALE},
        version int NOT NULL CHECK (version >= 1),
        ${RECORD_FIELDS},
        entered_by text NOT NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz NULL,
        withdrawn_by text NULL,
        submitted_at timestamptz NULL,
        correction_reason text NULL,
        correction_document_number text NULL,
        correction_report_scan_id bigint NULL REFERENCES escrow_scan(id),
        PRIMARY KEY (presale_number, version),
        CHECK (capital_guarantee_fen IS NOT NULL OR commitment_letter),
        CHECK (fund_supervision = (bank IS NOT NULL) AND fund_supervision = (account IS NOT NULL)),
        CHECK ((correction_reason IS NULL) = (correction_report_scan_id IS NULL) AND (correction_reason IS NULL) = (correction_document_number IS NULL))
      )`);
    // The current version of each presale permit's record; DRAFT until submitted, then locked.
    await q.query(`
      CREATE TABLE escrow_record (
        presale_number text PRIMARY KEY ${PRESALE},
        region_code char(6) NOT NULL,
        ${RECORD_FIELDS},
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT','SUBMITTED')),
        version int NOT NULL CHECK (version >= 1),
        entered_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz NULL,
        submitted_by text NULL,
        FOREIGN KEY (presale_number, version) REFERENCES escrow_record_version (presale_number, version),
        CHECK ((state = 'SUBMITTED') = (submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX escrow_record_region_idx ON escrow_record (region_code, state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['escrow_record', 'escrow_record_version', 'escrow_scan', 'presale_replica'])
      await q.query(`DROP TABLE ${t}`);
  }
}

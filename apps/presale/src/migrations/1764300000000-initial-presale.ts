import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialPresale1764300000000 implements MigrationInterface {
  name = 'InitialPresale1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // Local read model of construction permits, fed by hn.permits.* events, so issuing keeps
    // working while the permits service is down.
    await q.query(`
      CREATE TABLE permit_replica (
        permit_number char(18) PRIMARY KEY,
        project_code text NOT NULL,
        project_name text NOT NULL,
        region_code char(6) NOT NULL,
        project_type text NULL,
        status text NOT NULL,
        issue_date date NOT NULL,
        source_time timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX permit_replica_project_idx ON permit_replica (project_code)`);
    await q.query(`
      CREATE TABLE unit_replica (
        permit_number char(18) NOT NULL REFERENCES permit_replica(permit_number) ON DELETE CASCADE,
        unit_code text NOT NULL,
        PRIMARY KEY (permit_number, unit_code)
      )`);
    // Gap-free serials per (first permit, letter, space): one row updated in the issuing transaction.
    await q.query(`
      CREATE TABLE presale_serial_counter (
        permit_number char(18) NOT NULL,
        letter char(1) NOT NULL CHECK (letter IN ('Y','Z')),
        sandbox boolean NOT NULL,
        next_serial int NOT NULL CHECK (next_serial BETWEEN 1 AND 100),
        PRIMARY KEY (permit_number, letter, sandbox)
      )`);
    await q.query(`
      CREATE TABLE presale_permit (
        sandbox boolean NOT NULL,
        presale_number text NOT NULL CHECK (presale_number ~ '^[0-9]{18}-[YZ][0-9]{2}$'),
        permit_number char(18) NOT NULL,
        letter char(1) NOT NULL,
        serial int NOT NULL CHECK (serial BETWEEN 1 AND 99),
        region_code char(6) NOT NULL,
        project_code text NOT NULL,
        client_id text NOT NULL,
        record jsonb NOT NULL,
        record_digest char(32) NOT NULL,
        chain_token text NOT NULL,
        log_index bigint NOT NULL,
        status text NOT NULL DEFAULT 'VALID' CHECK (status IN ('VALID','CORRECTED')),
        issued_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sandbox, presale_number),
        UNIQUE (sandbox, permit_number, letter, serial)
      )`);
    await q.query(`CREATE INDEX presale_permit_region_idx ON presale_permit (region_code, issued_at DESC)`);
    await q.query(`
      CREATE TABLE presale_permit_link (
        sandbox boolean NOT NULL,
        presale_number text NOT NULL,
        position int NOT NULL,
        permit_number char(18) NOT NULL,
        PRIMARY KEY (sandbox, presale_number, position),
        FOREIGN KEY (sandbox, presale_number) REFERENCES presale_permit(sandbox, presale_number)
      )`);
    await q.query(`CREATE INDEX presale_permit_link_permit_idx ON presale_permit_link (permit_number)`);
    await q.query(`
      CREATE TABLE presale_permit_unit (
        sandbox boolean NOT NULL,
        presale_number text NOT NULL,
        unit_code text NOT NULL,
        permit_number char(18) NOT NULL,
        PRIMARY KEY (sandbox, presale_number, unit_code),
        FOREIGN KEY (sandbox, presale_number) REFERENCES presale_permit(sandbox, presale_number)
      )`);
    // Idempotency keys are scoped to the client and written in the issuing transaction.
    await q.query(`
      CREATE TABLE idempotency_key (
        client_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash char(64) NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, idempotency_key)
      )`);
    // Append-only transparency logs (one real, one sandbox); index assigned from log_head in the
    // issuing transaction, so the log has no gaps.
    await q.query(`CREATE TABLE log_head (sandbox boolean PRIMARY KEY, next_index bigint NOT NULL)`);
    await q.query(`INSERT INTO log_head (sandbox, next_index) VALUES (false, 0), (true, 0)`);
    await q.query(`
      CREATE TABLE log_entry (
        sandbox boolean NOT NULL,
        log_index bigint NOT NULL,
        entry bytea NOT NULL,
        leaf_hash bytea NOT NULL,
        presale_number text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ISSUED','CORRECTED')),
        PRIMARY KEY (sandbox, log_index)
      )`);
    await q.query(`CREATE RULE log_entry_no_update AS ON UPDATE TO log_entry DO INSTEAD NOTHING`);
    await q.query(`CREATE RULE log_entry_no_delete AS ON DELETE TO log_entry DO INSTEAD NOTHING`);
    // Public keys of every signing key ever used (private keys stay in the environment).
    await q.query(`
      CREATE TABLE signing_key (
        key_id text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        first_used_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'signing_key',
      'log_entry',
      'log_head',
      'idempotency_key',
      'presale_permit_unit',
      'presale_permit_link',
      'presale_permit',
      'presale_serial_counter',
      'unit_replica',
      'permit_replica',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialContracts1764400000000 implements MigrationInterface {
  name = 'InitialContracts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Local read model of (real, never sandbox) presale permits, fed by hn.presale.permit.* events,
    // so filing keeps working while the presale service is down.
    await q.query(`
      CREATE TABLE presale_replica (
        presale_number text PRIMARY KEY CHECK (presale_number ~ '^[0-9]{18}-[YZ][0-9]{2}$'),
        region_code char(6) NOT NULL,
        project_code text NOT NULL,
        project_name text NOT NULL,
        buildings text[] NOT NULL,
        issue_date date NOT NULL,
        status text NOT NULL,
        source_time timestamptz NOT NULL
      )`);
    // Gap-free serials per (presale permit, space): one row updated in the filing statement.
    await q.query(`
      CREATE TABLE contract_serial_counter (
        presale_number text NOT NULL,
        sandbox boolean NOT NULL,
        next_serial int NOT NULL CHECK (next_serial BETWEEN 1 AND 10000),
        PRIMARY KEY (presale_number, sandbox)
      )`);
    // record: the filing as filed, with buyers' ID and phone numbers MASKED (clear values only
    // encrypted in contract_buyer); status and cancellation live in their own columns.
    await q.query(`
      CREATE TABLE contract_filing (
        sandbox boolean NOT NULL,
        contract_number text NOT NULL CHECK (contract_number ~ '^[0-9]{18}-[YZ][0-9]{2}-B[0-9]{4}$'),
        presale_number text NOT NULL,
        serial int NOT NULL CHECK (serial BETWEEN 1 AND 9999),
        region_code char(6) NOT NULL,
        project_code text NOT NULL,
        building text NOT NULL,
        client_id text NOT NULL,
        filing_date date NOT NULL,
        contract_amount bigint NOT NULL CHECK (contract_amount > 0),
        record jsonb NOT NULL,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','CANCELLED')),
        filed_at timestamptz NOT NULL,
        cancelled_at timestamptz NULL,
        cancel_reason text NULL,
        cancelled_by text NULL,
        PRIMARY KEY (sandbox, contract_number),
        UNIQUE (sandbox, presale_number, serial),
        CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX contract_filing_region_idx ON contract_filing (region_code, filed_at DESC)`);
    await q.query(`CREATE INDEX contract_filing_presale_date_idx ON contract_filing (presale_number, filing_date)`);
    await q.query(`
      CREATE TABLE contract_room (
        sandbox boolean NOT NULL,
        contract_number text NOT NULL,
        position int NOT NULL,
        presale_number text NOT NULL,
        building text NOT NULL,
        room_number text NOT NULL,
        floor int NOT NULL,
        floor_area numeric(12,2) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        PRIMARY KEY (sandbox, contract_number, position),
        FOREIGN KEY (sandbox, contract_number) REFERENCES contract_filing(sandbox, contract_number)
      )`);
    // A room is under at most one ACTIVE filing: concurrent filings of a room cannot both commit.
    await q.query(
      `CREATE UNIQUE INDEX contract_room_active_uq ON contract_room (sandbox, presale_number, building, room_number) WHERE active`,
    );
    // Buyers: ID and phone numbers only as AES-256-GCM ciphertext (+ nonce, tag, key id) and a
    // keyed HMAC of the ID number for equality lookups.
    await q.query(`
      CREATE TABLE contract_buyer (
        sandbox boolean NOT NULL,
        contract_number text NOT NULL,
        position int NOT NULL,
        buyer_type text NOT NULL CHECK (buyer_type IN ('PERSON','ORGANIZATION')),
        name text NOT NULL,
        id_type text NULL,
        id_number_ct bytea NULL,
        id_number_iv bytea NULL,
        id_number_tag bytea NULL,
        id_number_hmac bytea NULL,
        phone_ct bytea NULL,
        phone_iv bytea NULL,
        phone_tag bytea NULL,
        pii_key_id text NULL,
        credit_code text NULL,
        PRIMARY KEY (sandbox, contract_number, position),
        FOREIGN KEY (sandbox, contract_number) REFERENCES contract_filing(sandbox, contract_number),
        CHECK (buyer_type <> 'PERSON' OR (id_type IS NOT NULL AND id_number_ct IS NOT NULL AND id_number_iv IS NOT NULL AND id_number_tag IS NOT NULL
               AND id_number_hmac IS NOT NULL AND phone_ct IS NOT NULL AND phone_iv IS NOT NULL AND phone_tag IS NOT NULL AND pii_key_id IS NOT NULL)),
        CHECK (buyer_type <> 'ORGANIZATION' OR credit_code IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX contract_buyer_id_hmac_idx ON contract_buyer (id_number_hmac) WHERE id_number_hmac IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX contract_buyer_credit_code_idx ON contract_buyer (credit_code) WHERE credit_code IS NOT NULL`,
    );
    // Idempotency keys are scoped to the client and written in the filing statement; the stored
    // response is the masked one.
    await q.query(`
      CREATE TABLE idempotency_key (
        client_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash char(64) NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'idempotency_key',
      'contract_buyer',
      'contract_room',
      'contract_filing',
      'contract_serial_counter',
      'presale_replica',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}

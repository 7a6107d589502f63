import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account applications (附件2 存量预售项目标记补录责任人及权限申请表): a city drafts and submits one
 * county's application, the province approves it (creating one COUNTY account per responsible person)
 * or returns it with a reason. Each person's ID number is stored sealed (AES-256-GCM, GATEWAY_PII_KEY)
 * with a keyed HMAC for duplicate checks and its masked form for replies; never in clear.
 * Staff accounts get a must-change-password flag (set on accounts created with a one-time password).
 */
export class AccountApplications1767000000001 implements MigrationInterface {
  name = 'AccountApplications1767000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE account_application (
        id uuid PRIMARY KEY,
        city_code text NOT NULL CHECK (city_code ~ '^43[0-9]{2}00$' AND city_code <> '430000'),
        county_code text NOT NULL CHECK (county_code ~ '^43[0-9]{4}$' AND county_code NOT LIKE '%00'),
        state text NOT NULL CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
        main_leader text NOT NULL,
        leader_in_charge text NOT NULL,
        contact_name text NOT NULL,
        contact_mobile text NOT NULL,
        return_reason text NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_by text NULL,
        submitted_at timestamptz NULL,
        decided_by text NULL,
        decided_at timestamptz NULL,
        CONSTRAINT account_application_county_in_city CHECK (left(county_code, 4) = left(city_code, 4)),
        CONSTRAINT account_application_returned_reason CHECK (state <> 'RETURNED' OR return_reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX account_application_city_idx ON account_application (city_code, state, updated_at DESC, id)`,
    );
    await q.query(`CREATE INDEX account_application_state_idx ON account_application (state, updated_at DESC, id)`);
    await q.query(`
      CREATE TABLE account_application_person (
        application_id uuid NOT NULL REFERENCES account_application (id) ON DELETE CASCADE,
        person_id uuid NOT NULL,
        position int NOT NULL CHECK (position >= 0),
        name text NOT NULL,
        mobile text NOT NULL CHECK (mobile ~ '^1[3-9][0-9]{9}$'),
        id_number_ct bytea NOT NULL,
        id_number_iv bytea NOT NULL CHECK (length(id_number_iv) = 12),
        id_number_tag bytea NOT NULL CHECK (length(id_number_tag) = 16),
        id_number_hmac bytea NOT NULL CHECK (length(id_number_hmac) = 32),
        id_number_masked text NOT NULL CHECK (id_number_masked ~ '^[0-9]{6}[*]{8}[0-9]{3}[0-9X]$'),
        key_id text NOT NULL,
        unit_name text NOT NULL,
        unit_is_permit_authority boolean NOT NULL,
        unit_credit_code text NULL CHECK (unit_credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        permissions text[] NOT NULL CHECK (cardinality(permissions) > 0),
        username text NULL REFERENCES staff_user (username),
        PRIMARY KEY (application_id, person_id),
        CONSTRAINT account_application_person_position UNIQUE (application_id, position),
        CONSTRAINT account_application_person_unit_code CHECK (unit_is_permit_authority OR unit_credit_code IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_application_person`);
    await q.query(`DROP TABLE account_application`);
    await q.query(`ALTER TABLE staff_user DROP COLUMN must_change_password`);
  }
}

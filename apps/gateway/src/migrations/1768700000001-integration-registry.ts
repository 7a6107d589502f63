import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 附件3 预售许可取号对接工作责任表: per city, each vendor (技术单位) whose system the city's counties use,
 * with the city's responsible office. A vendor is one row of integration_vendor (its technicians, its one
 * credential covering all its regions and its 联调 state, recorded once), referenced by the entry of every
 * city that uses it. Staff accounts may be granted pii:read (clear phone and ID numbers) by an operator.
 */
export class IntegrationRegistry1768700000001 implements MigrationInterface {
  name = 'IntegrationRegistry1768700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_user ADD COLUMN pii_read boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE integration_vendor (
        credit_code text PRIMARY KEY CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        name text NOT NULL,
        technicians jsonb NOT NULL,
        client_id text NULL,
        integration_state text NOT NULL DEFAULT 'NOT_STARTED'
          CHECK (integration_state IN ('NOT_STARTED', 'SANDBOX_PASSED', 'LIVE')),
        sandbox_passed_on date NULL,
        sandbox_technician text NULL,
        live_on date NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT integration_vendor_sandbox CHECK (
          integration_state = 'NOT_STARTED' OR (sandbox_passed_on IS NOT NULL AND sandbox_technician IS NOT NULL)),
        CONSTRAINT integration_vendor_live CHECK (integration_state <> 'LIVE' OR live_on IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE integration_registry_entry (
        id uuid PRIMARY KEY,
        city_code text NOT NULL CHECK (city_code ~ '^43[0-9]{2}00$' AND city_code <> '430000'),
        vendor_credit_code text NOT NULL REFERENCES integration_vendor (credit_code),
        counties text[] NOT NULL CHECK (cardinality(counties) > 0),
        office_name text NOT NULL,
        office_head text NOT NULL,
        office_head_phone text NOT NULL,
        contact_name text NOT NULL,
        contact_phone text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT integration_registry_one_vendor_per_city UNIQUE (city_code, vendor_credit_code)
      )`);
    await q.query(`CREATE INDEX integration_registry_vendor_idx ON integration_registry_entry (vendor_credit_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integration_registry_entry`);
    await q.query(`DROP TABLE integration_vendor`);
    await q.query(`ALTER TABLE staff_user DROP COLUMN pii_read`);
  }
}

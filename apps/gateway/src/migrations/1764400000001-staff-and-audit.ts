import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts (province / city / county / admin, each bound to one region) and the audit trail. */
export class StaffAndAudit1764400000001 implements MigrationInterface {
  name = 'StaffAndAudit1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_user (
        username text PRIMARY KEY CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')),
        region_code text NOT NULL CHECK (region_code ~ '^43[0-9]{4}$'),
        disabled boolean NOT NULL DEFAULT false,
        failed_logins int NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT staff_user_province_region CHECK (role NOT IN ('PROVINCE', 'ADMIN') OR region_code = '430000'),
        CONSTRAINT staff_user_city_region CHECK (role <> 'CITY' OR (region_code LIKE '%00' AND region_code <> '430000')),
        CONSTRAINT staff_user_county_region CHECK (role <> 'COUNTY' OR region_code NOT LIKE '%00')
      )`);
    await q.query(`
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        role text NULL,
        region text NULL,
        action text NOT NULL,
        target text NULL,
        before jsonb NULL,
        after jsonb NULL,
        correlation_id text NULL,
        status int NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_entry_at_idx ON audit_entry (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entry_actor_at_idx ON audit_entry (actor, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP TABLE staff_user`);
  }
}

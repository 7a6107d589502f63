import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 联调测试 sandbox space: what sandbox credentials push through the approval ingest lands here, never
 * in project / construction_permit / building_unit. Separate tables (not a flag column) keep every
 * production query, key and index exactly as it was; the sandbox tables are small, so sandbox reads
 * overlay them on the real tables (a sandbox row wins for its number) without indexes of their own
 * beyond the keys. client_id records which sandbox credential last wrote the row.
 */
export class SandboxPermits1766300000000 implements MigrationInterface {
  name = 'SandboxPermits1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sandbox_project (
        project_code text PRIMARY KEY,
        name text NOT NULL,
        region_code char(6) NOT NULL,
        developer_name text NOT NULL,
        developer_credit_code char(18) NOT NULL,
        project_type text NULL CHECK (project_type IN ('PRESALE','CURRENT_SALE','OTHER')),
        category text NOT NULL,
        client_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sandbox_construction_permit (
        permit_number char(18) PRIMARY KEY CHECK (permit_number ~ '^[0-9]{18}$'),
        project_code text NOT NULL REFERENCES sandbox_project(project_code),
        project_name text NOT NULL,
        region_code char(6) NOT NULL,
        issue_date date NOT NULL,
        start_date date NULL,
        planned_completion_date date NULL,
        five_party_acceptance_date date NULL,
        completion_filing_date date NULL,
        status text NOT NULL DEFAULT 'VALID' CHECK (status IN ('VALID','REVOKED')),
        client_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sandbox_construction_permit_project_idx ON sandbox_construction_permit (project_code)`);
    await q.query(`
      CREATE TABLE sandbox_building_unit (
        permit_number char(18) NOT NULL REFERENCES sandbox_construction_permit(permit_number),
        unit_code text NOT NULL,
        name text NOT NULL,
        floors int NOT NULL CHECK (floors > 0),
        floor_area numeric(12,2) NOT NULL CHECK (floor_area > 0),
        PRIMARY KEY (permit_number, unit_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sandbox_building_unit`);
    await q.query(`DROP TABLE sandbox_construction_permit`);
    await q.query(`DROP TABLE sandbox_project`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialPermits1764200000000 implements MigrationInterface {
  name = 'InitialPermits1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE project (
        project_code text PRIMARY KEY,
        name text NOT NULL,
        region_code char(6) NOT NULL,
        developer_name text NOT NULL,
        developer_credit_code char(18) NOT NULL,
        project_type text NULL CHECK (project_type IN ('PRESALE','CURRENT_SALE','OTHER')),
        category text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE construction_permit (
        permit_number char(18) PRIMARY KEY CHECK (permit_number ~ '^[0-9]{18}$'),
        project_code text NOT NULL REFERENCES project(project_code),
        project_name text NOT NULL,
        region_code char(6) NOT NULL,
        issue_date date NOT NULL,
        start_date date NULL,
        planned_completion_date date NULL,
        five_party_acceptance_date date NULL,
        completion_filing_date date NULL,
        status text NOT NULL DEFAULT 'VALID' CHECK (status IN ('VALID','REVOKED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX construction_permit_project_code_idx ON construction_permit (project_code)`);
    await q.query(`CREATE INDEX construction_permit_region_idx ON construction_permit (region_code, issue_date DESC)`);
    // Partial-match search by project name over 100k+ permits (ILIKE '%…%').
    await q.query(
      `CREATE INDEX construction_permit_name_trgm_idx ON construction_permit USING gin (project_name gin_trgm_ops)`,
    );
    await q.query(`
      CREATE TABLE building_unit (
        permit_number char(18) NOT NULL REFERENCES construction_permit(permit_number),
        unit_code text NOT NULL,
        name text NOT NULL,
        floors int NOT NULL CHECK (floors > 0),
        floor_area numeric(12,2) NOT NULL CHECK (floor_area > 0),
        PRIMARY KEY (permit_number, unit_code)
      )`);
    await q.query(`
      CREATE TABLE e_license_file (
        permit_number char(18) PRIMARY KEY REFERENCES construction_permit(permit_number),
        file_name text NOT NULL,
        content bytea NOT NULL,
        sha256 char(64) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE e_license_file`);
    await q.query(`DROP TABLE building_unit`);
    await q.query(`DROP TABLE construction_permit`);
    await q.query(`DROP TABLE project`);
  }
}

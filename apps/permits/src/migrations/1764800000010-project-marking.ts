import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 存量预售项目标记: the marking of a project (DRAFT → SUBMITTED), the steps that withdraw undoes
 * (who, when, and per project what it was before), and ADMIN corrections of submitted markings with
 * the written report's scan. A DRAFT marking's type lives in project_marking.marked_type; only submit
 * (or a correction) writes project.project_type and publishes hn.permits.project.typed.v1, so permit
 * lookups, permit events and the presale replica only ever see submitted types.
 */
export class ProjectMarking1764800000010 implements MigrationInterface {
  name = 'ProjectMarking1764800000010';

  async up(q: QueryRunner): Promise<void> {
    // The marking list: works category 01 permits in list order (a project's permits together), so a
    // page is an index walk that stops after pageSize rows instead of sorting every recent permit.
    await q.query(
      `CREATE INDEX construction_permit_marking_idx ON construction_permit (project_code DESC, issue_date DESC, permit_number) WHERE right(permit_number::text, 2) = '01'`,
    );
    // without statistics on the works-category expression the planner guesses 0.5 % and sorts everything
    await q.query(
      `CREATE STATISTICS construction_permit_works_stats ON (right(permit_number::text, 2)) FROM construction_permit`,
    );
    await q.query(`ANALYZE construction_permit`);
    await q.query(`
      CREATE TABLE marking_step (
        step_id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        actor text NOT NULL,
        project_type text NOT NULL CHECK (project_type IN ('PRESALE','CURRENT_SALE','OTHER')),
        permit_numbers text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz NULL,
        withdrawn_by text NULL,
        closed_at timestamptz NULL
      )`);
    await q.query(
      `CREATE INDEX marking_step_open_idx ON marking_step (actor, seq DESC) WHERE withdrawn_at IS NULL AND closed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE project_marking (
        project_code text PRIMARY KEY REFERENCES project(project_code),
        state text NOT NULL CHECK (state IN ('DRAFT','SUBMITTED')),
        marked_type text NOT NULL CHECK (marked_type IN ('PRESALE','CURRENT_SALE','OTHER')),
        marked_by text NOT NULL,
        marked_at timestamptz NOT NULL,
        step_id uuid NULL REFERENCES marking_step(step_id),
        submitted_by text NULL,
        submitted_at timestamptz NULL,
        corrected_by text NULL,
        corrected_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX project_marking_state_idx ON project_marking (state, project_code)`);
    await q.query(`
      CREATE TABLE marking_step_project (
        step_id uuid NOT NULL REFERENCES marking_step(step_id),
        project_code text NOT NULL REFERENCES project(project_code),
        project_type text NOT NULL,
        previous_type text NULL,
        previous_state text NULL CHECK (previous_state IN ('DRAFT')),
        previous_marked_by text NULL,
        previous_marked_at timestamptz NULL,
        previous_step_id uuid NULL,
        PRIMARY KEY (step_id, project_code)
      )`);
    await q.query(`CREATE INDEX marking_step_project_code_idx ON marking_step_project (project_code, step_id)`);
    await q.query(`
      CREATE TABLE project_marking_correction (
        correction_id uuid PRIMARY KEY,
        project_code text NOT NULL REFERENCES project(project_code),
        previous_type text NULL,
        project_type text NOT NULL CHECK (project_type IN ('PRESALE','CURRENT_SALE','OTHER')),
        before jsonb NOT NULL,
        after jsonb NOT NULL,
        reason text NOT NULL,
        document_number text NOT NULL,
        report_scan bytea NOT NULL,
        report_sha256 char(64) NOT NULL,
        report_content_type text NOT NULL,
        report_size int NOT NULL CHECK (report_size > 0),
        report_file_name text NOT NULL,
        corrected_by text NOT NULL,
        corrected_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX project_marking_correction_project_idx ON project_marking_correction (project_code, corrected_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_marking_correction`);
    await q.query(`DROP TABLE marking_step_project`);
    await q.query(`DROP TABLE project_marking`);
    await q.query(`DROP TABLE marking_step`);
    await q.query(`DROP STATISTICS construction_permit_works_stats`);
    await q.query(`DROP INDEX construction_permit_marking_idx`);
  }
}

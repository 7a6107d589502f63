import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 施工许可审批: projects registered by the approval system (the type lock), permit applications,
 * one row per transition (who, when, opinion, what they saw) and the daily permit serial counter
 * (region × China date, 1..99, advanced in the decision's transaction so numbers are gap-free).
 */
export class ApprovalWorkflow1766500000000 implements MigrationInterface {
  name = 'ApprovalWorkflow1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_project (
        project_code text PRIMARY KEY REFERENCES project(project_code),
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        type_locked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE permit_application (
        application_id uuid PRIMARY KEY,
        project_code text NOT NULL REFERENCES approval_project(project_code),
        region_code char(6) NOT NULL,
        stage text NOT NULL CHECK (stage IN ('ACCEPTANCE','PRELIMINARY_REVIEW','QUALITY_SAFETY_FILING',
          'START_CONDITIONS_REVIEW','SECOND_REVIEW','DECISION','CLOSED')),
        state text NOT NULL CHECK (state IN ('SUBMITTED','IN_REVIEW','RETURNED','APPROVED','REJECTED','WITHDRAWN')),
        form jsonb NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        permit_number char(18) UNIQUE REFERENCES construction_permit(permit_number)
      )`);
    await q.query(`CREATE INDEX permit_application_region_idx ON permit_application (region_code, stage, state)`);
    await q.query(`
      CREATE TABLE permit_application_transition (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES permit_application(application_id),
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        action text NOT NULL,
        state text NOT NULL,
        actor text NOT NULL,
        actor_role text,
        opinion text NOT NULL,
        items jsonb NOT NULL DEFAULT '[]',
        reason_code text,
        fields_seen jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX permit_application_transition_app_idx ON permit_application_transition (application_id, id)`,
    );
    await q.query(`
      CREATE TABLE permit_serial_counter (
        region_code char(6) NOT NULL,
        issue_date date NOT NULL,
        last_serial smallint NOT NULL CHECK (last_serial BETWEEN 1 AND 99),
        PRIMARY KEY (region_code, issue_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE permit_serial_counter`);
    await q.query(`DROP TABLE permit_application_transition`);
    await q.query(`DROP TABLE permit_application`);
    await q.query(`DROP TABLE approval_project`);
  }
}

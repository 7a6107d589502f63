import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 施工许可审批 clocks: the PAUSED state (勘验 / 专家评审 / 听证), one row per pause of the clock with
 * its written notice (补正 too), the form fields changed on a RESUBMIT, and the stage last published
 * overdue (hn.permits.application.overdue.v1 once per stage; cleared with overdue-ended on leaving it).
 */
export class ApprovalClocks1766600000000 implements MigrationInterface {
  name = 'ApprovalClocks1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE permit_application DROP CONSTRAINT permit_application_state_check`);
    await q.query(`
      ALTER TABLE permit_application ADD CONSTRAINT permit_application_state_check
        CHECK (state IN ('SUBMITTED','IN_REVIEW','RETURNED','PAUSED','APPROVED','REJECTED','WITHDRAWN'))`);
    await q.query(`ALTER TABLE permit_application ADD COLUMN overdue_stage text`);
    await q.query(`ALTER TABLE permit_application_transition ADD COLUMN changes jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`
      CREATE TABLE permit_application_pause (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES permit_application(application_id),
        stage text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CORRECTION','INSPECTION','EXPERT_REVIEW','HEARING')),
        notice_number text NOT NULL CHECK (char_length(notice_number) BETWEEN 1 AND 60),
        reason text NOT NULL,
        notice_date date NOT NULL,
        started_at timestamptz NOT NULL,
        started_by text NOT NULL,
        ended_at timestamptz,
        ended_by text,
        CHECK ((ended_at IS NULL) = (ended_by IS NULL))
      )`);
    await q.query(`CREATE INDEX permit_application_pause_app_idx ON permit_application_pause (application_id, id)`);
    // at most one running pause per case
    await q.query(
      `CREATE UNIQUE INDEX permit_application_pause_open_idx ON permit_application_pause (application_id) WHERE ended_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX permit_application_open_idx ON permit_application (application_id) WHERE stage <> 'CLOSED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX permit_application_open_idx`);
    await q.query(`DROP TABLE permit_application_pause`);
    await q.query(`ALTER TABLE permit_application_transition DROP COLUMN changes`);
    await q.query(`ALTER TABLE permit_application DROP COLUMN overdue_stage`);
    await q.query(`ALTER TABLE permit_application DROP CONSTRAINT permit_application_state_check`);
    await q.query(`
      ALTER TABLE permit_application ADD CONSTRAINT permit_application_state_check
        CHECK (state IN ('SUBMITTED','IN_REVIEW','RETURNED','APPROVED','REJECTED','WITHDRAWN'))`);
  }
}

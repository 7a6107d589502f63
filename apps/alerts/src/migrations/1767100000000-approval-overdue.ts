import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 施工许可审批超时 (APPROVAL_OVERDUE): the read model of the permits service's overdue events, one row
 * per case and stage (order-independent: overdue and overdue-ended each set their own columns), and
 * the new alert type.
 */
export class ApprovalOverdue1767100000000 implements MigrationInterface {
  name = 'ApprovalOverdue1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_approval_stage (
        application_id uuid NOT NULL,
        stage text NOT NULL,
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        project_code text NULL,
        project_name text NULL,
        committed_days int NULL,
        statutory_days int NULL,
        elapsed_days int NULL,
        overdue_at timestamptz NULL,
        ended_at timestamptz NULL,
        ended_action text NULL,
        PRIMARY KEY (application_id, stage)
      )`);
    await q.query(`ALTER TABLE alert DROP CONSTRAINT alert_type_check`);
    await q.query(`
      ALTER TABLE alert ADD CONSTRAINT alert_type_check CHECK (type IN
        ('OVERDUE_ACCEPTANCE','PRESALE_WITHOUT_PERMIT','RECONCILIATION_DIFFERENCE','ESCROW_NOT_SUPERVISED','APPROVAL_OVERDUE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['alert_history', 'alert_follow_up', 'alert_dismissal'])
      await q.query(`DELETE FROM ${table} WHERE alert_id IN (SELECT id FROM alert WHERE type = 'APPROVAL_OVERDUE')`);
    await q.query(`DELETE FROM alert WHERE type = 'APPROVAL_OVERDUE'`);
    await q.query(`ALTER TABLE alert DROP CONSTRAINT alert_type_check`);
    await q.query(`
      ALTER TABLE alert ADD CONSTRAINT alert_type_check CHECK (type IN
        ('OVERDUE_ACCEPTANCE','PRESALE_WITHOUT_PERMIT','RECONCILIATION_DIFFERENCE','ESCROW_NOT_SUPERVISED'))`);
    await q.query(`DROP TABLE rm_approval_stage`);
  }
}

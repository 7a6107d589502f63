import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 考核申诉证明材料扫描件 (issue 13 item 4): the scans submitted with an appeal, kept in alert_scan (kind
 * APPEAL_EVIDENCE) in the appeal's transaction and linked in submission order (position 1, 2, …).
 */
export class AppealEvidenceScans1768200000001 implements MigrationInterface {
  name = 'AppealEvidenceScans1768200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alert_scan DROP CONSTRAINT alert_scan_kind_check`);
    await q.query(
      `ALTER TABLE alert_scan ADD CONSTRAINT alert_scan_kind_check
         CHECK (kind IN ('DISMISSAL_EVIDENCE','ACCEPTANCE_DOCUMENT','APPEAL_EVIDENCE'))`,
    );
    await q.query(`
      CREATE TABLE assessment_appeal_scan (
        appeal_id uuid NOT NULL REFERENCES assessment_appeal(id),
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 5),
        scan_id bigint NOT NULL UNIQUE REFERENCES alert_scan(id),
        PRIMARY KEY (appeal_id, position)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment_appeal_scan`);
    await q.query(`DELETE FROM alert_scan WHERE kind = 'APPEAL_EVIDENCE'`);
    await q.query(`ALTER TABLE alert_scan DROP CONSTRAINT alert_scan_kind_check`);
    await q.query(
      `ALTER TABLE alert_scan ADD CONSTRAINT alert_scan_kind_check CHECK (kind IN ('DISMISSAL_EVIDENCE','ACCEPTANCE_DOCUMENT'))`,
    );
  }
}

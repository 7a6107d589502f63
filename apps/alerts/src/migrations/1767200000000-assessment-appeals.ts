import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 营商环境考核申诉 (issue 13 item 4): a region's appeal against one deducted item (rule id + item id),
 * decided by the province. An UPHELD appeal removes that item's deduction from every assessment as of
 * an instant at or after decided_at (decided_at is written once, so a past asOf keeps its answer).
 */
export class AssessmentAppeals1767200000000 implements MigrationInterface {
  name = 'AssessmentAppeals1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment_appeal (
        id uuid PRIMARY KEY,
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        rule_id text NOT NULL CHECK (rule_id ~ '^[A-Z][A-Z0-9_]{1,63}$'),
        item_id text NOT NULL CHECK (char_length(item_id) BETWEEN 1 AND 100),
        reason text NOT NULL,
        evidence text NULL,
        state text NOT NULL CHECK (state IN ('PENDING','UPHELD','REJECTED')),
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        decided_by text NULL,
        decided_at timestamptz NULL,
        opinion text NULL,
        CHECK ((state = 'PENDING') = (decided_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX assessment_appeal_pending_uq ON assessment_appeal (rule_id, item_id) WHERE state = 'PENDING'`,
    );
    await q.query(`CREATE INDEX assessment_appeal_region_idx ON assessment_appeal (region_code, submitted_at DESC)`);
    await q.query(
      `CREATE INDEX assessment_appeal_upheld_idx ON assessment_appeal (region_code, decided_at) WHERE state = 'UPHELD'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment_appeal`);
  }
}

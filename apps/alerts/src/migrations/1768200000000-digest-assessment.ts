import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 统计日报 (issue 13 item 5): the assessment changes (考核得分变化) of a digest, the region assessment as
 * of the digest date against the previous digest's (score and, per rule, points and count). NULL in
 * digests written before: they keep what they were published with.
 */
export class DigestAssessment1768200000000 implements MigrationInterface {
  name = 'DigestAssessment1768200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE statistics_digest ADD COLUMN assessment jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE statistics_digest DROP COLUMN assessment`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 统计日报 (issue 13 item 5): one digest per region (province, city, county) and China date, written once
 * (unique per region and date: generating a date again writes nothing). figures holds each summary
 * figure with the previous digest's value and the change; the alert counts are by type.
 */
export class StatisticsDigests1767300000000 implements MigrationInterface {
  name = 'StatisticsDigests1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statistics_digest (
        id uuid PRIMARY KEY,
        region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        level text NOT NULL CHECK (level IN ('PROVINCE','CITY','COUNTY')),
        digest_date date NOT NULL,
        previous_date date NULL CHECK (previous_date < digest_date),
        figures jsonb NOT NULL,
        alerts_raised jsonb NOT NULL,
        alerts_cleared jsonb NOT NULL,
        generated_at timestamptz NOT NULL,
        CONSTRAINT statistics_digest_region_date_uq UNIQUE (region_code, digest_date)
      )`);
    await q.query(`CREATE INDEX statistics_digest_date_idx ON statistics_digest (digest_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statistics_digest`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** 验收日期数据治理补录: the dates the province approved through the alerts service. */
export class AcceptanceGovernance1766400000001 implements MigrationInterface {
  name = 'AcceptanceGovernance1766400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE acceptance_governance (
        permit_number char(18) PRIMARY KEY REFERENCES construction_permit(permit_number),
        backfill_id uuid NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('FIVE_PARTY','COMPLETION_FILING')),
        date date NOT NULL,
        approved_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE acceptance_governance`);
  }
}

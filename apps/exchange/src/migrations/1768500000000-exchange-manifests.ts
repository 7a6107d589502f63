import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 每日完整性清单: one stored (final) manifest per subscriber and China date, and events addressed to
 * one subscriber only (its pushed manifests: exchange_event.subscriber_id; NULL for the stream's events,
 * which every subscriber of the type takes).
 */
export class ExchangeManifests1768500000000 implements MigrationInterface {
  name = 'ExchangeManifests1768500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exchange_event ADD COLUMN subscriber_id uuid NULL REFERENCES exchange_subscriber (id)`);
    await q.query(`
      CREATE TABLE exchange_manifest (
        subscriber_id uuid NOT NULL REFERENCES exchange_subscriber (id),
        date date NOT NULL,
        manifest jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscriber_id, date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exchange_manifest`);
    await q.query(`ALTER TABLE exchange_event DROP COLUMN subscriber_id`);
  }
}

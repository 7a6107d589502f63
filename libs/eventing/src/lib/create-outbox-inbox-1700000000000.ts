import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox and inbox tables; every service lists this first in its own migrations. */
export class CreateOutboxInbox1700000000000 implements MigrationInterface {
  // Explicit so bundling/minifying cannot change the name recorded in the migrations table.
  name = 'CreateOutboxInbox1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY,
        stream_subject text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL
      )`);
    // The relay only ever scans unpublished rows: keep that index tiny.
    await queryRunner.query(
      `CREATE INDEX outbox_event_unpublished_idx ON outbox_event (created_at) WHERE published_at IS NULL`,
    );
    // Lets the retention purge find old published rows without a full scan.
    await queryRunner.query(
      `CREATE INDEX outbox_event_published_idx ON outbox_event (published_at) WHERE published_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE inbox_event (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_event`);
    await queryRunner.query(`DROP TABLE outbox_event`);
  }
}

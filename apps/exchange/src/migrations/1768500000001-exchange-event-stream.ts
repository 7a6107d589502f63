import { MigrationInterface, QueryRunner } from 'typeorm';

/** The stream each event came from (its stream_seq is that stream's): replay by stream sequence names one. */
export class ExchangeEventStream1768500000001 implements MigrationInterface {
  name = 'ExchangeEventStream1768500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exchange_event ADD COLUMN stream text NOT NULL DEFAULT 'HN_PRESALE'`);
    await q.query(`ALTER TABLE exchange_event ALTER COLUMN stream DROP DEFAULT`);
    await q.query(
      `CREATE INDEX exchange_event_stream_seq_idx ON exchange_event (stream, stream_seq) WHERE subscriber_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exchange_event DROP COLUMN stream`);
  }
}

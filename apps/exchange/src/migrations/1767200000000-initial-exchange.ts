import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 数据推送: the subscriber registry, the events taken from the presale stream (kept for replay and the
 * pull API, with their stream sequence), one delivery row per (subscriber, event) with its state, and
 * every HTTP attempt. Ordering per presale number: a delivery is due only when no earlier delivery of
 * the same subscriber and ordering key is still pending (see delivery.repository.ts).
 */
export class InitialExchange1767200000000 implements MigrationInterface {
  name = 'InitialExchange1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exchange_subscriber (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('DATA_SHARING','FISCAL','CREDIT','OTHER')),
        delivery_mode text NOT NULL CHECK (delivery_mode IN ('WEBHOOK','PULL','FILE_DROP')),
        url text NULL,
        directory text NULL,
        event_types text[] NOT NULL,
        data_view text[] NOT NULL,
        signing text NOT NULL CHECK (signing IN ('v1a','v1')),
        -- v1: the HMAC secret sealed with EXCHANGE_SECRET_KEY (AES-256-GCM); the previous one during rotation
        secret_sealed jsonb NULL,
        previous_secret_sealed jsonb NULL,
        previous_secret_valid_until timestamptz NULL,
        state text NOT NULL CHECK (state IN ('ACTIVE','PAUSED','DISABLED')),
        disabled_reason text NULL,
        pull_client_id text NULL,
        -- 429/503: no attempt to this subscriber before this time
        throttled_until timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX exchange_subscriber_pull_idx ON exchange_subscriber (pull_client_id) WHERE pull_client_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE exchange_event (
        event_id uuid PRIMARY KEY,
        stream_seq bigint NOT NULL,
        event_type text NOT NULL,
        ordering_key text NOT NULL,
        event_time timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        cloud_event jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX exchange_event_time_idx ON exchange_event (event_time)`);
    // the pull cursor: a local, gap-free order of arrival
    await q.query(`ALTER TABLE exchange_event ADD COLUMN position bigserial UNIQUE`);
    await q.query(`
      CREATE TABLE exchange_delivery (
        subscriber_id uuid NOT NULL REFERENCES exchange_subscriber (id),
        event_id uuid NOT NULL REFERENCES exchange_event (event_id),
        position bigint NOT NULL,
        ordering_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('PENDING','DELIVERED','DEAD')),
        attempts int NOT NULL DEFAULT 0,
        -- attempts before the last requeue (redeliver, replay, dead-letter requeue): backoff counts from here
        base_attempts int NOT NULL DEFAULT 0,
        first_attempt_at timestamptz NULL,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL,
        last_error text NULL,
        PRIMARY KEY (subscriber_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX exchange_delivery_due_idx ON exchange_delivery (next_attempt_at) WHERE state = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX exchange_delivery_key_idx ON exchange_delivery (subscriber_id, ordering_key, position) WHERE state = 'PENDING'`,
    );
    await q.query(`
      CREATE TABLE exchange_attempt (
        subscriber_id uuid NOT NULL,
        event_id uuid NOT NULL,
        attempt int NOT NULL,
        at timestamptz NOT NULL,
        status int NULL,
        latency_ms int NOT NULL,
        error text NULL,
        PRIMARY KEY (subscriber_id, event_id, attempt),
        FOREIGN KEY (subscriber_id, event_id) REFERENCES exchange_delivery (subscriber_id, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exchange_attempt, exchange_delivery, exchange_event, exchange_subscriber`);
  }
}

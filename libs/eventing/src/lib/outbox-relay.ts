import { CloudEvent, Headers } from '@hn/messages';
import { Events, headers as natsHeaders, JetStreamClient, NatsConnection, PubAck } from 'nats';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { backoffDelay } from './backoff';
import { OUTBOX_CHANNEL_SQL } from './outbox-sql';
import { PausableSleep } from './pausable-sleep';

const TRAILING_PASS_MS = 30;
import { errorMessage } from '@hn/persistence';
import { pgClientConfig } from './pg-client-config';
import { consoleWarnLogger, PersistenceLogger } from './persistence-logger';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  natsConnection: NatsConnection;
  logger?: PersistenceLogger;
  /** Rows claimed and published per round; default 256 (many publishes in flight). */
  batchSize?: number;
  /** Safety-net poll when no NOTIFY arrives; default 250 ms. */
  pollIntervalMs?: number;
  /** A publish without an ack after this long counts as failed; default 5000 ms. */
  publishTimeoutMs?: number;
  /** First retry delay after a failed round; doubles up to maxBackoffMs. Default 200 ms. */
  baseBackoffMs?: number;
  /** Default 30 000 ms. */
  maxBackoffMs?: number;
  /** Published rows older than this are deleted (at most hourly); null keeps them. Default 7 days. */
  publishedRetentionMs?: number | null;
  /** Called after each round with the seconds each published row waited since it was written (metrics). */
  onPublished?: (lagSeconds: number[]) => void;
}

export interface RelayBatchResult {
  /** Rows claimed in this round. */
  claimed: number;
  /** Acked by JetStream (including acks flagged duplicate) and marked published. */
  published: number;
  /** Not acked; attempts and last_error updated, retried next round. */
  failed: number;
  /** Acks flagged duplicate by JetStream (already stored within the duplicate window). */
  duplicates: number;
}

export interface RelayTotals {
  rounds: number;
  published: number;
  failed: number;
  duplicates: number;
}

interface OutboxRow {
  id: string;
  stream_subject: string;
  payload: CloudEvent<unknown>;
  headers: Record<string, string> | null;
  age_s: number;
}

const PURGE_EVERY_MS = 60 * 60_000;
const PURGE_CHUNK = 5000;
const LISTENER_RETRY_MS = 2000;

/**
 * Publishes outbox rows to JetStream, at least once, with Nats-Msg-Id = event id.
 *
 * A dedicated pg connection LISTENs on the database's outbox channel, so a commit wakes the loop
 * at once; polling is only a safety net. Each round claims a batch with FOR UPDATE SKIP LOCKED
 * (several relays split the work, none publishes a row another holds), publishes the whole batch
 * pipelined, then marks acked rows published and records the error on the others in the same
 * transaction. The loop never throws: NATS or Postgres trouble means backoff and retry, and the
 * rows stay the source of truth until JetStream acked them. When the NATS connection comes back
 * (it reconnects forever) the backoff is cut short, so a long outage does not delay the catch-up.
 */
export class OutboxRelay {
  private readonly dataSource: DataSource;
  private readonly nc: NatsConnection;
  private readonly js: JetStreamClient;
  private readonly logger: PersistenceLogger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly publishTimeoutMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly publishedRetentionMs: number | null;
  private readonly onPublished: ((lagSeconds: number[]) => void) | undefined;
  private readonly sleeper = new PausableSleep();
  private readonly counters: RelayTotals = { rounds: 0, published: 0, failed: 0, duplicates: 0 };
  private running = false;
  private loop: Promise<void> | null = null;
  private listener: Client | null = null;
  private listenerRetry: NodeJS.Timeout | null = null;
  private lastPurgeAt = 0;
  private reconnected = false;
  private natsStatus: AsyncIterable<unknown> | null = null;

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.nc = options.natsConnection;
    this.logger = options.logger ?? consoleWarnLogger;
    this.batchSize = options.batchSize ?? 256;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    this.baseBackoffMs = options.baseBackoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.onPublished = options.onPublished;
    this.publishedRetentionMs =
      options.publishedRetentionMs === undefined ? 7 * 24 * 3_600_000 : options.publishedRetentionMs;
    this.js = this.nc.jetstream({ timeout: this.publishTimeoutMs });
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new Error('batchSize must be a positive integer');
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Counters since construction, for metrics. */
  get totals(): Readonly<RelayTotals> {
    return { ...this.counters };
  }

  /** Starts listening and the relay loop; resolves once LISTEN is set up (or failed over to polling). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.connectListener();
    this.loop = this.runLoop();
    void this.followNats();
  }

  /** Finishes the round in flight (no half-published batch), then closes the LISTEN connection. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.sleeper.interrupt();
    // nats.js status iterators have stop(); ending it removes this relay's listener from the connection
    (this.natsStatus as { stop?: () => void } | null)?.stop?.();
    this.natsStatus = null;
    if (this.listenerRetry) clearTimeout(this.listenerRetry);
    this.listenerRetry = null;
    await this.loop;
    this.loop = null;
    const listener = this.listener;
    this.listener = null;
    if (listener) await listener.end().catch(() => undefined);
  }

  /** Unpublished rows (for a gauge). */
  async pendingCount(): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`,
    );
    return rows[0]?.n ?? 0;
  }

  /** Age of the oldest unpublished row in ms, 0 when none (relay lag). */
  async oldestPendingAgeMs(): Promise<number> {
    const rows: Array<{ ms: number | null }> = await this.dataSource.query(
      `SELECT (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::float8 AS ms FROM outbox_event WHERE published_at IS NULL`,
    );
    return Math.max(0, rows[0]?.ms ?? 0);
  }

  /** One claim → publish → mark round. Throws on database errors (the loop catches them). */
  async relayOnce(): Promise<RelayBatchResult> {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      await queryRunner.startTransaction();
      const rows: OutboxRow[] = await queryRunner.query(
        `SELECT id, stream_subject, payload, headers, extract(epoch FROM clock_timestamp() - created_at)::float8 AS age_s FROM outbox_event
          WHERE published_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) {
        await queryRunner.commitTransaction();
        return { claimed: 0, published: 0, failed: 0, duplicates: 0 };
      }
      // All publishes in flight at once; JetStream acks come back in order on one connection.
      const outcomes = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const publishedIds: string[] = [];
      const publishedLags: number[] = [];
      const failedIds: string[] = [];
      const failedErrors: string[] = [];
      let duplicates = 0;
      outcomes.forEach((outcome, i) => {
        const id = rows[i].id;
        if (outcome.status === 'fulfilled') {
          publishedIds.push(id);
          publishedLags.push(rows[i].age_s);
          if (outcome.value.duplicate) duplicates++;
        } else {
          failedIds.push(id);
          failedErrors.push(errorMessage(outcome.reason).slice(0, 1000));
        }
      });
      if (publishedIds.length > 0) {
        await queryRunner.query(
          `UPDATE outbox_event SET published_at = clock_timestamp(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`,
          [publishedIds],
        );
      }
      if (failedIds.length > 0) {
        await queryRunner.query(
          `UPDATE outbox_event AS o SET attempts = o.attempts + 1, last_error = f.error
             FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o.id = f.id`,
          [failedIds, failedErrors],
        );
      }
      await queryRunner.commitTransaction();
      if (publishedLags.length > 0) this.onPublished?.(publishedLags);
      this.counters.rounds++;
      this.counters.published += publishedIds.length;
      this.counters.failed += failedIds.length;
      this.counters.duplicates += duplicates;
      if (failedIds.length > 0) {
        this.logger.warn(
          `outbox relay: ${failedIds.length} of ${rows.length} events not published, will retry (${failedErrors[0]})`,
        );
      }
      return { claimed: rows.length, published: publishedIds.length, failed: failedIds.length, duplicates };
    } catch (err) {
      // Rows not marked published stay pending; JetStream dedup absorbs a republish within the window.
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await queryRunner.release();
    }
  }

  // async: a synchronous throw (e.g. connection closed) becomes this row's failure, not the batch's.
  private async publish(row: OutboxRow): Promise<PubAck> {
    const h = natsHeaders();
    for (const [key, value] of Object.entries(row.headers ?? {})) h.set(key, value);
    if (!h.has(Headers.correlationId)) {
      // Events written without a correlation id still get one consumers can log.
      h.set(Headers.correlationId, row.id);
    }
    const data = new TextEncoder().encode(JSON.stringify(row.payload));
    return this.js.publish(row.stream_subject, data, { msgID: row.id, headers: h, timeout: this.publishTimeoutMs });
  }

  private async runLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      if (this.reconnected) {
        this.reconnected = false;
        failures = 0;
      }
      this.sleeper.clearWake();
      let result: RelayBatchResult | null = null;
      try {
        result = await this.relayOnce();
      } catch (err) {
        this.logger.error(`outbox relay round failed, will retry: ${errorMessage(err)}`);
      }
      if (!this.running) break;
      if (result !== null && result.failed === 0) {
        failures = 0;
        if (result.claimed === this.batchSize) continue; // more is waiting
        if (result.claimed > 0) {
          // Trailing pass: writers skip NOTIFY for a few ms after one (outboxNotifySqlIfDue), so
          // rows committed just after this round are picked up without waiting for the poll.
          await this.sleeper.sleep(TRAILING_PASS_MS, true);
          continue;
        }
        await this.purgeIfDue();
        await this.sleeper.sleep(this.pollIntervalMs, true);
      } else {
        failures++;
        // Not wakeable: a NOTIFY storm must not turn an outage into a busy loop.
        await this.sleeper.sleep(backoffDelay(failures, this.baseBackoffMs, this.maxBackoffMs), false);
      }
    }
  }

  /** A reconnect ends the backoff sleep at once (and resets it): the rows waiting go out now. */
  private async followNats(): Promise<void> {
    if (typeof this.nc.status !== 'function') return;
    const statuses = this.nc.status();
    this.natsStatus = statuses;
    try {
      for await (const status of statuses) {
        if (!this.running) break;
        if (status.type === Events.Reconnect) {
          this.reconnected = true;
          this.sleeper.interrupt();
        }
      }
    } catch {
      // ends with the connection
    }
  }

  private async purgeIfDue(): Promise<void> {
    if (this.publishedRetentionMs === null || Date.now() - this.lastPurgeAt < PURGE_EVERY_MS) return;
    this.lastPurgeAt = Date.now();
    try {
      let deleted = 0;
      for (;;) {
        const result: [unknown[], number] = await this.dataSource.query(
          `DELETE FROM outbox_event WHERE id IN (
             SELECT id FROM outbox_event WHERE published_at < clock_timestamp() - $1 * interval '1 millisecond' LIMIT ${PURGE_CHUNK})`,
          [this.publishedRetentionMs],
        );
        deleted += result[1];
        if (result[1] < PURGE_CHUNK || !this.running) break;
      }
      if (deleted > 0) this.logger.log(`outbox relay: purged ${deleted} published events`);
    } catch (err) {
      this.logger.warn(`outbox relay: purge failed: ${errorMessage(err)}`);
    }
  }

  private async connectListener(): Promise<void> {
    if (!this.running) return;
    const client = new Client(pgClientConfig(this.dataSource, 'hn-outbox-listener'));
    client.on('notification', () => this.sleeper.wake());
    client.on('error', (err) => this.onListenerLost(client, err));
    client.on('end', () => this.onListenerLost(client, new Error('connection ended')));
    try {
      await client.connect();
      const result = await client.query<{ channel: string }>(`SELECT ${OUTBOX_CHANNEL_SQL} AS channel`);
      await client.query(`LISTEN ${client.escapeIdentifier(result.rows[0].channel)}`);
      if (!this.running) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      // Commits that happened while nobody listened.
      this.sleeper.wake();
    } catch (err) {
      this.onListenerLost(client, err);
    }
  }

  private onListenerLost(client: Client, err: unknown): void {
    if (this.listener !== null && this.listener !== client) return;
    this.listener = null;
    client.end().catch(() => undefined);
    if (!this.running || this.listenerRetry) return;
    this.logger.warn(
      `outbox relay: LISTEN connection lost (${errorMessage(err)}); polling every ${this.pollIntervalMs} ms until it is back`,
    );
    this.listenerRetry = setTimeout(() => {
      this.listenerRetry = null;
      void this.connectListener();
    }, LISTENER_RETRY_MS);
  }
}

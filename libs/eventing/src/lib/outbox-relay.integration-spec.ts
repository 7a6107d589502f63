import { performance } from 'node:perf_hooks';
import { CloudEvent, Headers } from '@hn/messages';
import {
  connectNats,
  createTestDatabase,
  deleteStreamIfExists,
  TcpProxy,
  TestDatabase,
  uniqueName,
  waitFor,
} from '@hn/testing';
import { JetStreamManager, JsMsg, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { CreateOutboxInbox1700000000000 } from './create-outbox-inbox-1700000000000';
import { createServiceDataSource } from '@hn/persistence';
import { enqueueEvent } from './enqueue-event';
import { ensureStream } from './ensure-stream';
import { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import { outboxEntities } from './outbox-entities';
import { PersistenceLogger } from './persistence-logger';
import { runMigrationsLocked } from '@hn/persistence';

interface Row {
  id: string;
  published_at: Date | null;
  attempts: number;
  last_error: string | null;
}

class MemoryLogger implements PersistenceLogger {
  readonly lines: string[] = [];
  log(m: string): void {
    this.lines.push(`log ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
}

describe(OutboxRelay.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const stream = uniqueName('relay');
  const subjectRoot = `hnt.${stream}`;
  const subject = `${subjectRoot}.thing.done.v1`;
  const relays: OutboxRelay[] = [];
  const extraConnections: NatsConnection[] = [];

  function relay(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
    const r = new OutboxRelay({ dataSource: ds, natsConnection: nc, logger: new MemoryLogger(), ...options });
    relays.push(r);
    return r;
  }

  async function enqueue(
    count: number,
    correlationId?: string,
    type = subject,
  ): Promise<Array<CloudEvent<{ n: number }>>> {
    return ds.transaction(async (manager) => {
      const events: Array<CloudEvent<{ n: number }>> = [];
      for (let n = 0; n < count; n++) {
        events.push(
          await enqueueEvent(manager, { source: '/hn/test', type, subject: `k${n}`, data: { n }, correlationId }),
        );
      }
      return events;
    });
  }

  async function rows(): Promise<Row[]> {
    return ds.query(`SELECT id, published_at, attempts, last_error FROM outbox_event ORDER BY created_at`);
  }

  async function pending(): Promise<number> {
    const [r]: Array<{ n: number }> = await ds.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`,
    );
    return r!.n;
  }

  /** Nats-Msg-Id of every message in the stream. */
  async function streamMsgIds(): Promise<string[]> {
    const info = await jsm.streams.info(stream);
    const ids: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq });
      ids.push(m.header.get(Headers.msgId));
    }
    return ids;
  }

  async function streamCount(): Promise<number> {
    return (await jsm.streams.info(stream)).state.messages;
  }

  beforeAll(async () => {
    db = await createTestDatabase('persist_relay');
    ds = createServiceDataSource({
      serverUrl: db.serverUrl,
      database: db.name,
      entities: outboxEntities,
      migrations: [CreateOutboxInbox1700000000000],
      poolSize: 10,
    });
    await ds.initialize();
    await runMigrationsLocked(ds);
    nc = await connectNats();
    jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { name: stream, subjects: [`${subjectRoot}.thing.>`] });
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await Promise.all(extraConnections.splice(0).map((c) => c.close()));
    await ds.query(`DELETE FROM outbox_event`);
    await jsm.streams.purge(stream);
  });

  afterAll(async () => {
    await deleteStreamIfExists(jsm, stream);
    await nc.drain();
    await ds.destroy();
    await db.drop();
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    await relay({ pollIntervalMs: 50 }).start();
    await expect(
      ds.transaction(async (manager) => {
        await enqueueEvent(manager, { source: '/hn/test', type: subject, subject: 'k', data: { n: 1 } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await new Promise((r) => setTimeout(r, 500));
    expect(await rows()).toEqual([]);
    expect(await streamCount()).toBe(0);
  });

  it('delivers a committed event to JetStream within 1 s of commit, woken by NOTIFY, with Nats-Msg-Id = event id', async () => {
    // Polling is effectively off: only the commit's NOTIFY can wake the relay in time.
    await relay({ pollIntervalMs: 60_000 }).start();
    const js = nc.jetstream();
    const consumer = await js.consumers.get(stream, { filterSubjects: subject });
    const messages = await consumer.consume();
    const iterator = messages[Symbol.asyncIterator]();
    const latencies: number[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const [event] = await enqueue(1, `corr-${i}`);
        const committedAt = performance.now();
        const next = await Promise.race([
          iterator.next(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no message within 2 s')), 2000)),
        ]);
        const latency = performance.now() - committedAt;
        latencies.push(latency);
        const msg = next.value as JsMsg;
        expect(msg.headers?.get(Headers.msgId)).toBe(event!.id);
        expect(msg.headers?.get(Headers.correlationId)).toBe(`corr-${i}`);
        expect(msg.json<CloudEvent<{ n: number }>>()).toEqual(event);
        expect(latency).toBeLessThan(1000);
      }
    } finally {
      // Ends the pull subscription; close() alone would wait for someone to iterate to the end.
      await iterator.return?.(undefined);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    console.info(
      `commit → JetStream consumer latency over 20 events: median ${sorted[10]!.toFixed(1)} ms, max ${sorted[19]!.toFixed(1)} ms`,
    );
    // The relay marks rows published right after the acks, a moment after consumers may see them.
    await waitFor(async () => (await pending()) === 0, { description: 'rows marked published' });
  });

  it('two relays in parallel deliver 500 events exactly once each', async () => {
    const committed = [...(await enqueue(250)), ...(await enqueue(250))];
    const a = relay({ batchSize: 50 });
    const b = relay({ batchSize: 50 });
    await Promise.all([a.start(), b.start()]);
    await waitFor(async () => (await pending()) === 0, { timeoutMs: 15_000, description: 'all 500 published' });

    expect(await streamCount()).toBe(500);
    const ids = await streamMsgIds();
    expect(new Set(ids).size).toBe(500);
    expect(new Set(ids)).toEqual(new Set(committed.map((e) => e.id)));
    // Each row claimed and published by exactly one relay, once; JetStream saw no republish.
    expect((await rows()).every((r) => r.attempts === 1 && r.published_at !== null)).toBe(true);
    expect(a.totals.published + b.totals.published).toBe(500);
    expect(a.totals.duplicates + b.totals.duplicates).toBe(0);
    expect(a.totals.published).toBeGreaterThan(0);
    expect(b.totals.published).toBeGreaterThan(0);
  });

  it('keeps rows while NATS is unreachable and a working relay publishes them later', async () => {
    const proxy = await TcpProxy.start('127.0.0.1', 4222);
    const badNc = await connectNats({ servers: proxy.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    extraConnections.push(badNc);
    await proxy.cut(); // from here on nothing listens on the port this connection reconnects to
    const logger = new MemoryLogger();
    const stranded = relay({
      natsConnection: badNc,
      logger,
      publishTimeoutMs: 300,
      baseBackoffMs: 100,
      maxBackoffMs: 300,
    });
    await stranded.start();
    const events = await enqueue(5);

    await waitFor(async () => (await rows()).every((r) => r.attempts >= 2), {
      timeoutMs: 5000,
      description: 'two failed attempts per row',
    });
    expect((await rows()).every((r) => r.published_at === null && r.last_error !== null)).toBe(true);
    expect(stranded.isRunning).toBe(true);
    expect(logger.lines.some((l) => l.startsWith('warn outbox relay: 5 of 5 events not published'))).toBe(true);
    expect(await stranded.pendingCount()).toBe(5);
    await stranded.stop();
    await proxy.close();

    const healthy = relay();
    await healthy.start();
    await waitFor(async () => (await pending()) === 0, {
      timeoutMs: 5000,
      description: 'published by the working relay',
    });
    expect(new Set(await streamMsgIds())).toEqual(new Set(events.map((e) => e.id)));
  });

  it('recovers by itself when NATS comes back, without duplicates in the stream', async () => {
    const proxy = await TcpProxy.start('127.0.0.1', 4222);
    const flakyNc = await connectNats({ servers: proxy.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    extraConnections.push(flakyNc);
    const r = relay({ natsConnection: flakyNc, publishTimeoutMs: 300, baseBackoffMs: 100, maxBackoffMs: 300 });
    await r.start();
    await proxy.cut();
    const events = await enqueue(5);
    await waitFor(async () => (await rows()).every((row) => row.attempts >= 1), {
      timeoutMs: 5000,
      description: 'a failed attempt',
    });
    expect(await pending()).toBe(5);

    await proxy.restore();
    await waitFor(async () => (await pending()) === 0, {
      timeoutMs: 10_000,
      description: 'published after NATS is back',
    });
    // Publishes buffered during the outage may reach the server too: the msg id dedup keeps one copy.
    expect((await streamMsgIds()).sort()).toEqual(events.map((e) => e.id).sort());
    await proxy.close();
  });

  it('records the error and retries when no stream takes the subject, publishing once it exists', async () => {
    const orphanSubject = `${subjectRoot}.orphan.made.v1`;
    const logger = new MemoryLogger();
    const r = relay({ logger, baseBackoffMs: 50, maxBackoffMs: 100 });
    await r.start();
    const [event] = await enqueue(1, undefined, orphanSubject);
    await waitFor(async () => (await rows())[0]!.attempts >= 2, { timeoutMs: 5000, description: 'retries' });
    const [row] = await rows();
    expect(row!.published_at).toBeNull();
    expect(row!.last_error).toMatch(/503|no responders/i);

    await ensureStream(jsm, { name: stream, subjects: [`${subjectRoot}.thing.>`, `${subjectRoot}.orphan.>`] });
    await waitFor(async () => (await pending()) === 0, {
      timeoutMs: 5000,
      description: 'published after the stream took the subject',
    });
    expect(await streamMsgIds()).toEqual([event!.id]);
  });

  it('survives Postgres dropping its connections (LISTEN and pool)', async () => {
    const logger = new MemoryLogger();
    const r = relay({ logger, pollIntervalMs: 200 });
    await r.start();
    await enqueue(1);
    await waitFor(async () => (await pending()) === 0, { description: 'first event' });

    await ds.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await waitFor(() => logger.lines.some((l) => l.includes('LISTEN connection lost')), {
      description: 'listener loss noticed',
    });
    const events = await enqueue(3);
    await waitFor(async () => (await pending()) === 0, { timeoutMs: 5000, description: 'published after the hiccup' });
    expect(r.isRunning).toBe(true);
    expect((await streamMsgIds()).slice(1)).toEqual(events.map((e) => e.id));
  });

  it('purges published rows past the retention and reports pending counts', async () => {
    const r = relay({ publishedRetentionMs: 0 });
    await enqueue(3);
    expect(await r.pendingCount()).toBe(3);
    expect(await r.oldestPendingAgeMs()).toBeGreaterThanOrEqual(0);
    await r.start();
    await waitFor(async () => (await ds.query(`SELECT 1 FROM outbox_event`)).length === 0, { description: 'purged' });
    expect(await streamCount()).toBe(3);
    expect(await r.pendingCount()).toBe(0);
    expect(await r.oldestPendingAgeMs()).toBe(0);
  });

  it('relayOnce() publishes one batch on demand', async () => {
    const r = relay({ batchSize: 2 });
    await enqueue(3);
    expect(await r.relayOnce()).toEqual({ claimed: 2, published: 2, failed: 0, duplicates: 0 });
    expect(await r.relayOnce()).toEqual({ claimed: 1, published: 1, failed: 0, duplicates: 0 });
    expect(await r.relayOnce()).toEqual({ claimed: 0, published: 0, failed: 0, duplicates: 0 });
    expect(await streamCount()).toBe(3);
  });
});

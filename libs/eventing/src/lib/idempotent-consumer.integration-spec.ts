import { CloudEvent, Headers } from '@hn/messages';
import { connectNats, createTestDatabase, deleteStreamIfExists, TestDatabase, uniqueName, waitFor } from '@hn/testing';
import { headers as natsHeaders, JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { buildCloudEvent } from './build-cloud-event';
import { CreateOutboxInbox1700000000000 } from './create-outbox-inbox-1700000000000';
import { createServiceDataSource } from '@hn/persistence';
import { ensureStream } from './ensure-stream';
import { EventContext, IdempotentConsumer, IdempotentConsumerOptions } from './idempotent-consumer';
import { outboxEntities } from './outbox-entities';
import { PersistenceLogger } from './persistence-logger';
import { runMigrationsLocked } from '@hn/persistence';

const quiet: PersistenceLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe(IdempotentConsumer.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let js: JetStreamClient;
  const stream = uniqueName('consume');
  const root = `hnt.${stream}`;
  const consumers: IdempotentConsumer[] = [];

  async function start(
    options: Partial<IdempotentConsumerOptions> & Pick<IdempotentConsumerOptions, 'durable' | 'handler'>,
  ): Promise<IdempotentConsumer> {
    const c = new IdempotentConsumer();
    consumers.push(c);
    await c.start({ natsConnection: nc, dataSource: ds, stream, logger: quiet, nakDelayMs: 50, ...options });
    return c;
  }

  /** Publishes raw, without Nats-Msg-Id, so the stream really holds every copy. */
  async function publish(event: CloudEvent<unknown>, correlationId?: string): Promise<void> {
    const h = natsHeaders();
    if (correlationId) h.set(Headers.correlationId, correlationId);
    await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { headers: h });
  }

  function event(kind: string, n: number): CloudEvent<{ n: number }> {
    return buildCloudEvent({ source: '/hn/test', type: `${root}.${kind}.done.v1`, subject: `k${n}`, data: { n } });
  }

  /** The handler's own write, to prove it commits or rolls back with the inbox row. */
  async function record(manager: EntityManager, consumer: string, e: CloudEvent<unknown>): Promise<void> {
    await manager.query(`INSERT INTO handled (consumer, event_id) VALUES ($1, $2)`, [consumer, e.id]);
  }

  async function handledCount(consumer: string): Promise<number> {
    const [r]: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM handled WHERE consumer = $1`, [
      consumer,
    ]);
    return r!.n;
  }

  async function inboxCount(consumer: string): Promise<number> {
    const [r]: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM inbox_event WHERE consumer = $1`, [
      consumer,
    ]);
    return r!.n;
  }

  async function ackPending(durable: string): Promise<number> {
    const info = await jsm.consumers.info(stream, durable);
    return info.num_ack_pending + info.num_pending;
  }

  beforeAll(async () => {
    db = await createTestDatabase('persist_consume');
    ds = createServiceDataSource({
      serverUrl: db.serverUrl,
      database: db.name,
      entities: outboxEntities,
      migrations: [CreateOutboxInbox1700000000000],
    });
    await ds.initialize();
    await runMigrationsLocked(ds);
    // No unique key on purpose: a second handler run would show up as a second row.
    await ds.query(
      `CREATE TABLE handled (consumer text NOT NULL, event_id uuid NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    nc = await connectNats();
    jsm = await nc.jetstreamManager();
    js = nc.jetstream();
    await ensureStream(jsm, { name: stream, subjects: [`${root}.>`] });
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  afterAll(async () => {
    await deleteStreamIfExists(jsm, stream);
    await nc.drain();
    await ds.destroy();
    await db.drop();
  });

  it('processes a duplicated event id only once, acking every copy', async () => {
    const durable = 'dup';
    const seen: string[] = [];
    const contexts: EventContext[] = [];
    await start({
      durable,
      filterSubject: `${root}.dup.>`,
      handler: async (e, manager, context) => {
        seen.push(e.id);
        contexts.push(context);
        await record(manager, durable, e);
      },
    });
    const e1 = event('dup', 1);
    const e2 = event('dup', 2);
    await publish(e1, 'corr-dup');
    await publish(e1, 'corr-dup'); // the relay republished it, e.g. after a lost ack beyond the dedup window
    await publish(e2);
    await publish(e1);

    await waitFor(async () => (await ackPending(durable)) === 0 && (await handledCount(durable)) === 2, {
      description: 'all copies acked',
    });
    expect(seen).toEqual([e1.id, e2.id]);
    expect(await inboxCount(durable)).toBe(2);
    expect(contexts[0]).toMatchObject({ correlationId: 'corr-dup', deliveryCount: 1, natsSubject: e1.type });
    expect(consumers[0]!.totals).toEqual({ processed: 2, duplicates: 2, failed: 0 });
  });

  it('rolls back a failing handler, gets the message redelivered and processes it once', async () => {
    const durable = 'retry';
    const attempts: number[] = [];
    await start({
      durable,
      filterSubject: `${root}.retry.>`,
      handler: async (e, manager, context) => {
        attempts.push(context.deliveryCount);
        await record(manager, durable, e); // written, then rolled back on the failing attempts
        if (context.deliveryCount < 3) throw new Error('downstream not ready');
      },
    });
    const e = event('retry', 1);
    await publish(e);

    await waitFor(async () => (await ackPending(durable)) === 0 && attempts.length === 3, {
      timeoutMs: 10_000,
      description: 'third delivery succeeded',
    });
    expect(attempts).toEqual([1, 2, 3]);
    expect(await handledCount(durable)).toBe(1);
    expect(await inboxCount(durable)).toBe(1);
    expect(consumers[0]!.totals).toEqual({ processed: 1, duplicates: 0, failed: 2 });
  });

  it('lets several replicas share one durable: work is split and every event is processed once', async () => {
    const durable = 'shared';
    const byReplica: Array<Set<string>> = [new Set(), new Set()];
    for (const replica of [0, 1]) {
      await start({
        durable,
        filterSubject: `${root}.shared.>`,
        prefetch: 4,
        handler: async (e, manager) => {
          byReplica[replica]!.add(e.id);
          await record(manager, durable, e);
          await new Promise((r) => setTimeout(r, 2));
        },
      });
    }
    const events = Array.from({ length: 200 }, (_, n) => event('shared', n));
    await Promise.all(events.map((e) => publish(e)));

    await waitFor(async () => (await handledCount(durable)) === 200 && (await ackPending(durable)) === 0, {
      timeoutMs: 20_000,
      description: '200 handled',
    });
    const all = [...byReplica[0]!, ...byReplica[1]!];
    expect(all).toHaveLength(200);
    expect(new Set(all)).toEqual(new Set(events.map((e) => e.id)));
    expect(byReplica[0]!.size).toBeGreaterThan(0);
    expect(byReplica[1]!.size).toBeGreaterThan(0);
  });

  it('processes each id once when copies reach two replicas at the same time', async () => {
    const durable = 'race';
    for (let replica = 0; replica < 2; replica++) {
      await start({
        durable,
        filterSubject: `${root}.race.>`,
        concurrency: 8,
        handler: async (e, manager) => {
          await record(manager, durable, e);
          await new Promise((r) => setTimeout(r, 5)); // keep the inbox row uncommitted a while
        },
      });
    }
    const events = Array.from({ length: 50 }, (_, n) => event('race', n));
    await Promise.all(events.flatMap((e) => [publish(e), publish(e), publish(e)]));

    await waitFor(async () => (await ackPending(durable)) === 0 && (await inboxCount(durable)) === 50, {
      timeoutMs: 20_000,
      description: '150 copies acked',
    });
    expect(await handledCount(durable)).toBe(50);
    const totals = consumers.map((c) => c.totals);
    expect(totals.reduce((sum, t) => sum + t.processed, 0)).toBe(50);
    expect(totals.reduce((sum, t) => sum + t.duplicates, 0)).toBe(100);
  });

  it('resumes from the durable position after a restart, skipping nothing', async () => {
    const durable = 'resume';
    const seen: number[] = [];
    const handler = async (e: CloudEvent<unknown>, manager: EntityManager): Promise<void> => {
      seen.push((e.data as { n: number }).n);
      await record(manager, durable, e);
    };
    const first = await start({ durable, filterSubject: `${root}.resume.>`, handler });
    await publish(event('resume', 1));
    await waitFor(() => seen.length === 1);
    await first.stop();
    await publish(event('resume', 2)); // arrives while no replica runs
    await start({ durable, filterSubject: `${root}.resume.>`, handler, concurrency: 4 });
    await waitFor(async () => seen.length === 2 && (await ackPending(durable)) === 0);
    expect(seen).toEqual([1, 2]);
  });

  it('terminates a message that is not a CloudEvent without calling the handler', async () => {
    const durable = 'poison';
    let calls = 0;
    await start({ durable, filterSubject: `${root}.poison.>`, handler: async () => void calls++ });
    await js.publish(`${root}.poison.bad.v1`, new TextEncoder().encode('not json'));
    await js.publish(`${root}.poison.bad.v1`, new TextEncoder().encode(JSON.stringify({ id: 'no-uuid', type: 'x' })));
    await waitFor(async () => (await ackPending(durable)) === 0, { description: 'poison messages terminated' });
    expect(calls).toBe(0);
  });

  it('with several filter subjects on a server without multi-filter support, handles only matching subjects', async () => {
    const durable = 'multi';
    const seen: string[] = [];
    await start({
      durable,
      filterSubjects: [`${root}.multi_a.>`, `${root}.multi_b.>`],
      handler: async (e, manager) => {
        seen.push(e.type);
        await record(manager, durable, e);
      },
    });
    await publish(event('multi_a', 1));
    await publish(event('multi_c', 2));
    await publish(event('multi_b', 3));
    await waitFor(async () => seen.length === 2 && (await ackPending(durable)) === 0, {
      description: 'matching events handled',
    });
    expect(seen).toEqual([`${root}.multi_a.done.v1`, `${root}.multi_b.done.v1`]);
  });

  it('replays the stream when its durable was left by a database that is gone', async () => {
    const durable = 'lostdb';
    const events = [1, 2, 3].map((n) => event('lostdb', n));
    for (const e of events) await publish(e);
    await start({ durable, filterSubject: `${root}.lostdb.>`, handler: (e, manager) => record(manager, durable, e) });
    await waitFor(async () => (await handledCount(durable)) === 3, {
      timeoutMs: 5000,
      description: 'first database handled 3',
    });
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    // The service's database is recreated: its inbox is empty, the durable in NATS is not.
    await ds.query(`DELETE FROM inbox_event WHERE consumer = $1`, [durable]);
    await ds.query(`DELETE FROM handled WHERE consumer = $1`, [durable]);
    await start({ durable, filterSubject: `${root}.lostdb.>`, handler: (e, manager) => record(manager, durable, e) });
    await waitFor(async () => (await handledCount(durable)) === 3, {
      timeoutMs: 5000,
      description: 'recreated database handled all 3 again',
    });
    expect(await inboxCount(durable)).toBe(3);
  });
});

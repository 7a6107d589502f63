import { randomUUID } from 'node:crypto';
import { buildCloudEvent } from '@hn/eventing';
import { createServiceDataSource, runMigrationsLocked } from '@hn/persistence';
import { createTestDatabase, presalePermitFixture } from '@hn/testing';
import { DataSource } from 'typeorm';
import { ExchangeIngestConsumer } from '../ingest/exchange-ingest.consumer';
import { exchangeMigrations } from '../migrations';
import { SubscriberRepository } from '../subscribers/subscriber.repository';
import { DeliveryRepository } from './delivery.repository';

/** The delivery store on a real Postgres: ingest, claims in order per presale number, finish, requeue, pull. */
describe('exchange delivery store', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let deliveries: DeliveryRepository;
  let subscribers: SubscriberRepository;
  let seq = 0;
  const subscriberId = randomUUID();

  const ingest = async (presaleNumber: string, time: string): Promise<string> => {
    const event = buildCloudEvent({
      source: '/hn/presale',
      type: 'hn.presale.permit.issued.v1',
      subject: presaleNumber,
      data: { permit: { ...presalePermitFixture(presaleNumber), buyers: [{ idNumber: 'x' }] } },
    });
    const timed = { ...event, time };
    await ds.transaction((m) => ExchangeIngestConsumer.ingest(timed, m, ++seq));
    return event.id;
  };

  beforeAll(async () => {
    const db = await createTestDatabase('it_exchange');
    drop = db.drop;
    ds = createServiceDataSource({
      serverUrl: db.serverUrl,
      database: db.name,
      entities: [],
      migrations: exchangeMigrations,
      poolSize: 4,
    });
    await ds.initialize();
    await runMigrationsLocked(ds);
    deliveries = new DeliveryRepository(ds);
    subscribers = new SubscriberRepository(ds);
    await subscribers.insert({
      id: subscriberId,
      name: 'test',
      kind: 'OTHER',
      delivery_mode: 'WEBHOOK',
      url: 'http://127.0.0.1:9/',
      directory: null,
      event_types: ['hn.presale.permit.issued.v1'],
      data_view: ['presaleNumber'],
      signing: 'v1a',
      secret_sealed: null,
      previous_secret_sealed: null,
      previous_secret_valid_until: null,
      state: 'ACTIVE',
      disabled_reason: null,
      pull_client_id: 'puller',
    });
  });

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it('stores each event once and claims one delivery per presale number at a time, in stream order', async () => {
    const a1 = await ingest('430223202406200101-Y01', '2026-12-01T01:00:00.000Z');
    const a2 = await ingest('430223202406200101-Y01', '2026-12-01T02:00:00.000Z');
    const b1 = await ingest('430223202406200101-Y02', '2026-12-01T01:30:00.000Z');
    // a redelivered message is stored once
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM exchange_event`);
    expect(n).toBe(3);
    const first = await deliveries.claimDue(10, 60_000);
    expect(first.map((d) => d.event_id).sort()).toEqual([a1, b1].sort());
    expect(first.every((d) => d.attempts === 1)).toBe(true);
    // leased: nothing more is due, a2 waits behind a1
    expect(await deliveries.claimDue(10, 60_000)).toEqual([]);
    const at = new Date();
    await deliveries.finish(
      { subscriberId, eventId: a1, attempt: 1, at, status: 200, latencyMs: 3, error: null },
      { kind: 'delivered' },
    );
    await deliveries.finish(
      { subscriberId, eventId: b1, attempt: 1, at, status: 500, latencyMs: 3, error: 'HTTP 500' },
      { kind: 'retry', nextAttemptAt: new Date(Date.now() - 1), error: 'HTTP 500' },
    );
    const next = await deliveries.claimDue(10, 60_000);
    expect(next.map((d) => d.event_id).sort()).toEqual([a2, b1].sort());
    expect(next.find((d) => d.event_id === b1)!.attempts).toBe(2);
    await deliveries.finish(
      { subscriberId, eventId: a2, attempt: 1, at, status: 204, latencyMs: 2, error: null },
      { kind: 'delivered' },
    );
    await deliveries.finish(
      { subscriberId, eventId: b1, attempt: 2, at, status: null, latencyMs: 9, error: 'ECONNREFUSED' },
      { kind: 'dead', error: 'ECONNREFUSED' },
    );
    const listed = await deliveries.list(subscriberId, { limit: 10 });
    expect(listed.find((d) => d.eventId === b1)).toMatchObject({
      state: 'DEAD',
      history: [
        { attempt: 1, status: 500 },
        { attempt: 2, status: null, error: 'ECONNREFUSED' },
      ],
    });
    expect((await deliveries.list(subscriberId, { state: 'DEAD', limit: 10 })).map((d) => d.eventId)).toEqual([b1]);
  });

  it('requeues dead letters and replays exactly a time range', async () => {
    expect(await deliveries.requeue(subscriberId, { deadOnly: true })).toBe(1);
    const claimed = await deliveries.claimDue(10, 60_000);
    expect(claimed).toHaveLength(1);
    expect(claimed[0].attempts - claimed[0].base_attempts).toBe(1);
    await deliveries.finish(
      {
        subscriberId,
        eventId: claimed[0].event_id,
        attempt: claimed[0].attempts,
        at: new Date(),
        status: 200,
        latencyMs: 1,
        error: null,
      },
      { kind: 'delivered' },
    );
    const queued = await deliveries.requeue(subscriberId, {
      from: new Date('2026-12-01T01:15:00Z'),
      to: new Date('2026-12-01T02:00:00Z'),
    });
    expect(queued).toBe(2);
    const replayed = await deliveries.claimDue(10, 60_000);
    expect(replayed.map((d) => d.cloud_event.time).sort()).toEqual([
      '2026-12-01T01:30:00.000Z',
      '2026-12-01T02:00:00.000Z',
    ]);
  });

  it('replays exactly a stream-sequence range, the same ids', async () => {
    const rows: Array<{ event_id: string; stream_seq: string }> = await ds.query(
      `SELECT event_id, stream_seq FROM exchange_event WHERE stream = 'HN_PRESALE' ORDER BY stream_seq`,
    );
    await ds.query(`UPDATE exchange_delivery SET state = 'DELIVERED'`);
    expect(await deliveries.sequenceSpan('HN_PRESALE', 2, 3)).toMatchObject({ last: 3 });
    const queued = await deliveries.requeue(subscriberId, { sequences: { stream: 'HN_PRESALE', from: 2, to: 3 } });
    expect(queued).toBe(2);
    const replayed = await deliveries.claimDue(10, 60_000);
    expect(replayed.map((d) => d.event_id).sort()).toEqual(
      rows
        .filter((r) => Number(r.stream_seq) >= 2)
        .map((r) => r.event_id)
        .sort(),
    );
    expect(await deliveries.requeue(subscriberId, { sequences: { stream: 'HN_OTHER', from: 1, to: 3 } })).toBe(0);
  });

  it('pulls the stored events after a cursor, in arrival order', async () => {
    const page1 = await deliveries.pull(['hn.presale.permit.issued.v1'], 0, 2);
    expect(page1).toHaveLength(2);
    const page2 = await deliveries.pull(['hn.presale.permit.issued.v1'], Number(page1[1].position), 10);
    expect(page2).toHaveLength(1);
    expect(await deliveries.pull(['hn.presale.permit.corrected.v1'], 0, 10)).toEqual([]);
  });
});

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { buildCloudEvent } from '@hn/eventing';
import { MANIFEST_EVENT_TYPE } from '@hn/messages';
import { createServiceDataSource, runMigrationsLocked } from '@hn/persistence';
import { createTestDatabase, presalePermitFixture } from '@hn/testing';
import { DataSource } from 'typeorm';
import { ExchangeConfig } from '../config/exchange.config';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { ExchangeIngestConsumer } from '../ingest/exchange-ingest.consumer';
import { exchangeMigrations } from '../migrations';
import { publicKeyText } from '../signing/webhook-signer';
import { SubscriberRepository, SubscriberWrite } from '../subscribers/subscriber.repository';
import { SubscriberService } from '../subscribers/subscriber.service';
import { ManifestRepository } from './manifest.repository';
import { ManifestService } from './manifest.service';
import { checkManifest } from './verify-manifest';

/** Completeness manifests on a real Postgres: who gets which ids, provisional and final days, the push. */
describe('exchange completeness manifests', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let manifests: ManifestService;
  let deliveries: DeliveryRepository;
  let subscribers: SubscriberRepository;
  let seq = 0;
  const { privateKey } = generateKeyPairSync('ed25519');
  const KEY = publicKeyText(privateKey);
  const webhook = randomUUID();
  const puller = randomUUID();
  const late = randomUUID();

  const subscriber = (id: string, mode: 'WEBHOOK' | 'PULL', pullClient: string | null): SubscriberWrite => ({
    id,
    name: id,
    kind: 'OTHER',
    delivery_mode: mode,
    url: mode === 'WEBHOOK' ? 'http://127.0.0.1:9/' : null,
    directory: null,
    event_types: ['hn.presale.permit.issued.v1'],
    data_view: ['presaleNumber'],
    signing: 'v1a',
    secret_sealed: null,
    previous_secret_sealed: null,
    previous_secret_valid_until: null,
    state: 'ACTIVE',
    disabled_reason: null,
    pull_client_id: pullClient,
  });
  const ingest = async (presaleNumber: string, time: string, type = 'hn.presale.permit.issued.v1') => {
    const event = {
      ...buildCloudEvent({
        source: '/hn/presale',
        type,
        subject: presaleNumber,
        data: type.endsWith('corrected.v1')
          ? { after: presalePermitFixture(presaleNumber) }
          : { permit: presalePermitFixture(presaleNumber) },
      }),
      time,
    };
    await ds.transaction((m) => ExchangeIngestConsumer.ingest(event, m, ++seq));
    return event;
  };

  beforeAll(async () => {
    const db = await createTestDatabase('it_exchange_manifest');
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
    subscribers = new SubscriberRepository(ds);
    deliveries = new DeliveryRepository(ds);
    const config = {
      signingKey: privateKey,
      previousSigningKey: null,
      secretKey: randomBytes(32),
      manifests: { delayMs: 600_000, checkMs: 60_000 },
    } as unknown as ExchangeConfig;
    manifests = new ManifestService(
      new ManifestRepository(ds),
      subscribers,
      new SubscriberService(subscribers, config),
      config,
    );
    await subscribers.insert(subscriber(webhook, 'WEBHOOK', null));
    await subscribers.insert(subscriber(puller, 'PULL', 'puller-client'));
    // registered before the events, so every subscriber exists for the whole day
    await ds.query(`UPDATE exchange_subscriber SET created_at = '2026-11-01T00:00:00Z'`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it('lists the ids of one China date offered to each subscriber, in stream order, signed', async () => {
    // 2026-12-04 in China: 2026-12-03T16:00Z … 2026-12-04T16:00Z
    const before = await ingest('430223202406200101-Y01', '2026-12-03T15:59:59.999Z');
    const a = await ingest('430223202406200101-Y02', '2026-12-03T16:00:00.000Z');
    const b = await ingest('430223202406200101-Y01', '2026-12-04T09:00:00.000Z');
    await ingest('430223202406200101-Y01', '2026-12-04T10:00:00.000Z', 'hn.presale.permit.corrected.v1');
    // a subscriber registered now has no deliveries of the day: nothing was offered to it (until a replay)
    await subscribers.insert(subscriber(late, 'WEBHOOK', null));
    await ds.query(`UPDATE exchange_subscriber SET created_at = '2026-11-01T00:00:00Z' WHERE id = $1`, [late]);
    const c = await ingest('430223202406200101-Y03', '2026-12-04T15:59:59.999Z');
    await ingest('430223202406200101-Y03', '2026-12-04T16:00:00.000Z');

    const during = new Date('2026-12-04T12:00:00Z');
    const provisional = await manifests.manifestOf((await subscribers.get(webhook))!, '2026-12-04', during);
    expect(provisional).toMatchObject({ final: false, count: 3, eventIds: [a.id, b.id, c.id] });
    expect(checkManifest(provisional, [a, b, c], [KEY]).problems).toEqual([]);
    expect(checkManifest(provisional, [a, c], [KEY]).problems).toEqual([
      `缺少事件 ${b.id}（清单第 2 条）：请按 id 重推或按流序号重放`,
    ]);
    const ofPuller = await manifests.manifestOf((await subscribers.get(puller))!, '2026-12-04', during);
    expect(ofPuller.eventIds).toEqual([a.id, b.id, c.id]);
    const ofLate = await manifests.manifestOf((await subscribers.get(late))!, '2026-12-04', during);
    expect(ofLate.eventIds).toEqual([c.id]);
    expect(before.id).not.toBe(a.id);
    // provisional manifests are not kept
    expect(await ds.query(`SELECT 1 FROM exchange_manifest`)).toEqual([]);
  });

  it('makes each closed day final once, pushes it to a push subscriber and offers it to the puller', async () => {
    const after = new Date('2026-12-04T16:11:00Z');
    // within the delay 2026-12-04 is not closed yet: the three days before it are (3 subscribers each)
    expect(await manifests.closeDays(new Date('2026-12-04T16:05:00Z'))).toBe(9);
    expect(await ds.query(`SELECT DISTINCT date::text AS d FROM exchange_manifest ORDER BY 1`)).toEqual([
      { d: '2026-12-01' },
      { d: '2026-12-02' },
      { d: '2026-12-03' },
    ]);
    expect(await manifests.closeDays(after)).toBe(3);
    expect(await manifests.closeDays(new Date('2026-12-04T16:12:00Z'))).toBe(0);
    const kept = await manifests.manifestOf((await subscribers.get(webhook))!, '2026-12-04', new Date());
    expect(kept).toMatchObject({ final: true, count: 3, generatedAt: after.toISOString() });
    expect(checkManifest(kept, [], [KEY]).problems).toHaveLength(3);

    // queued for the push subscribers only, oldest first, one ordering key per subscriber (sent one at a time)
    const queued: Array<{ subscriber_id: string; ordering_key: string; data: { date: string } }> = await ds.query(
      `SELECT d.subscriber_id, d.ordering_key, ev.cloud_event->'data' AS data FROM exchange_delivery d
         JOIN exchange_event ev ON ev.event_id = d.event_id
        WHERE ev.event_type = $1 AND d.state = 'PENDING' ORDER BY d.position`,
      [MANIFEST_EVENT_TYPE],
    );
    const ofWebhook = queued.filter((d) => d.subscriber_id === webhook);
    expect(ofWebhook.map((d) => d.data.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(ofWebhook[3].data).toEqual(kept);
    expect(new Set(ofWebhook.map((d) => d.ordering_key))).toEqual(new Set([`manifest:${webhook}`]));
    expect(queued.some((d) => d.subscriber_id === puller)).toBe(false);
    const claimed = await deliveries.claimDue(50, 60_000);
    expect(
      claimed.filter((d) => d.subscriber_id === webhook && d.cloud_event.type === MANIFEST_EVENT_TYPE),
    ).toHaveLength(1);
    // the puller finds its own manifests in its stream, not the others'
    const pulled = await deliveries.pull(['hn.presale.permit.issued.v1'], 0, 100, puller);
    const own = pulled.filter((r) => r.cloud_event.type === MANIFEST_EVENT_TYPE);
    expect(own).toHaveLength(4);
    expect(own.every((r) => (r.cloud_event.data as { subscriberId: string }).subscriberId === puller)).toBe(true);
    // a manifest never lists a manifest
    const next = await manifests.manifestOf(
      (await subscribers.get(webhook))!,
      '2026-12-05',
      new Date('2026-12-05T01:00:00Z'),
    );
    expect(next.eventIds).toHaveLength(1);
  });
});

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCloudEvent } from '@hn/eventing';
import { MetricsService } from '@hn/observability';
import { createServiceDataSource, runMigrationsLocked } from '@hn/persistence';
import { createTestDatabase, presalePermitFixture } from '@hn/testing';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ExchangeConfig } from '../config/exchange.config';
import { DeliveryDispatcher } from '../delivery/delivery-dispatcher';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { ExchangeMetrics } from '../delivery/exchange.metrics';
import { ExchangeIngestConsumer } from '../ingest/exchange-ingest.consumer';
import { exchangeMigrations } from '../migrations';
import { publicKeyText } from '../signing/webhook-signer';
import { SubscriberRepository } from '../subscribers/subscriber.repository';
import { SubscriberService } from '../subscribers/subscriber.service';
import { ManifestRepository } from './manifest.repository';
import { ManifestService } from './manifest.service';
import { checkManifest, receivedEventsOf } from './verify-manifest';

/** A file drop end to end on a real Postgres: event files by the dispatcher, then the closed day's manifest and NDJSON file. */
describe('file drop: event files, the final manifest and the daily NDJSON file', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let dispatcher: DeliveryDispatcher;
  let manifests: ManifestService;
  let root = '';
  const { privateKey } = generateKeyPairSync('ed25519');
  const subscriberId = randomUUID();

  const waitFor = async (done: () => boolean): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'hn-drop-it-'));
    const db = await createTestDatabase('it_exchange_drop');
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
    const config = {
      signingKey: privateKey,
      previousSigningKey: null,
      secretKey: randomBytes(32),
      dropRoot: root,
      delivery: {
        retryBaseMs: 100,
        retryMaxMs: 1000,
        retryHorizonMs: 60_000,
        requestTimeoutMs: 1000,
        pollMs: 50,
        concurrency: 4,
      },
      manifests: { delayMs: 600_000, checkMs: 60_000 },
    } as unknown as ExchangeConfig;
    const subscribers = new SubscriberRepository(ds);
    const subscriberService = new SubscriberService(subscribers, config);
    await subscribers.insert({
      id: subscriberId,
      name: '前置机',
      kind: 'DATA_SHARING',
      delivery_mode: 'FILE_DROP',
      url: null,
      directory: 'gxpt',
      event_types: ['hn.presale.permit.issued.v1'],
      data_view: ['presaleNumber', 'projectName'],
      signing: 'v1a',
      secret_sealed: null,
      previous_secret_sealed: null,
      previous_secret_valid_until: null,
      state: 'ACTIVE',
      disabled_reason: null,
      pull_client_id: null,
    });
    await ds.query(`UPDATE exchange_subscriber SET created_at = '2026-11-01T00:00:00Z'`);
    const metrics = new ExchangeMetrics({ registry: new Registry() } as unknown as MetricsService, ds);
    dispatcher = new DeliveryDispatcher(
      ds,
      new DeliveryRepository(ds),
      subscribers,
      subscriberService,
      metrics,
      config,
    );
    manifests = new ManifestService(new ManifestRepository(ds), subscribers, subscriberService, config);
    await dispatcher.onApplicationBootstrap();
  });

  afterAll(async () => {
    await dispatcher?.onModuleDestroy();
    await ds?.destroy();
    await drop?.();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('drops each event, then on the closed day its manifest and the day file in manifest order', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const number = `430223202406200101-Y0${i}`;
      const event = {
        ...buildCloudEvent({
          source: '/hn/presale',
          type: 'hn.presale.permit.issued.v1',
          subject: number,
          data: { permit: presalePermitFixture(number) },
        }),
        time: `2026-12-04T0${i}:00:00.000Z`,
      };
      await ds.transaction((m) => ExchangeIngestConsumer.ingest(event, m, i));
      ids.push(event.id);
    }
    const folder = join(root, 'gxpt');
    const eventFiles = (): string[] =>
      existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.json')) : [];
    await waitFor(() => eventFiles().length === 3);

    expect(await manifests.closeDays(new Date('2026-12-04T16:11:00Z'))).toBe(3);
    const daily = join(folder, 'daily', '2026-12-04.ndjson');
    await waitFor(() => existsSync(daily));
    const lines = readFileSync(daily, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
    const { events } = receivedEventsOf(lines.join('\n'), 'daily');
    expect(events.map((e) => e.id).slice(0, 3)).toEqual(ids);
    expect(events[3].type).toBe('hn.exchange.manifest.v1');
    const manifest = JSON.parse(JSON.parse(lines[3]).body).data;
    expect(manifest).toMatchObject({ date: '2026-12-04', final: true, count: 3, eventIds: ids });
    // the receiver checks the whole directory (event files, manifest files, the day file) against it
    const received = readdirSync(folder, { recursive: true })
      .map(String)
      .filter((n) => /\.(json|ndjson)$/.test(n))
      .flatMap((n) => receivedEventsOf(readFileSync(join(folder, n), 'utf8'), n).events);
    expect(checkManifest(manifest, received, [publicKeyText(privateKey)]).problems).toEqual([]);
  });
});

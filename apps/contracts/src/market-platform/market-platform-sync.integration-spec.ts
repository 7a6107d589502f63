import { INestApplication } from '@nestjs/common';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createContractsApp } from '../bootstrap';
import { validateContractsConfig } from '../config/contracts.config';
import { MarketPlatformSyncService } from './market-platform-sync.service';
import { validateMarketItem } from './market-filing-item';
import { encodeCursor } from './simulator/feed-cursor';
import { generateMarketDataset } from './simulator/market-dataset';
import { MarketSimulator } from './simulator/market-simulator';

const KEY = 'it-market-platform-key';
const PAGE = 10;

describe(MarketPlatformSyncService.name, () => {
  let nats: NatsServerProcess;
  let sim: MarketSimulator;
  let app: INestApplication;
  let sync: MarketPlatformSyncService;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const count = async (sql: string): Promise<number> => ((await dataSource.query(sql)) as Array<{ n: number }>)[0]!.n;
  const state = async () =>
    (
      (await dataSource.query(
        `SELECT cursor, pages_pulled::int AS pages, items_pulled::int AS items, bad_items::int AS bad, last_error FROM market_sync_state`,
      )) as Array<{ cursor: string | null; pages: number; items: number; bad: number; last_error: string | null }>
    )[0];
  const distinctValidIds = (): number =>
    new Set(sim.dataset.feed.map((e) => validateMarketItem(e.item)).flatMap((c) => (c.ok ? [c.value.id] : []))).size;
  const reset = async (): Promise<void> => {
    await dataSource.query(`TRUNCATE market_filing, market_bad_item, market_sync_state`);
    sim.faults.clear();
    sim.requests.length = 0;
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    sim = await MarketSimulator.start({
      dataset: generateMarketDataset({ seed: 99, presales: 4, perKind: 1 }),
      apiKey: KEY,
      hangMs: 3000,
    });
    const db = await createTestDatabase('it_contracts_market');
    dropDb = db.drop;
    const env = {
      DATABASE_URL: db.serverUrl,
      CONTRACTS_DB_NAME: db.name,
      NATS_URL: nats.url,
      CONTRACTS_PORT: '0',
      CONTRACTS_PII_KEY: randomBytes(32).toString('base64'),
      MARKET_PLATFORM_URL: sim.url,
      MARKET_PLATFORM_API_KEY: KEY,
      MARKET_PLATFORM_PAGE_SIZE: String(PAGE),
      MARKET_PLATFORM_TIMEOUT_MS: '250',
      MARKET_PLATFORM_MAX_ATTEMPTS: '3',
      MARKET_PLATFORM_RETRY_BASE_MS: '5',
      MARKET_PLATFORM_RETRY_MAX_MS: '20',
    };
    app = await createContractsApp(validateContractsConfig(env));
    dataSource = app.get(DataSource);
    sync = app.get(MarketPlatformSyncService);
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  beforeEach(reset);

  it('pulls the whole feed, upserting by the platform id and recording bad items 全量拉取', async () => {
    const result = await sync.pull();
    const feed = sim.dataset.feed.length;
    expect(result).toMatchObject({ pages: Math.ceil(feed / PAGE), badItems: 4, cursor: encodeCursor(feed) });
    expect(await count(`SELECT count(*)::int AS n FROM market_filing`)).toBe(distinctValidIds());
    expect(await count(`SELECT count(*)::int AS n FROM market_filing WHERE status = 'CANCELLED'`)).toBeGreaterThan(0);
    const bad = (await dataSource.query(`SELECT source_id, problems FROM market_bad_item ORDER BY id`)) as Array<{
      source_id: string | null;
      problems: string[];
    }>;
    expect(bad).toHaveLength(4);
    expect(bad.map((b) => b.source_id)).toEqual(['MPBAD0001', 'MPBAD0002', 'MPBAD0003', null]);
    expect(bad.every((b) => b.problems.length > 0)).toBe(true);
    expect(await state()).toMatchObject({ cursor: encodeCursor(feed), pages: result.pages, bad: 4, last_error: null });
    // caught up: the next pull asks once from the stored cursor and gets nothing
    sim.requests.length = 0;
    expect(await sync.pull()).toMatchObject({ pages: 1, items: 0 });
    expect(sim.requests.map((r) => r.cursor)).toEqual([encodeCursor(feed)]);
  });

  it('resumes from the stored cursor after a failed pull 断点续传', async () => {
    sim.faults.script(['ok', 'ok', '500', '500', '500']);
    await expect(sync.pull()).rejects.toMatchObject({ name: 'MarketPlatformError', retryable: true, status: 500 });
    expect(await state()).toMatchObject({
      cursor: encodeCursor(2 * PAGE),
      pages: 2,
      last_error: expect.stringContaining('500'),
    });
    const stored = await count(`SELECT count(*)::int AS n FROM market_filing`);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThanOrEqual(2 * PAGE);
    sim.requests.length = 0;
    const resumed = await sync.pull();
    expect(sim.requests[0]!.cursor).toBe(encodeCursor(2 * PAGE));
    expect(sim.requests.every((r) => r.cursor !== null)).toBe(true);
    expect(resumed.cursor).toBe(encodeCursor(sim.dataset.feed.length));
    expect(await count(`SELECT count(*)::int AS n FROM market_filing`)).toBe(distinctValidIds());
    expect(await count(`SELECT count(*)::int AS n FROM market_bad_item`)).toBe(4);
    expect((await state())!.last_error).toBeNull();
  });

  it('survives injected 500s, 503s and timeouts 重试', async () => {
    sim.faults.script(['500', 'timeout', 'ok', '503', 'ok', 'timeout', '500', 'ok', '500', 'ok']);
    const result = await sync.pull();
    expect(result.cursor).toBe(encodeCursor(sim.dataset.feed.length));
    expect(await count(`SELECT count(*)::int AS n FROM market_filing`)).toBe(distinctValidIds());
    expect(sim.requests.filter((r) => r.outcome === 'timeout')).toHaveLength(2);
    expect(sim.requests.filter((r) => r.outcome === '500' || r.outcome === '503')).toHaveLength(4);
  });

  it('picks up later changes: a record cancelled after it was pulled is updated under its id 增量更新', async () => {
    await sync.pull();
    const caughtUp = sim.dataset.feed.length;
    expect((await state())!.cursor).toBe(encodeCursor(caughtUp));
    const first = sim.dataset.feed[0]!.item as { id: string; status: string };
    expect(first.status).toBe('FILED');
    sim.append([{ ...first, status: 'CANCELLED' }]);
    sim.requests.length = 0;
    expect(await sync.pull()).toMatchObject({ items: 1, cursor: encodeCursor(caughtUp + 1) });
    expect(sim.requests[0]!.cursor).toBe(encodeCursor(caughtUp));
    expect(
      (
        (await dataSource.query(`SELECT status FROM market_filing WHERE id = $1`, [first.id])) as Array<{
          status: string;
        }>
      )[0]!.status,
    ).toBe('CANCELLED');
    expect(await count(`SELECT count(*)::int AS n FROM market_filing`)).toBe(distinctValidIds());
  });
});

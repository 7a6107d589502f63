import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MarketPlatformClient, MarketPlatformClientOptions } from './market-platform.client';
import { MarketPlatformError } from './market-platform.error';
import { generateMarketDataset } from './simulator/market-dataset';
import { MarketSimulator } from './simulator/market-simulator';

const KEY = 'unit-test-market-key';

describe(MarketPlatformClient.name, () => {
  let sim: MarketSimulator;
  const delays: number[] = [];
  const client = (over: Partial<MarketPlatformClientOptions> = {}) =>
    new MarketPlatformClient({
      baseUrl: sim.url,
      apiKey: KEY,
      requestTimeoutMs: 150,
      maxAttempts: 4,
      retryBaseMs: 10,
      retryMaxMs: 100,
      sleep: async (ms) => void delays.push(ms),
      ...over,
    });

  beforeAll(async () => {
    sim = await MarketSimulator.start({
      dataset: generateMarketDataset({ seed: 5, presales: 2, perKind: 0, badItems: 1 }),
      apiKey: KEY,
      hangMs: 2000,
    });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    delays.length = 0;
    sim.faults.clear();
    sim.requests.length = 0;
  });

  it('reads the whole feed page by page, resuming from each nextCursor', async () => {
    const c = client();
    let cursor: string | null = null;
    const items: unknown[] = [];
    for (let pages = 0; pages < 100; pages++) {
      const page = await c.fetchPage(cursor, 7);
      items.push(...page.items);
      expect(page.attempts).toBe(1);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(items).toEqual(sim.dataset.feed.map((e) => e.item));
    const end = await c.fetchPage(cursor, 7);
    expect(end).toMatchObject({ items: [], nextCursor: cursor, hasMore: false });
  });

  it('retries 500, 503 and timeouts with growing, jittered delays 重试', async () => {
    sim.faults.script(['500', 'timeout', '503']);
    const retries: number[] = [];
    const page = await client({ onRetry: ({ attempt }) => void retries.push(attempt) }).fetchPage(null, 5);
    expect(page.attempts).toBe(4);
    expect(page.items).toHaveLength(5);
    expect(retries).toEqual([1, 2, 3]);
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(5);
    expect(delays[0]).toBeLessThanOrEqual(10);
    expect(delays[2]).toBeGreaterThanOrEqual(20);
    expect(delays[2]).toBeLessThanOrEqual(40);
    expect(sim.requests.map((r) => r.outcome)).toEqual(['500', 'timeout', '503', 'ok']);
  });

  it('gives up after maxAttempts with a retryable error', async () => {
    sim.faults.script(['500', '500', '500', '500', '500']);
    const err = await client()
      .fetchPage(null, 5)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketPlatformError);
    expect(err).toMatchObject({ retryable: true, status: 500 });
    expect(sim.requests).toHaveLength(4);
  });

  it('fails at once on a wrong key, without leaking it', async () => {
    const err = await client({ apiKey: 'wrong-key-123' })
      .fetchPage(null, 5)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, status: 401 });
    expect(String((err as Error).message)).not.toContain('wrong-key-123');
    expect(delays).toEqual([]);
  });

  it('fails at once on a bad request (e.g. a cursor the platform does not know)', async () => {
    await expect(client().fetchPage('bm90LWEtY3Vyc29y', 5)).rejects.toMatchObject({ retryable: false, status: 400 });
  });

  it('treats a connection refused as retryable', async () => {
    const err = await client({ baseUrl: 'http://127.0.0.1:1', maxAttempts: 2 })
      .fetchPage(null, 5)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true, status: null });
    expect(delays).toHaveLength(1);
  });

  describe('with a misbehaving server', () => {
    let server: Server;
    const bodies: string[] = [];
    beforeAll(async () => {
      server = createServer((_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(bodies.shift() ?? '{"items":[],"nextCursor":null}'),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('retries malformed pages, then accepts a good one', async () => {
      bodies.push('<html>busy</html>', '{"items":{}}');
      const page = await client({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix/`,
      }).fetchPage(null, 5);
      expect(page).toMatchObject({ items: [], nextCursor: null, attempts: 3 });
    });
  });
});

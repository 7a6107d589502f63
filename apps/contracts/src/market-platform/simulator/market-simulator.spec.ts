import { decodeCursor, encodeCursor } from './feed-cursor';
import { FaultInjector } from './fault-injector';
import { generateMarketDataset } from './market-dataset';
import { MarketSimulator } from './market-simulator';
import { DEV_API_KEY, simulatorConfigFromEnv } from './simulator-config';

const KEY = 'sim-spec-key-0001';

describe(MarketSimulator.name, () => {
  let sim: MarketSimulator;
  const get = (path: string, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) =>
    fetch(`${sim.url}${path}`, { headers });

  beforeAll(async () => {
    sim = await MarketSimulator.start({ dataset: generateMarketDataset({ seed: 11 }), apiKey: KEY, hangMs: 100 });
  });
  afterAll(() => sim.close());

  it('requires the API key (bearer or X-API-Key)', async () => {
    expect((await get('/api/filings', {})).status).toBe(401);
    expect((await get('/api/filings', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await get('/api/filings?limit=2', { 'x-api-key': KEY })).status).toBe(200);
    expect((await get('/health', {})).status).toBe(200);
  });

  it('pages the feed and validates cursor and limit', async () => {
    const first = (await (await get('/api/filings?limit=3')).json()) as {
      items: unknown[];
      nextCursor: string;
      hasMore: boolean;
    };
    expect(first.items).toEqual(sim.dataset.feed.slice(0, 3).map((e) => e.item));
    expect(first.hasMore).toBe(true);
    const second = (await (await get(`/api/filings?limit=3&cursor=${first.nextCursor}`)).json()) as {
      items: unknown[];
    };
    expect(second.items).toEqual(sim.dataset.feed.slice(3, 6).map((e) => e.item));
    for (const q of ['limit=0', 'limit=501', 'limit=x', 'cursor=garbage', `cursor=${encodeCursor(999_999)}`])
      expect((await get(`/api/filings?${q}`)).status).toBe(400);
  });

  it('lists the planted differences and our side for tests', async () => {
    const manifest = (await (await get('/api/_planted')).json()) as {
      planted: unknown[];
      badItems: Array<{ seq: number }>;
      seed: number;
    };
    expect(manifest.seed).toBe(11);
    expect(manifest.planted).toEqual(sim.dataset.planted);
    expect(manifest.badItems.map((b) => b.seq)).toEqual(sim.dataset.badItemSeqs);
    const ours = (await (await get('/api/_ours')).json()) as {
      presales: unknown[];
      filings: unknown[];
      statistics: unknown[];
    };
    expect(ours.filings).toHaveLength(sim.dataset.ours.filings.length);
  });

  it('injects faults by query flag, script endpoint and rate', async () => {
    expect((await get('/api/filings?fault=500')).status).toBe(500);
    expect(
      (
        await fetch(`${sim.url}/api/_faults`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}` },
          body: JSON.stringify({ script: ['503', 'ok'] }),
        })
      ).status,
    ).toBe(204);
    expect((await get('/api/filings')).status).toBe(503);
    expect((await get('/api/filings')).status).toBe(200);
    await expect(get('/api/filings?fault=timeout')).rejects.toThrow();
  });

  it('appends live items after the end of the feed', async () => {
    const end = encodeCursor(sim.dataset.feed.length);
    sim.append([{ id: 'MPLIVE1' }]);
    const page = (await (await get(`/api/filings?cursor=${end}`)).json()) as { items: unknown[]; hasMore: boolean };
    expect(page).toEqual({
      items: [{ id: 'MPLIVE1' }],
      nextCursor: encodeCursor(sim.dataset.feed.length),
      hasMore: false,
    });
  });
});

describe('simulator helpers', () => {
  it('round-trips cursors and rejects foreign ones', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(decodeCursor(null)).toBe(0);
    expect(decodeCursor('')).toBe(0);
    expect(decodeCursor('%%%')).toBeNull();
    expect(decodeCursor(Buffer.from('{"v":2,"after":1}').toString('base64url'))).toBeNull();
  });

  it('serves scripted faults first, then random ones at the rate', () => {
    const f = new FaultInjector({ rate: 1, kind: 'timeout' });
    f.script(['ok', '500']);
    expect([f.next(), f.next(), f.next()]).toEqual(['ok', '500', 'timeout']);
    f.clear();
    expect(f.next()).toBe('ok');
    const mixed = new FaultInjector({ rate: 0.5, kind: 'mixed', seed: 3 });
    const outcomes = new Set(Array.from({ length: 200 }, () => mixed.next()));
    expect([...outcomes].sort()).toEqual(['500', '503', 'ok', 'timeout']);
  });

  it('reads its configuration from the environment', () => {
    expect(simulatorConfigFromEnv({})).toMatchObject({
      port: 3190,
      apiKey: DEV_API_KEY,
      apiKeyIsDefault: true,
      dataset: { seed: 20_240_901, presales: 8, perKind: 2 },
      faults: { rate: 0 },
    });
    const file = JSON.stringify({ seed: 9, presales: [{ presaleNumber: '430223202306150101-Z01' }] });
    expect(
      simulatorConfigFromEnv(
        {
          MARKET_SIM_SEED_FILE: 'seed.json',
          MARKET_SIM_API_KEY: 'a-long-key',
          MARKET_SIM_FAULT_RATE: '0.2',
          MARKET_SIM_FAULT_KIND: 'mixed',
        },
        () => file,
      ),
    ).toMatchObject({
      apiKeyIsDefault: false,
      dataset: { seed: 9, presaleList: [{ presaleNumber: '430223202306150101-Z01' }] },
      faults: { rate: 0.2, kind: 'mixed' },
    });
    expect(() =>
      simulatorConfigFromEnv({ MARKET_SIM_FAULT_RATE: '2', MARKET_SIM_PORT: 'x', MARKET_SIM_API_KEY: 'short' }),
    ).toThrow(/MARKET_SIM_FAULT_RATE.*MARKET_SIM_API_KEY.*MARKET_SIM_PORT/);
    expect(() => simulatorConfigFromEnv({ MARKET_SIM_SEED_FILE: 'x.json' }, () => '{}')).toThrow(
      /MARKET_SIM_SEED_FILE/,
    );
  });
});

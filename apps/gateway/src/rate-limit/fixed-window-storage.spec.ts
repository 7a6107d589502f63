import { FixedWindowThrottlerStorage } from './fixed-window-storage';

describe(FixedWindowThrottlerStorage.name, () => {
  let storage: FixedWindowThrottlerStorage;
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    storage = new FixedWindowThrottlerStorage();
  });
  afterEach(() => {
    storage.onModuleDestroy();
    jest.useRealTimers();
  });

  it('counts hits in a window, blocks over the limit and opens again in the next window', async () => {
    for (let i = 1; i <= 3; i++)
      expect(await storage.increment('c', 60_000, 3, 0, 'default')).toMatchObject({ totalHits: i, isBlocked: false });
    const fourth = await storage.increment('c', 60_000, 3, 0, 'default');
    expect(fourth.isBlocked).toBe(true);
    expect(fourth.timeToBlockExpire).toBe(60);
    expect((await storage.increment('other', 60_000, 3, 0, 'default')).isBlocked).toBe(false);
    jest.setSystemTime(1_000_000 + 60_001);
    expect(await storage.increment('c', 60_000, 3, 0, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('charges each request its cost and refuses, without counting, one that does not fit', () => {
    expect(storage.consume('k', 60_000, 10, 1)).toEqual({ allowed: true, used: 1, remaining: 9, resetSeconds: 60 });
    expect(storage.consume('k', 60_000, 10, 5)).toEqual({ allowed: true, used: 6, remaining: 4, resetSeconds: 60 });
    jest.setSystemTime(1_000_000 + 20_500);
    // 5 more would be 11 > 10: refused, the 4 left stay usable by cheaper requests
    expect(storage.consume('k', 60_000, 10, 5)).toEqual({ allowed: false, used: 6, remaining: 4, resetSeconds: 40 });
    expect(storage.consume('k', 60_000, 10, 4)).toEqual({ allowed: true, used: 10, remaining: 0, resetSeconds: 40 });
    expect(storage.consume('k', 60_000, 10, 1).allowed).toBe(false);
    // another key has its own budget
    expect(storage.consume('other', 60_000, 10, 1).remaining).toBe(9);
    jest.setSystemTime(1_000_000 + 60_000);
    expect(storage.consume('k', 60_000, 10, 1)).toEqual({ allowed: true, used: 1, remaining: 9, resetSeconds: 60 });
  });

  it('applies a lowered limit to the window in progress', () => {
    for (let i = 0; i < 5; i++) storage.consume('k', 60_000, 600, 1);
    expect(storage.consume('k', 60_000, 3, 1)).toMatchObject({ allowed: false, remaining: 0 });
  });
});

import { FixedWindowThrottlerStorage } from './fixed-window-storage';

describe(FixedWindowThrottlerStorage.name, () => {
  afterEach(() => jest.useRealTimers());

  it('counts hits in a window, blocks over the limit and opens again in the next window', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const storage = new FixedWindowThrottlerStorage();
    for (let i = 1; i <= 3; i++)
      expect(await storage.increment('c', 60_000, 3, 0, 'default')).toMatchObject({ totalHits: i, isBlocked: false });
    const fourth = await storage.increment('c', 60_000, 3, 0, 'default');
    expect(fourth.isBlocked).toBe(true);
    expect(fourth.timeToBlockExpire).toBe(60);
    expect((await storage.increment('other', 60_000, 3, 0, 'default')).isBlocked).toBe(false);
    jest.setSystemTime(1_000_000 + 60_001);
    expect(await storage.increment('c', 60_000, 3, 0, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    storage.onModuleDestroy();
  });
});

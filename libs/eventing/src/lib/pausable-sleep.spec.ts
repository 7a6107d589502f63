import { PausableSleep } from './pausable-sleep';

describe(PausableSleep.name, () => {
  it('wake() ends a wakeable sleep early', async () => {
    const s = new PausableSleep();
    const started = Date.now();
    const sleeping = s.sleep(10_000, true);
    s.wake();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('remembers a wake that came while awake, until cleared', async () => {
    const s = new PausableSleep();
    s.wake();
    await s.sleep(10_000, true); // returns at once
    s.clearWake();
    const sleeping = s.sleep(30, true);
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('wake() does not end a backoff (non-wakeable) sleep, interrupt() does', async () => {
    const s = new PausableSleep();
    let done = false;
    const sleeping = s.sleep(10_000, false).then(() => (done = true));
    s.wake();
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    s.interrupt();
    await sleeping;
    expect(done).toBe(true);
  });
});

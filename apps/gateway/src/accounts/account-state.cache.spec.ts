import { GatewayEvents } from '@hn/messages';
import { JSONCodec, Msg, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { AccountStateCache } from './account-state.cache';
import { AccountStateRepository } from './account-state.repository';

class FakeDb {
  rows = new Map<string, { version: number; active: boolean }>();
  queries = 0;
  gate: Promise<void> | null = null;
  async query(sql: string, [id]: [string]): Promise<unknown[]> {
    this.queries++;
    if (this.gate) await this.gate;
    expect(sql).toMatch(/token_version/);
    const row = this.rows.get(id);
    return row ? [{ ...row }] : [];
  }
}

class FakeNats {
  callback: ((err: Error | null, msg: Msg) => void) | null = null;
  subject = '';
  subscribe(subject: string, opts: { callback: (err: Error | null, msg: Msg) => void }) {
    this.subject = subject;
    this.callback = opts.callback;
    return { unsubscribe: () => undefined };
  }
  deliver(data: Uint8Array): void {
    this.callback!(null, { data } as Msg);
  }
}

describe(AccountStateCache.name, () => {
  let db: FakeDb;
  let nats: FakeNats;
  let cache: AccountStateCache;

  beforeEach(() => {
    db = new FakeDb();
    nats = new FakeNats();
    db.rows.set('hn_a', { version: 1, active: true });
    cache = new AccountStateCache(
      new AccountStateRepository(db as unknown as DataSource),
      { accountCacheTtlMs: 2000 },
      nats as unknown as NatsConnection,
    );
    cache.onApplicationBootstrap();
  });
  afterEach(() => jest.useRealTimers());

  it('accepts the current version of an active account and asks the database once per TTL', async () => {
    for (let i = 0; i < 5; i++) await expect(cache.accepts('integrator', 'hn_a', 1)).resolves.toBe(true);
    expect(db.queries).toBe(1);
  });

  it('refuses an old version, an inactive account and an unknown one', async () => {
    db.rows.set('hn_b', { version: 3, active: true });
    db.rows.set('hn_c', { version: 1, active: false });
    await expect(cache.accepts('integrator', 'hn_b', 2)).resolves.toBe(false);
    await expect(cache.accepts('integrator', 'hn_c', 1)).resolves.toBe(false);
    await expect(cache.accepts('staff', 'nobody', 1)).resolves.toBe(false);
  });

  it('drops an entry when hn.gateway.account.changed.v1 names the account', async () => {
    expect(nats.subject).toBe(GatewayEvents.accountChanged);
    await cache.accepts('integrator', 'hn_a', 1);
    db.rows.set('hn_a', { version: 2, active: false });
    await expect(cache.accepts('integrator', 'hn_a', 1)).resolves.toBe(true); // still cached
    nats.deliver(
      JSONCodec().encode({ kind: 'integrator', id: 'hn_a', change: 'DISABLED', at: new Date().toISOString() }),
    );
    await expect(cache.accepts('integrator', 'hn_a', 1)).resolves.toBe(false);
  });

  it('clears everything on an unreadable event', async () => {
    await cache.accepts('integrator', 'hn_a', 1);
    db.rows.set('hn_a', { version: 2, active: true });
    nats.deliver(new TextEncoder().encode('not json'));
    await expect(cache.accepts('integrator', 'hn_a', 1)).resolves.toBe(false);
  });

  it('re-reads after the TTL even without an event', async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] });
    await cache.accepts('staff', 'hn_a', 1);
    db.rows.set('hn_a', { version: 2, active: false });
    jest.setSystemTime(1_000_000 + 2001);
    await expect(cache.accepts('staff', 'hn_a', 1)).resolves.toBe(false);
    expect(db.queries).toBe(2);
  });

  it('shares one lookup between concurrent requests, and a change during the lookup keeps its result out of the cache', async () => {
    let open!: () => void;
    db.gate = new Promise((r) => (open = r));
    const a = cache.accepts('integrator', 'hn_a', 1);
    const b = cache.accepts('integrator', 'hn_a', 1);
    cache.invalidate('integrator', 'hn_a'); // the account changed while the read was in flight
    open();
    await expect(Promise.all([a, b])).resolves.toEqual([true, true]);
    expect(db.queries).toBe(1);
    db.gate = null;
    db.rows.set('hn_a', { version: 2, active: false });
    await expect(cache.accepts('integrator', 'hn_a', 1)).resolves.toBe(false);
    expect(db.queries).toBe(2);
  });

  it('does not cache with a TTL of 0', async () => {
    const uncached = new AccountStateCache(new AccountStateRepository(db as unknown as DataSource), {
      accountCacheTtlMs: 0,
    });
    await uncached.accepts('integrator', 'hn_a', 1);
    await uncached.accepts('integrator', 'hn_a', 1);
    expect(db.queries).toBe(2);
  });
});

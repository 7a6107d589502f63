import { createTestDatabase, TestDatabase } from '@hn/testing';
import { DataSource, EntityManager } from 'typeorm';
import { createServiceDataSource } from './create-service-data-source';
import { IdempotencyKeyStore } from './idempotency-key-store';

class InFlight extends Error {
  readonly status = 409;
}
class Reused extends Error {
  readonly status = 422;
}
class InvalidKey extends Error {
  readonly status = 422;
}

const store: IdempotencyKeyStore = new IdempotencyKeyStore({
  lockNamespace: 'test-idem',
  lockSeed: 7,
  errors: { inFlight: () => new InFlight(), reused: () => new Reused(), invalidKey: () => new InvalidKey() },
});

/** A promise with its resolve, to hold a transaction open. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe(IdempotencyKeyStore.name, () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('idem');
    ds = createServiceDataSource({ serverUrl: db.serverUrl, database: db.name, entities: [], migrations: [] });
    await ds.initialize();
    await ds.query(`CREATE TABLE idempotency_key (
      client_id text NOT NULL, idempotency_key text NOT NULL, request_hash char(64) NOT NULL, response jsonb NOT NULL,
      PRIMARY KEY (client_id, idempotency_key))`);
    await ds.query(`CREATE TABLE record (id serial PRIMARY KEY, client_id text NOT NULL)`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const hashA = 'a'.repeat(64);
  const hashB = 'b'.repeat(64);

  /** What a service does: claim, write its record, store the response, all in one transaction. */
  async function issue(
    clientId: string,
    key: string,
    hash: string,
    hold?: Promise<void>,
    claimed?: () => void,
  ): Promise<{ id: number; replay: boolean }> {
    return ds.transaction(async (manager: EntityManager) => {
      const replay = await store.claim<{ id: number }>(manager, clientId, key, hash);
      claimed?.();
      if (replay) return { ...replay, replay: true };
      await hold;
      const [row] = (await manager.query(`INSERT INTO record (client_id) VALUES ($1) RETURNING id`, [
        clientId,
      ])) as Array<{
        id: number;
      }>;
      await store.store(manager, clientId, key, hash, { id: row!.id });
      return { id: row!.id, replay: false };
    });
  }

  async function records(clientId: string): Promise<number> {
    const [r] = (await ds.query(`SELECT count(*)::int AS n FROM record WHERE client_id = $1`, [clientId])) as Array<{
      n: number;
    }>;
    return r!.n;
  }

  it('lets one of two parallel claims of a key win; the other is refused as in flight (409) and writes nothing', async () => {
    const held = gate();
    const firstClaimed = gate();
    const first = issue('c1', 'k-parallel', hashA, held.wait, firstClaimed.open);
    await firstClaimed.wait;
    await expect(issue('c1', 'k-parallel', hashA)).rejects.toBeInstanceOf(InFlight);
    held.open();
    const won = await first;
    expect(won.replay).toBe(false);
    expect(await records('c1')).toBe(1);
  });

  it('returns the stored response for the same key and body, with no second record', async () => {
    const first = await issue('c2', 'k-replay', hashA);
    const again = await issue('c2', 'k-replay', hashA);
    expect(again).toEqual({ id: first.id, replay: true });
    expect(await records('c2')).toBe(1);
  });

  it('refuses the key with another body (422) and keeps the stored response', async () => {
    const first = await issue('c3', 'k-reused', hashA);
    await expect(issue('c3', 'k-reused', hashB)).rejects.toBeInstanceOf(Reused);
    expect(await issue('c3', 'k-reused', hashA)).toEqual({ id: first.id, replay: true });
    expect(await records('c3')).toBe(1);
  });

  it('scopes keys to the client', async () => {
    await issue('c4', 'k-shared', hashA);
    expect((await issue('c5', 'k-shared', hashB)).replay).toBe(false);
  });

  it('stores nothing when the transaction rolls back, so the key can be used again', async () => {
    await expect(
      ds.transaction(async (manager) => {
        expect(await store.claim(manager, 'c6', 'k-rollback', hashA)).toBeNull();
        await store.store(manager, 'c6', 'k-rollback', hashA, { id: 0 });
        throw new Error('record failed');
      }),
    ).rejects.toThrow('record failed');
    expect((await issue('c6', 'k-rollback', hashB)).replay).toBe(false);
  });
});

describe(`${IdempotencyKeyStore.name} key rule`, () => {
  it('accepts keys of the @hn/messages rule and refuses others with the invalid-key error', () => {
    expect(() => store.assertKey('order-2026.12:03_x')).not.toThrow();
    for (const bad of ['', 'a b', 'x'.repeat(129), 42, undefined, '键'])
      expect(() => store.assertKey(bad)).toThrow(InvalidKey);
  });

  it('refuses a lock seed that is not an integer', () => {
    expect(
      () =>
        new IdempotencyKeyStore({
          lockNamespace: 'x',
          lockSeed: Number.NaN,
          errors: { inFlight: () => new InFlight(), reused: () => new Reused(), invalidKey: () => new InvalidKey() },
        }),
    ).toThrow('lockSeed');
  });
});

import { createTestDatabase, TestDatabase, uniqueName } from '@hn/testing';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { CreateOutboxInbox1700000000000 } from './create-outbox-inbox-1700000000000';
import { createServiceDataSource, ensureDatabase, runMigrationsLocked } from '@hn/persistence';
import { outboxEntities } from './outbox-entities';

/** Slow and not idempotent: two concurrent runs would fail or insert twice. */
class SlowProbe1700000000001 implements MigrationInterface {
  name = 'SlowProbe1700000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE migration_probe (n int NOT NULL)`);
    await queryRunner.query(`SELECT pg_sleep(0.3)`);
    await queryRunner.query(`INSERT INTO migration_probe VALUES (1)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE migration_probe`);
  }
}

async function serverQuery<T>(serverUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe(runMigrationsLocked.name, () => {
  let db: TestDatabase;
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('persist_migr');
  });

  afterAll(async () => {
    await Promise.all(dataSources.filter((d) => d.isInitialized).map((d) => d.destroy()));
    await db.drop();
  });

  it('migrates once when three replicas start together', async () => {
    for (let i = 0; i < 3; i++) {
      dataSources.push(
        createServiceDataSource({
          serverUrl: db.serverUrl,
          database: db.name,
          entities: outboxEntities,
          migrations: [CreateOutboxInbox1700000000000, SlowProbe1700000000001],
          poolSize: 1, // the migrations must run on the lock's own connection
        }),
      );
    }
    await Promise.all(dataSources.map((d) => d.initialize()));

    const executed = await Promise.all(dataSources.map((d) => runMigrationsLocked(d)));

    expect(executed.map((list) => list.length).sort()).toEqual([0, 0, 2]);
    const ds = dataSources[0]!;
    expect(await ds.query(`SELECT name FROM migrations ORDER BY id`)).toEqual([
      { name: 'CreateOutboxInbox1700000000000' },
      { name: 'SlowProbe1700000000001' },
    ]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM migration_probe`)).toEqual([{ n: 1 }]);
    // The advisory lock is released again.
    expect(
      await ds.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('creates the outbox and inbox tables with the documented columns and partial index', async () => {
    const ds = dataSources[0]!;
    const columns: Array<{ table_name: string; column_name: string; data_type: string; is_nullable: string }> =
      await ds.query(
        `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name IN ('outbox_event', 'inbox_event') ORDER BY table_name, ordinal_position`,
      );
    expect(columns.map((c) => `${c.table_name}.${c.column_name}:${c.data_type}:${c.is_nullable}`)).toEqual([
      'inbox_event.consumer:text:NO',
      'inbox_event.event_id:uuid:NO',
      'inbox_event.processed_at:timestamp with time zone:NO',
      'outbox_event.id:uuid:NO',
      'outbox_event.stream_subject:text:NO',
      'outbox_event.payload:jsonb:NO',
      'outbox_event.headers:jsonb:NO',
      'outbox_event.created_at:timestamp with time zone:NO',
      'outbox_event.published_at:timestamp with time zone:YES',
      'outbox_event.attempts:integer:NO',
      'outbox_event.last_error:text:YES',
    ]);
    const [index]: Array<{ indexdef: string }> = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'outbox_event_unpublished_idx'`,
    );
    expect(index!.indexdef).toMatch(/\(created_at\) WHERE \(published_at IS NULL\)/);
  });

  it('does nothing when nothing is pending', async () => {
    await expect(runMigrationsLocked(dataSources[1]!)).resolves.toEqual([]);
  });
});

describe(ensureDatabase.name, () => {
  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = uniqueName('persist_ensure');

  afterAll(async () => {
    await serverQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('creates the database once when several processes race', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => ensureDatabase(serverUrl, name)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await serverQuery(serverUrl, `SELECT datname FROM pg_database WHERE datname = $1`, [name])).toHaveLength(1);
  });

  it('is a no-op for an existing database', async () => {
    await expect(ensureDatabase(serverUrl, name)).resolves.toBe(false);
  });

  it('refuses a name that is not a plain lowercase identifier', async () => {
    await expect(ensureDatabase(serverUrl, 'Robert"); DROP DATABASE postgres; --')).rejects.toThrow(
      /invalid database name/,
    );
  });
});

import { Client } from 'pg';
import { uniqueName } from './unique-name';

export const DEFAULT_TEST_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** The database name (lowercase, unique). */
  name: string;
  /** Server address (maintenance database), as services receive it in DATABASE_URL. */
  serverUrl: string;
  /** Drops the database, terminating any connection still open to it. */
  drop(): Promise<void>;
}

async function withServerClient<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, uniquely named database on the local Postgres (DATABASE_URL or the default). */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'] ?? DEFAULT_TEST_SERVER_URL;
  const name = uniqueName(prefix);
  await withServerClient(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  return {
    name,
    serverUrl,
    drop: async () => {
      // WITH (FORCE) (Postgres 13+) so a leaked pool connection cannot make cleanup fail.
      await withServerClient(serverUrl, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

/** "postgres://…/postgres" → "postgres://…/<database>", keeping credentials and query options. */
export function testDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

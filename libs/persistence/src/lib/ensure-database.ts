import { Client } from 'pg';
import { assertValidDatabaseName } from './database-name';
import { isPgError } from './pg-error';

const DUPLICATE_DATABASE = '42P04';
// Two concurrent CREATE DATABASE of one name can also surface as a pg_database unique violation.
const UNIQUE_VIOLATION = '23505';

/**
 * Creates `dbName` on the server if it does not exist. Safe when several processes race.
 * Resolves true when this call created the database.
 */
export async function ensureDatabase(serverUrl: string, dbName: string): Promise<boolean> {
  assertValidDatabaseName(dbName);
  const client = new Client({ connectionString: serverUrl, application_name: 'hn-ensure-database' });
  // An idle-connection error must not crash the process; the pending query rejects anyway.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if ((existing.rowCount ?? 0) > 0) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(dbName)}`);
      return true;
    } catch (err) {
      if (isPgError(err, DUPLICATE_DATABASE, UNIQUE_VIOLATION)) return false;
      throw err;
    }
  } finally {
    await client.end();
  }
}

/** Lowercase Postgres identifier: no quoting surprises, fits the 63-byte limit. */
export const DATABASE_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertValidDatabaseName(name: string): void {
  if (!DATABASE_NAME_PATTERN.test(name)) {
    throw new Error(`invalid database name "${name}": must match ${DATABASE_NAME_PATTERN.source}`);
  }
}

/** "postgres://u@h:5432/postgres?sslmode=x" + "hn_permits" → "postgres://u@h:5432/hn_permits?sslmode=x". */
export function serviceDatabaseUrl(serverUrl: string, database: string): string {
  assertValidDatabaseName(database);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

import { assertValidDatabaseName, serviceDatabaseUrl } from './database-name';

describe(assertValidDatabaseName.name, () => {
  it.each(['hn_permits', '_x', 'a', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(() => assertValidDatabaseName(name)).not.toThrow();
  });

  it.each(['', 'HN', '1db', 'hn-permits', 'a'.repeat(64), 'x"; DROP DATABASE postgres; --', 'hn permits'])(
    'rejects %j',
    (name) => {
      expect(() => assertValidDatabaseName(name)).toThrow(/invalid database name/);
    },
  );
});

describe(serviceDatabaseUrl.name, () => {
  it('replaces the database part and keeps credentials and options', () => {
    expect(serviceDatabaseUrl('postgres://u:p@db:6543/postgres?sslmode=require', 'hn_presale')).toBe(
      'postgres://u:p@db:6543/hn_presale?sslmode=require',
    );
  });

  it('adds the database when the server URL has none', () => {
    expect(serviceDatabaseUrl('postgres://postgres@127.0.0.1:5432', 'hn_permits')).toBe(
      'postgres://postgres@127.0.0.1:5432/hn_permits',
    );
  });

  it('refuses an invalid database name', () => {
    expect(() => serviceDatabaseUrl('postgres://h/postgres', 'Bad-Name')).toThrow();
  });
});

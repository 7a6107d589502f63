import { DEFAULT_DATABASE_SERVER_URL, DEFAULT_NATS_URL, PersistenceConfig } from './persistence-config';

describe(PersistenceConfig.name, () => {
  it('defaults to the local Postgres server and NATS', () => {
    const config = PersistenceConfig.fromEnv({});
    expect(config.serverUrl).toBe(DEFAULT_DATABASE_SERVER_URL);
    expect(config.natsUrl).toBe(DEFAULT_NATS_URL);
    expect(config.natsServers).toEqual([DEFAULT_NATS_URL]);
  });

  it('reads DATABASE_URL and NATS_URL, including a NATS server list', () => {
    const config = PersistenceConfig.fromEnv({
      DATABASE_URL: 'postgresql://app:pw@pg:5432/postgres',
      NATS_URL: 'nats://n1:4222, nats://n2:4222',
    });
    expect(config.serverUrl).toBe('postgresql://app:pw@pg:5432/postgres');
    expect(config.natsServers).toEqual(['nats://n1:4222', 'nats://n2:4222']);
  });

  it('rejects malformed URLs with one message naming each problem', () => {
    expect(() => PersistenceConfig.fromEnv({ DATABASE_URL: 'mysql://x', NATS_URL: 'http://n' })).toThrow(
      /DATABASE_URL.*NATS_URL/,
    );
  });
});

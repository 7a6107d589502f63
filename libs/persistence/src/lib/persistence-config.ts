export const DEFAULT_DATABASE_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * Where the shared infrastructure lives. DATABASE_URL is the Postgres SERVER address (its path is
 * the maintenance database); every service picks its own database name on that server.
 */
export class PersistenceConfig {
  constructor(
    readonly serverUrl: string,
    readonly natsUrl: string,
  ) {}

  static fromEnv(env: Readonly<Record<string, string | undefined>>): PersistenceConfig {
    const serverUrl = env['DATABASE_URL'] || DEFAULT_DATABASE_SERVER_URL;
    const natsUrl = env['NATS_URL'] || DEFAULT_NATS_URL;
    const problems: string[] = [];
    if (!/^postgres(ql)?:\/\/\S+$/.test(serverUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
    // NATS_URL may list several servers of a cluster, comma separated.
    if (!natsUrl.split(',').every((u) => /^(nats|tls|wss?):\/\/\S+$/.test(u.trim())))
      problems.push('NATS_URL must be nats:// URL(s)');
    if (problems.length > 0) throw new Error(`invalid persistence configuration: ${problems.join('; ')}`);
    return new PersistenceConfig(serverUrl, natsUrl);
  }

  /** NATS_URL split into the server list nats.js expects. */
  get natsServers(): string[] {
    return this.natsUrl
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u.length > 0);
  }
}

/** Configuration of the permits service, validated once at boot; the process exits on bad config. */
export interface PermitsConfig {
  databaseUrl: string;
  databaseName: string;
  natsUrl: string;
  port: number;
  host: string;
}

export function validatePermitsConfig(env: Record<string, string | undefined>): PermitsConfig {
  const problems: string[] = [];
  const port = Number(env['PERMITS_PORT'] ?? env['PORT'] ?? 3101);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('PERMITS_PORT must be a TCP port');
  const databaseName = env['PERMITS_DB_NAME'] ?? 'hn_permits';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) problems.push('PERMITS_DB_NAME must be a lowercase identifier');
  const databaseUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const natsUrl = env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  if (!/^(nats|tls):\/\//.test(natsUrl)) problems.push('NATS_URL must be a nats:// URL');
  if (problems.length > 0) throw new Error(`配置无效 invalid configuration: ${problems.join('; ')}`);
  return { databaseUrl, databaseName, natsUrl, port, host: env['HOST'] ?? '127.0.0.1' };
}

import { DATABASE_NAME_PATTERN } from '@hn/persistence';
import { LogLevel, readLogLevel } from './service-config';

/** What every service reads from the environment: its database, the server, NATS, its HTTP port. */
export interface ServiceEnv {
  databaseUrl: string;
  databaseName: string;
  natsUrl: string;
  port: number;
  host: string;
  /** LOG_LEVEL, default info */
  logLevel: LogLevel;
}

/**
 * Reads the common settings of service `name` (e.g. "permits": PERMITS_PORT, PERMITS_DB_NAME) and
 * appends a message per invalid one to `problems`, so each service's validate() reports all at once.
 * Port 0 is allowed (an ephemeral port, as tests use).
 */
export function readServiceEnv(
  env: Record<string, string | undefined>,
  name: string,
  defaultPort: number,
  problems: string[],
): ServiceEnv {
  const prefix = name.toUpperCase();
  const port = Number(env[`${prefix}_PORT`] ?? env['PORT'] ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`${prefix}_PORT must be a TCP port`);
  const databaseName = env[`${prefix}_DB_NAME`] ?? `hn_${name}`;
  if (!DATABASE_NAME_PATTERN.test(databaseName)) problems.push(`${prefix}_DB_NAME must be a lowercase identifier`);
  const databaseUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const natsUrl = env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  if (!/^(nats|tls):\/\//.test(natsUrl)) problems.push('NATS_URL must be a nats:// URL');
  return {
    databaseUrl,
    databaseName,
    natsUrl,
    port,
    host: env['HOST'] ?? '127.0.0.1',
    logLevel: readLogLevel(env, problems),
  };
}

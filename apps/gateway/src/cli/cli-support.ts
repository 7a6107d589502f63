import { createServiceDataSource, ensureDatabase, runMigrationsLocked } from '@hn/persistence';
import { connect } from 'nats';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { gatewayEntities } from '../gateway-entities';
import { AccountNotifier, publishAccountChanged } from '../accounts/account-events';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { gatewayMigrations } from '../migrations';

export class UsageError extends Error {}

export function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The gateway database (DATABASE_URL, GATEWAY_DB_NAME), migrated; closed after `work`. */
export async function withGatewayDatabase<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = process.env['GATEWAY_DB_NAME'] ?? 'hn_gateway';
  await ensureDatabase(serverUrl, database);
  const dataSource = createServiceDataSource({
    serverUrl,
    database,
    entities: gatewayEntities,
    migrations: gatewayMigrations,
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Publishes account changes on NATS_URL so every running gateway replica drops the account's
 * cached state at once. Without NATS the change still holds: replicas re-read account state
 * within GATEWAY_ACCOUNT_CACHE_TTL_MS (≤ 5 s).
 */
export function cliNotifier(): AccountNotifier {
  return {
    async accountChanged(event) {
      const servers = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
      try {
        const nc = await connect({ servers, name: 'hn-gateway-cli', timeout: 2000, maxReconnectAttempts: 0 });
        try {
          await publishAccountChanged(nc, event);
        } finally {
          await nc.close();
        }
      } catch (err) {
        process.stderr.write(
          `提示 note: 未能通过 NATS 通知网关 (${err instanceof Error ? err.message : String(err)})；各网关实例将在 5 秒内自行生效 (gateways pick the change up within 5 s)\n`,
        );
      }
    },
  };
}

/** One audit row for an operator command. */
export async function auditCli(
  dataSource: DataSource,
  command: string,
  target: string,
  before: unknown,
  after: unknown,
  status = 200,
): Promise<void> {
  await new AuditService(new AuditRepository(dataSource)).record({
    actor: `operator:${operatorName()}`,
    role: null,
    region: null,
    action: `CLI ${command}`,
    target,
    before,
    after,
    status,
  });
}

/** Runs an operator command: problems (DomainException) and usage errors on stderr, exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const problem = (err as { problem?: { detail?: string; errors?: Array<{ reason: string }> } }).problem;
    const detail =
      problem?.errors?.[0]?.reason ?? problem?.detail ?? (err instanceof Error ? err.message : String(err));
    process.stderr.write(`失败 failed: ${detail}\n`);
    process.exit(1);
  });
}

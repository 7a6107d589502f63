import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { Principal, SubscriberInputV1, SubscriberPatchV1 } from '@hn/messages';
import { createServiceDataSource, ensureDatabase, runMigrationsLocked } from '@hn/persistence';
import { outboxEntities } from '@hn/eventing';
import { validateExchangeConfig } from '../config/exchange.config';
import { exchangeMigrations } from '../migrations';
import { SubscriberRepository } from '../subscribers/subscriber.repository';
import { SubscriberService } from '../subscribers/subscriber.service';

const USAGE = [
  '用法 usage (环境与 exchange 服务相同 the exchange service’s environment):',
  '  npm run exchange:subscriber -- list',
  '  npm run exchange:subscriber -- create --name 名称 --kind DATA_SHARING|FISCAL|CREDIT|OTHER',
  '        (--url https://… | --pull | --directory 目录) --events hn.presale.permit.issued.v1,…',
  '        --fields presaleNumber,projectName,… [--signing v1a|v1] [--pull-client CLIENT_ID]',
  '  npm run exchange:subscriber -- pause|resume|disable --id ID',
  '  npm run exchange:subscriber -- rotate-secret --id ID      (v1: 新密钥打印一次 new secret printed once)',
].join('\n');

class UsageError extends Error {}
const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function operator(): Principal {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // keep unknown
  }
  return { kind: 'staff', id: `operator:${name}`, role: 'ADMIN', regions: ['430000'], scopes: [] };
}

/** Operator commands of the subscriber registry, on the exchange database (the same rules as the ADMIN routes). */
async function main(): Promise<void> {
  const command = process.argv[2] ?? '';
  if (!['list', 'create', 'pause', 'resume', 'disable', 'rotate-secret'].includes(command)) throw new UsageError(USAGE);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(3),
      options: {
        id: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        url: { type: 'string' },
        pull: { type: 'boolean' },
        directory: { type: 'string' },
        events: { type: 'string' },
        fields: { type: 'string' },
        signing: { type: 'string' },
        'pull-client': { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const config = validateExchangeConfig(process.env);
  await ensureDatabase(config.databaseUrl, config.databaseName);
  const dataSource = createServiceDataSource({
    serverUrl: config.databaseUrl,
    database: config.databaseName,
    entities: outboxEntities,
    migrations: exchangeMigrations,
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
    const service = new SubscriberService(new SubscriberRepository(dataSource), config);
    const who = operator();
    if (command === 'list') {
      for (const s of (await service.list(who)).items) process.stdout.write(`${JSON.stringify(s)}\n`);
      return;
    }
    if (command === 'create') {
      const mode = values['url'] ? 'WEBHOOK' : values['pull'] ? 'PULL' : values['directory'] ? 'FILE_DROP' : undefined;
      const body: SubscriberInputV1 = {
        name: String(values['name'] ?? ''),
        kind: String(values['kind'] ?? '') as SubscriberInputV1['kind'],
        delivery: {
          mode: mode as SubscriberInputV1['delivery']['mode'],
          ...(values['url'] ? { url: String(values['url']) } : {}),
          ...(values['directory'] ? { directory: String(values['directory']) } : {}),
        },
        eventTypes: list(values['events'] as string | undefined),
        dataView: list(values['fields'] as string | undefined),
        ...(values['signing'] ? { signing: values['signing'] as SubscriberInputV1['signing'] } : {}),
        ...(values['pull-client'] ? { pullClientId: String(values['pull-client']) } : {}),
      };
      process.stdout.write(`${JSON.stringify(await service.create(who, body))}\n`);
      return;
    }
    if (!values['id']) throw new UsageError(`缺少 --id (missing --id)\n${USAGE}`);
    const patch: SubscriberPatchV1 =
      command === 'rotate-secret'
        ? { rotateSecret: true }
        : { state: command === 'pause' ? 'PAUSED' : command === 'resume' ? 'ACTIVE' : 'DISABLED' };
    process.stdout.write(`${JSON.stringify(await service.update(who, String(values['id']), patch))}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  const problem = (err as { problem?: { detail?: string; errors?: Array<{ field: string; reason: string }> } }).problem;
  const detail = problem?.errors?.length
    ? problem.errors.map((e) => `${e.field}: ${e.reason}`).join('\n  ')
    : (problem?.detail ?? (err instanceof Error ? err.message : String(err)));
  process.stderr.write(`失败 failed: ${detail}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});

import 'reflect-metadata';
import { createServiceDataSource, ensureDatabase, runMigrationsLocked } from '@hn/persistence';
import { parseArgs } from 'node:util';
import { gatewayEntities } from '../app.module';
import { IntegratorsService } from '../integrators/integrators.service';
import { gatewayMigrations } from '../migrations';

const USAGE = `用法 usage: npm run integrator:create -- --name NAME --regions 430223[,430200] --scopes permits:read[,approval:write] [--sandbox] [--rate-limit N]`;

/** Operator command: creates an integrator credential and prints {"clientId","clientSecret"} once. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      regions: { type: 'string' },
      scopes: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      'rate-limit': { type: 'string' },
    },
    strict: true,
  });
  if (!values.name || !values.regions || !values.scopes) throw new Error(USAGE);
  const rateLimit = values['rate-limit'] === undefined ? null : Number(values['rate-limit']);
  if (rateLimit !== null && (!Number.isInteger(rateLimit) || rateLimit < 1)) throw new Error('--rate-limit 须为正整数 (requests per minute)');

  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = process.env['GATEWAY_DB_NAME'] ?? 'hn_gateway';
  await ensureDatabase(serverUrl, database);
  const dataSource = createServiceDataSource({ serverUrl, database, entities: gatewayEntities, migrations: gatewayMigrations, poolSize: 2 });
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
    const created = await new IntegratorsService(dataSource).create({
      name: values.name,
      regions: values.regions.split(','),
      scopes: values.scopes.split(','),
      sandbox: values.sandbox ?? false,
      rateLimitPerMinute: rateLimit,
    });
    process.stdout.write(`${JSON.stringify(created)}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  const detail = (err as { problem?: { detail?: string } }).problem?.detail ?? (err instanceof Error ? err.message : String(err));
  process.stderr.write(`创建失败 failed: ${detail}\n`);
  process.exit(1);
});

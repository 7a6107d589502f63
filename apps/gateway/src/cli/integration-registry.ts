import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { Principal } from '@hn/messages';
import { registryCsv } from '../integration-registry/integration-registry-csv';
import { IntegrationRegistryRepository } from '../integration-registry/integration-registry.repository';
import { IntegrationRegistryService } from '../integration-registry/integration-registry.service';
import { operatorName, runCli, UsageError, withGatewayDatabase } from './cli-support';

const USAGE = [
  '用法 usage:',
  '  npm run integration-registry -- list [--city 430200]     (每行一条 JSON one JSON line per entry)',
  '  npm run integration-registry -- export [--city 430200]   (附件3 CSV，UTF-8 带 BOM)',
  '手机号脱敏 phone numbers are masked; 登记和修改请用 ADMIN 接口 register and change through the ADMIN API',
].join('\n');

/** Operator command: the integration registry (附件3) as JSON lines or CSV, read-only. */
async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'list' && command !== 'export') throw new UsageError(USAGE);
  let values: { city?: string };
  try {
    ({ values } = parseArgs({ args: process.argv.slice(3), options: { city: { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  if (values.city !== undefined && !/^43\d{2}00$/.test(values.city))
    throw new UsageError(`--city 须为湖南省市州区划代码，如 430200 (a Hunan city code)\n${USAGE}`);
  const operator: Principal = { kind: 'staff', id: `operator:${operatorName()}`, regions: ['430000'], scopes: [] };
  await withGatewayDatabase(async (dataSource) => {
    const service = new IntegrationRegistryService(dataSource, new IntegrationRegistryRepository(dataSource));
    const entries = await service.list(operator, values.city ? { cityCode: values.city } : {});
    if (command === 'export') process.stdout.write(registryCsv(entries));
    else for (const entry of entries) process.stdout.write(`${JSON.stringify(entry)}\n`);
  });
}

runCli(main);

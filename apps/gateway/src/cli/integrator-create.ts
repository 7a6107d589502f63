import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { IntegratorsService } from '../integrators/integrators.service';
import { withGatewayDatabase } from './cli-support';

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
  if (rateLimit !== null && (!Number.isInteger(rateLimit) || rateLimit < 1))
    throw new Error('--rate-limit 须为正整数 (requests per minute)');

  const created = await withGatewayDatabase((dataSource) =>
    new IntegratorsService(dataSource).create({
      name: values.name!,
      regions: values.regions!.split(','),
      scopes: values.scopes!.split(','),
      sandbox: values.sandbox ?? false,
      rateLimitPerMinute: rateLimit,
    }),
  );
  process.stdout.write(`${JSON.stringify(created)}\n`);
}

main().catch((err: unknown) => {
  const detail =
    (err as { problem?: { detail?: string } }).problem?.detail ?? (err instanceof Error ? err.message : String(err));
  process.stderr.write(`创建失败 failed: ${detail}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { parseArgs } from 'node:util';
import {
  DEFAULT_OVERLAP_HOURS,
  IntegratorAdminService,
  IntegratorSummary,
  MAX_OVERLAP_HOURS,
} from '../accounts/integrator-admin.service';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from '../config/gateway.config';
import { auditCli, cliNotifier, runCli, UsageError, withGatewayDatabase } from './cli-support';

const USAGE = [
  '用法 usage:',
  '  npm run integrator:list',
  '  npm run integrator:disable -- --client-id ID',
  '  npm run integrator:enable -- --client-id ID',
  '  npm run integrator:delete -- --client-id ID',
  `  npm run integrator:rotate-secret -- --client-id ID [--overlap-hours N]   (默认 default ${DEFAULT_OVERLAP_HOURS}, 0–${MAX_OVERLAP_HOURS})`,
  '  npm run integrator:set-rate-limit -- --client-id ID --rate-limit N|default   (每分钟额度单位 quota units per minute)',
].join('\n');

const COMMANDS = ['list', 'disable', 'enable', 'delete', 'rotate-secret', 'set-rate-limit'] as const;
type Command = (typeof COMMANDS)[number];

/** The limit the gateway applies: the credential's own, else GATEWAY_RATE_LIMIT_PER_MINUTE (as the gateway reads it). */
function withEffectiveLimit(item: IntegratorSummary): IntegratorSummary & { effectiveRateLimitPerMinute: number } {
  const configured = Number(process.env['GATEWAY_RATE_LIMIT_PER_MINUTE']);
  const fallback = Number.isInteger(configured) && configured >= 1 ? configured : DEFAULT_RATE_LIMIT_PER_MINUTE;
  return { ...item, effectiveRateLimitPerMinute: item.rateLimitPerMinute ?? fallback };
}

/**
 * Operator commands for integrator credentials (list also shows the effective rate limit). Each change is audited (actor operator:<os user>),
 * published to every gateway replica, and printed as one JSON line; rotate-secret prints the new
 * secret once.
 */
async function main(): Promise<void> {
  const command = process.argv[2] as Command;
  if (!COMMANDS.includes(command)) throw new UsageError(USAGE);
  let values: { 'client-id'?: string; 'overlap-hours'?: string; 'rate-limit'?: string };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(3),
      options: {
        'client-id': { type: 'string' },
        'overlap-hours': { type: 'string' },
        'rate-limit': { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const clientId = values['client-id'];
  if (command !== 'list' && !clientId) throw new UsageError(`缺少 --client-id (missing --client-id)\n${USAGE}`);
  if (command !== 'rotate-secret' && values['overlap-hours'] !== undefined)
    throw new UsageError(`--overlap-hours 仅用于 rotate-secret\n${USAGE}`);
  if ((command === 'set-rate-limit') !== (values['rate-limit'] !== undefined))
    throw new UsageError(
      `--rate-limit 仅用于且必须用于 set-rate-limit (--rate-limit goes with set-rate-limit)\n${USAGE}`,
    );
  const rateLimitArg = values['rate-limit']?.trim();
  const rateLimit = rateLimitArg === undefined || rateLimitArg === 'default' ? null : Number(rateLimitArg);
  if (rateLimit !== null && (!Number.isInteger(rateLimit) || rateLimit < 1))
    throw new UsageError(`--rate-limit 须为正整数或 default (a positive integer or default)\n${USAGE}`);
  const overlap = values['overlap-hours'] === undefined ? DEFAULT_OVERLAP_HOURS : Number(values['overlap-hours']);
  if (values['overlap-hours'] !== undefined && (values['overlap-hours'].trim() === '' || !Number.isFinite(overlap)))
    throw new UsageError(`--overlap-hours 须为数字 (hours)\n${USAGE}`);

  await withGatewayDatabase(async (dataSource) => {
    const service = new IntegratorAdminService(dataSource, cliNotifier());
    if (command === 'list') {
      for (const item of await service.list()) process.stdout.write(`${JSON.stringify(withEffectiveLimit(item))}\n`);
      return;
    }
    const target = `clientId=${clientId!}`;
    if (command === 'rotate-secret') {
      const rotated = await service.rotateSecret(clientId!, overlap);
      await auditCli(dataSource, `integrator:${command}`, target, rotated.before, {
        ...rotated.after,
        overlapHours: overlap,
      });
      process.stdout.write(
        `${JSON.stringify({ clientId, clientSecret: rotated.clientSecret, previousSecretValidUntil: rotated.account.previousSecretValidUntil })}\n`,
      );
      return;
    }
    if (command === 'set-rate-limit') {
      const change = await service.setRateLimit(clientId!, rateLimit);
      await auditCli(dataSource, `integrator:${command}`, target, change.before, change.after);
      process.stdout.write(`${JSON.stringify(withEffectiveLimit(change.account))}\n`);
      return;
    }
    const change =
      command === 'disable'
        ? await service.disable(clientId!)
        : command === 'enable'
          ? await service.enable(clientId!)
          : await service.delete(clientId!);
    await auditCli(dataSource, `integrator:${command}`, target, change.before, change.after);
    process.stdout.write(`${JSON.stringify(change.account)}\n`);
  });
}

runCli(main);

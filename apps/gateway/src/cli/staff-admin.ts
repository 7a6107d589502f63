import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { StaffAdminRepository } from '../accounts/staff-admin.repository';
import { StaffAdminService } from '../accounts/staff-admin.service';
import { StaffAccountsRepository } from '../staff/staff-accounts.repository';
import { auditCli, cliNotifier, runCli, UsageError, withGatewayDatabase } from './cli-support';

const USAGE = [
  '用法 usage:',
  '  npm run staff:list',
  '  npm run staff:disable -- --username U',
  '  npm run staff:enable -- --username U',
  '  npm run staff:delete -- --username U',
  '  npm run staff:grant-pii -- --username U    (明文查看手机号、证件号 clear phone and ID numbers: pii:read)',
  '  npm run staff:revoke-pii -- --username U',
].join('\n');

const COMMANDS = ['list', 'disable', 'enable', 'delete', 'grant-pii', 'revoke-pii'] as const;
type Command = (typeof COMMANDS)[number];

/** Operator commands for staff accounts: audited, published to every gateway replica, one JSON line each. */
async function main(): Promise<void> {
  const command = process.argv[2] as Command;
  if (!COMMANDS.includes(command)) throw new UsageError(USAGE);
  let values: { username?: string };
  try {
    ({ values } = parseArgs({ args: process.argv.slice(3), options: { username: { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const username = values.username;
  if (command !== 'list' && !username) throw new UsageError(`缺少 --username (missing --username)\n${USAGE}`);

  await withGatewayDatabase(async (dataSource) => {
    const service = new StaffAdminService(
      dataSource,
      new StaffAdminRepository(dataSource),
      new StaffAccountsRepository(dataSource),
      cliNotifier(),
    );
    if (command === 'list') {
      for (const item of await service.list()) process.stdout.write(`${JSON.stringify(item)}\n`);
      return;
    }
    const change = await {
      disable: () => service.disable(username!),
      enable: () => service.enable(username!),
      delete: () => service.delete(username!),
      'grant-pii': () => service.setPiiRead(username!, true),
      'revoke-pii': () => service.setPiiRead(username!, false),
    }[command]();
    await auditCli(dataSource, `staff:${command}`, `username=${username!}`, change.before, change.after);
    process.stdout.write(`${JSON.stringify(change.account)}\n`);
  });
}

runCli(main);

import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { operatorName, UsageError, withGatewayDatabase } from './cli-support';
import { StaffAccountsRepository } from '../staff/staff-accounts.repository';
import { StaffAccountsService } from '../staff/staff-accounts.service';

const USAGE =
  '用法 usage: npm run staff:create -- --username U (--password P | --password-stdin) --role PROVINCE|CITY|COUNTY|ADMIN --region CODE\n' +
  '  PROVINCE、ADMIN → 430000；CITY → 市州代码 city code (e.g. 430200)；COUNTY → 县市区代码 county code (e.g. 430223)\n' +
  '  密码至少 10 位，须含字母和数字 (password: at least 10 characters with letters and digits)';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Operator command: creates a staff account and prints {"username","role","region"} (never the password). */
async function main(): Promise<void> {
  let values: { username?: string; password?: string; 'password-stdin'?: boolean; role?: string; region?: string };
  try {
    ({ values } = parseArgs({
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        role: { type: 'string' },
        region: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const password = values['password-stdin'] ? await readStdin() : values.password;
  if (!values.username || !password || !values.role || !values.region)
    throw new UsageError(`缺少参数 missing argument\n${USAGE}`);

  const created = await withGatewayDatabase(async (dataSource) => {
    const account = await new StaffAccountsService(new StaffAccountsRepository(dataSource), dataSource).create({
      username: values.username!,
      password,
      role: values.role!,
      region: values.region!,
    });
    await new AuditService(new AuditRepository(dataSource)).record({
      actor: `operator:${operatorName()}`,
      role: null,
      region: account.region,
      action: 'CLI staff:create',
      target: `username=${account.username}`,
      after: account,
      status: 201,
    });
    return account;
  });
  process.stdout.write(
    `${JSON.stringify({ username: created.username, role: created.role, region: created.region })}\n`,
  );
}

main().catch((err: unknown) => {
  const problem = (err as { problem?: { detail?: string; errors?: Array<{ reason: string }> } }).problem;
  const detail = problem?.errors?.[0]?.reason ?? problem?.detail ?? (err instanceof Error ? err.message : String(err));
  process.stderr.write(`创建失败 failed: ${detail}\n`);
  process.exit(1);
});

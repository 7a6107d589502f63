import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkManifest, ReceivedEvent, receivedEventsOf } from '../manifests/verify-manifest';

const USAGE = [
  '用法 usage:',
  '  npm run exchange:verify -- --manifest m.json --events received.ndjson [--public-key whpk_…]',
  '    --manifest     平台的每日完整性清单（GET /api/v1/exchange/manifests?date= 的回答，或推送的 hn.exchange.manifest.v1 事件）',
  '    --events       收到的事件：NDJSON / JSON 数组 / 每行一个事件 id 的文本；或一个目录（其中全部 .json .ndjson .jsonl .txt 文件，如文件交换目录）',
  '    --public-key   登记结果 verificationKeys 中的公钥（可多次给出）；不给则只用清单自带公钥验签',
  '退出码 exit code: 0 完整，1 有问题，2 用法或文件错误',
].join('\n');

class UsageError extends Error {}

function filesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const full = join(path, name);
      if (statSync(full).isDirectory()) return filesOf(full);
      return /\.(json|ndjson|jsonl|txt)$/.test(name) && !name.startsWith('.') ? [full] : [];
    });
}

/**
 * 接收方的完整性核对 (for a receiving platform; no platform access needed): verifies a daily manifest's
 * signature, recomputes its count and RFC 6962 Merkle root, and names every event of the day it lacks.
 */
function main(): number {
  const { values } = parseArgs({
    options: {
      manifest: { type: 'string' },
      events: { type: 'string' },
      'public-key': { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.manifest || !values.events) throw new UsageError(`缺少 --manifest 或 --events\n${USAGE}`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(values.manifest, 'utf8'));
  } catch (err) {
    throw new UsageError(`无法读取清单 ${values.manifest}：${err instanceof Error ? err.message : String(err)}`);
  }
  // a pushed manifest event carries the manifest as its data
  const m = manifest as { type?: string; data?: unknown };
  if (m && m.type === 'hn.exchange.manifest.v1' && m.data) manifest = m.data;
  const received: ReceivedEvent[] = [];
  const readProblems: string[] = [];
  let files: string[];
  try {
    files = filesOf(values.events);
  } catch (err) {
    throw new UsageError(`无法读取 ${values.events}：${err instanceof Error ? err.message : String(err)}`);
  }
  for (const file of files) {
    const { events, problems } = receivedEventsOf(readFileSync(file, 'utf8'), file);
    received.push(...events);
    readProblems.push(...problems);
  }
  const { problems, notes } = checkManifest(manifest, received, values['public-key'] ?? []);
  const all = [...readProblems, ...problems];
  const meta = manifest as { date?: string; count?: number; subscriberId?: string };
  process.stdout.write(
    `清单 manifest: 订阅方 ${meta.subscriberId ?? '?'}，日期 ${meta.date ?? '?'}，${meta.count ?? '?'} 个事件；` +
      `读取 ${files.length} 个文件，收到 ${received.length} 个事件\n`,
  );
  for (const note of notes) process.stdout.write(`  说明 ${note}\n`);
  for (const problem of all) process.stdout.write(`  问题 ${problem}\n`);
  process.stdout.write(
    all.length === 0 ? '结果：完整，签名有效 (complete)\n' : `结果：发现 ${all.length} 个问题 (incomplete)\n`,
  );
  return all.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}

/**
 * Benchmark: 存量预售项目标记 through the gateway as a PROVINCE staff user — batch marking of 1,000
 * permits per request (the work plan's "批量标记"; target < 2 s), withdraw of such a step, submit of
 * 1,000 permits (locks + 1 outbox event per project), and the marking list (autocannon) against a
 * raw-SQL baseline of the same page query, all on the same data in the same run.
 *
 *   npm run build && node tools/run.js tools/bench/bench-marking.js -- [--permits 100000] [--runs 10] [--duration 10] [--connections 20]
 *
 * Each run uses fresh databases (dropped at the end).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { NatsServerProcess } from '@hn/testing';
import {
  BenchProcesses,
  cannon,
  dropBenchDatabases,
  Figures,
  printTable,
  SERVER_URL,
  sqlBaseline,
} from './bench-support';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    permits: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
  },
});
const PERMITS = Number(values.permits);
const RUNS = Number(values.runs);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const BATCH = 1000;
const STAMP = Date.now().toString(36);
const DBS = { permits: `hn_benchm_permits_${STAMP}`, gateway: `hn_benchm_gateway_${STAMP}` };
const GATEWAY_PORT = '3960';
const STAFF = { username: 'bench.province', password: 'BenchMark2024ok' };
let nats: NatsServerProcess | null = null;
const processes = new BenchProcesses({
  ...process.env,
  PERMITS_DB_NAME: DBS.permits,
  GATEWAY_DB_NAME: DBS.gateway,
  GATEWAY_JWT_SECRET: randomBytes(32).toString('hex'),
  GATEWAY_PII_KEY: randomBytes(32).toString('base64'),
  GATEWAY_RATE_LIMIT_PER_MINUTE: '10000000',
  GATEWAY_PORT,
  GATEWAY_MANAGEMENT_PORT: '0', // metrics on a free port: no clash with a running platform
  PERMITS_PORT: '3961',
  LOG_LEVEL: 'warn',
});

async function call(
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; ms: number; json: Record<string, unknown> }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`http://127.0.0.1:${GATEWAY_PORT}${path}`, {
    method: body === undefined && !path.endsWith('/withdraw') ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, ms: Number(process.hrtime.bigint() - started) / 1e6, json };
}

function summary(name: string, ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const p = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
  return `| ${name} | ${ms.length} | ${p(0.5).toFixed(0)} | ${p(0.9).toFixed(0)} | ${sorted[sorted.length - 1]!.toFixed(0)} |`;
}

async function main(): Promise<void> {
  nats = await NatsServerProcess.start();
  processes.env['NATS_URL'] = nats.url;
  console.log(`准备数据 preparing ${PERMITS} permits…`);
  processes.node('apps/permits/src/cli/demo-load.js', ['--count', String(PERMITS), '--bench-seed']);
  // as autovacuum would after a bulk load: the marking list's plan relies on column and expression statistics
  const admin = new Client({ connectionString: SERVER_URL.replace(/\/[^/]*$/, `/${DBS.permits}`) });
  await admin.connect();
  await admin.query('ANALYZE');
  await admin.end();
  await processes.start('permits', '3961');
  await processes.start('gateway', GATEWAY_PORT);
  processes.npm('staff:create', [
    '--username',
    STAFF.username,
    '--password',
    STAFF.password,
    '--role',
    'PROVINCE',
    '--region',
    '430000',
  ]);
  const login = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(STAFF),
  });
  const token = ((await login.json()) as { access_token: string }).access_token;

  // one permit of each of 1,000 different projects a run (the worst case: 1,000 projects a step); runs share no project
  const pool = new Pool({ connectionString: SERVER_URL.replace(/\/[^/]*$/, `/${DBS.permits}`), max: 2 });
  const numbers = (
    await pool.query<{ permit_number: string }>(
      `SELECT permit_number FROM (SELECT DISTINCT ON (project_code) permit_number FROM construction_permit ORDER BY project_code, random()) t ORDER BY random() LIMIT $1`,
      [BATCH * (RUNS + 1)],
    )
  ).rows.map((r) => r.permit_number);
  if (numbers.length < BATCH * RUNS)
    throw new Error(`--permits ${PERMITS} has too few projects for ${RUNS} runs of ${BATCH}`);
  await pool.end();
  const sets = Array.from({ length: RUNS + 1 }, (_, i) => numbers.slice(i * BATCH, (i + 1) * BATCH));

  const batchMs: number[] = [];
  const remarkMs: number[] = [];
  const withdrawMs: number[] = [];
  const submitMs: number[] = [];
  const projects: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const marked = await call('/api/v1/supervision/marking/batch', token, {
      permitNumbers: sets[i],
      projectType: 'PRESALE',
    });
    if (marked.status !== 200) throw new Error(`batch answered ${marked.status}: ${JSON.stringify(marked.json)}`);
    batchMs.push(marked.ms);
    projects.push((marked.json['projects'] as unknown[]).length);
    const remarked = await call('/api/v1/supervision/marking/batch', token, {
      permitNumbers: sets[i],
      projectType: 'OTHER',
    });
    remarkMs.push(remarked.ms);
    const withdrawn = await call('/api/v1/supervision/marking/withdraw', token);
    if (withdrawn.status !== 200) throw new Error(`withdraw answered ${withdrawn.status}`);
    withdrawMs.push(withdrawn.ms);
    const submitted = await call('/api/v1/supervision/marking/submit', token, { permitNumbers: sets[i] });
    if (submitted.status !== 200)
      throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.json).slice(0, 300)}`);
    submitMs.push(submitted.ms);
  }
  console.log(
    `\n1,000 permits a request (${Math.min(...projects)}–${Math.max(...projects)} projects), ${RUNS} runs, ${PERMITS} permits in the database, ${new Date().toISOString()}`,
  );
  console.log('| what | n | p50 ms | p90 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(summary('batch mark 1,000 permits (new step)', batchMs));
  console.log(summary('batch re-mark the same 1,000 (second step)', remarkMs));
  console.log(summary('withdraw that step', withdrawMs));
  console.log(summary('submit 1,000 permits (lock + events)', submitMs));

  const headers = { authorization: `Bearer ${token}` };
  const url = `http://127.0.0.1:${GATEWAY_PORT}`;
  const run = { url, headers, duration: DURATION, connections: CONNECTIONS };
  const figures: Figures[] = [];
  figures.push(
    await cannon('marking list, province, page 1 (pageSize 20) — gateway', {
      ...run,
      requests: [{ method: 'GET', path: '/api/v1/supervision/marking?pageSize=20' }],
    }),
  );
  figures.push(
    await cannon('marking list, UNMARKED in 430223 — gateway', {
      ...run,
      requests: [
        { method: 'GET', path: '/api/v1/supervision/marking?pageSize=20&projectType=UNMARKED&regionCode=430223' },
      ],
    }),
  );
  const listSql = (extra: string): string =>
    `FROM construction_permit c JOIN project p USING (project_code) LEFT JOIN project_marking pm USING (project_code)
      WHERE right(c.permit_number::text, 2) = '01' AND p.category = '社会投资房建类' AND c.issue_date >= '2015-01-01' ${extra}`;
  figures.push(
    await sqlBaseline(
      'marking list, province, page 1 — raw SQL (page + capped count)',
      DBS.permits,
      CONNECTIONS,
      DURATION,
      `SELECT c.*, pm.state, (SELECT count(*) FROM (SELECT 1 ${listSql('')} LIMIT 10001) t) AS total ${listSql('')} ORDER BY c.project_code DESC, c.issue_date DESC, c.permit_number LIMIT 20`,
      () => [],
    ),
  );
  printTable(`marking list, ${PERMITS} permits, ${CONNECTIONS} connections, ${DURATION} s each`, figures);
}

main()
  .catch((err: unknown) => {
    console.error('基准测试失败 benchmark failed:', err);
    process.exitCode = 1;
  })
  .finally(() => {
    processes.stopAll();
    setTimeout(() => void dropBenchDatabases(Object.values(DBS)).finally(() => nats?.destroy()), 1500);
  });

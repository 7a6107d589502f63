/**
 * Benchmark: construction-permit lookup and name search through the gateway (autocannon, 50
 * connections) against a raw-SQL baseline measured in the same run on the same data.
 *
 *   npm run build && npm run bench -- [--permits 100000] [--duration 15] [--connections 50]
 *
 * It uses its own databases (hn_bench_gateway, hn_bench_permits) and leaves them for re-runs.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { NatsServerProcess } from '@hn/testing';
import { BenchProcesses, cannon, Figures, printTable, SERVER_URL, sqlBaseline } from './bench-support';
import { natsServerOn, postgresOf, printCpuTable, ProcessGroups } from './cpu-budget';

const { values } = parseArgs({
  options: {
    permits: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
  },
});
const PERMITS = Number(values.permits);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const GATEWAY_PORT = '3900';
let nats: NatsServerProcess | null = null;
const processes = new BenchProcesses({
  ...process.env,
  PERMITS_DB_NAME: 'hn_bench_permits',
  GATEWAY_DB_NAME: 'hn_bench_gateway',
  GATEWAY_JWT_SECRET: randomBytes(32).toString('hex'),
  GATEWAY_PII_KEY: randomBytes(32).toString('base64'),
  GATEWAY_PORT,
  GATEWAY_MANAGEMENT_PORT: '0', // metrics on a free port: no clash with a running platform
  PERMITS_PORT: '3901',
  LOG_LEVEL: 'warn',
});

async function main(): Promise<void> {
  // A private nats-server: benchmark events must not reach a developer's running platform.
  nats = await NatsServerProcess.start();
  processes.env['NATS_URL'] = nats.url;
  console.log(`准备数据 preparing ${PERMITS} permits…`);
  processes.node('apps/permits/src/cli/demo-load.js', ['--count', String(PERMITS), '--bench-seed']);
  await processes.start('permits', '3901');
  await processes.start('gateway', GATEWAY_PORT);
  const token = await processes.token(GATEWAY_PORT, '430000', 'permits:read');

  const pool = new Pool({ connectionString: SERVER_URL.replace(/\/[^/]*$/, '/hn_bench_permits'), max: 2 });
  const numbers = (
    await pool.query<{ permit_number: string }>(
      `SELECT permit_number FROM construction_permit ORDER BY random() LIMIT 5000`,
    )
  ).rows.map((r) => r.permit_number);
  // Search terms as integrators type them: 2–4 character pieces of real project names.
  const names = (
    await pool.query<{ project_name: string }>(
      `SELECT project_name FROM construction_permit ORDER BY random() LIMIT 2000`,
    )
  ).rows.map((r) => [...r.project_name.replace(/[（）#\d-]/g, '')]);
  await pool.end();
  const words = names
    .map((chars) => {
      const len = 2 + Math.floor(Math.random() * 3);
      const start = Math.floor(Math.random() * Math.max(1, chars.length - len));
      return chars.slice(start, start + len).join('');
    })
    .filter((w) => [...w].length >= 2);
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
  const headers = { authorization: `Bearer ${token}` };
  const url = `http://127.0.0.1:${GATEWAY_PORT}`;
  const searchPath = (): string =>
    `/api/v1/construction-permits?projectName=${encodeURIComponent(pick(words))}&pageSize=20`;

  console.log('预热 warm-up…');
  await autocannon({ url: `${url}/api/v1/construction-permits/${numbers[0]}`, connections: 10, duration: 3, headers });

  const run = { url, headers, duration: DURATION };
  const platform: ProcessGroups = {
    gateway: (p) => p.pid === processes.pid('gateway'),
    'nats-server': natsServerOn(nats.port),
    permits: (p) => p.pid === processes.pid('permits'),
    postgres: postgresOf(['hn_bench_permits', 'hn_bench_gateway']),
  };
  const raw: ProcessGroups = { postgres: postgresOf(['hn_bench_permits']) };
  const figures: Figures[] = [];
  figures.push(
    await cannon(
      'lookup by number — gateway',
      {
        ...run,
        connections: CONNECTIONS,
        requests: [
          { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/construction-permits/${pick(numbers)}` }) },
        ],
      },
      platform,
    ),
  );
  figures.push(
    await sqlBaseline(
      'lookup by number — raw SQL',
      'hn_bench_permits',
      CONNECTIONS,
      DURATION,
      `SELECT p.*, j.project_type, j.developer_name FROM construction_permit p JOIN project j USING (project_code) WHERE p.permit_number = $1`,
      () => [pick(numbers)],
      raw,
    ),
  );
  figures.push(
    await cannon(
      'search by name (pageSize 20) — gateway',
      {
        ...run,
        connections: CONNECTIONS,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: searchPath() }) }],
      },
      platform,
    ),
  );
  figures.push(
    await cannon(
      'search by name (pageSize 20) — gateway, 10 connections',
      {
        ...run,
        connections: 10,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: searchPath() }) }],
      },
      platform,
    ),
  );
  figures.push(
    await sqlBaseline(
      'search by name — raw SQL',
      'hn_bench_permits',
      CONNECTIONS,
      DURATION,
      `SELECT p.*, (SELECT count(*) FROM (SELECT 1 FROM construction_permit c WHERE c.project_name ILIKE $1 LIMIT 10001) t) AS total FROM construction_permit p JOIN project j USING (project_code) WHERE p.project_name ILIKE $1 ORDER BY p.issue_date DESC, p.permit_number LIMIT 20`,
      () => [`%${pick(words)}%`],
      raw,
    ),
  );

  printTable(`${PERMITS} permits, ${CONNECTIONS} connections, ${DURATION} s each`, figures);
  console.log(
    `\nratio gateway/raw SQL: lookup ${(figures[0]!.rps / figures[1]!.rps).toFixed(2)}, search ${(figures[2]!.rps / figures[4]!.rps).toFixed(2)}`,
  );
  printCpuTable(
    'lookup and search',
    figures.map((f) => ({ name: f.name, cpu: f.cpu ?? {} })),
  );
}

main()
  .catch((err: unknown) => {
    console.error('基准测试失败 benchmark failed:', err);
    process.exitCode = 1;
  })
  .finally(() => {
    processes.stopAll();
    setTimeout(() => void nats?.destroy(), 1500);
  });

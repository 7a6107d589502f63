/**
 * Benchmark: construction-permit lookup and name search through the gateway (autocannon, 50
 * connections) against a raw-SQL baseline measured in the same run on the same data.
 *
 *   npm run build && npm run bench -- [--permits 100000] [--duration 15] [--connections 50]
 *
 * It uses its own databases (hn_bench_gateway, hn_bench_permits) and leaves them for re-runs.
 */
import autocannon from 'autocannon';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';

const ROOT = join(__dirname, '..', '..', '..');
const { values } = parseArgs({ options: { permits: { type: 'string', default: '100000' }, duration: { type: 'string', default: '15' }, connections: { type: 'string', default: '50' } } });
const PERMITS = Number(values.permits);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const env = {
  ...process.env,
  PERMITS_DB_NAME: 'hn_bench_permits',
  GATEWAY_DB_NAME: 'hn_bench_gateway',
  GATEWAY_JWT_SECRET: randomBytes(32).toString('hex'),
  GATEWAY_PORT: '3900',
  PERMITS_PORT: '3901',
  LOG_LEVEL: 'warn',
};
const children: ChildProcess[] = [];

function run(script: string, args: string[]): string {
  return execFileSync('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

async function startService(name: string, port: string): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, 'tools/run.js'), `apps/${name}/src/main.js`], { cwd: ROOT, env, stdio: 'inherit' });
  children.push(child);
  for (let i = 0; i < 300; i++) {
    try {
      // the gateway answers 503 on /health while services it does not need here (presale) are absent
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok || name === 'gateway') return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not start`);
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function cannon(name: string, opts: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** The same work without the platform: pg pool, one query per request, CONNECTIONS in flight. */
async function sqlBaseline(name: string, sql: string, params: () => unknown[]): Promise<Figures> {
  const pool = new Pool({ connectionString: (process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(/\/[^/]*$/, '/hn_bench_permits'), max: 10 });
  const latencies: number[] = [];
  const end = Date.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        await pool.query(sql, params());
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { name, rps: latencies.length / DURATION, p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, errors: 0, non2xx: 0 };
}

async function main(): Promise<void> {
  console.log(`准备数据 preparing ${PERMITS} permits…`);
  execFileSync(process.execPath, [join(ROOT, 'tools/run.js'), 'apps/permits/src/cli/demo-load.js', '--count', String(PERMITS), '--bench-seed'], { cwd: ROOT, env, stdio: 'inherit' });
  await startService('permits', env.PERMITS_PORT);
  await startService('gateway', env.GATEWAY_PORT);
  const credential = JSON.parse(run('integrator:create', ['--name', 'bench', '--regions', '430000', '--scopes', 'permits:read', '--rate-limit', '100000000']).trim()) as { clientId: string; clientSecret: string };
  const tokenRes = await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/api/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: credential.clientId, client_secret: credential.clientSecret }) });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };

  const pool = new Pool({ connectionString: (process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(/\/[^/]*$/, '/hn_bench_permits'), max: 2 });
  const numbers = (await pool.query<{ permit_number: string }>(`SELECT permit_number FROM construction_permit ORDER BY random() LIMIT 5000`)).rows.map((r) => r.permit_number);
  // Search terms as integrators type them: 2–4 character pieces of real project names.
  const names = (await pool.query<{ project_name: string }>(`SELECT project_name FROM construction_permit ORDER BY random() LIMIT 2000`)).rows.map((r) => [...r.project_name.replace(/[（）#\d-]/g, '')]);
  const words = names.map((chars) => {
    const len = 2 + Math.floor(Math.random() * 3);
    const start = Math.floor(Math.random() * Math.max(1, chars.length - len));
    return chars.slice(start, start + len).join('');
  }).filter((w) => [...w].length >= 2);
  await pool.end();
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
  const headers = { authorization: `Bearer ${token}` };
  const base = `http://127.0.0.1:${env.GATEWAY_PORT}`;

  console.log('预热 warm-up…');
  await autocannon({ url: `${base}/api/v1/construction-permits/${numbers[0]}`, connections: 10, duration: 3, headers });

  const figures: Figures[] = [];
  figures.push(await cannon('lookup by number — gateway', { url: base, headers, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/construction-permits/${pick(numbers)}` }) }] }));
  figures.push(await sqlBaseline('lookup by number — raw SQL', `SELECT p.*, j.project_type, j.developer_name FROM construction_permit p JOIN project j USING (project_code) WHERE p.permit_number = $1`, () => [pick(numbers)]));
  figures.push(await cannon('search by name (pageSize 20) — gateway', { url: base, headers, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/construction-permits?projectName=${encodeURIComponent(pick(words))}&pageSize=20` }) }] }));
  figures.push(await cannon('search by name (pageSize 20) — gateway, 10 connections', { connections: 10, url: base, headers, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/construction-permits?projectName=${encodeURIComponent(pick(words))}&pageSize=20` }) }] }));
  figures.push(await sqlBaseline('search by name — raw SQL', `SELECT p.*, (SELECT count(*) FROM (SELECT 1 FROM construction_permit c WHERE c.project_name ILIKE $1 LIMIT 10001) t) AS total FROM construction_permit p JOIN project j USING (project_code) WHERE p.project_name ILIKE $1 ORDER BY p.issue_date DESC, p.permit_number LIMIT 20`, () => [`%${pick(words)}%`]));

  console.log(`\n${PERMITS} permits, ${CONNECTIONS} connections, ${DURATION} s each, ${new Date().toISOString()}`);
  console.log('| what | req/s | p50 ms | p99 ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const f of figures) console.log(`| ${f.name} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.errors} | ${f.non2xx} |`);
  console.log(`\nratio gateway/raw SQL: lookup ${(figures[0]!.rps / figures[1]!.rps).toFixed(2)}, search ${(figures[2]!.rps / figures[4]!.rps).toFixed(2)}`);
}

main()
  .catch((err: unknown) => {
    console.error('基准测试失败 benchmark failed:', err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) c.kill('SIGTERM');
  });

/** Shared parts of the benchmark scripts: processes, autocannon runs, raw-SQL baselines, tables. */
import autocannon from 'autocannon';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { cpuPerRequest, cpuSnapshot, ProcessGroups } from './cpu-budget';

export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU µs per 2xx request by process group, when the run was given groups to meter */
  cpu?: Record<string, number>;
}

export class BenchProcesses {
  private readonly children: ChildProcess[] = [];
  private readonly byName = new Map<string, ChildProcess>();

  constructor(readonly env: NodeJS.ProcessEnv) {}

  npm(script: string, args: string[]): string {
    return execFileSync('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: this.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  }

  node(entry: string, args: string[]): void {
    execFileSync(process.execPath, [join(ROOT, 'tools/run.js'), entry, ...args], {
      cwd: ROOT,
      env: this.env,
      stdio: 'inherit',
    });
  }

  async start(name: string, port: string): Promise<void> {
    // BENCH_PROFILE=<service> writes a V8 CPU profile of that service to tmp/prof/ when it stops
    const profile =
      process.env['BENCH_PROFILE'] === name ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'tmp/prof')}`] : [];
    const child = spawn(process.execPath, [...profile, join(ROOT, 'tools/run.js'), `apps/${name}/src/main.js`], {
      cwd: ROOT,
      env: this.env,
      stdio: 'inherit',
    });
    this.children.push(child);
    this.byName.set(name, child);
    for (let i = 0; i < 300; i++) {
      try {
        // the gateway answers 503 on /health while services it does not need here are absent
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.ok || name === 'gateway') return;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${name} did not start`);
  }

  async token(gatewayPort: string, regions: string, scopes: string): Promise<string> {
    const credential = JSON.parse(
      this.npm('integrator:create', [
        '--name',
        'bench',
        '--regions',
        regions,
        '--scopes',
        scopes,
        '--rate-limit',
        '100000000',
      ]).trim(),
    ) as { clientId: string; clientSecret: string };
    const res = await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: credential.clientId,
        client_secret: credential.clientSecret,
      }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }

  /** The process id of a started service (its CPU is metered by pid). */
  pid(name: string): number {
    const pid = this.byName.get(name)?.pid;
    if (pid === undefined) throw new Error(`${name} was not started`);
    return pid;
  }

  stopAll(): void {
    for (const c of this.children) c.kill('SIGTERM');
  }
}

export async function cannon(
  name: string,
  opts: autocannon.Options & { connections: number; duration: number },
  cpu?: ProcessGroups,
): Promise<Figures> {
  const before = cpu ? cpuSnapshot(cpu) : undefined;
  const result = await autocannon(opts);
  const after = cpu ? cpuSnapshot(cpu) : undefined;
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    ...(before && after ? { cpu: cpuPerRequest(before, after, result['2xx']) } : {}),
  };
}

/** The same work without the platform: pg pool(10), one statement per request, `connections` in flight. */
export async function sqlBaseline(
  name: string,
  database: string,
  connections: number,
  durationS: number,
  sql: string,
  params: () => unknown[],
  cpu?: ProcessGroups,
): Promise<Figures> {
  const before = cpu ? cpuSnapshot(cpu) : undefined;
  const pool = new Pool({ connectionString: SERVER_URL.replace(/\/[^/]*$/, `/${database}`), max: 10 });
  const latencies: number[] = [];
  const end = Date.now() + durationS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        await pool.query(sql, params());
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  // before the pool ends: its backends' CPU is read from /proc while they are alive
  const after = cpu ? cpuSnapshot(cpu) : undefined;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    ...(before && after ? { cpu: cpuPerRequest(before, after, latencies.length) } : {}),
    name,
    rps: latencies.length / durationS,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    errors: 0,
    non2xx: 0,
  };
}

export function printTable(title: string, figures: Figures[]): void {
  console.log(`\n${title}, ${new Date().toISOString()}`);
  console.log('| what | req/s | p50 ms | p99 ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const f of figures)
    console.log(
      `| ${f.name} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.errors} | ${f.non2xx} |`,
    );
}

/** Drops a benchmark's fresh databases (WITH FORCE: a process still connected does not block it). */
export async function dropBenchDatabases(names: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  for (const db of names) await client.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
  await client.end();
}

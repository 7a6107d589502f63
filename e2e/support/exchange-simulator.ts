import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@hn/testing';

const ROOT = join(__dirname, '..', '..');

export interface SimulatorReport {
  requests: number;
  distinct: number;
  duplicates: number;
  orderViolations: number;
  badSignatures: number;
  events: Array<{ id: string; type: string; subject: string; time: string; scheme: 'v1' | 'v1a' | null }>;
  arrivals: string[];
}

/** `npm run exchange-sim` as its own process on 127.0.0.1 (compiled dist/), driven over its control port. */
export class ExchangeSimulatorProcess {
  readonly output: string[] = [];
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    readonly controlPort: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  static async start(): Promise<ExchangeSimulatorProcess> {
    const sim = new ExchangeSimulatorProcess(await freePort(), await freePort());
    sim.child = spawn(process.execPath, [join(ROOT, 'tools', 'run.js'), 'apps/exchange/src/simulator/main.js'], {
      cwd: ROOT,
      env: { ...process.env, EXCHANGE_SIM_PORT: String(sim.port), EXCHANGE_SIM_CONTROL_PORT: String(sim.controlPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    sim.child.stdout!.on('data', (d: Buffer) => sim.output.push(d.toString()));
    sim.child.stderr!.on('data', (d: Buffer) => sim.output.push(d.toString()));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (sim.child.exitCode !== null) throw new Error(`exchange-sim exited: ${sim.output.join('')}`);
      try {
        await sim.report();
        return sim;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`exchange-sim did not start: ${sim.output.join('')}`);
  }

  private async control(path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`http://127.0.0.1:${this.controlPort}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status !== 200) throw new Error(`exchange-sim ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  report(): Promise<SimulatorReport> {
    return this.control('/_report') as Promise<SimulatorReport>;
  }

  async keys(keys: { publicKeys?: string[]; secrets?: string[] }): Promise<void> {
    await this.control('/_keys', keys);
  }

  async fault(fault: {
    mode: string;
    count?: number;
    durationMs?: number;
    retryAfter?: number;
    delayMs?: number;
  }): Promise<void> {
    await this.control('/_fault', fault);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }
}

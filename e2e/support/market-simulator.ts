import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface SimulatorPresale {
  presaleNumber: string;
  regionCode: string;
  projectCode: string;
  projectName: string;
  issueDate: string;
  buildings: string[];
}

export interface SimulatorOptions {
  port: number;
  apiKey: string;
  /** presale permits to build the simulated world around (written to MARKET_SIM_SEED_FILE) */
  presales?: SimulatorPresale[];
  seed?: number;
  /** extra MARKET_SIM_* settings */
  env?: Record<string, string>;
}

/**
 * The 房地产市场监管平台 simulator as its own process (compiled dist/, `node tools/run.js …`), the
 * way an operator runs it for 联调; its test endpoints (/api/_planted, /api/_ours) stay on.
 */
export class MarketSimulatorProcess {
  readonly output: string[] = [];
  private child: ChildProcess | null = null;
  private dir = '';

  private constructor(readonly options: SimulatorOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  static async start(options: SimulatorOptions): Promise<MarketSimulatorProcess> {
    const sim = new MarketSimulatorProcess(options);
    try {
      await sim.spawn();
    } catch (err) {
      await sim.stop();
      throw err;
    }
    return sim;
  }

  /** GET an /api/… path with the API key; throws unless 200. */
  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${this.options.apiKey}` } });
    if (res.status !== 200) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    this.child = null;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async spawn(): Promise<void> {
    const env: Record<string, string> = {
      MARKET_SIM_PORT: String(this.options.port),
      MARKET_SIM_HOST: '127.0.0.1',
      MARKET_SIM_API_KEY: this.options.apiKey,
      ...this.options.env,
    };
    if (this.options.seed !== undefined) env['MARKET_SIM_SEED'] = String(this.options.seed);
    if (this.options.presales) {
      this.dir = mkdtempSync(join(tmpdir(), 'hn-e2e-market-sim-'));
      const file = join(this.dir, 'seed.json');
      writeFileSync(
        file,
        JSON.stringify({
          ...(this.options.seed !== undefined ? { seed: this.options.seed } : {}),
          presales: this.options.presales,
        }),
      );
      env['MARKET_SIM_SEED_FILE'] = file;
    }
    const child = spawn(
      process.execPath,
      [join(ROOT, 'tools', 'run.js'), 'apps/contracts/src/market-platform/simulator/main.js'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => this.output.push(d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`market simulator exited (${child.exitCode}):\n${this.output.join('')}`);
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`market simulator did not start:\n${this.output.join('')}`);
  }
}

import { ChildProcess, execFile, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudEvent, Headers } from '@hn/messages';
import { buildCloudEvent, ensureStream } from '@hn/eventing';
import { createTestDatabase, freePort, NatsServerProcess } from '@hn/testing';
import { connect, headers, JSONCodec } from 'nats';

const ROOT = join(__dirname, '..', '..');
const execFileAsync = promisify(execFile);
const PACKAGE_SCRIPTS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

export interface PlatformOptions {
  /** extra environment for every process (overrides the defaults, e.g. GATEWAY_PUBLIC_RATE_LIMIT_PER_MINUTE) */
  env?: Record<string, string>;
}

export interface RunningService {
  name: string;
  port: number;
  process: ChildProcess | null;
  output: string[];
  /** gateways only: the management port serving /metrics */
  managementPort?: number;
  /** environment of this process only (on top of the platform's) */
  env?: Record<string, string>;
}

export { freePort };

/**
 * The platform as separate processes (compiled dist/, real Postgres and NATS), each service with a
 * fresh database of this suite. Services can be stopped and started again to test faults.
 */
export class TestPlatform {
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly services = new Map<string, RunningService>();
  private readonly drops: Array<() => Promise<void>> = [];
  env: Record<string, string> = {};
  natsPort = 0;
  private nats: NatsServerProcess | null = null;
  gatewayUrl = '';
  /** Ports chosen before the processes start (the gateway's is needed for PUBLIC_BASE_URL). */
  private readonly reservedPorts = new Map<string, number>();

  static async start(services: string[] = ['permits'], options: PlatformOptions = {}): Promise<TestPlatform> {
    const platform = new TestPlatform();
    try {
      await platform.init(services, options);
    } catch (err) {
      await platform.stop();
      throw err;
    }
    return platform;
  }

  private async init(services: string[], options: PlatformOptions): Promise<void> {
    await this.startNats();
    const gatewayPort = await freePort();
    this.reservedPorts.set('gateway', gatewayPort);
    const gatewayDb = await createTestDatabase('e2e_gateway');
    this.drops.push(gatewayDb.drop);
    const env: Record<string, string> = {
      DATABASE_URL: gatewayDb.serverUrl,
      NATS_URL: `nats://127.0.0.1:${this.natsPort}`,
      GATEWAY_DB_NAME: gatewayDb.name,
      GATEWAY_JWT_SECRET: this.jwtSecret,
      // ID numbers of account applications at rest: a fresh key per suite (a secret: never from the repository)
      GATEWAY_PII_KEY: randomBytes(32).toString('base64'),
      GATEWAY_RPC_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'info',
      // where citizens verify: the presale service prints it (upper-cased) into every QR code
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
      // the suites stand in for the reverse proxy (staffLogin's X-Forwarded-For); override with '' to trust none
      GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
    };
    if (services.includes('presale')) {
      // a fresh chain-token / checkpoint signing key per suite (a secret: never from the repository)
      env['PRESALE_SIGNING_KEY'] = generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
    }
    if (services.includes('contracts')) {
      // a fresh key per suite for buyers' ID and phone numbers at rest (a secret: never from the repository)
      env['CONTRACTS_PII_KEY'] = randomBytes(32).toString('base64');
    }
    if (services.includes('exchange')) {
      // webhook signing key and the seal of HMAC secrets: fresh per suite; webhooks only to this machine
      env['EXCHANGE_SIGNING_KEY'] = generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      env['EXCHANGE_SECRET_KEY'] = randomBytes(32).toString('base64');
      env['EXCHANGE_ENVIRONMENT'] = 'development';
      env['EXCHANGE_ALLOWED_HOSTS'] = '127.0.0.1,localhost';
    }
    for (const service of services) {
      const db = await createTestDatabase(`e2e_${service}`);
      this.drops.push(db.drop);
      env[`${service.toUpperCase()}_DB_NAME`] = db.name;
    }
    this.env = { ...env, ...options.env };
    // the services do not depend on each other to boot (each ensures the streams it uses): started together
    await Promise.all(services.map((service) => this.startService(service)));
    await this.startService('gateway');
    this.gatewayUrl = `http://127.0.0.1:${this.services.get('gateway')!.port}`;
  }

  /** Starts (or restarts) a service; `app` is the program when `name` is a second replica's name. */
  async startService(name: string, app = name, extraEnv: Record<string, string> = {}): Promise<RunningService> {
    const existing = this.services.get(name);
    const ownEnv = { ...existing?.env, ...extraEnv };
    const port = existing?.port ?? this.reservedPorts.get(name) ?? (await this.unreservedPort());
    const output: string[] = existing?.output ?? [];
    const ports: Record<string, string> = { [`${app.toUpperCase()}_PORT`]: String(port) };
    const managementPort = app === 'gateway' ? (existing?.managementPort ?? (await this.unreservedPort())) : undefined;
    if (managementPort !== undefined) ports['GATEWAY_MANAGEMENT_PORT'] = String(managementPort);
    const child = spawn(process.execPath, [join(ROOT, 'tools', 'run.js'), `apps/${app}/src/main.js`], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, ...ownEnv, ...ports },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const service: RunningService = {
      name,
      port,
      process: child,
      output,
      env: ownEnv,
      ...(managementPort !== undefined ? { managementPort } : {}),
    };
    this.services.set(name, service);
    await this.waitHealthy(service);
    return service;
  }

  /** Another gateway process on the same gateway database and NATS (e.g. name 'gateway-2'); returns its base URL. */
  async startGatewayReplica(name: string, env: Record<string, string> = {}): Promise<string> {
    const replica = await this.startService(name, 'gateway', env);
    return `http://127.0.0.1:${replica.port}`;
  }

  /** Base URL of a gateway's management port (GET /metrics). */
  managementUrl(name = 'gateway'): string {
    return `http://127.0.0.1:${this.services.get(name)!.managementPort!}`;
  }

  private async unreservedPort(): Promise<number> {
    const reserved = new Set(this.reservedPorts.values());
    for (;;) {
      const port = await freePort();
      if (!reserved.has(port)) return port;
    }
  }

  /**
   * Each suite gets its own nats-server (the machine's binary, JetStream on) so request/reply
   * subjects never reach another suite's or a developer's running services, and NATS itself can be
   * stopped and restarted to test faults.
   */
  async startNats(): Promise<void> {
    if (!this.nats) {
      this.nats = await NatsServerProcess.start();
      this.natsPort = this.nats.port;
    } else {
      await this.nats.restart();
    }
  }

  async stopNats(): Promise<void> {
    await this.nats?.stop();
  }

  async stopService(name: string): Promise<void> {
    const service = this.services.get(name);
    if (!service?.process) return;
    const child = service.process;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    service.process = null;
  }

  /**
   * Publishes a CloudEvent to the platform's own JetStream the way a service's outbox relay would
   * (stream created if absent, Nats-Msg-Id = event id), e.g. to seed another service's replica.
   */
  async publishEvent<T>(
    stream: { name: string; subjects: readonly string[] },
    event: { source: string; type: string; subject: string; data: T },
  ): Promise<CloudEvent<T>> {
    const nc = await connect({ servers: `nats://127.0.0.1:${this.natsPort}`, name: 'hn-e2e-publisher' });
    try {
      await ensureStream(await nc.jetstreamManager(), { name: stream.name, subjects: [...stream.subjects] });
      const cloudEvent = buildCloudEvent(event);
      const h = headers();
      h.set(Headers.msgId, cloudEvent.id);
      await nc.jetstream().publish(event.type, JSONCodec().encode(cloudEvent), { headers: h });
      return cloudEvent;
    } finally {
      await nc.close();
    }
  }

  /**
   * Runs an operator command of package.json (`npm run <script>`) the way npm would, without npm's own
   * start-up (about 0.4 s a call, and the suites make a few hundred): every such script is `node tools/run.js …`.
   */
  async cli(script: string, args: string[]): Promise<string> {
    const command = (PACKAGE_SCRIPTS[script] ?? '').split(' ');
    if (command[0] !== 'node' || command[1] !== 'tools/run.js') {
      throw new Error(`${script} is not a "node tools/run.js" script of package.json`);
    }
    const { stdout } = await execFileAsync(process.execPath, [...command.slice(1), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
    });
    return stdout;
  }

  async createIntegrator(
    regions: string[],
    scopes: string[],
    extra: string[] = [],
  ): Promise<{ clientId: string; clientSecret: string }> {
    const out = await this.cli('integrator:create', [
      '--name',
      `测试集成方 ${regions.join(',')}`,
      '--regions',
      regions.join(','),
      '--scopes',
      scopes.join(','),
      ...extra,
    ]);
    return JSON.parse(out.trim().split('\n').pop()!) as { clientId: string; clientSecret: string };
  }

  async token(credential: { clientId: string; clientSecret: string }): Promise<string> {
    const res = await fetch(`${this.gatewayUrl}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: credential.clientId,
        client_secret: credential.clientSecret,
      }),
    });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  /** Creates a staff account with the operator command; returns its one-line JSON output parsed. */
  async createStaff(
    username: string,
    password: string,
    role: string,
    region: string,
  ): Promise<{ username: string; role: string; region: string }> {
    const out = await this.cli('staff:create', [
      '--username',
      username,
      '--password',
      password,
      '--role',
      role,
      '--region',
      region,
    ]);
    return JSON.parse(out.trim().split('\n').pop()!) as { username: string; role: string; region: string };
  }

  /** POST /api/v1/auth/login; `ip` becomes X-Forwarded-For (GATEWAY_TRUSTED_PROXIES=127.0.0.1 by default) so suites can keep per-IP limits apart. */
  async staffLogin(username: string, password: string, ip = '10.20.0.1'): Promise<Response> {
    return fetch(`${this.gatewayUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ username, password }),
    });
  }

  async staffToken(username: string, password: string, ip?: string): Promise<string> {
    const res = await this.staffLogin(username, password, ip);
    if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  /** Where a service's /metrics is served: a gateway's management port, a backend service's HTTP port. */
  metricsPort(name: string): number {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service.managementPort ?? service.port;
  }

  logs(): string {
    return [...this.services.values()].map((s) => s.output.join('')).join('\n');
  }

  async stop(): Promise<void> {
    for (const name of [...this.services.keys()].reverse()) await this.stopService(name);
    await this.nats?.destroy();
    for (const drop of this.drops) await drop().catch(() => undefined);
  }

  private async waitHealthy(service: RunningService): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (service.process?.exitCode !== null && service.process?.exitCode !== undefined) {
        throw new Error(`${service.name} exited (${service.process.exitCode}):\n${service.output.join('')}`);
      }
      try {
        const res = await fetch(`http://127.0.0.1:${service.port}/health`);
        if (res.status === 200 || (service.managementPort !== undefined && res.status === 503)) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${service.name} did not become healthy:\n${service.output.join('')}`);
  }
}

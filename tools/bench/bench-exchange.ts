/**
 * Benchmark: 数据推送 (issue 15) — presale events published to HN_PRESALE, delivered by the exchange
 * service as signed webhooks to the receiver simulator (`npm run exchange-sim`, which verifies every
 * Ed25519 signature independently) on 127.0.0.1:
 *   1. backlog: N events over N/5 presale numbers already in the stream, then the exchange started on a
 *      fresh database; deliveries/s until the simulator has every id (target ≥ 1,000/s), 0 order violations;
 *   2. steady stream: `--rate` events/s for `--duration` s; event time (the commit) → the receiver's
 *      arrival, p50/p99 (target p99 < 1 s to the first delivery attempt).
 *
 *   npm run build && npm run bench:exchange -- [--events 20000] [--rate 200] [--duration 20] [--concurrency 16]
 *
 * Each run uses its own nats-server and a fresh database (dropped at the end).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect, headers, JetStreamClient, JSONCodec, NatsConnection, PubAck } from 'nats';
import { buildCloudEvent, ensureStream } from '@hn/eventing';
import { Headers, PresaleEvents } from '@hn/messages';
import { NatsServerProcess, presalePermitFixture } from '@hn/testing';
import { BenchProcesses, dropBenchDatabases, ROOT } from './bench-support';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    events: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '16' },
  },
});
const EVENTS = Number(values.events);
const RATE = Number(values.rate);
const DURATION = Number(values.duration);
const PER_NUMBER = 5;
const STAMP = Date.now().toString(36);
const DB = `hn_benchx_exchange_${STAMP}`;
const EXCHANGE_PORT = '3980';
const SIM_PORT = 3981;
const SIM_CONTROL = 3982;
const TIMEOUT_MS = 900_000;
const codec = JSONCodec();

interface Report {
  distinct: number;
  requests: number;
  duplicates: number;
  orderViolations: number;
  badSignatures: number;
  events: Array<{ id: string; time: string; receivedAt: string }>;
}

let nats: NatsServerProcess | null = null;
let simulator: ChildProcess | null = null;
const processes = new BenchProcesses({
  ...process.env,
  EXCHANGE_DB_NAME: DB,
  EXCHANGE_PORT,
  EXCHANGE_ENVIRONMENT: 'development',
  EXCHANGE_ALLOWED_HOSTS: '127.0.0.1',
  EXCHANGE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  EXCHANGE_SECRET_KEY: randomBytes(32).toString('base64'),
  EXCHANGE_CONCURRENCY: values.concurrency,
  LOG_LEVEL: 'warn',
});
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const report = async (): Promise<Report> =>
  (await fetch(`http://127.0.0.1:${SIM_CONTROL}/_report`)).json() as Promise<Report>;

/** Event i: number i / PER_NUMBER (so five events per number, in order), issued then corrected. */
function event(prefix: string, i: number): ReturnType<typeof buildCloudEvent> {
  const n = Math.floor(i / PER_NUMBER);
  const number = `${prefix}${String(Math.floor(n / 99))
    .padStart(2, '0')
    .slice(-2)}-Y${String((n % 99) + 1).padStart(2, '0')}`;
  const permit = presalePermitFixture(number, { projectName: `基准项目 ${n}` });
  return i % PER_NUMBER === 0
    ? buildCloudEvent({ source: '/hn/presale', type: 'hn.presale.permit.issued.v1', subject: number, data: { permit } })
    : buildCloudEvent({
        source: '/hn/presale',
        type: 'hn.presale.permit.corrected.v1',
        subject: number,
        data: {
          after: permit,
          before: {},
          reason: '基准',
          documentNumber: `B${i}`,
          correctedBy: 'bench',
          correctedAt: new Date().toISOString(),
        },
      });
}

async function publish(js: JetStreamClient, e: ReturnType<typeof buildCloudEvent>): Promise<PubAck> {
  const h = headers();
  h.set(Headers.msgId, e.id);
  return js.publish(e.type, codec.encode(e), { headers: h });
}

async function until(done: (r: Report) => boolean, what: string): Promise<Report> {
  const started = Date.now();
  for (;;) {
    const r = await report();
    if (done(r)) return r;
    if (Date.now() - started > TIMEOUT_MS) throw new Error(`${what}: only ${r.distinct} delivered`);
    await sleep(100);
  }
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

async function main(): Promise<void> {
  nats = await NatsServerProcess.start();
  processes.env['NATS_URL'] = nats.url;
  simulator = spawn(process.execPath, [join(ROOT, 'tools/run.js'), 'apps/exchange/src/simulator/main.js'], {
    cwd: ROOT,
    env: { ...process.env, EXCHANGE_SIM_PORT: String(SIM_PORT), EXCHANGE_SIM_CONTROL_PORT: String(SIM_CONTROL) },
    stdio: 'inherit',
  });
  for (let i = 0; i < 100; i++) {
    try {
      await report();
      break;
    } catch {
      await sleep(100);
    }
  }
  const created = JSON.parse(
    processes
      .npm('exchange:subscriber', [
        'create',
        '--name',
        '基准接收方',
        '--kind',
        'OTHER',
        '--url',
        `http://127.0.0.1:${SIM_PORT}/`,
        '--events',
        'hn.presale.permit.issued.v1,hn.presale.permit.corrected.v1',
        '--fields',
        'presaleNumber,projectName,issueDate',
      ])
      .trim()
      .split('\n')
      .pop()!,
  ) as { verificationKeys: string[] };
  await fetch(`http://127.0.0.1:${SIM_CONTROL}/_keys`, {
    method: 'POST',
    body: JSON.stringify({ publicKeys: created.verificationKeys }),
  });

  const nc: NatsConnection = await connect({ servers: nats.url, name: 'hn-bench-exchange' });
  try {
    await ensureStream(await nc.jetstreamManager(), {
      name: PresaleEvents.stream,
      subjects: [...PresaleEvents.streamSubjects],
    });
    const js = nc.jetstream();
    console.log(
      `准备数据 publishing ${EVENTS} events (${EVENTS / PER_NUMBER} presale numbers) to ${PresaleEvents.stream}…`,
    );
    for (let i = 0; i < EVENTS; i += 500)
      await Promise.all(
        Array.from({ length: Math.min(500, EVENTS - i) }, (_, k) => publish(js, event('4302232024062001', i + k))),
      );

    console.log(`积压 backlog: starting exchange (concurrency ${values.concurrency})…`);
    const started = Date.now();
    await processes.start('exchange', EXCHANGE_PORT);
    const bootMs = Date.now() - started;
    const backlog = await until((r) => r.distinct >= EVENTS, 'backlog');
    const backlogMs = Date.now() - started - bootMs;

    console.log(`稳态 steady: ${RATE} events/s for ${DURATION} s…`);
    const steady = RATE * DURATION;
    const steadyStart = Date.now();
    for (let i = 0; i < steady; i++) {
      const due = steadyStart + (i * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      void publish(js, event('4302232024062002', i));
    }
    const final = await until((r) => r.distinct >= EVENTS + steady, 'steady');
    const latencies = final.events
      .slice(-steady)
      .map((e) => Date.parse(e.receivedAt) - Date.parse(e.time))
      .sort((a, b) => a - b);

    console.log(
      `\n数据推送 exchange, ${new Date().toISOString()} (events ${EVENTS}, concurrency ${values.concurrency})`,
    );
    console.log('| what | figure |');
    console.log('|---|---:|');
    console.log(`| exchange boot (migrations, consumers) | ${bootMs} ms |`);
    console.log(
      `| backlog of ${EVENTS} events: deliveries/s (ingest + signed POST + receiver verification) | ${((EVENTS / backlogMs) * 1000).toFixed(0)} |`,
    );
    console.log(
      `| steady ${RATE}/s: event time → receiver p50 / p99 | ${quantile(latencies, 0.5)} / ${quantile(latencies, 0.99)} ms |`,
    );
    console.log(`| requests / distinct / duplicates | ${final.requests} / ${final.distinct} / ${final.duplicates} |`);
    console.log(`| order violations / bad signatures | ${final.orderViolations} / ${final.badSignatures} |`);
    if (backlog.orderViolations + final.orderViolations + final.badSignatures > 0) process.exitCode = 1;
  } finally {
    await nc.close();
  }
}

main()
  .catch((err: unknown) => {
    console.error('基准失败 bench failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(async () => {
    processes.stopAll();
    simulator?.kill('SIGTERM');
    await sleep(1000);
    await nats?.stop();
    await dropBenchDatabases([DB]);
  });

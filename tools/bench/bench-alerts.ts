/**
 * Benchmark: 预警 alerts (issue 11) — N permits (5% overdue PRESALE permits, one OVERDUE_ACCEPTANCE alert
 * each) published to HN_PERMITS, then
 *   1. full rebuild: the alerts service started on a fresh database after the stream is full, timed until
 *      its read model holds every permit and every alert is open (target: the whole stream, events/s);
 *   2. event → alert visible in the gateway list under a steady stream of 500 events/s (target p99 < 2 s);
 *   3. list and filter latency through the gateway (autocannon; target p99 < 100 ms) against a raw-SQL
 *      baseline of the same default page query.
 *
 *   npm run build && node tools/run.js tools/bench/bench-alerts.js -- [--permits 100000] [--duration 30] [--connections 20] [--rate 500]
 *
 * Each run uses its own nats-server and fresh databases (dropped at the end).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { connect, headers, JetStreamClient, JSONCodec, NatsConnection, PubAck } from 'nats';
import { Client } from 'pg';
import { buildCloudEvent, ensureStream } from '@hn/eventing';
import { ConstructionPermitV1, Headers, PermitRegisteredV1, PermitsEvents } from '@hn/messages';
import { activeCountyCodes } from '@hn/numbering';
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
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '20' },
    rate: { type: 'string', default: '500' },
  },
});
const PERMITS = Number(values.permits);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const RATE = Number(values.rate);
/** every OVERDUE_EVERY-th seeded permit is overdue (5%); every MARK_EVERY-th streamed event a new overdue permit */
const OVERDUE_EVERY = 20;
const MARK_EVERY = 50;
const ACK_GROUP = 1000;
const POLL_MS = 25;
/** how long a marked permit may take to show (and the backlog to drain) before it counts as not seen */
const VISIBLE_TIMEOUT_MS = 600_000;
const STAMP = Date.now().toString(36);
const DBS = { alerts: `hn_bencha_alerts_${STAMP}`, gateway: `hn_bencha_gateway_${STAMP}` };
const GATEWAY_PORT = '3970';
const ALERTS_PORT = '3971';
const STAFF = { username: 'bench.province', password: 'BenchAlerts2024ok' };
const CITY = '430200'; // 株洲市: the region filter
// the keyword filter: a fragment of one in NAMES.length project names
const NAMES = ['湘江', '麓山', '橘洲', '岳麓', '梅溪', '洋湖', '松雅', '星沙', '暮云', '洞井'];
const KEYWORD = NAMES[1]!;
// Hunan county-level codes in force (43xxxx), the permits spread over them round-robin
const COUNTIES = activeCountyCodes().filter((c) => c.startsWith('43'));

let nats: NatsServerProcess | null = null;
const processes = new BenchProcesses({
  ...process.env,
  ALERTS_DB_NAME: DBS.alerts,
  GATEWAY_DB_NAME: DBS.gateway,
  GATEWAY_JWT_SECRET: randomBytes(32).toString('hex'),
  GATEWAY_PII_KEY: randomBytes(32).toString('base64'),
  GATEWAY_RATE_LIMIT_PER_MINUTE: '10000000',
  GATEWAY_PORT,
  GATEWAY_MANAGEMENT_PORT: '0', // metrics on a free port: no clash with a running platform
  ALERTS_PORT,
  LOG_LEVEL: 'warn',
});
const codec = JSONCodec();

const isoDay = (base: string, days: number): string =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Permit i of the data set (serial 01 for the seed, 02 for the permits streamed during the latency run).
 * Every 20th is a PRESALE project's permit planned to complete in 2023 with no acceptance date (overdue);
 * the others are PRESALE planned in the future, PRESALE accepted, or typed OTHER (no alert).
 */
function permit(i: number, serial: '01' | '02', overdue: boolean): ConstructionPermitV1 {
  const county = COUNTIES[i % COUNTIES.length]!;
  const issueDate = isoDay('2019-01-01', Math.floor(i / COUNTIES.length));
  const kind = overdue ? 0 : 1 + (i % 3);
  return {
    permitNumber: `${county}${issueDate.replace(/-/g, '')}${serial}01`,
    projectCode: `${issueDate.slice(0, 4)}-${county}-70-03-${serial}${String(i).padStart(6, '0')}`,
    // by i / 20, not i: the overdue ones (every 20th) spread over all the names too
    projectName: `${NAMES[Math.floor(i / OVERDUE_EVERY) % NAMES.length]}${serial === '01' ? '花园' : '新城'}${i}期`,
    regionCode: county,
    projectType: kind === 3 ? 'OTHER' : 'PRESALE',
    category: '社会投资房建类',
    developerName: '湖南基准测试置业有限公司',
    developerCreditCode: '91430100MA4L000001',
    issueDate,
    startDate: issueDate,
    plannedCompletionDate: kind === 1 ? isoDay('2031-01-01', i % 365) : isoDay('2023-01-01', i % 365),
    fivePartyAcceptanceDate: kind === 2 ? isoDay('2024-01-01', i % 365) : null,
    completionFilingDate: null,
    status: 'VALID',
  };
}
const seeded = (i: number): ConstructionPermitV1 => permit(i, '01', i % OVERDUE_EVERY === 0);

/** Publishes one CloudEvent (Nats-Msg-Id = event id, as the outbox relay does); the ack resolves later. */
function publish(js: JetStreamClient, type: string, p: ConstructionPermitV1): Promise<PubAck> {
  const event = buildCloudEvent<PermitRegisteredV1>({
    source: '/hn/permits',
    type,
    subject: p.permitNumber,
    data: { permit: p, units: [] },
  });
  const h = headers();
  h.set(Headers.msgId, event.id);
  return js.publish(type, codec.encode(event), { headers: h });
}

function stats(name: string, ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const p = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  return `| ${name} | ${ms.length} | ${p(0.5).toFixed(0)} | ${p(0.99).toFixed(0)} | ${(sorted[sorted.length - 1] ?? NaN).toFixed(0)} |`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function seed(js: JetStreamClient): Promise<{ overdue: number; ms: number }> {
  const started = Date.now();
  let overdue = 0;
  for (let from = 0; from < PERMITS; from += ACK_GROUP) {
    const acks: Array<Promise<PubAck>> = [];
    for (let i = from; i < Math.min(PERMITS, from + ACK_GROUP); i++) {
      if (i % OVERDUE_EVERY === 0) overdue++;
      acks.push(publish(js, PermitsEvents.permitRegistered, seeded(i)));
    }
    await Promise.all(acks);
  }
  return { overdue, ms: Date.now() - started };
}

/** Counts of the alerts read model, or null while the service has not created its database and tables yet. */
async function readModelCounts(): Promise<{ permits: number; open: number } | null> {
  const client = new Client({ connectionString: SERVER_URL.replace(/\/[^/]*$/, `/${DBS.alerts}`) });
  try {
    await client.connect();
    const { rows } = await client.query<{ permits: number; open: number }>(
      `SELECT (SELECT count(*)::int FROM rm_permit) AS permits,
              (SELECT count(*)::int FROM alert WHERE state = 'OPEN') AS open`,
    );
    return rows[0] ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Sequential scans per table of the alerts database so far: a query without a fitting index shows here. */
async function seqScans(): Promise<string> {
  const client = new Client({ connectionString: SERVER_URL.replace(/\/[^/]*$/, `/${DBS.alerts}`) });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; seq_scan: string; seq_tup_read: string; idx_scan: string }>(
      `SELECT relname, seq_scan, seq_tup_read, COALESCE(idx_scan, 0) AS idx_scan FROM pg_stat_user_tables
        WHERE seq_scan > 0 AND n_live_tup > 0 ORDER BY seq_tup_read DESC LIMIT 8`,
    );
    return rows
      .map((r) => `${r.relname} ${r.seq_scan} seq (${r.seq_tup_read} rows read) / ${r.idx_scan} idx`)
      .join('; ');
  } finally {
    await client.end();
  }
}

async function list(token: string, query: string): Promise<{ status: number; total: number }> {
  const res = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/api/v1/supervision/alerts?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { total?: number };
  return { status: res.status, total: body.total ?? 0 };
}

/**
 * RATE events/s for DURATION s: re-sent updates of seeded permits (no change in the alerts) and, every
 * MARK_EVERY-th, the registration of a new overdue permit, polled in the list (keyword = its number)
 * every POLL_MS until it shows. One poller walks the marked permits oldest first: the service's single
 * consumer applies the stream in order, so a permit cannot show before an older one (were it ever to,
 * the figure only comes out higher), and the polls stay at ~1000/POLL_MS requests/s instead of one
 * poller per pending permit crowding the service the figure is about.
 */
async function latencyUnderLoad(
  js: JetStreamClient,
  token: string,
): Promise<{ latencies: number[]; published: number; missing: number; errors: number; seconds: number }> {
  const latencies: number[] = [];
  const pending: Array<{ permitNumber: string; at: number }> = [];
  const acks: Array<Promise<PubAck>> = [];
  let missing = 0;
  let errors = 0;
  let published = 0;
  let publishing = true;
  const started = Date.now();
  const end = started + DURATION * 1000;
  const poller = (async (): Promise<void> => {
    while (publishing || pending.length > 0) {
      const next = pending[0];
      if (!next) {
        await sleep(POLL_MS);
        continue;
      }
      try {
        const found = await list(token, `keyword=${next.permitNumber}&pageSize=20`);
        if (found.status !== 200) errors++;
        else if (found.total > 0) {
          latencies.push(Date.now() - next.at);
          pending.shift();
          continue; // the next one may be visible already
        }
      } catch {
        errors++;
      }
      if (Date.now() - next.at > VISIBLE_TIMEOUT_MS) {
        missing++;
        pending.shift();
        continue;
      }
      await sleep(POLL_MS);
    }
  })();
  while (Date.now() < end) {
    // as many events as the schedule asks by now, so a slow tick does not lower the rate
    const due = Math.floor(((Date.now() - started) / 1000) * RATE);
    for (; published < due; published++) {
      if (published % MARK_EVERY === 0) {
        const p = permit(published, '02', true);
        pending.push({ permitNumber: p.permitNumber, at: Date.now() });
        acks.push(publish(js, PermitsEvents.permitRegistered, p));
      } else {
        acks.push(publish(js, PermitsEvents.permitUpdated, seeded((published * 7919) % PERMITS)));
      }
    }
    if (acks.length >= ACK_GROUP) await Promise.all(acks.splice(0));
    await sleep(5);
  }
  const seconds = (Date.now() - started) / 1000;
  await Promise.all(acks);
  publishing = false;
  await poller;
  return { latencies, published, missing, errors, seconds };
}

/** Waits until the alerts service's permits consumer has nothing pending or unacknowledged; returns ms. */
async function drained(nc: NatsConnection): Promise<number> {
  const started = Date.now();
  const jsm = await nc.jetstreamManager();
  for (;;) {
    const info = await jsm.consumers.info(PermitsEvents.stream, 'alerts-permits');
    if (info.num_pending === 0 && info.num_ack_pending === 0) return Date.now() - started;
    if (Date.now() - started > VISIBLE_TIMEOUT_MS) throw new Error(`alerts still ${info.num_pending} events behind`);
    await sleep(200);
  }
}

async function main(): Promise<void> {
  if (COUNTIES.length === 0) throw new Error('no Hunan county codes');
  nats = await NatsServerProcess.start();
  processes.env['NATS_URL'] = nats.url;
  const nc: NatsConnection = await connect({ servers: nats.url, name: 'hn-bench-alerts' });
  try {
    await ensureStream(await nc.jetstreamManager(), {
      name: PermitsEvents.stream,
      subjects: [...PermitsEvents.streamSubjects],
    });
    const js = nc.jetstream();
    console.log(`准备数据 publishing ${PERMITS} permits over ${COUNTIES.length} counties to ${PermitsEvents.stream}…`);
    const seededRun = await seed(js);
    console.log(`  ${PERMITS} events in ${(seededRun.ms / 1000).toFixed(1)} s, ${seededRun.overdue} overdue`);

    // the gateway and the staff account first, so the rebuild has the machine to itself
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

    console.log('全量重建 full rebuild: starting alerts on a fresh database…');
    const rebuildStarted = Date.now();
    await processes.start('alerts', ALERTS_PORT);
    const bootMs = Date.now() - rebuildStarted;
    let counts: { permits: number; open: number } | null = null;
    let lastLog = Date.now();
    for (;;) {
      counts = await readModelCounts();
      if (counts && counts.permits >= PERMITS && counts.open >= seededRun.overdue) break;
      if (Date.now() - lastLog > 10_000) {
        console.log(`  ${counts?.permits ?? 0} permits, ${counts?.open ?? 0} open alerts`);
        lastLog = Date.now();
      }
      if (Date.now() - rebuildStarted > 3_600_000) throw new Error('rebuild did not finish within an hour');
      await sleep(200);
    }
    const rebuildMs = Date.now() - rebuildStarted;
    if (counts.open !== seededRun.overdue)
      throw new Error(`expected ${seededRun.overdue} open alerts, found ${counts.open}`);

    const login = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(STAFF),
    });
    if (login.status !== 200) throw new Error(`staff login answered ${login.status}: ${await login.text()}`);
    const token = ((await login.json()) as { access_token: string }).access_token;
    const all = await list(token, 'pageSize=20');
    if (all.status !== 200 || all.total !== seededRun.overdue)
      throw new Error(`province list answered ${all.status} with total ${all.total}, expected ${seededRun.overdue}`);

    console.log(`事件→可见 event → visible: ${RATE} events/s for ${DURATION} s…`);
    const load = await latencyUnderLoad(js, token);
    const drainMs = await drained(nc);
    console.log(
      `  ${load.published} events in ${load.seconds.toFixed(1)} s; ${load.latencies.length} marked seen, ${load.missing} not seen; ` +
        `backlog drained ${(drainMs / 1000).toFixed(1)} s after the last marked one showed`,
    );

    const auth = { authorization: `Bearer ${token}` };
    const run = {
      url: `http://127.0.0.1:${GATEWAY_PORT}`,
      headers: auth,
      duration: DURATION,
      connections: CONNECTIONS,
    };
    const queries = {
      all: 'pageSize=20',
      filtered: `type=OVERDUE_ACCEPTANCE&scope=INCREMENT&regionCode=${CITY}&pageSize=20`,
      keyword: `keyword=${encodeURIComponent(KEYWORD)}&pageSize=20`,
    };
    for (const q of Object.values(queries)) {
      const r = await list(token, q);
      if (r.status !== 200 || r.total === 0) throw new Error(`?${q} answered ${r.status} with total ${r.total}`);
    }
    const figures: Figures[] = [];
    figures.push(
      await cannon('alerts list, province, page 1 (pageSize 20) — gateway', {
        ...run,
        requests: [{ method: 'GET', path: `/api/v1/supervision/alerts?${queries.all}` }],
      }),
    );
    figures.push(
      await cannon(`alerts list, OVERDUE_ACCEPTANCE INCREMENT in ${CITY} — gateway`, {
        ...run,
        requests: [{ method: 'GET', path: `/api/v1/supervision/alerts?${queries.filtered}` }],
      }),
    );
    figures.push(
      await cannon(`alerts list, keyword ${KEYWORD} — gateway`, {
        ...run,
        requests: [{ method: 'GET', path: `/api/v1/supervision/alerts?${queries.keyword}` }],
      }),
    );
    // the service's count and page statements (AlertsRepository.list) for a province user, as one statement
    const where = `a.region_code LIKE ANY ($1::text[]) AND a.state = ANY ($2::text[])`;
    figures.push(
      await sqlBaseline(
        'alerts list, province, page 1 — raw SQL (page + count)',
        DBS.alerts,
        CONNECTIONS,
        DURATION,
        `SELECT a.*, (SELECT count(*)::int FROM alert a WHERE ${where}) AS total
           FROM alert a WHERE ${where} ORDER BY a.raised_at DESC, a.id LIMIT 20`,
        () => [['43%'], ['OPEN', 'FOLLOWING']],
      ),
    );

    const rebuildRate = PERMITS / (rebuildMs / 1000);
    console.log(`\n预警 alerts, ${PERMITS} permits (${seededRun.overdue} overdue), ${new Date().toISOString()}`);
    console.log('| what | n | p50 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(stats(`event → visible in the list, under ${RATE} events/s`, load.latencies));
    console.log(
      `\nfull rebuild: ${PERMITS} events → ${counts.permits} permits, ${counts.open} open alerts in ${(rebuildMs / 1000).toFixed(1)} s ` +
        `(${rebuildRate.toFixed(0)} events/s; service boot ${(bootMs / 1000).toFixed(1)} s of it); ` +
        `seeding ${(seededRun.ms / 1000).toFixed(1)} s`,
    );
    console.log(
      `stream: ${load.published} events in ${load.seconds.toFixed(1)} s (${(load.published / load.seconds).toFixed(0)}/s), ` +
        `${load.latencies.length} marked seen, ${load.missing} not seen within ${VISIBLE_TIMEOUT_MS / 1000} s, ${load.errors} failed polls; ` +
        `backlog drained ${(drainMs / 1000).toFixed(1)} s later`,
    );
    printTable(`alerts list, ${CONNECTIONS} connections, ${DURATION} s each`, figures);
    console.log(`\nsequential scans in the alerts database: ${(await seqScans()) || 'none'}`);

    const sorted = [...load.latencies].sort((a, b) => a - b);
    const q = (x: number): string =>
      (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * x))] ?? NaN).toFixed(0);
    const byName = (prefix: string): Figures => figures.find((f) => f.name.startsWith(prefix))!;
    const row = (what: string, f: Figures): string =>
      `| ${what} | ${f.rps.toFixed(0)} req/s, p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms | < 100 ms |`;
    console.log('\nFor docs/benchmarks.md:\n');
    console.log(`${PERMITS} permits, ${seededRun.overdue} overdue; ${new Date().toISOString().slice(0, 10)}`);
    console.log('');
    console.log('| what | figure | target |');
    console.log('|---|---|---|');
    console.log(
      `| full rebuild (${PERMITS} events → read model + ${counts.open} alerts) | ${(rebuildMs / 1000).toFixed(1)} s, ${rebuildRate.toFixed(0)} events/s | — |`,
    );
    console.log(
      `| event → visible in the list under ${RATE} events/s | p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${sorted.length ? sorted[sorted.length - 1]!.toFixed(0) : 'NaN'} ms (${load.latencies.length} events, ${load.missing} not seen) | p99 < 2 s |`,
    );
    console.log(row('list, province, page 1', byName('alerts list, province, page 1 (')));
    console.log(row(`list, OVERDUE_ACCEPTANCE INCREMENT in ${CITY}`, byName('alerts list, OVERDUE')));
    console.log(row(`list, keyword ${KEYWORD}`, byName('alerts list, keyword')));
    console.log(row('raw SQL baseline (page + count)', byName('alerts list, province, page 1 — raw')));
  } finally {
    await nc.close();
  }
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

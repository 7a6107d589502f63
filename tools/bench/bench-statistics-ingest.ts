/**
 * Benchmark: 统计入库速度 statistics ingest (issue 13) — how fast events reach the statistics' aggregates.
 * The alerts service runs on a fresh database; N events (half construction permits registered on HN_PERMITS,
 * half contract filings filed on HN_CONTRACTS, spread over the Hunan counties) are published on JetStream
 * as fast as the acks come back, and the run is timed from the first publish until the aggregates
 * (rm_stat_total: permits.count and filings.count) show every one of them; then the province summary over
 * NATS is checked against N (the read cache dropped by the commits). Prints events/s into the aggregates.
 *
 *   npm run build && npm run bench:statistics-ingest -- [--events 20000]
 *
 * Its own nats-server and database, dropped at the end.
 */
import { parseArgs } from 'node:util';
import { connect, headers, JetStreamClient, JSONCodec, NatsConnection, PubAck } from 'nats';
import { Client } from 'pg';
import { buildCloudEvent, ensureStream } from '@hn/eventing';
import {
  ConstructionPermitV1,
  ContractsEvents,
  Headers,
  PermitsEvents,
  Principal,
  Rpc,
  StatisticsSummaryV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { activeCountyCodes } from '@hn/numbering';
import { contractFilingFixture, NatsServerProcess } from '@hn/testing';
import { BenchProcesses, dropBenchDatabases, SERVER_URL } from './bench-support';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { events: { type: 'string', default: '20000' } },
});
const EVENTS = Number(values.events);
if (!(Number.isInteger(EVENTS) && EVENTS >= 2)) throw new Error('--events must be an integer ≥ 2');
const PERMITS = Math.floor(EVENTS / 2);
const FILINGS = EVENTS - PERMITS;
const ACK_GROUP = 1000;
const STAMP = Date.now().toString(36);
const DB = `hn_benchi_alerts_${STAMP}`;
const ALERTS_PORT = '3991';
const TIMEOUT_MS = Number(process.env['BENCH_STATISTICS_INGEST_TIMEOUT_MS'] ?? 3_600_000);
const COUNTIES = activeCountyCodes().filter((c) => c.startsWith('43'));
const codec = JSONCodec();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const isoDay = (base: string, days: number): string =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const processes = new BenchProcesses({
  ...process.env,
  ALERTS_DB_NAME: DB,
  ALERTS_PORT,
  LOG_LEVEL: 'warn',
});

/** Permit i: county i mod C, one a day per county from 2024-01-01 (every county in force existed by then), typed PRESALE / OTHER / unmarked. */
function permit(i: number): ConstructionPermitV1 {
  const county = COUNTIES[i % COUNTIES.length]!;
  const issueDate = isoDay('2024-01-01', Math.floor(i / COUNTIES.length));
  return {
    permitNumber: `${county}${issueDate.replace(/-/g, '')}0101`,
    projectCode: `${issueDate.slice(0, 4)}-${county}-70-03-${pad(i, 8)}`,
    projectName: `基准测试花园${i}期`,
    regionCode: county,
    projectType: (['PRESALE', 'OTHER', null] as const)[i % 3]!,
    category: '社会投资房建类',
    developerName: '湖南基准测试置业有限公司',
    developerCreditCode: '91430100MA4L000001',
    issueDate,
    startDate: issueDate,
    plannedCompletionDate: isoDay('2031-01-01', i % 365),
    fivePartyAcceptanceDate: null,
    completionFilingDate: null,
    status: 'VALID',
  };
}

/** Filing i: presale permit i / C of county i mod C (serials 0000–9999), its contract B0001 (B0002 … past that). */
function filingNumber(i: number): string {
  const county = COUNTIES[i % COUNTIES.length]!;
  const n = Math.floor(i / COUNTIES.length);
  return `${county}20240620${pad(n % 10_000, 4)}-Y01-B${pad(1 + Math.floor(n / 10_000), 4)}`;
}

function publish(js: JetStreamClient, i: number): Promise<PubAck> {
  const isPermit = i % 2 === 0;
  const k = Math.floor(i / 2);
  const event = isPermit
    ? buildCloudEvent({
        source: '/hn/permits',
        type: PermitsEvents.permitRegistered,
        subject: permit(k).permitNumber,
        data: { permit: permit(k), units: [] },
      })
    : buildCloudEvent({
        source: '/hn/contracts',
        type: ContractsEvents.filingFiled,
        subject: filingNumber(k),
        data: { filing: contractFilingFixture(filingNumber(k)) },
      });
  const h = headers();
  h.set(Headers.msgId, event.id);
  return js.publish(event.type, codec.encode(event), { headers: h });
}

/** permits.count and filings.count over the running totals, or null before the service has made its tables. */
async function totals(client: Client): Promise<{ permits: number; filings: number } | null> {
  try {
    const { rows } = await client.query<{ permits: string | null; filings: string | null }>(
      `SELECT sum("permits.count") AS permits, sum("filings.count") AS filings FROM rm_stat_total`,
    );
    return { permits: Number(rows[0]?.permits ?? 0), filings: Number(rows[0]?.filings ?? 0) };
  } catch {
    return null;
  }
}

let nats: NatsServerProcess | null = null;

async function main(): Promise<void> {
  nats = await NatsServerProcess.start();
  processes.env['NATS_URL'] = nats.url;
  const nc: NatsConnection = await connect({ servers: nats.url, name: 'hn-bench-statistics-ingest' });
  const db = new Client({ connectionString: SERVER_URL.replace(/\/[^/]*$/, `/${DB}`) });
  try {
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { name: PermitsEvents.stream, subjects: [...PermitsEvents.streamSubjects] });
    await ensureStream(jsm, { name: ContractsEvents.stream, subjects: [...ContractsEvents.streamSubjects] });
    await processes.start('alerts', ALERTS_PORT);
    await db.connect();
    console.log(`入库 ingest: ${PERMITS} permits + ${FILINGS} filings over ${COUNTIES.length} counties…`);
    const js = nc.jetstream();
    const started = Date.now();
    for (let from = 0; from < EVENTS; from += ACK_GROUP) {
      const acks: Array<Promise<PubAck>> = [];
      for (let i = from; i < Math.min(EVENTS, from + ACK_GROUP); i++) acks.push(publish(js, i));
      await Promise.all(acks);
    }
    const publishMs = Date.now() - started;
    console.log(
      `  published in ${(publishMs / 1000).toFixed(1)} s (${Math.round(EVENTS / (publishMs / 1000))} events/s)`,
    );
    let seen: { permits: number; filings: number } | null = null;
    let lastLog = Date.now();
    for (;;) {
      seen = await totals(db);
      if (seen && seen.permits >= PERMITS && seen.filings >= FILINGS) break;
      if (Date.now() - started > TIMEOUT_MS) throw new Error(`aggregates still at ${JSON.stringify(seen)}`);
      if (Date.now() - lastLog > 10_000) {
        const n = (seen?.permits ?? 0) + (seen?.filings ?? 0);
        console.log(
          `  ${n} of ${EVENTS} in the aggregates (${Math.round(n / ((Date.now() - started) / 1000))} events/s)`,
        );
        lastLog = Date.now();
      }
      await sleep(50);
    }
    const ingestMs = Date.now() - started;
    if (seen.permits !== PERMITS || seen.filings !== FILINGS)
      throw new Error(`aggregates ${JSON.stringify(seen)}, expected ${PERMITS} permits and ${FILINGS} filings`);
    const province: Principal = { kind: 'staff', id: 'bench', regions: ['430000'], scopes: ['statistics:read'] };
    const summary: StatisticsSummaryV1 = await new RpcClient(nc, { timeoutMs: 20_000 }).call(
      Rpc.statisticsSummary,
      province,
      { regionCode: '430000' },
    );
    if (summary.permits.count !== PERMITS || summary.filings.count !== FILINGS)
      throw new Error(`summary ${summary.permits.count} permits / ${summary.filings.count} filings`);
    const rate = Math.round(EVENTS / (ingestMs / 1000));
    console.log(`  summary checked: ${PERMITS} permits, ${FILINGS} filings`);
    console.log('');
    console.log('For docs/benchmarks.md:');
    console.log('');
    console.log(`| events | published (acks) | all in the aggregates | events/s into the aggregates |`);
    console.log(`|---|---|---|---|`);
    console.log(
      `| ${EVENTS} (${PERMITS} permits, ${FILINGS} filings) | ${(publishMs / 1000).toFixed(1)} s | ` +
        `${(ingestMs / 1000).toFixed(1)} s | ${rate} |`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await nc.close().catch(() => undefined);
    processes.stopAll();
    await sleep(1500);
    // BENCH_STATISTICS_KEEP=1 keeps the database for a look afterwards (drop it by hand)
    if (process.env['BENCH_STATISTICS_KEEP'] === '1') console.log(`database kept: ${DB}`);
    else await dropBenchDatabases([DB]).catch((err: unknown) => console.error(err));
    await nats?.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

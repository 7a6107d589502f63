/**
 * Benchmark: 统计 statistics (issue 13 item 7) — 100,000 construction permits (their projects and types),
 * 60,000 presale permits (Y from the cut-over, Z before), 21,000 submitted escrow records, 200,000 contract
 * filings (5% cancelled) and 20,000 open alerts, bulk-inserted into the statistics' fact tables of a fresh
 * alerts database, with the incremental aggregates (rm_stat_daily / monthly / flow) computed by the same
 * pure functions the projection uses (figures/contributions.ts + deltas.ts); the contracts service's
 * database gets the same filings and 5,000 submitted signing statistics (the consistency check's source).
 * Then, through the gateway (staff of the province):
 *   1. summary, province, today: autocannon at 20 connections (target p99 < 50 ms);
 *   2. monthly, province, 60 months (target p99 < 100 ms);
 *   3. consistency check, province (target < 10 s), three runs;
 *   4. assessment, province (target < 2 s) and 430100 长沙市, three runs each.
 *
 *   npm run build && npm run bench:statistics -- [--duration 20] [--connections 20]
 *   BENCH_STATISTICS_SCALE=0.05 npm run bench:statistics      (5% of the data: for development)
 *
 * Each run uses its own nats-server and fresh databases (dropped at the end). The permits, presale and
 * escrow services are not started: their figures of the consistency check are 未核对 (no responders,
 * answered at once), so the check's time is the statistics' own recount plus the contracts service's.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Rpc, STATISTICS_FIGURES } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { connect } from 'nats';
import { activeCountyCodes } from '@hn/numbering';
import { NatsServerProcess } from '@hn/testing';
/* eslint-disable no-restricted-imports -- the aggregates are seeded with the projection's own pure functions; apps have no @hn/* entry point */
import {
  filingContribution,
  permitContribution,
  presaleContribution,
  projectContribution,
} from '../../apps/alerts/src/statistics/figures/contributions';
import { addContributionChange, noDeltas } from '../../apps/alerts/src/statistics/figures/deltas';
import {
  EscrowVersion,
  FilingVersion,
  PermitVersion,
  PresaleVersion,
  ProjectVersion,
} from '../../apps/alerts/src/statistics/figures/fact-versions';
import { FLOW_FIGURES, Vector } from '../../apps/alerts/src/statistics/figures/figure-vector';
/* eslint-enable no-restricted-imports */
import { regionCodesCountedUnder } from '@hn/numbering';
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
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '20' },
  },
});
const SCALE = Number(process.env['BENCH_STATISTICS_SCALE'] ?? '1');
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('BENCH_STATISTICS_SCALE must be in (0, 1]');
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const PERMITS = Math.round(100_000 * SCALE);
const FILINGS = Math.round(200_000 * SCALE);
const ALERTS = Math.round(20_000 * SCALE);
const STATISTICS = Math.round(5_000 * SCALE);
const BATCH = 5_000;
const STAMP = Date.now().toString(36);
const DBS = {
  alerts: `hn_benchs_alerts_${STAMP}`,
  gateway: `hn_benchs_gateway_${STAMP}`,
  contracts: `hn_benchs_contracts_${STAMP}`,
};
const PORTS = { gateway: '3980', alerts: '3981', contracts: '3982' };
const STAFF = { username: 'bench.stat.province', password: 'BenchStatistics2024ok' };
const CUTOVER_Y = '2024-08-01';
const CUTOVER_FILING = '2024-09-01';
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const COUNTIES = activeCountyCodes().filter((c) => c.startsWith('43'));

const processes = new BenchProcesses({
  ...process.env,
  ALERTS_DB_NAME: DBS.alerts,
  GATEWAY_DB_NAME: DBS.gateway,
  CONTRACTS_DB_NAME: DBS.contracts,
  GATEWAY_JWT_SECRET: randomBytes(32).toString('hex'),
  GATEWAY_PII_KEY: randomBytes(32).toString('base64'),
  CONTRACTS_PII_KEY: randomBytes(32).toString('base64'),
  GATEWAY_RATE_LIMIT_PER_MINUTE: '10000000',
  GATEWAY_PORT: PORTS.gateway,
  GATEWAY_MANAGEMENT_PORT: '0',
  ALERTS_PORT: PORTS.alerts,
  CONTRACTS_PORT: PORTS.contracts,
  ALERTS_CONSISTENCY_TIMEOUT_MS: '10000',
  LOG_LEVEL: 'warn',
});
let nats: NatsServerProcess | null = null;

const isoDay = (base: string, days: number): string =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const minDay = (a: string, b: string): string => (a < b ? a : b);
/** an instant on a China day: 10:00 China time */
const at = (day: string, minutes = 0): string =>
  new Date(Date.parse(`${day}T10:00:00+08:00`) + minutes * 60_000).toISOString();
const db = (name: string): string => SERVER_URL.replace(/\/[^/]*$/, `/${name}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface DataSet {
  permits: PermitVersion[];
  projects: ProjectVersion[];
  presales: PresaleVersion[];
  escrows: EscrowVersion[];
  /** every version: a cancelled filing has its ACTIVE version then its CANCELLED one */
  filings: FilingVersion[][];
}

/** by i mod 10: 0–5 PRESALE (with a presale permit), 6 CURRENT_SALE, 7–8 OTHER, 9 unmarked */
const TYPES: Array<ProjectVersion['projectType']> = [
  'PRESALE',
  'PRESALE',
  'PRESALE',
  'PRESALE',
  'PRESALE',
  'PRESALE',
  'CURRENT_SALE',
  'OTHER',
  'OTHER',
  null,
];
const METHODS = ['FULL', 'COMMERCIAL_LOAN', 'PROVIDENT_FUND_LOAN', 'COMBINED'] as const;

/**
 * Permit i: county i mod C, issued every 3 days from 2019-01-01 (one per county and day, serial 01);
 * 60% (the PRESALE projects) have a presale permit 90 days later (Y from the cut-over, else Z);
 * half the Z permits have a submitted escrow record; filings spread over the presale permits, dated
 * from the later of the presale issue date and the filing cut-over, a week apart, until yesterday.
 */
function dataSet(): DataSet {
  const d: DataSet = { permits: [], projects: [], presales: [], escrows: [], filings: [] };
  for (let i = 0; i < PERMITS; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const issueDate = isoDay('2019-01-01', Math.floor(i / COUNTIES.length) * 3);
    const permitNumber = `${county}${issueDate.replace(/-/g, '')}0101`;
    const projectCode = `${issueDate.slice(0, 4)}-${county}-70-03-${String(i).padStart(6, '0')}`;
    const projectName = `基准项目${i}`;
    const type = TYPES[i % TYPES.length]!;
    const version = { at: at(issueDate), event: `p-${i}` };
    d.projects.push({ ...version, projectCode, projectName, regionCode: county, projectType: type });
    d.permits.push({
      ...version,
      permitNumber,
      projectCode,
      projectName,
      regionCode: county,
      issueDate,
      floorArea: 1_000_000 + (i % 997) * 1_001,
      category: i % 4 === 0 ? '政府投资房建类' : '社会投资房建类',
      status: i % 50 === 0 ? 'REVOKED' : 'VALID',
    });
  }
  // presale permits: 60% of the permits (the PRESALE ones, 0..5 of every 10)
  for (let i = 0; i < PERMITS; i++) {
    if (i % 10 > 5) continue;
    const p = d.permits[i]!;
    const issueDate = isoDay(p.issueDate, 90);
    if (issueDate >= TODAY) continue;
    const letter = issueDate >= CUTOVER_Y ? 'Y' : 'Z';
    const presaleNumber = `${p.permitNumber}-${letter}01`;
    d.presales.push({
      at: at(issueDate),
      event: `s-${i}`,
      presaleNumber,
      letter,
      projectCode: p.projectCode,
      projectName: p.projectName,
      regionCode: p.regionCode,
      issueDate,
      presaleArea: 800_000 + (i % 991) * 997,
      unitCount: 80 + (i % 120),
      fundSupervision: letter === 'Y' ? i % 7 !== 0 : null,
      superseded: false,
    });
    if (letter === 'Z' && i % 2 === 0)
      d.escrows.push({
        at: at(issueDate, 60),
        event: `e-${i}`,
        presaleNumber,
        regionCode: p.regionCode,
        state: 'SUBMITTED',
        capitalGuaranteeFen: i % 3 === 0 ? null : 150_000_000 + i,
        commitmentLetter: i % 3 === 0,
        fundSupervision: i % 9 !== 0,
        balanceFen: 5_000_000_000 + i * 13,
        balanceAsOf: issueDate,
      });
  }
  const yesterday = isoDay(TODAY, -1);
  const serials = new Map<string, number>();
  for (let k = 0; k < FILINGS; k++) {
    const s = d.presales[k % d.presales.length]!;
    const round = Math.floor(k / d.presales.length);
    const from = s.issueDate > CUTOVER_FILING ? s.issueDate : CUTOVER_FILING;
    const filingDate = minDay(isoDay(from, round * 7 + (k % 5)), yesterday);
    const serial = (serials.get(s.presaleNumber) ?? 0) + 1;
    serials.set(s.presaleNumber, serial);
    const filing: FilingVersion = {
      at: at(filingDate, k % 600),
      event: `f-${k}`,
      contractNumber: `${s.presaleNumber}-B${String(serial).padStart(4, '0')}`,
      presaleNumber: s.presaleNumber,
      projectCode: s.projectCode,
      regionCode: s.regionCode,
      filingDate,
      floorArea: 8_950 + (k % 400) * 25,
      amountFen: 65_000_000 + (k % 1000) * 10_000,
      paymentMethod: METHODS[k % METHODS.length]!,
      status: 'ACTIVE',
      cancelledAt: null,
    };
    const versions = [filing];
    if (k % 20 === 0) {
      const cancelledAt = at(minDay(isoDay(filingDate, 10), yesterday), 700);
      if (cancelledAt > filing.at)
        versions.push({ ...filing, at: cancelledAt, event: `c-${k}`, status: 'CANCELLED', cancelledAt });
    }
    d.filings.push(versions);
  }
  return d;
}

/** The aggregates the projection would hold after every event: each group's contribution, summed as deltas. */
function aggregates(d: DataSet): ReturnType<typeof noDeltas> {
  const deltas = noDeltas();
  const none = { stock: [], flow: [] };
  const projects = new Map(d.projects.map((p) => [p.projectCode, [p]]));
  const escrows = new Map(d.escrows.map((e) => [e.presaleNumber, [e]]));
  const presalesByProject = new Map<string, Map<string, PresaleVersion[]>>();
  for (const s of d.presales) presalesByProject.set(s.projectCode, new Map([[s.presaleNumber, [s]]]));
  for (const p of d.permits) addContributionChange(deltas, none, permitContribution([p], projects));
  for (const p of d.projects)
    addContributionChange(
      deltas,
      none,
      projectContribution(p.projectCode, [p], presalesByProject.get(p.projectCode) ?? new Map()),
    );
  for (const s of d.presales)
    addContributionChange(deltas, none, presaleContribution([s], escrows.get(s.presaleNumber) ?? []));
  for (const f of d.filings) addContributionChange(deltas, none, filingContribution(f));
  return deltas;
}

/** INSERT … SELECT FROM unnest of one array per column, BATCH rows at a time. */
async function insert<T>(
  client: Client,
  table: string,
  columns: Array<[name: string, type: string, value: (row: T) => unknown, cast?: string]>,
  rows: readonly T[],
): Promise<void> {
  const names = columns.map(([n]) => (n.includes('.') ? `"${n}"` : n)).join(', ');
  const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const selected = columns.map(([, , , cast], i) => (cast ? `u.c${i}::${cast}` : `u.c${i}`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await client.query(
      `INSERT INTO ${table} (${names}) SELECT ${selected} FROM unnest(${params}) AS u(${aliases})`,
      columns.map(([, , value]) => batch.map(value)),
    );
  }
}

const VERSION = <T extends { at: string; event: string }>(
  next: (row: T) => string | null = () => null,
): Array<[string, string, (row: T) => unknown]> => [
  ['version_at', 'timestamptz', (r) => r.at],
  ['version_event', 'text', (r) => r.event],
  ['next_at', 'timestamptz', next],
];
const m2 = (hundredths: number): string => (hundredths / 100).toFixed(2);

async function seedAlerts(d: DataSet, deltas: ReturnType<typeof noDeltas>): Promise<void> {
  const client = new Client({ connectionString: db(DBS.alerts) });
  await client.connect();
  try {
    await insert<PermitVersion>(
      client,
      'rm_stat_permit',
      [
        ['permit_number', 'text', (r) => r.permitNumber],
        ...VERSION<PermitVersion>(),
        ['project_code', 'text', (r) => r.projectCode],
        ['project_name', 'text', (r) => r.projectName],
        ['region_code', 'text', (r) => r.regionCode],
        ['issue_date', 'date', (r) => r.issueDate],
        ['floor_area', 'numeric', (r) => m2(r.floorArea)],
        ['category', 'text', (r) => r.category],
        ['status', 'text', (r) => r.status],
      ],
      d.permits,
    );
    await insert<ProjectVersion>(
      client,
      'rm_stat_project',
      [
        ['project_code', 'text', (r) => r.projectCode],
        ...VERSION<ProjectVersion>(),
        ['project_name', 'text', (r) => r.projectName],
        ['region_code', 'text', (r) => r.regionCode],
        ['project_type', 'text', (r) => r.projectType],
      ],
      d.projects,
    );
    await insert<PresaleVersion>(
      client,
      'rm_stat_presale',
      [
        ['presale_number', 'text', (r) => r.presaleNumber],
        ...VERSION<PresaleVersion>(),
        ['letter', 'text', (r) => r.letter],
        ['project_code', 'text', (r) => r.projectCode],
        ['project_name', 'text', (r) => r.projectName],
        ['region_code', 'text', (r) => r.regionCode],
        ['issue_date', 'date', (r) => r.issueDate],
        ['presale_area', 'numeric', (r) => m2(r.presaleArea)],
        ['unit_count', 'int', (r) => r.unitCount],
        ['fund_supervision', 'boolean', (r) => r.fundSupervision],
        ['superseded', 'boolean', (r) => r.superseded],
      ],
      d.presales,
    );
    await insert<EscrowVersion>(
      client,
      'rm_stat_escrow',
      [
        ['presale_number', 'text', (r) => r.presaleNumber],
        ...VERSION<EscrowVersion>(),
        ['region_code', 'text', (r) => r.regionCode],
        ['state', 'text', (r) => r.state],
        ['capital_guarantee_fen', 'bigint', (r) => r.capitalGuaranteeFen],
        ['commitment_letter', 'boolean', (r) => r.commitmentLetter],
        ['fund_supervision', 'boolean', (r) => r.fundSupervision],
        ['balance_fen', 'bigint', (r) => r.balanceFen],
        ['balance_as_of', 'date', (r) => r.balanceAsOf],
      ],
      d.escrows,
    );
    const filingRows = d.filings.flatMap((versions) =>
      versions.map((v, i) => ({ ...v, nextAt: versions[i + 1]?.at ?? null })),
    );
    await insert<FilingVersion & { nextAt: string | null }>(
      client,
      'rm_stat_filing',
      [
        ['contract_number', 'text', (r) => r.contractNumber],
        ...VERSION<FilingVersion & { nextAt: string | null }>((r) => r.nextAt),
        ['presale_number', 'text', (r) => r.presaleNumber],
        ['project_code', 'text', (r) => r.projectCode],
        ['region_code', 'text', (r) => r.regionCode],
        ['filing_date', 'date', (r) => r.filingDate],
        ['floor_area', 'numeric', (r) => m2(r.floorArea)],
        ['amount_fen', 'bigint', (r) => r.amountFen],
        ['payment_method', 'text', (r) => r.paymentMethod],
        ['status', 'text', (r) => r.status],
        ['cancelled_at', 'timestamptz', (r) => r.cancelledAt],
      ],
      filingRows,
    );
    const stock = STATISTICS_FIGURES.filter((f) => !f.startsWith('alerts.'));
    const rows = (map: Map<string, Vector>) =>
      [...map.entries()].map(([key, v]) => {
        const [region, date] = key.split('|') as [string, string];
        return { region, date, v };
      });
    type AggregateRow = { region: string; date: string; v: Vector };
    const figureColumns = (figures: readonly string[]): Array<[string, string, (r: AggregateRow) => unknown]> =>
      figures.map((f) => [f, 'bigint', (r) => r.v[f] ?? 0]);
    await insert<AggregateRow>(
      client,
      'rm_stat_daily',
      [['region_code', 'text', (r) => r.region], ['day', 'date', (r) => r.date], ...figureColumns(stock)],
      rows(deltas.daily),
    );
    await insert<AggregateRow>(
      client,
      'rm_stat_monthly',
      [['region_code', 'text', (r) => r.region], ['month', 'date', (r) => r.date], ...figureColumns(stock)],
      rows(deltas.monthly),
    );
    // the running totals per code (rm_stat_total: what the projection keeps with the monthly rows)
    await client.query(
      `INSERT INTO rm_stat_total (region_code, ${stock.map((f) => `"${f}"`).join(', ')})
       SELECT region_code, ${stock.map((f) => `sum("${f}")`).join(', ')} FROM rm_stat_monthly GROUP BY region_code`,
    );
    await insert<AggregateRow>(
      client,
      'rm_stat_flow',
      [['region_code', 'text', (r) => r.region], ['month', 'date', (r) => r.date], ...figureColumns(FLOW_FIGURES)],
      rows(deltas.flow),
    );
    // open overdue-acceptance alerts on every 5th valid permit, raised 30 days after its issue (history: OPEN)
    await client.query(
      `WITH a AS (
         INSERT INTO alert (id, type, subject_key, state, scope, region_code, project_code, project_name, permit_number,
                            raised_at)
         SELECT gen_random_uuid(), 'OVERDUE_ACCEPTANCE', p.permit_number, 'OPEN',
                CASE WHEN p.issue_date < '2024-08-01' THEN 'STOCK' ELSE 'INCREMENT' END, p.region_code, p.project_code,
                p.project_name, p.permit_number, (p.issue_date + 30)::timestamp AT TIME ZONE 'Asia/Shanghai'
           FROM rm_stat_permit p WHERE p.status = 'VALID' AND p.issue_date + 30 < $2::date
          ORDER BY p.permit_number LIMIT $1
         RETURNING id, raised_at)
       INSERT INTO alert_history (alert_id, at, recorded_at, from_state, to_state, actor, cause)
       SELECT id, raised_at, raised_at, NULL, 'OPEN', 'system', '{}'::jsonb FROM a`,
      [ALERTS, TODAY],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function seedContracts(d: DataSet): Promise<void> {
  const client = new Client({ connectionString: db(DBS.contracts) });
  await client.connect();
  try {
    await insert<PresaleVersion>(
      client,
      'presale_replica',
      [
        ['presale_number', 'text', (r) => r.presaleNumber],
        ['region_code', 'text', (r) => r.regionCode],
        ['project_code', 'text', (r) => r.projectCode],
        ['project_name', 'text', (r) => r.projectName],
        ['buildings', 'text', () => '{1#}', 'text[]'],
        ['issue_date', 'date', (r) => r.issueDate],
        ['status', 'text', () => 'ISSUED'],
        ['source_time', 'timestamptz', (r) => r.at],
      ],
      d.presales,
    );
    const last = d.filings.map((versions) => ({ first: versions[0]!, last: versions[versions.length - 1]! }));
    await insert<(typeof last)[number]>(
      client,
      'contract_filing',
      [
        ['sandbox', 'boolean', () => false],
        ['contract_number', 'text', (r) => r.first.contractNumber],
        ['presale_number', 'text', (r) => r.first.presaleNumber],
        ['serial', 'int', (r) => Number(r.first.contractNumber.slice(-4))],
        ['region_code', 'text', (r) => r.first.regionCode],
        ['project_code', 'text', (r) => r.first.projectCode],
        ['building', 'text', () => '1#'],
        ['client_id', 'text', () => 'bench'],
        ['filing_date', 'date', (r) => r.first.filingDate],
        ['contract_amount', 'bigint', (r) => r.first.amountFen],
        ['record', 'jsonb', () => '{}'],
        ['status', 'text', (r) => r.last.status],
        ['filed_at', 'timestamptz', (r) => r.first.at],
        ['cancelled_at', 'timestamptz', (r) => r.last.cancelledAt],
      ],
      last,
    );
    // submitted monthly signing statistics (PERIODIC): every presale permit of every 4th (region, month) with
    // filings, as issued; every 10th statistic one contract off
    const byMonth = new Map<
      string,
      { presale: string; region: string; month: string; n: number; area: number; amount: number }
    >();
    for (const { last: f } of last) {
      const key = `${f.presaleNumber}|${f.filingDate.slice(0, 7)}`;
      const g = byMonth.get(key) ?? {
        presale: f.presaleNumber,
        region: f.regionCode,
        month: f.filingDate.slice(0, 7),
        n: 0,
        area: 0,
        amount: 0,
      };
      if (f.status === 'ACTIVE') {
        g.n += 1;
        g.area += f.floorArea;
        g.amount += f.amountFen;
      }
      byMonth.set(key, g);
    }
    const regionMonths = [...new Set([...byMonth.values()].map((g) => `${g.region}|${g.month}`))].sort();
    const chosen = new Set(regionMonths.filter((_, i) => i % 4 === 0));
    const reported = [...byMonth.values()].filter((g) => chosen.has(`${g.region}|${g.month}`)).slice(0, STATISTICS);
    await insert<(typeof reported)[number] & { i?: number }>(
      client,
      'signing_statistic',
      [
        ['presale_number', 'text', (r) => r.presale],
        ['month', 'text', (r) => r.month],
        ['region_code', 'text', (r) => r.region],
        ['kind', 'text', () => 'PERIODIC'],
        ['contracts_signed', 'int', (r) => r.n + (r.i! % 10 === 0 ? 1 : 0)],
        ['floor_area', 'numeric', (r) => m2(r.area)],
        ['amount_fen', 'bigint', (r) => r.amount],
        ['state', 'text', () => 'SUBMITTED'],
        ['version', 'int', () => 1],
        ['entered_by', 'text', () => 'bench'],
        ['submitted_at', 'timestamptz', (r) => at(isoDay(`${r.month}-01`, 40))],
        ['submitted_by', 'text', () => 'bench'],
      ],
      reported.map((r, i) => ({ ...r, i })).filter((r) => at(isoDay(`${r.month}-01`, 40)) < new Date().toISOString()),
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** One timed GET through the gateway; throws on a non-200 answer. */
async function timed(token: string, path: string): Promise<{ ms: number; body: unknown }> {
  const t = Date.now();
  const res = await fetch(`http://127.0.0.1:${PORTS.gateway}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return { ms: Date.now() - t, body: JSON.parse(text) };
}

async function main(): Promise<void> {
  console.log(
    `规模 scale ${SCALE}: ${PERMITS} permits, ${FILINGS} filings, ${ALERTS} alerts, ${STATISTICS} signing statistics`,
  );
  let t = Date.now();
  const data = dataSet();
  const deltas = aggregates(data);
  const generateMs = Date.now() - t;
  console.log(
    `  ${data.presales.length} presale permits (${data.presales.filter((s) => s.letter === 'Y').length} Y), ` +
      `${data.escrows.length} escrow records, ${data.filings.filter((f) => f.length > 1).length} cancelled filings; ` +
      `aggregates ${deltas.daily.size} daily, ${deltas.monthly.size} monthly, ${deltas.flow.size} flow rows ` +
      `(${(generateMs / 1000).toFixed(1)} s)`,
  );
  nats = await NatsServerProcess.start();
  processes.env['NATS_URL'] = nats.url;
  await processes.start('gateway', PORTS.gateway);
  await processes.start('alerts', PORTS.alerts);
  await processes.start('contracts', PORTS.contracts);
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
  t = Date.now();
  await seedAlerts(data, deltas);
  await seedContracts(data);
  const seedMs = Date.now() - t;
  console.log(`  bulk insert ${(seedMs / 1000).toFixed(1)} s`);

  const login = await fetch(`http://127.0.0.1:${PORTS.gateway}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(STAFF),
  });
  if (login.status !== 200) throw new Error(`staff login answered ${login.status}: ${await login.text()}`);
  const token = ((await login.json()) as { access_token: string }).access_token;
  const headers = { authorization: `Bearer ${token}` };
  const base = `http://127.0.0.1:${PORTS.gateway}/api/v1/statistics`;

  // the figures read back equal the seeded data (the province summary against the data set)
  const summary = (await timed(token, '/api/v1/statistics/summary?regionCode=430000')).body as {
    permits: { count: number };
    filings: { count: number; cancelled: number };
    alerts: { overdueAcceptanceIncrement: number; overdueAcceptanceStock: number };
  };
  const cancelled = data.filings.filter((f) => f.length > 1).length;
  const expected = {
    permits: data.permits.filter((p) => p.status === 'VALID').length,
    filings: FILINGS - cancelled,
    cancelled,
  };
  const seen = { permits: summary.permits.count, filings: summary.filings.count, cancelled: summary.filings.cancelled };
  if (JSON.stringify(seen) !== JSON.stringify(expected))
    throw new Error(`summary ${JSON.stringify(seen)} differs from the data set ${JSON.stringify(expected)}`);
  console.log(`  summary checked: ${JSON.stringify(seen)}`);

  const month0 = new Date(Date.UTC(Number(TODAY.slice(0, 4)), Number(TODAY.slice(5, 7)) - 1 - 59, 1));
  const from = month0.toISOString().slice(0, 7);
  const to = TODAY.slice(0, 7);
  const figures: Figures[] = [];
  const run = async (name: string, path: string): Promise<void> => {
    console.log(`  ${name}…`);
    figures.push(await cannon(name, { url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, headers }));
  };
  await run('summary, province (430000), today', '/summary?regionCode=430000');
  await run('summary, city (430200), today', '/summary?regionCode=430200');
  await run(`monthly, province, ${from}..${to}`, `/monthly?regionCode=430000&from=${from}&to=${to}`);
  // the same reads without the platform (pg pool(10), one statement per request): the summary's stock sums and
  // the monthly flows, as statistics-query.repository.ts states them
  const stock = STATISTICS_FIGURES.filter((f) => !f.startsWith('alerts.'));
  const q = (f: string): string => `"${f}"`;
  const province = [...regionCodesCountedUnder('430000')];
  figures.push(
    await sqlBaseline(
      'summary stock sums, province — raw SQL',
      DBS.alerts,
      CONNECTIONS,
      DURATION,
      `SELECT region_code, ${stock.map((f) => `sum(${q(f)})::bigint`).join(', ')} FROM (
         SELECT region_code, ${stock.map(q).join(', ')} FROM rm_stat_monthly
          WHERE month < date_trunc('month', $1::timestamp)::date AND region_code = ANY ($2::text[])
         UNION ALL
         SELECT region_code, ${stock.map(q).join(', ')} FROM rm_stat_daily
          WHERE day >= date_trunc('month', $1::timestamp)::date AND day <= $1::date AND region_code = ANY ($2::text[])
       ) x GROUP BY region_code`,
      () => [TODAY, province],
    ),
  );
  figures.push(
    await sqlBaseline(
      'summary stock from rm_stat_total, province — raw SQL',
      DBS.alerts,
      CONNECTIONS,
      DURATION,
      `SELECT region_code, ${stock.map((f) => `sum(${q(f)})::bigint`).join(', ')} FROM (
         SELECT region_code, ${stock.map(q).join(', ')} FROM rm_stat_total WHERE region_code = ANY ($2::text[])
         UNION ALL
         SELECT region_code, ${stock.map((f) => `-${q(f)}`).join(', ')} FROM rm_stat_daily
          WHERE day > $1::date AND region_code = ANY ($2::text[])
       ) x GROUP BY region_code`,
      () => [TODAY, province],
    ),
  );
  figures.push(
    await sqlBaseline(
      'monthly flows, province, 60 months — raw SQL',
      DBS.alerts,
      CONNECTIONS,
      DURATION,
      `SELECT to_char(month, 'YYYY-MM') AS month, ${FLOW_FIGURES.map((f) => `sum(${q(f)})::bigint`).join(', ')}
         FROM rm_stat_flow WHERE month BETWEEN $1::date AND $2::date AND region_code = ANY ($3::text[]) GROUP BY month`,
      () => [`${from}-01`, `${to}-01`, province],
    ),
  );
  printTable(`statistics, ${CONNECTIONS} connections, ${DURATION} s each`, figures);

  const times = async (path: string, n = 3): Promise<{ ms: number[]; body: unknown }> => {
    const ms: number[] = [];
    let body: unknown = null;
    for (let i = 0; i < n; i++) {
      const r = await timed(token, path);
      ms.push(r.ms);
      body = r.body;
    }
    return { ms, body };
  };
  // the size of the contracts service's recount reply (the largest source here): NATS refuses a message over
  // max_payload (1 MiB by default), so the check of a region is bounded by its sources' per-project lists
  const nc = await connect({ servers: nats.url });
  const replySize = async (regionCode: string): Promise<string> => {
    const principal = { kind: 'staff' as const, id: 'bench', regions: ['430000'], scopes: ['statistics:read'] };
    const rpc = new RpcClient(nc, { timeoutMs: 20_000 });
    const kib = (x: unknown): string => `${(Buffer.byteLength(JSON.stringify(x)) / 1024).toFixed(0)} KiB`;
    // the whole recount in one reply (v1, what the check asked before) and the fingerprints it asks now
    const whole = await rpc
      .call(Rpc.contractsRecount, principal, { regionCode, asOf: TODAY })
      .then(kib, (err: unknown) => {
        return `failed: ${err instanceof Error ? err.message : String(err)}`;
      });
    const buckets = await rpc
      .call(Rpc.contractsRecountBuckets, principal, { regionCode, asOf: TODAY })
      .then(kib, (err: unknown) => `failed: ${err instanceof Error ? err.message : String(err)}`);
    return `${whole} (v1), buckets ${buckets}`;
  };
  const cityReply = await replySize('430100');
  console.log(`\ncontracts recount reply, 430100 长沙市: ${cityReply}`);
  const checkOf = async (regionCode: string): Promise<{ ms: number[]; summary: string }> => {
    try {
      const run = await times(`/api/v1/statistics/consistency?regionCode=${regionCode}`);
      const c = run.body as {
        figures: Array<{ figure: string; status: string; statisticsValue: number; sourceValue: number | null }>;
        signingStatistics: { status: string; comparedMonths: number; differenceCount: number };
        sources: Array<{ source: string; answered: boolean; message: string | null }>;
      };
      const filingFigures = c.figures.filter((f) => f.figure.startsWith('filings.'));
      if (filingFigures.some((f) => f.status === 'DIFFERENT'))
        throw new Error('the seeded filings should be consistent');
      const contracts = c.sources.find((x) => x.source === 'contracts');
      return {
        ms: run.ms,
        summary:
          filingFigures.map((f) => `${f.figure} ${f.statisticsValue}=${f.sourceValue} ${f.status}`).join(', ') +
          `; signing statistics ${c.signingStatistics.status}, ${c.signingStatistics.comparedMonths} months, ` +
          `${c.signingStatistics.differenceCount} differences` +
          (contracts?.answered ? '' : `; contracts 未核对: ${contracts?.message?.slice(0, 160) ?? ''}`),
      };
    } catch (err) {
      return { ms: [], summary: `failed: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}` };
    }
  };
  const cityCheck = await checkOf('430100');
  console.log(`consistency, 430100 长沙市: ${cityCheck.ms.join(' / ')} ms; ${cityCheck.summary}`);
  // the assessment lists every deducted item: from ≈ 30% of the full data the province's reply is over the NATS
  // limit and answers 413 (after being computed: the time still counts), so a city is timed as well
  const assess = async (regionCode: string): Promise<{ ms: number[]; summary: string }> => {
    const ms: number[] = [];
    let summary = '';
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      const res = await fetch(`${base}/assessment?regionCode=${regionCode}`, { headers });
      const text = await res.text();
      ms.push(Date.now() - t0);
      if (res.status === 200) {
        const regions = (JSON.parse(text) as { regions: Array<{ deductions: Array<{ count: number }> }> }).regions;
        const items = regions.reduce((n, r) => n + r.deductions.reduce((m, x) => m + x.count, 0), 0);
        summary = `${regions.length} regions, ${items} deducted items, ${(text.length / 1024).toFixed(0)} KiB`;
      } else summary = `${res.status}: ${text.slice(0, 200)}`;
    }
    return { ms, summary };
  };
  const assessment = await assess('430000');
  console.log(`assessment, province: ${assessment.ms.join(' / ')} ms; ${assessment.summary}`);
  const cityAssessment = await assess('430100');
  console.log(`assessment, 430100 长沙市: ${cityAssessment.ms.join(' / ')} ms; ${cityAssessment.summary}`);
  // last: at full scale the province's recount replies exceed NATS max_payload (the source then fails)
  const provinceReply = await replySize('430000');
  console.log(`contracts recount reply, 430000 全省: ${provinceReply}`);
  const provinceCheck = await checkOf('430000');
  console.log(`consistency, province: ${provinceCheck.ms.join(' / ')} ms; ${provinceCheck.summary}`);
  await nc.close();

  const byName = (prefix: string): Figures => figures.find((f) => f.name.startsWith(prefix))!;
  const median = (ms: number[]): number => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
  const row = (what: string, f: Figures, target: string): string =>
    `| ${what} | ${f.rps.toFixed(0)} req/s, p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms | ${target} |`;
  console.log('\nFor docs/benchmarks.md:\n');
  console.log(
    `scale ${SCALE}: ${PERMITS} permits, ${data.presales.length} presale permits, ${data.escrows.length} escrow records, ` +
      `${FILINGS} filings, ${ALERTS} alerts; ${TODAY}`,
  );
  console.log('');
  console.log('| what | figure | target |');
  console.log('|---|---|---|');
  console.log(row(`summary, province, ${CONNECTIONS} connections`, byName('summary, province'), 'p99 < 50 ms'));
  console.log(row(`summary, city, ${CONNECTIONS} connections`, byName('summary, city'), '—'));
  console.log(row(`monthly, province, 60 months, ${CONNECTIONS} connections`, byName('monthly'), 'p99 < 100 ms'));
  console.log(row('summary stock sums, province: raw SQL baseline', byName('summary stock sums'), '—'));
  console.log(row('monthly flows, province: raw SQL baseline', byName('monthly flows'), '—'));
  const checkRow = (what: string, c: { ms: number[]; summary: string }): string =>
    c.ms.length > 0
      ? `| ${what} (3 runs) | ${c.ms.join(' / ')} ms, median ${median(c.ms)} ms | < 10 s |`
      : `| ${what} | ${c.summary} | < 10 s |`;
  console.log(checkRow('consistency check, 430100 长沙市', cityCheck));
  console.log(checkRow('consistency check, province', provinceCheck));
  console.log(
    `| contracts recount reply size, 长沙市 / province | ${cityReply} / ${provinceReply} | < 1 MiB (NATS max_payload) |`,
  );
  console.log(
    `| assessment, province (3 runs) | ${assessment.ms.join(' / ')} ms, median ${median(assessment.ms)} ms; ${assessment.summary.slice(0, 120)} | < 2 s |`,
  );
  console.log(
    `| assessment, 430100 长沙市 (3 runs) | ${cityAssessment.ms.join(' / ')} ms, median ${median(cityAssessment.ms)} ms; ${cityAssessment.summary} | — |`,
  );
  console.log(
    `| data generation + aggregates (node) / bulk insert | ${(generateMs / 1000).toFixed(1)} s / ${(seedMs / 1000).toFixed(1)} s | — |`,
  );
  await sleep(10);
}

main()
  .catch((err: unknown) => {
    console.error('基准测试失败 benchmark failed:', err);
    process.exitCode = 1;
  })
  .finally(() => {
    processes.stopAll();
    // BENCH_STATISTICS_KEEP=1 keeps the databases for EXPLAIN (drop them by hand afterwards)
    const keep = process.env['BENCH_STATISTICS_KEEP'] === '1';
    if (keep) console.log(`databases kept: ${Object.values(DBS).join(' ')}`);
    setTimeout(
      () => void (keep ? Promise.resolve() : dropBenchDatabases(Object.values(DBS))).finally(() => nats?.destroy()),
      1500,
    );
  });

/**
 * Benchmark: unified contract filing numbers through the gateway (POST /api/v1/contract-filings,
 * autocannon, 50 connections) against a raw-SQL baseline of the same issuance transaction (counter
 * UPDATE + filing INSERT + outbox INSERT as one statement) measured in the same run.
 *
 *   npm run build && npm run bench:filings -- [--duration 15] [--connections 50] [--presale-permits 20]
 *
 * Each run uses fresh databases (dropped at the end) so serial spaces start empty.
 */
import { randomBytes, randomUUID, generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { creditCodeCheckChar, residentIdCheckDigit } from '@hn/numbering';
import { NatsServerProcess } from '@hn/testing';
import { BenchProcesses, cannon, Figures, printTable, SERVER_URL, sqlBaseline } from './bench-support';
import { natsServerOn, postgresOf, printCpuTable } from './cpu-budget';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    'presale-permits': { type: 'string', default: '20' },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const PRESALE_PERMITS = Number(values['presale-permits']);
const STAMP = Date.now().toString(36);
const DBS = ['permits', 'presale', 'contracts', 'gateway', 'sql'].map((s) => `hn_benchf_${s}_${STAMP}`);
const GATEWAY_PORT = '3950';
const PERMIT = '430223202406200101';
let nats: NatsServerProcess | null = null;
const processes = new BenchProcesses({
  ...process.env,
  PERMITS_DB_NAME: DBS[0],
  PRESALE_DB_NAME: DBS[1],
  CONTRACTS_DB_NAME: DBS[2],
  GATEWAY_DB_NAME: DBS[3],
  GATEWAY_JWT_SECRET: randomBytes(32).toString('hex'),
  GATEWAY_PII_KEY: randomBytes(32).toString('base64'),
  PRESALE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  CONTRACTS_PII_KEY: randomBytes(32).toString('base64'),
  PUBLIC_BASE_URL: `http://127.0.0.1:${GATEWAY_PORT}`,
  GATEWAY_PORT,
  GATEWAY_MANAGEMENT_PORT: '0', // metrics on a free port: no clash with a running platform
  PERMITS_PORT: '3951',
  PRESALE_PORT: '3952',
  CONTRACTS_PORT: '3953',
  LOG_LEVEL: 'warn',
});

const body17 = '91430223MA4Q0ABC1';
const credit = body17 + creditCodeCheckChar(body17);
const idBody = '43022319900101123';
const residentId = idBody + residentIdCheckDigit(idBody);

async function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  key?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${GATEWAY_PORT}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function filing(presaleNumber: string, room: number): Record<string, unknown> {
  return {
    presaleNumber,
    building: '22#',
    rooms: [{ roomNumber: `${Math.floor(room / 100)}-${room % 100}`, floor: 1 + (room % 30), floorArea: 89.5 }],
    address: '攸县联星街道锦绣星城 22# 栋',
    buyers: [{ type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: residentId, phone: '13800138000' }],
    contractAmount: 80_000_000,
    payment: { method: 'COMMERCIAL_LOAN', downPayment: 24_000_000, commercialLoan: 56_000_000 },
    filingDate: '2024-09-02',
    document: { sha256: 'a'.repeat(64), fileName: 'contract.pdf' },
  };
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main(): Promise<void> {
  // A private nats-server: benchmark events must not reach a developer's running platform.
  nats = await NatsServerProcess.start();
  processes.env['NATS_URL'] = nats.url;
  for (const [name, port] of [
    ['permits', '3951'],
    ['presale', '3952'],
    ['contracts', '3953'],
    ['gateway', GATEWAY_PORT],
  ] as const)
    await processes.start(name, port);
  const token = await processes.token(
    GATEWAY_PORT,
    '430000',
    'permits:read,approval:write,presale:issue,contracts:issue',
  );
  const put = await call('PUT', `/api/v1/approval/construction-permits/${PERMIT}`, token, {
    projectCode: '2024-430223-70-03-012345',
    projectName: '锦绣星城三期（22#栋）',
    regionCode: '430223',
    projectType: 'PRESALE',
    developerName: '攸县锦绣置业有限公司',
    developerCreditCode: credit,
    issueDate: '2024-06-20',
    startDate: '2024-07-01',
    plannedCompletionDate: '2026-12-31',
    fivePartyAcceptanceDate: null,
    completionFilingDate: null,
    units: [{ unitCode: 'DT022', name: '22#栋', floors: 33, floorArea: 12345.67 }],
  });
  if (put.status >= 300) throw new Error(`permit ingest failed: ${JSON.stringify(put.json)}`);
  const presaleNumbers: string[] = [];
  for (let i = 0; i < PRESALE_PERMITS; i++) {
    const submission = {
      constructionPermitNumbers: [PERMIT],
      unitCodes: ['DT022'],
      localCertificateNumber: `攸住建预字〔2024〕第${100 + i}号`,
      issuingAuthority: '攸县住房和城乡建设局',
      issueDate: '2024-08-15',
      developer: { name: '攸县锦绣置业有限公司', creditCode: credit },
      projectName: '锦绣星城三期（22#栋）',
      address: '攸县联星街道',
      buildings: ['22#'],
      presaleArea: 12345.67,
      unitCount: 120,
      plannedUse: '住宅',
      location: { lat: 27.0, lng: 113.3 },
    };
    let issued = { status: 404, json: {} as Record<string, unknown> };
    await until(
      'the presale replica',
      async () =>
        (issued = await call('POST', '/api/v1/presale-permits', token, submission, `bench-presale-${STAMP}-${i}`))
          .status === 201,
    );
    presaleNumbers.push(String(issued.json['presaleNumber']));
  }
  // room 99999-99: far above the rooms the run files (room 9999 collided once a run passed 10 000 filings)
  await until(
    'the contracts replica',
    async () =>
      (await call('POST', '/api/v1/contract-filings', token, filing(presaleNumbers.at(-1)!, 9_999_999), randomUUID()))
        .status === 201,
  );

  let room = 0;
  const figures: Figures[] = [];
  figures.push(
    await cannon(
      'contract filing (取号) — gateway',
      {
        url: `http://127.0.0.1:${GATEWAY_PORT}`,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              room++;
              return {
                ...req,
                path: '/api/v1/contract-filings',
                headers: {
                  authorization: `Bearer ${token}`,
                  'content-type': 'application/json',
                  'idempotency-key': `b-${STAMP}-${room}`,
                },
                body: JSON.stringify(filing(presaleNumbers[room % presaleNumbers.length]!, room)),
              };
            },
          },
        ],
      },
      {
        gateway: (p) => p.pid === processes.pid('gateway'),
        'nats-server': natsServerOn(nats.port),
        contracts: (p) => p.pid === processes.pid('contracts'),
        'postgres (contracts)': postgresOf([DBS[2]!]),
        'postgres (others)': postgresOf([DBS[0]!, DBS[1]!, DBS[3]!]),
      },
    ),
  );

  // Baseline: the same issuance shape written as one statement (DESIGN §9), same spread of parents.
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DBS[4]}`);
  await admin.end();
  const sql = new Client({ connectionString: SERVER_URL.replace(/\/[^/]*$/, `/${DBS[4]}`) });
  await sql.connect();
  await sql.query(`CREATE TABLE counter (parent text PRIMARY KEY, next int NOT NULL);
    CREATE TABLE filing (parent text, serial int, number text, body jsonb, PRIMARY KEY (parent, serial));
    CREATE TABLE outbox (id uuid PRIMARY KEY, payload jsonb, created_at timestamptz DEFAULT now());
    INSERT INTO counter SELECT 'P' || g, 1 FROM generate_series(1, ${PRESALE_PERMITS}) g;`);
  await sql.end();
  let n = 0;
  figures.push(
    await sqlBaseline(
      'contract filing — raw SQL (one statement)',
      DBS[4],
      CONNECTIONS,
      DURATION,
      `WITH c AS (UPDATE counter SET next = next + 1 WHERE parent = $1 AND next <= 9999 RETURNING next - 1 AS serial),
       f AS (INSERT INTO filing SELECT $1, serial, $1 || '-B' || lpad(serial::text, 4, '0'), $2::jsonb FROM c RETURNING number)
       INSERT INTO outbox SELECT gen_random_uuid(), jsonb_build_object('number', number) FROM f`,
      () => [`P${1 + (n++ % PRESALE_PERMITS)}`, JSON.stringify(filing('x', n))],
      { postgres: postgresOf([DBS[4]!]) },
    ),
  );
  printTable(
    `contract filings over ${PRESALE_PERMITS} presale permits, ${CONNECTIONS} connections, ${DURATION} s each`,
    figures,
  );
  console.log(`\nratio gateway/raw SQL: ${(figures[0]!.rps / figures[1]!.rps).toFixed(2)}`);
  printCpuTable(
    'contract filings',
    figures.map((f) => ({ name: f.name, cpu: f.cpu ?? {} })),
  );
}

main()
  .catch((err: unknown) => {
    console.error('基准测试失败 benchmark failed:', err);
    process.exitCode = 1;
  })
  .finally(async () => {
    processes.stopAll();
    setTimeout(() => void nats?.destroy(), 1500);
    await new Promise((r) => setTimeout(r, 2000));
    const admin = new Client({ connectionString: SERVER_URL });
    await admin.connect();
    for (const db of DBS) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

import { INestApplication } from '@nestjs/common';
import { Principal, Rpc, SourceRecountV1 } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { generateKeyPairSync } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createPresaleApp } from '../bootstrap';
import { validatePresaleConfig } from '../config/presale.config';

/**
 * 从源头纠正: the presale service's recount over NATS against real Postgres — Y permits issued by the
 * end of asOf, Z permits submitted by then (drafts and withdrawn ones never), each as the record
 * stood then (a later correction read from the version it replaced), dated on or before asOf, per
 * project, in the codes counted under the region; sandbox permits never count.
 */
describe('presale recount (rpc.presale.consistency.recount.v1)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let ds: DataSource;
  let dropDb: () => Promise<void>;
  let scanId = '';
  let logIndex = 0;
  const youxian: Principal = { kind: 'staff', id: 'yx-stat', regions: ['430223'], scopes: ['statistics:read'] };
  const recount = (regionCode: string, asOf: string, principal = youxian): Promise<SourceRecountV1> =>
    rpc.call(Rpc.presaleRecount, principal, { regionCode, asOf });
  const counts = (r: SourceRecountV1): Record<string, Record<string, number>> =>
    Object.fromEntries(
      r.figures.map((f) => [f.figure, Object.fromEntries(f.projects.map((p) => [p.projectCode, p.count]))]),
    );
  const rec = (projectCode: string, regionCode: string, issueDate: string) =>
    JSON.stringify({ projectCode, regionCode, issueDate, projectName: projectCode });

  interface Permit {
    number: string;
    projectCode: string;
    issueDate: string;
    at: string;
    status?: 'VALID' | 'CORRECTED' | 'WITHDRAWN';
    /** Z: submitted at (null: a draft) */
    submittedAt?: string | null;
    sandbox?: boolean;
  }
  const permit = async (p: Permit): Promise<void> => {
    const letter = p.number.slice(19, 20);
    logIndex += 1;
    await ds.query(
      `INSERT INTO presale_permit (sandbox, presale_number, permit_number, letter, serial, region_code, project_code, client_id,
                                   record, record_digest, chain_token, log_index, status, issued_at)
       VALUES ($1, $2::text, left($2::text, 18), $3, right($2::text, 2)::int, left($2::text, 6), $4, 'client',
               $5::jsonb, repeat('0', 32), 'token', $6, $7, $8)`,
      [
        p.sandbox ?? false,
        p.number,
        letter,
        p.projectCode,
        rec(p.projectCode, p.number.slice(0, 6), p.issueDate),
        logIndex,
        p.status ?? 'VALID',
        p.at,
      ],
    );
    if (letter === 'Z')
      await ds.query(
        `INSERT INTO presale_backfill (sandbox, presale_number, state, backfilled_by, scan_id, created_at, submitted_by, submitted_at)
         VALUES ($1, $2, CASE WHEN $4::timestamptz IS NULL THEN 'DRAFT' ELSE 'SUBMITTED' END, 'yx-staff', $3, $5,
                 CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE 'yx-staff' END, $4)`,
        [p.sandbox ?? false, p.number, scanId, p.submittedAt ?? null, p.at],
      );
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_presale_recount');
    dropDb = db.drop;
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    app = await createPresaleApp(
      validatePresaleConfig({
        DATABASE_URL: db.serverUrl,
        PRESALE_DB_NAME: db.name,
        NATS_URL: nats.url,
        PRESALE_PORT: '0',
        PRESALE_SIGNING_KEY: pem,
        LOG_LEVEL: 'warn',
      }),
    );
    ds = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    const [scan] = (await ds.query(
      `INSERT INTO scan_file (sha256, content_type, size, file_name, content, uploaded_by)
       VALUES (repeat('a', 64), 'application/pdf', 3, 'scan.pdf', '\\x255044'::bytea, 'yx-staff') RETURNING id::text AS id`,
    )) as Array<{ id: string }>;
    scanId = scan!.id;
    const Y = { issueDate: '2024-08-01', at: '2024-08-01T10:00:00+08:00' };
    await permit({ number: '430223202406200101-Y01', projectCode: 'P-YX-A', ...Y });
    await permit({ number: '430223202406200101-Y02', projectCode: 'P-YX-A', ...Y, at: '2024-08-02T00:00:00+08:00' });
    await permit({ number: '430223202406200201-Y01', projectCode: 'P-YX-A', ...Y, sandbox: true });
    const Z = { issueDate: '2023-06-20', at: '2024-07-20T10:00:00+08:00' };
    await permit({
      number: '430223202306150101-Z01',
      projectCode: 'P-YX-B',
      ...Z,
      submittedAt: '2024-08-01T23:00:00+08:00',
    });
    await permit({ number: '430223202306150101-Z02', projectCode: 'P-YX-B', ...Z, submittedAt: null });
    await permit({ number: '430223202306150101-Z03', projectCode: 'P-YX-B', ...Z, status: 'WITHDRAWN' });
    // corrected on 2024-08-10 from project P-YX-B to P-YX-C: before that day it counts under P-YX-B
    await permit({
      number: '430223202306150101-Z04',
      projectCode: 'P-YX-C',
      ...Z,
      status: 'CORRECTED',
      submittedAt: '2024-07-21T10:00:00+08:00',
    });
    await ds.query(
      `INSERT INTO presale_permit_version (sandbox, presale_number, version, record, record_digest, chain_token, log_index, status,
                                           corrected_by, corrected_at, reason, document_number, report_scan_id)
       VALUES (false, '430223202306150101-Z04', 1, $1::jsonb, repeat('0', 32), 'old', 999, 'VALID', 'yx-staff',
               '2024-08-10T09:00:00+08:00', '项目代码填错', '攸住建〔2024〕1号', $2)`,
      [rec('P-YX-B', '430223', '2023-06-20'), scanId],
    );
    await permit({ number: '430224202406200101-Y01', projectCode: 'P-CL', ...Y });
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('counts Y by issue time and Z by submission, per project as the record stood at the end of asOf', async () => {
    const r = await recount('430223', '2024-08-01');
    expect(r).toMatchObject({ source: 'presale', regionCode: '430223', asOf: '2024-08-01' });
    expect(counts(r)).toEqual({ 'presale.y': { 'P-YX-A': 1 }, 'presale.z': { 'P-YX-B': 2 } });
    expect(counts(await recount('430223', '2024-08-10'))).toEqual({
      'presale.y': { 'P-YX-A': 2 },
      'presale.z': { 'P-YX-B': 1, 'P-YX-C': 1 },
    });
    expect(counts(await recount('430223', '2024-07-20'))).toEqual({ 'presale.y': {}, 'presale.z': {} });
    const province = { ...youxian, regions: ['430000'] };
    const city = await recount('430200', '2024-08-10', province);
    expect(city.figures.map((f) => [f.figure, f.total])).toEqual([
      ['presale.y', 3],
      ['presale.z', 2],
    ]);
  });

  it('refuses a request without asOf and a caller without statistics:read', async () => {
    const problem = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { problem: unknown }) => e.problem,
      );
    expect(await problem(rpc.call(Rpc.presaleRecount, youxian, { regionCode: '430223' } as never))).toMatchObject({
      status: 422,
      code: 'INVALID_FILTER',
      errors: [{ field: 'asOf' }],
    });
    expect(await problem(recount('430223', '2024-08-01', { ...youxian, scopes: [] }))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
  });
});

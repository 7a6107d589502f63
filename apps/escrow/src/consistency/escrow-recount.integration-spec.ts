import { INestApplication } from '@nestjs/common';
import { Principal, Rpc, SourceRecountV1 } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createEscrowApp } from '../bootstrap';
import { validateEscrowConfig } from '../config/escrow.config';

/**
 * 从源头纠正: the escrow service's recount over NATS against real Postgres — presale permits whose
 * escrow record was submitted by the end of asOf (drafts never), the permit issued on or before
 * asOf, per project, in the codes counted under the region.
 */
describe('escrow recount (rpc.escrow.consistency.recount.v1)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const youxian: Principal = { kind: 'staff', id: 'yx-stat', regions: ['430223'], scopes: ['statistics:read'] };
  const recount = (regionCode: string, asOf: string, principal = youxian): Promise<SourceRecountV1> =>
    rpc.call(Rpc.escrowRecount, principal, { regionCode, asOf });
  const submitted = (r: SourceRecountV1): Record<string, number> =>
    Object.fromEntries(r.figures[0]!.projects.map((p) => [p.projectCode, p.count]));
  const record = async (
    presale: string,
    projectCode: string,
    issueDate: string,
    submittedAt: string | null,
  ): Promise<void> => {
    await dataSource.query(
      `INSERT INTO presale_replica VALUES ($1::text, left($1::text, 6), $2, $2, '某置业有限公司', $3, 'VALID', now())`,
      [presale, projectCode, issueDate],
    );
    await dataSource.query(
      `INSERT INTO escrow_record_version (presale_number, version, capital_guarantee_fen, commitment_letter, fund_supervision,
                                          bank, account, balance_fen, balance_as_of, entered_by, submitted_at)
       VALUES ($1, 1, 100000, false, false, NULL, NULL, 0, '2024-07-31', 'yx-staff', $2)`,
      [presale, submittedAt],
    );
    await dataSource.query(
      `INSERT INTO escrow_record (presale_number, region_code, capital_guarantee_fen, commitment_letter, fund_supervision,
                                  bank, account, balance_fen, balance_as_of, state, version, entered_by, submitted_at, submitted_by)
       VALUES ($1::text, left($1::text, 6), 100000, false, false, NULL, NULL, 0, '2024-07-31',
               CASE WHEN $2::timestamptz IS NULL THEN 'DRAFT' ELSE 'SUBMITTED' END, 1, 'yx-staff', $2,
               CASE WHEN $2::timestamptz IS NULL THEN NULL ELSE 'yx-staff' END)`,
      [presale, submittedAt],
    );
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_escrow_recount');
    dropDb = db.drop;
    app = await createEscrowApp(
      validateEscrowConfig({
        DATABASE_URL: db.serverUrl,
        ESCROW_DB_NAME: db.name,
        NATS_URL: nats.url,
        ESCROW_PORT: '0',
        LOG_LEVEL: 'warn',
      }),
    );
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    await record('430223202306150101-Z01', 'P-YX-A', '2023-06-20', '2024-07-01T23:59:00+08:00');
    await record('430223202306150101-Z02', 'P-YX-A', '2023-06-20', '2024-07-02T00:00:00+08:00');
    await record('430223202306150201-Z01', 'P-YX-B', '2024-07-05', '2024-07-05T10:00:00+08:00');
    await record('430223202306150301-Z01', 'P-YX-C', '2023-06-20', null); // a draft never counts
    await record('430224202306150101-Z01', 'P-CL', '2023-06-20', '2024-07-01T10:00:00+08:00');
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('counts submitted records per project by submission time and the permit’s issue date', async () => {
    const r = await recount('430223', '2024-07-01');
    expect(r).toMatchObject({ source: 'escrow', regionCode: '430223', asOf: '2024-07-01' });
    expect(r.figures.map((f) => [f.figure, f.total])).toEqual([['escrow.submitted', 1]]);
    expect(submitted(r)).toEqual({ 'P-YX-A': 1 });
    expect(submitted(await recount('430223', '2024-07-05'))).toEqual({ 'P-YX-A': 2, 'P-YX-B': 1 });
    expect(submitted(await recount('430223', '2024-07-04'))).toEqual({ 'P-YX-A': 2 });
  });

  it('answers only inside the caller’s regions', async () => {
    const problem = await recount('430224', '2024-07-01').then(
      () => null,
      (e: { problem: unknown }) => e.problem,
    );
    expect(problem).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
    const province = { ...youxian, regions: ['430000'] };
    expect(submitted(await recount('430224', '2024-07-01', province))).toEqual({ 'P-CL': 1 });
  });
});

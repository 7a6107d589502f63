import { INestApplication } from '@nestjs/common';
import { Principal, Rpc, SourceRecountV1 } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createPermitsApp } from '../bootstrap';
import { validatePermitsConfig } from '../config/permits.config';

/**
 * 从源头纠正: the permits service's recount over NATS against real Postgres — VALID permits only,
 * issued on or before asOf and registered by the end of that China day, per project and by the
 * project's type, in the codes counted under the region (a retired code under its successor).
 */
describe('permits recount (rpc.permits.consistency.recount.v1)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const province: Principal = { kind: 'staff', id: 'hn-stat', regions: ['430000'], scopes: ['statistics:read'] };
  const chaling: Principal = { ...province, id: 'cl-stat', regions: ['430224'] };
  const recount = (regionCode: string, asOf: string, principal = province): Promise<SourceRecountV1> =>
    rpc.call(Rpc.permitsRecount, principal, { regionCode, asOf });
  const problemOf = (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      () => null,
      (e: { problem: unknown }) => e.problem,
    );
  const counts = (r: SourceRecountV1): Record<string, Record<string, number>> =>
    Object.fromEntries(
      r.figures.map((f) => [f.figure, Object.fromEntries(f.projects.map((p) => [p.projectCode, p.count]))]),
    );

  const project = (code: string, region: string, type: string | null) =>
    dataSource.query(
      `INSERT INTO project (project_code, name, region_code, developer_name, developer_credit_code, project_type, category)
       VALUES ($1, $1, $2, '某置业有限公司', '91430223MA4L0A1234', $3, '社会投资房建类')`,
      [code, region, type],
    );
  const permit = (number: string, projectCode: string, issueDate: string, createdAt: string, status = 'VALID') =>
    dataSource.query(
      `INSERT INTO construction_permit (permit_number, project_code, project_name, region_code, issue_date, status, created_at)
       VALUES ($1::text, $2, $2, left($1::text, 6), $3, $4, $5)`,
      [number, projectCode, issueDate, status, createdAt],
    );

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_permits_recount');
    dropDb = db.drop;
    app = await createPermitsApp(
      validatePermitsConfig({
        DATABASE_URL: db.serverUrl,
        PERMITS_DB_NAME: db.name,
        NATS_URL: nats.url,
        PERMITS_PORT: '0',
        LOG_LEVEL: 'warn',
      }),
    );
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    await project('P-YX-A', '430223', 'PRESALE');
    await project('P-YX-B', '430223', null);
    await project('P-CL-C', '430224', 'OTHER');
    await project('P-LK-OLD', '430221', 'CURRENT_SALE');
    await permit('430223202406010101', 'P-YX-A', '2024-06-01', '2024-06-02T09:00:00+08:00');
    await permit('430223202406010201', 'P-YX-A', '2024-06-01', '2024-06-02T09:00:00+08:00');
    await permit('430223202406010301', 'P-YX-A', '2024-06-01', '2024-06-02T09:00:00+08:00', 'REVOKED');
    // registered in the last minutes of 2024-07-01 (China): counts on that day
    await permit('430223202407010101', 'P-YX-B', '2024-07-01', '2024-07-01T23:59:00+08:00');
    // dated before, registered just after the end of 2024-07-01: not yet on that day
    await permit('430223202406150101', 'P-YX-B', '2024-06-15', '2024-07-02T00:00:00+08:00');
    await permit('430224202406010101', 'P-CL-C', '2024-06-01', '2024-06-02T09:00:00+08:00');
    await permit('430221201601010101', 'P-LK-OLD', '2016-01-01', '2016-01-02T09:00:00+08:00');
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('counts VALID permits per project and type, dated by asOf and registered by the end of that China day', async () => {
    const r = await recount('430223', '2024-07-01');
    expect(r).toMatchObject({ source: 'permits', regionCode: '430223', asOf: '2024-07-01' });
    expect(counts(r)).toEqual({
      'permits.count': { 'P-YX-A': 2, 'P-YX-B': 1 },
      'permits.byProjectType.PRESALE': { 'P-YX-A': 2 },
      'permits.byProjectType.CURRENT_SALE': {},
      'permits.byProjectType.OTHER': {},
      'permits.byProjectType.UNMARKED': { 'P-YX-B': 1 },
    });
    expect(r.figures.find((f) => f.figure === 'permits.count')!.total).toBe(3);
    expect(counts(await recount('430223', '2024-07-02'))['permits.count']).toEqual({ 'P-YX-A': 2, 'P-YX-B': 2 });
    expect(counts(await recount('430223', '2024-06-01'))['permits.count']).toEqual({});
  });

  it('reads a city as its counties and a retired county code under its successor', async () => {
    const city = counts(await recount('430200', '2024-12-31'));
    expect(city['permits.count']).toEqual({ 'P-YX-A': 2, 'P-YX-B': 2, 'P-CL-C': 1, 'P-LK-OLD': 1 });
    expect(city['permits.byProjectType.OTHER']).toEqual({ 'P-CL-C': 1 });
    expect(counts(await recount('430212', '2024-12-31'))['permits.count']).toEqual({ 'P-LK-OLD': 1 });
  });

  it('refuses another region, a caller without statistics:read and a bad request, as problems', async () => {
    expect(await problemOf(recount('430223', '2024-07-01', chaling))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
      errors: [{ field: 'regionCode' }],
    });
    expect(await problemOf(recount('430224', '2024-07-01', { ...chaling, scopes: ['permits:read'] }))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(await problemOf(rpc.call(Rpc.permitsRecount, province, { regionCode: '430221' } as never))).toMatchObject({
      status: 422,
      code: 'INVALID_FILTER',
      errors: [
        { field: 'regionCode', reason: expect.stringContaining('430212') },
        { field: 'asOf', reason: expect.any(String) },
      ],
    });
  });
});

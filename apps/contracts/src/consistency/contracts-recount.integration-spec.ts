import { INestApplication } from '@nestjs/common';
import {
  bucketRequests,
  Principal,
  ReportedSigningStatisticsPageV1,
  ReportedSigningStatisticsV1,
  Rpc,
  SourceRecountBucketsV1,
  SourceRecountV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { randomBytes } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createContractsApp } from '../bootstrap';
import { validateContractsConfig } from '../config/contracts.config';

/**
 * 从源头纠正: the contracts service's recount over NATS against real Postgres — real filings dated on
 * or before asOf and filed by the end of that China day, valid (not cancelled by then) and cancelled
 * (by then) per project, in the codes counted under the region; sandbox filings never count.
 */
describe('contracts recount (rpc.contracts.consistency.recount.v1)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const zhuzhou: Principal = { kind: 'staff', id: 'zz-stat', regions: ['430200'], scopes: ['statistics:read'] };
  const recount = (regionCode: string, asOf: string, principal = zhuzhou): Promise<SourceRecountV1> =>
    rpc.call(Rpc.contractsRecount, principal, { regionCode, asOf });
  const counts = (r: SourceRecountV1): Record<string, Record<string, number>> =>
    Object.fromEntries(
      r.figures.map((f) => [f.figure, Object.fromEntries(f.projects.map((p) => [p.projectCode, p.count]))]),
    );
  let serial = 0;
  const filing = (
    presale: string,
    projectCode: string,
    filingDate: string,
    filedAt: string,
    cancelledAt: string | null = null,
    sandbox = false,
  ) => {
    serial += 1;
    const number = `${presale}-B${String(serial).padStart(4, '0')}`;
    return dataSource.query(
      `INSERT INTO contract_filing (sandbox, contract_number, presale_number, serial, region_code, project_code, building,
                                    client_id, filing_date, contract_amount, record, status, filed_at, cancelled_at)
       VALUES ($1, $2::text, $3, $4, left($2::text, 6), $5, '1#', 'vendor', $6, 100000, '{}'::jsonb,
               CASE WHEN $8::timestamptz IS NULL THEN 'ACTIVE' ELSE 'CANCELLED' END, $7, $8)`,
      [sandbox, number, presale, serial, projectCode, filingDate, filedAt, cancelledAt],
    );
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_contracts_recount');
    dropDb = db.drop;
    app = await createContractsApp(
      validateContractsConfig({
        DATABASE_URL: db.serverUrl,
        CONTRACTS_DB_NAME: db.name,
        NATS_URL: nats.url,
        CONTRACTS_PORT: '0',
        CONTRACTS_PII_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      }),
    );
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    const yx = '430223202406200101-Y01';
    const cl = '430224202406200101-Y01';
    await filing(yx, 'P-YX', '2024-09-01', '2024-09-01T10:00:00+08:00');
    await filing(yx, 'P-YX', '2024-09-01', '2024-09-01T10:00:00+08:00', '2024-09-05T10:00:00+08:00');
    await filing(yx, 'P-YX', '2024-09-02', '2024-09-02T23:59:00+08:00');
    await filing(yx, 'P-YX', '2024-09-01', '2024-09-03T00:00:00+08:00'); // dated before, filed later
    await filing(yx, 'P-YX', '2024-09-01', '2024-09-01T10:00:00+08:00', null, true); // sandbox
    await filing(cl, 'P-CL', '2024-09-01', '2024-09-01T10:00:00+08:00', '2024-09-02T08:00:00+08:00');
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('counts valid and cancelled filings per project as they stood at the end of asOf', async () => {
    expect(counts(await recount('430223', '2024-09-02'))).toEqual({
      'filings.count': { 'P-YX': 3 },
      'filings.cancelled': {},
    });
    expect(counts(await recount('430223', '2024-09-05'))).toEqual({
      'filings.count': { 'P-YX': 3 },
      'filings.cancelled': { 'P-YX': 1 },
    });
    const city = await recount('430200', '2024-09-02');
    expect(city).toMatchObject({ source: 'contracts', regionCode: '430200', asOf: '2024-09-02' });
    expect(counts(city)).toEqual({ 'filings.count': { 'P-YX': 3 }, 'filings.cancelled': { 'P-CL': 1 } });
    expect(city.figures.map((f) => [f.figure, f.total])).toEqual([
      ['filings.count', 3],
      ['filings.cancelled', 1],
    ]);
    expect(counts(await recount('430223', '2024-08-31'))['filings.count']).toEqual({});
  });

  it('answers the submitted signing statistics of the months since the cut-over, as submitted by the end of asOf', async () => {
    const statistic = (presale: string, month: string, state: 'DRAFT' | 'SUBMITTED', submittedAt: string | null) =>
      dataSource.query(
        `INSERT INTO signing_statistic (presale_number, month, region_code, kind, contracts_signed, floor_area, amount_fen,
                                        state, version, entered_by, submitted_at, submitted_by)
         VALUES ($1, $2::text, left($1, 6), CASE WHEN $2::text < '2024-09' THEN 'BACKFILL' ELSE 'PERIODIC' END, 3, 268.55, 370370100,
                 $3, 1, 'yx-staff', $4, CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE 'yx-staff' END)`,
        [presale, month, state, submittedAt],
      );
    const yx = '430223202406200101-Y01';
    await dataSource.query(
      `INSERT INTO presale_replica (presale_number, region_code, project_code, project_name, buildings, issue_date, status, source_time)
       VALUES ($1, '430223', 'P-YX', '锦绣星城', '{1#}', '2024-08-15', 'ISSUED', now())`,
      [yx],
    );
    await statistic(yx, '2024-08', 'SUBMITTED', '2024-09-01T10:00:00+08:00'); // BACKFILL: before the cut-over
    await statistic(yx, '2024-09', 'SUBMITTED', '2024-10-08T23:59:00+08:00');
    await statistic(yx, '2024-10', 'SUBMITTED', '2024-11-05T10:00:00+08:00');
    await statistic(yx, '2024-11', 'DRAFT', null);
    await statistic('430224202406200101-Y01', '2024-09', 'SUBMITTED', '2024-10-08T10:00:00+08:00'); // 茶陵, no replica
    const reported = (regionCode: string, asOf: string): Promise<ReportedSigningStatisticsV1> =>
      rpc.call(Rpc.contractsSigningStatisticsReported, zhuzhou, { regionCode, asOf });
    const months = (r: ReportedSigningStatisticsV1) => r.statistics.map((s) => `${s.presaleNumber}/${s.month}`);
    const county = await reported('430223', '2024-11-30');
    expect(county).toMatchObject({ regionCode: '430223', asOf: '2024-11-30' });
    expect(county.statistics).toEqual([
      {
        presaleNumber: yx,
        projectCode: 'P-YX',
        regionCode: '430223',
        month: '2024-09',
        contractsSigned: 3,
        floorArea: 268.55,
        amountFen: 370_370_100,
      },
      {
        presaleNumber: yx,
        projectCode: 'P-YX',
        regionCode: '430223',
        month: '2024-10',
        contractsSigned: 3,
        floorArea: 268.55,
        amountFen: 370_370_100,
      },
    ]);
    // submitted after the end of asOf, or a month after asOf's: not yet reported then
    expect(months(await reported('430223', '2024-10-08'))).toEqual([`${yx}/2024-09`]);
    expect(months(await reported('430223', '2024-10-07'))).toEqual([]);
    expect(months(await reported('430200', '2024-11-30'))).toEqual([
      `${yx}/2024-09`,
      `${yx}/2024-10`,
      '430224202406200101-Y01/2024-09',
    ]);
    expect((await reported('430200', '2024-11-30')).statistics[2]!.projectCode).toBeNull();
    await expect(
      rpc.call(
        Rpc.contractsSigningStatisticsReported,
        { ...zhuzhou, scopes: [] },
        { regionCode: '430223', asOf: '2024-11-30' },
      ),
    ).rejects.toMatchObject({ problem: { status: 403, code: 'SCOPE_FORBIDDEN' } });
    await expect(
      rpc.call(Rpc.contractsSigningStatisticsReported, zhuzhou, { regionCode: '430223' } as never),
    ).rejects.toMatchObject({ problem: { status: 422, code: 'INVALID_FILTER' } });
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a region whose recount would not fit one NATS reply, and keeps running', async () => {
    // 炎陵县: 30,000 filings of as many projects (≈ 1.2 MB of per-project counts, over max_payload's 1 MiB);
    // the service kit answers such a reply 413, whichever handler gives it
    await dataSource.query(
      `INSERT INTO contract_filing (sandbox, contract_number, presale_number, serial, region_code, project_code, building,
                                    client_id, filing_date, contract_amount, record, status, filed_at)
       SELECT false, p.presale || '-B' || lpad((g % 9000 + 1)::text, 4, '0'), p.presale, g % 9000 + 1, '430225',
              'P-YL-' || lpad(g::text, 6, '0'), '1#', 'vendor', '2024-09-01', 100000, '{}'::jsonb, 'ACTIVE',
              '2024-09-01T10:00:00+08:00'
         FROM generate_series(0, 29999) g,
              LATERAL (SELECT '430225202406200101-Y' || lpad((g / 9000 + 1)::text, 2, '0') AS presale) p`,
    );
    await expect(recount('430225', '2024-09-02')).rejects.toMatchObject({
      problem: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: expect.stringContaining('按市州或县市区分别查询') },
    });
    expect(counts(await recount('430223', '2024-09-02'))['filings.count']).toEqual({ 'P-YX': 3 });
  });

  it('answers the same county in buckets (every reply small) and the signing statistics in pages', async () => {
    const request = { regionCode: '430225', asOf: '2024-09-02' };
    const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
    const step1: SourceRecountBucketsV1 = await rpc.call(Rpc.contractsRecountBuckets, zhuzhou, request);
    expect(bytes(step1)).toBeLessThan(100 * 1024);
    const counted = step1.buckets.filter((b) => b.figure === 'filings.count');
    expect(counted.reduce((n, b) => n + b.total, 0)).toBe(30_000);
    const groups = bucketRequests(new Map(counted.map((b) => [b.bucket, b.projects])));
    const projects = new Set<string>();
    for (const buckets of groups) {
      const step2: SourceRecountV1 = await rpc.call(Rpc.contractsRecountOfBuckets, zhuzhou, { ...request, buckets });
      expect(bytes(step2)).toBeLessThan(600 * 1024);
      for (const p of step2.figures.find((f) => f.figure === 'filings.count')!.projects) projects.add(p.projectCode);
    }
    expect(projects.size).toBe(30_000);
    // 4,500 submitted statistics of the county: three pages of at most 2,000, in order, the same as v1's one reply
    await dataSource.query(
      `INSERT INTO signing_statistic (presale_number, month, region_code, kind, contracts_signed, floor_area, amount_fen,
                                      state, version, entered_by, submitted_at, submitted_by)
       SELECT '4302252024' || lpad(g::text, 8, '0') || '-Y01', '2024-09', '430225', 'PERIODIC', 1, 89.5, 100000,
              'SUBMITTED', 1, 'yl-staff', '2024-10-08T10:00:00+08:00', 'yl-staff'
         FROM generate_series(1, 4500) g`,
    );
    const asOf = { regionCode: '430225', asOf: '2024-10-31' };
    const pages: ReportedSigningStatisticsPageV1[] = [];
    let after: string | null = null;
    do {
      const page: ReportedSigningStatisticsPageV1 = await rpc.call(
        Rpc.contractsSigningStatisticsPage,
        zhuzhou,
        after ? { ...asOf, after } : asOf,
      );
      pages.push(page);
      after = page.next;
    } while (after);
    expect(pages.map((p) => p.statistics.length)).toEqual([2000, 2000, 500]);
    const whole: ReportedSigningStatisticsV1 = await rpc.call(Rpc.contractsSigningStatisticsReported, zhuzhou, asOf);
    expect(pages.flatMap((p) => p.statistics)).toEqual(whole.statistics);
    await expect(rpc.call(Rpc.contractsSigningStatisticsPage, zhuzhou, { ...asOf, after: 'x' })).rejects.toMatchObject({
      problem: { status: 422, code: 'INVALID_FILTER' },
    });
  });

  it('refuses a county asking its neighbour and a future asOf', async () => {
    const problem = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { problem: unknown }) => e.problem,
      );
    expect(await problem(recount('430224', '2024-09-02', { ...zhuzhou, regions: ['430223'] }))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await problem(recount('430223', '2999-01-01'))).toMatchObject({
      status: 422,
      code: 'INVALID_FILTER',
      errors: [{ field: 'asOf', reason: expect.stringContaining('不能晚于今天') }],
    });
  });
});

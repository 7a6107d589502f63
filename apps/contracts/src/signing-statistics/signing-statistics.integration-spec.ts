import { INestApplication } from '@nestjs/common';
import {
  Principal,
  ReconciliationEvents,
  Rpc,
  SigningStatisticPutRequestV1,
  SigningStatisticReportedEvent,
  validateEvent,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { randomBytes } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createContractsApp } from '../bootstrap';
import { validateContractsConfig } from '../config/contracts.config';
import { SigningStatisticsService } from './signing-statistics.service';

const STOCK = '430223202306150101-Z01'; // 攸县, issued 2023-06
const OTHER = '430102202301100101-Z01'; // 芙蓉区

describe(SigningStatisticsService.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const clerk: Principal = { kind: 'staff', id: 'youxian-clerk', regions: ['430223'], scopes: [] };
  const colleague: Principal = { ...clerk, id: 'youxian-clerk-2' };
  const city: Principal = { kind: 'staff', id: 'zhuzhou-staff', regions: ['430200'], scopes: [] };
  const changsha: Principal = { kind: 'staff', id: 'changsha-staff', regions: ['430100'], scopes: [] };
  const vendor: Principal = {
    kind: 'integrator',
    id: 'signing-vendor-a',
    regions: ['430223'],
    scopes: ['contracts:issue'],
  };
  const stat = (over: Partial<SigningStatisticPutRequestV1> = {}): SigningStatisticPutRequestV1 => ({
    presaleNumber: STOCK,
    month: '2024-03',
    contractsSigned: 12,
    floorArea: 1085.5,
    amountFen: 702_345_600,
    ...over,
  });
  const put = (body: unknown, principal = clerk) => rpc.call(Rpc.statisticPut, principal, body as never);
  const withdraw = (presaleNumber: string, month: string, principal = clerk) =>
    rpc.call(Rpc.statisticWithdraw, principal, { presaleNumber, month });
  const submit = (presaleNumber: string, months: unknown, principal = clerk) =>
    rpc.call(Rpc.statisticSubmit, principal, { presaleNumber, months } as never);
  const list = (body: object, principal = clerk) =>
    rpc.call(Rpc.statisticList, principal, { page: 1, pageSize: 50, ...body });
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: { status: number; code: string; errors?: Array<{ field: string }> } | null }
    ).problem;
  const versions = async (month: string) =>
    (await dataSource.query(
      `SELECT version, entered_by, contracts_signed, withdrawn_at IS NOT NULL AS withdrawn, submitted_at IS NOT NULL AS submitted FROM signing_statistic_version WHERE presale_number = $1 AND month = $2 ORDER BY version`,
      [STOCK, month],
    )) as Array<{
      version: number;
      entered_by: string;
      contracts_signed: number;
      withdrawn: boolean;
      submitted: boolean;
    }>;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_contracts_stats');
    dropDb = db.drop;
    const config = validateContractsConfig({
      DATABASE_URL: db.serverUrl,
      CONTRACTS_DB_NAME: db.name,
      NATS_URL: nats.url,
      CONTRACTS_PORT: '0',
      CONTRACTS_PII_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
    });
    app = await createContractsApp(config);
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 20_000 });
    await dataSource.query(
      `INSERT INTO presale_replica VALUES ($1, '430223', 'P1', '锦绣星城一期', ARRAY['1#'], '2023-06-15', 'VALID', now()), ($2, '430102', 'P2', '芙蓉华庭', ARRAY['1#'], '2023-01-10', 'VALID', now())`,
      [STOCK, OTHER],
    );
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('creates a DRAFT, keeps every version, and ignores an identical put 录入与版本', async () => {
    const created = await put(stat());
    expect(created).toMatchObject({
      outcome: 'created',
      statistic: {
        presaleNumber: STOCK,
        regionCode: '430223',
        projectName: '锦绣星城一期',
        month: '2024-03',
        contractsSigned: 12,
        floorArea: 1085.5,
        amountFen: 702_345_600,
        kind: 'BACKFILL',
        state: 'DRAFT',
        version: 1,
        enteredBy: clerk.id,
        submittedAt: null,
      },
    });
    expect((await put(stat())).outcome).toBe('unchanged');
    const updated = await put(stat({ contractsSigned: 13, floorArea: 1170.25 }), colleague);
    expect(updated).toMatchObject({
      outcome: 'updated',
      statistic: { version: 2, contractsSigned: 13, floorArea: 1170.25, enteredBy: colleague.id },
    });
    expect(await versions('2024-03')).toEqual([
      { version: 1, entered_by: clerk.id, contracts_signed: 12, withdrawn: false, submitted: false },
      { version: 2, entered_by: colleague.id, contracts_signed: 13, withdrawn: false, submitted: false },
    ]);
    expect(
      (await put(stat({ month: '2024-10', contractsSigned: 0, floorArea: 0, amountFen: 0 }))).statistic,
    ).toMatchObject({ kind: 'PERIODIC', contractsSigned: 0 });
  });

  it('rejects bad input (every field at once), unknown permits, other regions and non-staff', async () => {
    expect(
      await problemOf(
        put({ presaleNumber: 'x', month: '2024-3', contractsSigned: -1, floorArea: 1.234, amountFen: 0.5 }),
      ),
    ).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [
        { field: 'presaleNumber' },
        { field: 'month' },
        { field: 'contractsSigned' },
        { field: 'floorArea' },
        { field: 'amountFen' },
      ],
    });
    expect(await problemOf(put(stat({ month: '2999-01' })))).toMatchObject({
      status: 422,
      errors: [{ field: 'month' }],
    });
    expect(await problemOf(put(stat({ month: '2023-05' })))).toMatchObject({
      status: 422,
      errors: [{ field: 'month' }],
    });
    expect(await problemOf(put(stat({ presaleNumber: '430223202306150101-Z09' })))).toMatchObject({
      status: 404,
      code: 'PRESALE_NOT_FOUND',
    });
    expect(await problemOf(put(stat({ presaleNumber: OTHER })))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await problemOf(put(stat(), vendor))).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
    expect(await problemOf(list({}, vendor))).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
    expect(await problemOf(put(stat({ month: '2024-04' }), changsha))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect((await put(stat({ presaleNumber: OTHER, month: '2024-04' }), changsha)).statistic.regionCode).toBe('430102');
  });

  it("withdraws only the caller's own last version: previous restored, then the draft removed 撤回", async () => {
    const month = '2024-05';
    await put(stat({ month, contractsSigned: 5, floorArea: 450, amountFen: 300_000_000 }));
    await put(stat({ month, contractsSigned: 6, floorArea: 540, amountFen: 360_000_000 }), colleague);
    expect(await problemOf(withdraw(STOCK, month))).toMatchObject({ status: 409, code: 'NOT_OWN_VERSION' });
    const restored = await withdraw(STOCK, month, colleague);
    expect(restored).toMatchObject({
      outcome: 'RESTORED',
      withdrawnVersion: 2,
      statistic: { version: 1, contractsSigned: 5, floorArea: 450, enteredBy: clerk.id, state: 'DRAFT' },
    });
    const removed = await withdraw(STOCK, month);
    expect(removed).toEqual({ presaleNumber: STOCK, month, withdrawnVersion: 1, outcome: 'REMOVED', statistic: null });
    expect((await list({ month })).items).toEqual([]);
    expect(await problemOf(withdraw(STOCK, month))).toMatchObject({ status: 404, code: 'STATISTIC_NOT_FOUND' });
    // every version stays, marked withdrawn; numbers are never reused
    expect((await versions(month)).map((v) => [v.version, v.withdrawn])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(
      (await put(stat({ month, contractsSigned: 7, floorArea: 630, amountFen: 420_000_000 }))).statistic.version,
    ).toBe(3);
    expect(await problemOf(withdraw(STOCK, '2024-13'))).toMatchObject({ status: 422, errors: [{ field: 'month' }] });
  });

  it('submits months together, locks them and reports each once 提交后锁定', async () => {
    await put(stat({ month: '2024-06' }));
    await put(stat({ month: '2024-07' }));
    expect(await problemOf(submit(STOCK, ['2024-06', '2024-07', '2024-08']))).toMatchObject({
      status: 404,
      code: 'STATISTIC_NOT_FOUND',
      errors: [{ reason: '2024-08' }],
    });
    expect((await list({ month: '2024-06' })).items[0]).toMatchObject({ state: 'DRAFT' });
    const { statistics } = await submit(STOCK, ['2024-07', '2024-06']);
    expect(statistics.map((s) => [s.month, s.state, s.submittedBy])).toEqual([
      ['2024-06', 'SUBMITTED', clerk.id],
      ['2024-07', 'SUBMITTED', clerk.id],
    ]);
    expect(await problemOf(put(stat({ month: '2024-06', contractsSigned: 99 })))).toMatchObject({
      status: 409,
      code: 'RECORD_LOCKED',
    });
    expect(await problemOf(withdraw(STOCK, '2024-06'))).toMatchObject({ status: 409, code: 'RECORD_LOCKED' });
    expect(await problemOf(submit(STOCK, ['2024-06']))).toMatchObject({ status: 409, code: 'RECORD_LOCKED' });
    expect((await versions('2024-06')).map((v) => v.submitted)).toEqual([true]);
    const events = (await dataSource.query(
      `SELECT payload FROM outbox_event WHERE stream_subject = $1 ORDER BY created_at`,
      [ReconciliationEvents.statisticsReported],
    )) as Array<{
      payload: { subject: string; source: string; data: { statistic: { month: string; state: string } } };
    }>;
    expect(
      events.map((e) => [e.payload.subject, e.payload.data.statistic.month, e.payload.data.statistic.state]),
    ).toEqual([
      [STOCK, '2024-06', 'SUBMITTED'],
      [STOCK, '2024-07', 'SUBMITTED'],
    ]);
    for (const e of events)
      expect((await validateEvent(SigningStatisticReportedEvent, e.payload.data)).errors).toEqual([]);
    for (const bad of [[], ['2024-06', '2024-06'], 'x', Array.from({ length: 121 }, () => '2024-01')])
      expect(await problemOf(submit(STOCK, bad))).toMatchObject({ status: 422 });
  });

  it('lists only the caller regions, with filters and paging 按区划查询', async () => {
    const all = await list({}, city);
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.items.every((s) => s.regionCode === '430223')).toBe(true);
    expect((await list({}, changsha)).items.map((s) => s.presaleNumber)).toEqual([OTHER]);
    expect((await list({ state: 'SUBMITTED' })).items.map((s) => s.month)).toEqual(['2024-07', '2024-06']);
    expect((await list({ presaleNumber: STOCK, month: '2024-03' })).items).toHaveLength(1);
    const paged = await list({ pageSize: 2, page: 2 });
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect(paged.items).toHaveLength(2);
    // a bad filter: 400 VALIDATION_FAILED as the gateway answers (Rpc.statisticList's class, SigningStatisticsQuery)
    expect(await problemOf(list({ month: 'May' }))).toMatchObject({ status: 400, errors: [{ field: 'month' }] });
  });

  it('serialises concurrent puts of one record: versions without gaps', async () => {
    const month = '2024-08';
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        put(stat({ month, contractsSigned: i + 1, floorArea: 100 * (i + 1), amountFen: 1_000_000 * (i + 1) })),
      ),
    );
    expect(results.map((r) => r.statistic.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await versions(month)).map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await list({ month })).items[0]!.version).toBe(10);
  });
});

import { INestApplication } from '@nestjs/common';
import {
  CloudEvent,
  ConsistencyBucketRpc,
  figuresInBuckets,
  RECOUNT_BUCKET_COUNT,
  recountBuckets,
  SourceRecountV1,
  ContractsEvents,
  Headers,
  Principal,
  Rpc,
  signingStatisticsCursor,
  StatisticsConsistencyV1,
} from '@hn/messages';
import { buildCloudEvent } from '@hn/eventing';
import { RpcClient } from '@hn/messaging';
import { replyTooLargeProblem } from '@hn/service-kit';
import { contractFilingFixture, createTestDatabase, NatsServerProcess, waitFor } from '@hn/testing';
import { connect, headers, JSONCodec, NatsConnection, Subscription } from 'nats';
import { DataSource } from 'typeorm';
import { createAlertsApp } from '../../bootstrap';
import { validateAlertsConfig } from '../../config/alerts.config';

/**
 * The alerts side of 从源头纠正 against real Postgres and NATS: the statistics' per-project counts
 * from the facts, compared with what each source answers. The sources here are stand-in responders
 * on the real NATS server, because the failure modes under test (an answer that never comes, an
 * answer that is not a recount, nobody listening) cannot be produced by the real services on demand;
 * the real services' recounts are covered by their own integration specs and the e2e spec.
 */
describe('consistency check (rpc.alerts.statistics.consistency.v1)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const subscriptions: Subscription[] = [];
  type Body = { regionCode: string; asOf: string; buckets?: number[]; after?: string };
  const codec = JSONCodec<{ id: string; data: { body: Body } }>();
  const youxian: Principal = { kind: 'staff', id: 'yx-stat', regions: ['430223'], scopes: ['statistics:read'] };
  const check = (body: unknown, principal = youxian): Promise<StatisticsConsistencyV1> =>
    rpc.call(Rpc.statisticsConsistency, principal, body as never);
  const CONTRACT = '430223202406200101-Y01-B0001';
  const PROJECT = '2024-430223-70-03-012345';
  const PRESALE = '430223202406200101-Y01';
  /** asOf on which the contracts stand-in's bucket fingerprints are too large for one NATS reply */
  const TOO_LARGE_AS_OF = '2024-12-31';
  const TOO_LARGE = Symbol('too large');

  /** A stand-in source on the subject: answers with `reply(request)` in the NestJS packet format, or never. */
  const respond = (subject: string, reply: ((body: Body) => unknown) | null) => {
    const sub = nc.subscribe(subject, {
      callback: (_err, msg) => {
        if (!reply) return; // silent: the caller times out
        const packet = codec.decode(msg.data);
        const answer = reply(packet.data.body);
        // a reply over max_payload, as the service kit answers it for every handler
        if (answer === TOO_LARGE)
          return msg.respond(
            JSONCodec().encode({ id: packet.id, err: replyTooLargeProblem(1_200_000, 1_048_576), isDisposed: true }),
          );
        msg.respond(JSONCodec().encode({ id: packet.id, response: answer, isDisposed: true }));
      },
    });
    subscriptions.push(sub);
  };

  /** A stand-in source answering both steps of the bucketed recount from its whole recount `full(request)`. */
  const respondRecount = (source: 'contracts', full: (body: Body) => SourceRecountV1) => {
    respond(ConsistencyBucketRpc[`${source}Buckets`], (b) => {
      if (b.asOf === TOO_LARGE_AS_OF) return TOO_LARGE;
      const r = full(b);
      return { ...r, figures: undefined, bucketCount: RECOUNT_BUCKET_COUNT, buckets: recountBuckets(r.figures) };
    });
    respond(ConsistencyBucketRpc[`${source}RecountBuckets`], (b) => {
      const r = full(b);
      return { ...r, figures: figuresInBuckets(r.figures, new Set(b.buckets)) };
    });
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_statistics_consistency');
    dropDb = db.drop;
    app = await createAlertsApp(
      validateAlertsConfig({
        DATABASE_URL: db.serverUrl,
        ALERTS_DB_NAME: db.name,
        NATS_URL: nats.url,
        ALERTS_PORT: '0',
        ALERTS_CONSISTENCY_TIMEOUT_MS: '300',
        LOG_LEVEL: 'error',
      }),
    );
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    const filing = contractFilingFixture(CONTRACT, { projectCode: PROJECT, filingDate: '2024-09-02' });
    const event: CloudEvent<unknown> = buildCloudEvent({
      source: '/hn/contracts',
      type: ContractsEvents.filingFiled,
      subject: CONTRACT,
      data: { filing },
      time: new Date('2024-09-02T02:00:00Z'),
    });
    const h = headers();
    h.set(Headers.msgId, event.id);
    await nc.jetstream().publish(event.type, JSONCodec().encode(event), { headers: h });
    await waitFor(
      async () =>
        ((await dataSource.query(`SELECT count(*)::int AS n FROM rm_stat_filing`)) as [{ n: number }])[0].n === 1,
      { timeoutMs: 30_000, intervalMs: 100, description: 'the filing stated in the statistics' },
    );
    // contracts: counts its filing under the project and one more under a project the statistics never saw
    respondRecount('contracts', (b) => ({
      source: 'contracts',
      regionCode: b.regionCode,
      asOf: b.asOf,
      figures: [
        {
          figure: 'filings.count',
          total: 2,
          projects: [
            { projectCode: PROJECT, count: 1 },
            { projectCode: 'P-LOST', count: 1 },
          ],
        },
        { figure: 'filings.cancelled', total: 0, projects: [] },
      ],
    }));
    // the county's signing statistics: 2024-09 as issued (1 contract, 89.5 m², 650 000 元), 2024-10 with none issued
    // (in two pages: the first statistic, then the rest)
    respond(ConsistencyBucketRpc.contractsSigningStatisticsPage, (b) => {
      const all = [
        {
          presaleNumber: PRESALE,
          projectCode: PROJECT,
          regionCode: '430223',
          month: '2024-09',
          contractsSigned: 1,
          floorArea: 89.5,
          amountFen: 65_000_000,
        },
        {
          presaleNumber: PRESALE,
          projectCode: PROJECT,
          regionCode: '430223',
          month: '2024-10',
          contractsSigned: 2,
          floorArea: 180,
          amountFen: 0,
        },
      ].filter((r) => r.month <= b.asOf.slice(0, 7));
      const page = b.after ? all.slice(1) : all.slice(0, 1);
      const next = !b.after && all.length > 1 ? signingStatisticsCursor(all[0]!) : null;
      return { regionCode: b.regionCode, asOf: b.asOf, statistics: page, next };
    });
    respond(ConsistencyBucketRpc.presaleBuckets, null); // never answers
    respond(ConsistencyBucketRpc.escrowBuckets, () => ({ source: 'escrow', buckets: 'none' })); // not a recount
    // permits: nobody listens (no responders)
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('compares per project, and leaves silent, invalid and absent sources 未核对 without failing', async () => {
    const started = Date.now();
    const c = await check({ regionCode: '430223', asOf: '2024-09-30' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const by = Object.fromEntries(c.figures.map((f) => [f.figure, f]));
    expect(by['filings.count']).toMatchObject({
      status: 'DIFFERENT',
      statisticsValue: 1,
      sourceValue: 2,
      differences: [{ projectCode: 'P-LOST', figure: 'filings.count', statisticsCount: 0, sourceCount: 1 }],
    });
    expect(by['filings.cancelled']).toMatchObject({ status: 'EQUAL', statisticsValue: 0, sourceValue: 0 });
    for (const f of ['permits.count', 'presale.y', 'presale.z', 'escrow.submitted'])
      expect(by[f]).toMatchObject({ status: 'UNCHECKED', statusLabel: '未核对', sourceValue: null, equal: null });
    const messages = Object.fromEntries(c.sources.map((s) => [s.source, s.message]));
    expect(messages).toEqual({
      permits: expect.stringContaining('施工许可服务暂不可用，其统计项未核对'),
      presale: '预售许可服务未在 0.3 秒内应答，其统计项未核对 (source presale did not answer: timeout)',
      escrow: expect.stringContaining('资金监管服务的应答不是有效的核对结果，其统计项未核对'),
      contracts: null,
    });
    expect(c).toMatchObject({ regionCode: '430223', regionName: '攸县', asOf: '2024-09-30', consistent: false });
    // the reported month equal to the issued filing is not listed; nothing reported for 2024-10 yet
    expect(c.signingStatistics).toEqual({
      status: 'EQUAL',
      statusLabel: '一致',
      comparedMonths: 1,
      differenceCount: 0,
      message: null,
      differences: [],
      differencesTruncated: false,
    });
    // before the filing's date nothing counts on the statistics' side
    const before = await check({ regionCode: '430223', asOf: '2024-09-01' });
    expect(before.figures.find((f) => f.figure === 'filings.count')!.statisticsValue).toBe(0);
  });

  it('leaves a source whose buckets are too large for one NATS reply (413 from the service kit) 未核对 with the reason', async () => {
    const c = await check({ regionCode: '430223', asOf: TOO_LARGE_AS_OF });
    for (const f of ['filings.count', 'filings.cancelled'])
      expect(c.figures.find((x) => x.figure === f)).toMatchObject({ status: 'UNCHECKED', statusLabel: '未核对' });
    expect(c.sources.find((s) => s.source === 'contracts')!.message).toMatch(
      /应答过大（1200000 字节，超过 NATS 单条消息上限 1048576 字节）/,
    );
  });

  it('lists a reported month that differs from the issued filings, against the facts in Postgres', async () => {
    const c = await check({ regionCode: '430223', asOf: '2024-10-31' });
    expect(c.signingStatistics).toMatchObject({ status: 'DIFFERENT', comparedMonths: 2, differenceCount: 2 });
    const project = { presaleNumber: PRESALE, projectCode: PROJECT };
    expect(c.signingStatistics.differences).toEqual([
      {
        regionCode: '430223',
        regionName: '攸县',
        month: '2024-10',
        figure: 'contractsSigned',
        label: '网签套数',
        reported: 2,
        issued: 0,
        projects: [{ ...project, reported: 2, issued: 0 }],
        projectCount: 1,
      },
      {
        regionCode: '430223',
        regionName: '攸县',
        month: '2024-10',
        figure: 'floorArea',
        label: '网签面积（平方米）',
        reported: 180,
        issued: 0,
        projects: [{ ...project, reported: 180, issued: 0 }],
        projectCount: 1,
      },
    ]);
    // the city sees the same county month
    const city = await check({ regionCode: '430200', asOf: '2024-10-31' }, { ...youxian, regions: ['430200'] });
    expect(city.signingStatistics.differences.map((d) => [d.regionCode, d.month, d.figure])).toEqual([
      ['430223', '2024-10', 'contractsSigned'],
      ['430223', '2024-10', 'floorArea'],
    ]);
  });

  it('refuses a caller without statistics:read, another region and a bad query as problems', async () => {
    const problem = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { problem: unknown }) => e.problem,
      );
    expect(await problem(check({ regionCode: '430223' }, { ...youxian, scopes: [] }))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(await problem(check({ regionCode: '430224' }))).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
    expect(await problem(check({ regionCode: '430223', asOf: '2014-12-31', extra: 1 }))).toMatchObject({
      status: 422,
      code: 'INVALID_FILTER',
    });
  });
});

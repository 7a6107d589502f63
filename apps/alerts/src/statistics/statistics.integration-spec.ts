import { INestApplication } from '@nestjs/common';
import {
  CloudEvent,
  ContractsEvents,
  EscrowEvents,
  Headers,
  PermitsEvents,
  PresaleBackfillEvents,
  PresaleEvents,
  Principal,
  RegionFiguresV1,
  Rpc,
  STATISTICS_FIGURES,
  StatisticsSummaryV1,
} from '@hn/messages';
import { buildCloudEvent } from '@hn/eventing';
import { RpcClient } from '@hn/messaging';
import { activeChildRegions, regionCodesCountedUnder } from '@hn/numbering';
import {
  contractFilingFixture,
  createTestDatabase,
  escrowRecordFixture,
  NatsServerProcess,
  presalePermitFixture,
  recordCorrectionFixture,
  waitFor,
} from '@hn/testing';
import fc from 'fast-check';
import { connect, headers, JSONCodec, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createAlertsApp } from '../bootstrap';
import { endOfChinaDay } from '../clock/china-date';
import { validateAlertsConfig } from '../config/alerts.config';
import { Vector } from './figures/figure-vector';
import { StatisticsProjector } from './projection/statistics.projector';
import { ByRegion, StatisticsQueryRepository } from './query/statistics-query.repository';
import { StatisticsReadCache } from './query/statistics-read-cache';

jest.setTimeout(600_000);

const ALL = regionCodesCountedUnder('430000');
const province: Principal = {
  kind: 'staff',
  id: 'province.stat',
  regions: ['430000'],
  scopes: ['statistics:read', 'supervision:read'],
  role: 'PROVINCE',
};
// 攸县, 茶陵县, 株洲市本级, 芙蓉区 and two retired codes (株洲县 → 渌口区, 宁乡县 → 宁乡市)
const REGIONS: Array<{ code: string; year: string }> = [
  { code: '430223', year: '2024' },
  { code: '430224', year: '2024' },
  { code: '430200', year: '2024' },
  { code: '430102', year: '2024' },
  { code: '430221', year: '2017' },
  { code: '430124', year: '2016' },
];
const DAYS = ['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-04', '2024-07-05', '2024-07-06'];
const TYPES = ['PRESALE', 'PRESALE', 'OTHER', 'CURRENT_SALE', null] as const;
const METHODS = ['FULL', 'COMMERCIAL_LOAN', 'PROVIDENT_FUND_LOAN', 'COMBINED'] as const;

interface Planned {
  type: string;
  subject: string;
  data: unknown;
  time: string;
}

/** An instant on a China day (hours 0–23 China time), with a chance of ties at the same instant. */
const instant = fc
  .record({ day: fc.constantFrom(...DAYS), hour: fc.integer({ min: 0, max: 23 }), tie: fc.boolean() })
  .map(({ day, hour, tie }) =>
    new Date(Date.parse(`${day}T00:00:00+08:00`) + (tie ? 12 : hour) * 3600_000).toISOString(),
  );
const dateIn = fc.constantFrom('2024-06-30', ...DAYS);

/** One project with its permit, typings, presale permit (with corrections), escrow records and filings. */
const projectPlan = (run: number, k: number) =>
  fc
    .record({
      region: fc.constantFrom(...REGIONS),
      permits: fc.array(
        fc.record({
          at: instant,
          type: fc.constantFrom(...TYPES),
          area: fc.integer({ min: 0, max: 9_999_999 }),
          revoked: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
          social: fc.boolean(),
          issueDay: dateIn,
        }),
        { minLength: 1, maxLength: 3 },
      ),
      typings: fc.array(fc.record({ at: instant, type: fc.constantFrom(...TYPES) }), { maxLength: 2 }),
      presale: fc.option(
        fc.record({
          letter: fc.constantFrom('Y', 'Z'),
          versions: fc.array(
            fc.record({
              at: instant,
              issueDate: dateIn,
              area: fc.integer({ min: 0, max: 999_999 }),
              units: fc.nat(300),
              supervised: fc.boolean(),
            }),
            { minLength: 1, maxLength: 2 },
          ),
          escrows: fc.array(
            fc.record({
              at: instant,
              amount: fc.option(fc.integer({ min: 0, max: 10 ** 10 })),
              letter: fc.boolean(),
              supervised: fc.boolean(),
              balance: fc.integer({ min: 0, max: 10 ** 10 }),
            }),
            { maxLength: 2 },
          ),
          filings: fc.array(
            fc.record({
              at: instant,
              filingDate: dateIn,
              rooms: fc.array(fc.integer({ min: 1, max: 30_000 }), { minLength: 1, maxLength: 3 }),
              amount: fc.integer({ min: 1, max: 10 ** 9 }),
              method: fc.constantFrom(...METHODS),
              cancelledAt: fc.option(instant),
            }),
            { maxLength: 3 },
          ),
        }),
      ),
    })
    .map((p) => plannedEvents(run, k, p as ProjectPlan));

interface ProjectPlan {
  region: { code: string; year: string };
  permits: Array<{
    at: string;
    type: string | null;
    area: number;
    revoked: boolean;
    social: boolean;
    issueDay: string;
  }>;
  typings: Array<{ at: string; type: string | null }>;
  presale: null | {
    letter: 'Y' | 'Z';
    versions: Array<{ at: string; issueDate: string; area: number; units: number; supervised: boolean }>;
    escrows: Array<{ at: string; amount: number | null; letter: boolean; supervised: boolean; balance: number }>;
    filings: Array<{
      at: string;
      filingDate: string;
      rooms: number[];
      amount: number;
      method: (typeof METHODS)[number];
      cancelledAt: string | null;
    }>;
  };
}

function plannedEvents(run: number, k: number, plan: ProjectPlan): Planned[] {
  const { code, year } = plan.region;
  const projectCode = `R${run}-P${k}`;
  const old = year !== '2024';
  const day = String((run % 28) + 1).padStart(2, '0');
  const permitNumber = `${code}${year}06${day}${String(k + 10).padStart(2, '0')}01`;
  const out: Planned[] = [];
  plan.permits.forEach((v, i) => {
    out.push({
      type: i === 0 ? PermitsEvents.permitRegistered : PermitsEvents.permitUpdated,
      subject: permitNumber,
      time: v.at,
      data: {
        permit: {
          permitNumber,
          projectCode,
          projectName: `项目 ${projectCode}`,
          regionCode: code,
          projectType: v.type,
          category: v.social ? '社会投资房建类' : '政府投资房建类',
          developerName: '测试置业有限公司',
          developerCreditCode: '91430223MA4Q0ABC1X',
          issueDate: old ? `${year}-06-${day}` : v.issueDay,
          startDate: null,
          plannedCompletionDate: '2030-12-31',
          fivePartyAcceptanceDate: null,
          completionFilingDate: null,
          status: v.revoked ? 'REVOKED' : 'VALID',
        },
        units: [{ unitCode: `U-${k}`, name: '1#', floors: 18, floorArea: v.area / 100 }],
      },
    });
  });
  for (const t of plan.typings)
    out.push({
      type: PermitsEvents.projectTyped,
      subject: projectCode,
      time: t.at,
      data: {
        projectCode,
        projectName: `项目 ${projectCode}`,
        regionCode: code,
        previousType: null,
        projectType: t.type,
        permitNumbers: [permitNumber],
      },
    });
  const s = plan.presale;
  if (!s) return out;
  const presaleNumber = `${permitNumber}-${s.letter}01`;
  s.versions.forEach((v, i) => {
    const permit = presalePermitFixture(presaleNumber, {
      projectCode,
      projectName: `项目 ${projectCode}`,
      status: i === 0 ? 'VALID' : 'CORRECTED',
      issueDate: v.issueDate,
      presaleArea: v.area / 100,
      unitCount: v.units,
      fundSupervision: v.supervised ? { bank: '建行', account: '4305' } : null,
    });
    out.push(
      i === 0
        ? {
            type: s.letter === 'Y' ? PresaleEvents.permitIssued : PresaleBackfillEvents.permitBackfilled,
            subject: presaleNumber,
            time: v.at,
            data: s.letter === 'Y' ? { permit } : { permit, backfilledBy: 'youxian.a' },
          }
        : {
            type: PresaleBackfillEvents.permitCorrected,
            subject: presaleNumber,
            time: v.at,
            data: {
              ...recordCorrectionFixture(presaleNumber),
              recordType: 'PRESALE_PERMIT',
              before: presalePermitFixture(presaleNumber),
              after: permit,
            },
          },
    );
  });
  s.escrows.forEach((e, i) => {
    const record = escrowRecordFixture(presaleNumber, {
      projectName: `项目 ${projectCode}`,
      capitalGuaranteeAmount: e.amount,
      commitmentLetter: e.letter,
      fundSupervision: e.supervised,
      bank: null,
      account: null,
      balance: e.balance,
      balanceAsOf: '2024-06-30',
    });
    out.push({
      type: i === 0 ? EscrowEvents.recordRecorded : EscrowEvents.recordCorrected,
      subject: presaleNumber,
      time: e.at,
      data:
        i === 0
          ? { record }
          : { ...recordCorrectionFixture(presaleNumber), recordType: 'ESCROW', before: record, after: record },
    });
  });
  s.filings.forEach((f, i) => {
    const contractNumber = `${presaleNumber}-B${String(i + 1).padStart(4, '0')}`;
    const filing = (cancelled: boolean) =>
      contractFilingFixture(contractNumber, {
        status: cancelled ? 'CANCELLED' : 'ACTIVE',
        projectCode,
        rooms: f.rooms.map((a, r) => ({ roomNumber: `1-${r}`, floor: 1, floorArea: a / 100 })),
        contractAmount: f.amount,
        payment: { method: f.method, downPayment: f.amount, commercialLoan: 0, providentFundLoan: 0 },
        filingDate: f.filingDate,
        cancellation: cancelled ? { reason: '退房', cancelledAt: f.cancelledAt!, cancelledBy: 'x' } : null,
      });
    out.push({
      type: ContractsEvents.filingFiled,
      subject: contractNumber,
      time: f.at,
      data: { filing: filing(false) },
    });
    if (f.cancelledAt)
      out.push({
        type: ContractsEvents.filingCancelled,
        subject: contractNumber,
        time: f.cancelledAt,
        data: { filing: filing(true) },
      });
  });
  return out;
}

const nonEmpty = (m: ByRegion): Record<string, Vector> =>
  Object.fromEntries(
    [...m.entries()].filter(([, v]) => Object.keys(v).length > 0).sort(([a], [b]) => (a < b ? -1 : 1)),
  );

/** Every numeric field of a region equals the sum of the same field over its children. */
function expectSumOfChildren(parent: RegionFiguresV1, children: RegionFiguresV1[]): void {
  const value = (r: RegionFiguresV1, path: string): number =>
    path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], r) as number;
  for (const f of STATISTICS_FIGURES) {
    const sum = children.reduce((s, c) => s + Math.round(value(c, f) * 100), 0);
    expect([parent.regionCode, f, Math.round(value(parent, f) * 100)]).toEqual([parent.regionCode, f, sum]);
  }
}

describe(StatisticsProjector.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let repo: StatisticsQueryRepository;
  let dropDb: () => Promise<void>;
  let published = 0;
  const publishedIds = new Set<string>();

  const publish = async (e: Planned): Promise<CloudEvent<unknown>> => {
    const event = buildCloudEvent({
      source: `/hn/${e.type.split('.')[1]}`,
      type: e.type,
      subject: e.subject,
      data: e.data,
      time: new Date(e.time),
    });
    const h = headers();
    h.set(Headers.msgId, event.id);
    await nc.jetstream().publish(e.type, JSONCodec().encode(event), { headers: h });
    return event;
  };
  const handled = (n: number): Promise<void> =>
    waitFor(
      async () =>
        (
          (await dataSource.query(
            `SELECT count(*)::int AS n FROM inbox_event WHERE consumer LIKE 'statistics-%'`,
          )) as Array<{ n: number }>
        )[0]!.n >= n,
      { timeoutMs: 60_000, intervalMs: 100, description: `${n} events handled by the statistics` },
    );

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_statistics');
    dropDb = db.drop;
    app = await createAlertsApp(
      validateAlertsConfig({
        DATABASE_URL: db.serverUrl,
        ALERTS_DB_NAME: db.name,
        NATS_URL: nats.url,
        ALERTS_PORT: '0',
        LOG_LEVEL: 'warn',
      }),
    );
    dataSource = app.get(DataSource);
    repo = app.get(StatisticsQueryRepository);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 20_000 });
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('for random event sets in any order: the incremental aggregates equal a recount from scratch, and every level is the sum of the one below', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(fc.integer({ min: 1, max: 5 }), fc.nat())
          .chain(([n, seed]) =>
            fc
              .tuple(...Array.from({ length: n }, (_, k) => projectPlan(run, k)))
              .map((plans) => ({ events: plans.flat(), seed })),
          ),
        async ({ events, seed }) => {
          run++;
          // any order: a seeded shuffle of the whole set
          const order = events
            .map((e, i) => ({ e, key: Math.sin(seed + i * 7919) }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.e);
          for (const e of order) publishedIds.add((await publish(e)).id);
          published += order.length;
          await handled(published);
          const m = dataSource.manager;
          for (const day of ['2024-06-30', ...DAYS, '2024-07-20']) {
            const incremental = nonEmpty(await repo.stock(m, day, ALL));
            const recount = nonEmpty(await repo.recountStock(m, endOfChinaDay(day), day, ALL));
            expect({ day, figures: incremental }).toEqual({ day, figures: recount });
            // the running totals (rm_stat_total, today's summary) less the later changes: the same figures
            expect({ day, figures: nonEmpty(await repo.stockNow(m, day, ALL)) }).toEqual({ day, figures: recount });
          }
          const flows = await repo.flows(m, '2015-01-01', '2026-12-01', ALL);
          const recountFlows = await repo.recountFlows(m, '2015-01-01', '2026-12-01', ALL);
          const asObject = (x: Map<string, ByRegion>) =>
            Object.fromEntries(
              [...x.entries()].map(([k, v]) => [k, nonEmpty(v)]).filter(([, v]) => Object.keys(v).length > 0),
            );
          expect(asObject(flows)).toEqual(asObject(recountFlows));
          const asOf = DAYS[seed % DAYS.length]!;
          const whole = await rpc.call(Rpc.statisticsSummary, province, { regionCode: '430000', asOf });
          expectSumOfChildren(whole, whole.children);
          for (const city of activeChildRegions('430000')) {
            const summary: StatisticsSummaryV1 = await rpc.call(Rpc.statisticsSummary, province, {
              regionCode: city,
              asOf,
            });
            expectSumOfChildren(summary, summary.children);
            expect(whole.children.find((c) => c.regionCode === city)).toEqual({
              ...summary,
              asOf: undefined,
              children: undefined,
            } as unknown as RegionFiguresV1);
          }
        },
      ),
      { numRuns: 12 },
    );
    // the property saw every kind of figure move at least once
    const totals = nonEmpty(await repo.stock(dataSource.manager, DAYS[DAYS.length - 1]!, ALL));
    const moved = new Set(Object.values(totals).flatMap((v) => Object.keys(v)));
    expect(moved.size).toBeGreaterThan(20);
    // the payloads pass their message classes: every event stated versions, none was skipped as invalid
    const stated = (await dataSource.query(
      ['permit', 'project', 'presale', 'escrow', 'filing']
        .map((t) => `SELECT version_event::text AS id FROM rm_stat_${t}`)
        .join(' UNION '),
    )) as Array<{ id: string }>;
    expect(new Set(stated.map((r) => r.id))).toEqual(publishedIds);
  });

  it('answers the summary and the monthly from memory until a commit changes what they read', async () => {
    expect(app.get(StatisticsReadCache).active).toBe(true);
    const stockNow = jest.spyOn(repo, 'stockNow');
    const flowTotals = jest.spyOn(repo, 'flowTotals');
    const summary = (): Promise<StatisticsSummaryV1> =>
      rpc.call(Rpc.statisticsSummary, province, { regionCode: '430200' });
    const monthly = () =>
      rpc.call(Rpc.statisticsMonthly, province, { regionCode: '430200', from: '2024-07', to: '2024-07' });
    const first = await summary();
    const july = await monthly();
    const reads = [stockNow.mock.calls.length, flowTotals.mock.calls.length];
    expect(await summary()).toEqual(first);
    expect(await monthly()).toEqual(july);
    expect([stockNow.mock.calls.length, flowTotals.mock.calls.length]).toEqual(reads); // no SQL
    // a committed change of the aggregates (here written directly) drops the kept answers at once
    const add = (n: number) =>
      dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO rm_stat_total AS t (region_code, "permits.count") VALUES ('430223', $1)
           ON CONFLICT (region_code) DO UPDATE SET "permits.count" = t."permits.count" + $1`,
          [n],
        );
        await m.query(
          `INSERT INTO rm_stat_flow AS t (region_code, month, "permits.count") VALUES ('430223', '2024-07-01', $1)
           ON CONFLICT (region_code, month) DO UPDATE SET "permits.count" = t."permits.count" + $1`,
          [n],
        );
      });
    await add(5);
    const seen = async (permits: number, julyPermits: number) =>
      waitFor(
        async () =>
          (await summary()).permits.count === permits && (await monthly()).months[0]!.permits.count === julyPermits,
        { timeoutMs: 5_000, intervalMs: 20, description: 'the summary and the monthly after the commit' },
      );
    await seen(first.permits.count + 5, july.months[0]!.permits.count + 5);
    await add(-5);
    await seen(first.permits.count, july.months[0]!.permits.count);
    expect(await summary()).toEqual(first);
    stockNow.mockRestore();
    flowTotals.mockRestore();
  });

  it('reads the database while the LISTEN connection is lost, and keeps answers again once it is back', async () => {
    const cache = app.get(StatisticsReadCache);
    expect(cache.active).toBe(true);
    await dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'hn-statistics-cache' AND datname = current_database()`,
    );
    await waitFor(async () => !cache.active, { timeoutMs: 5_000, intervalMs: 20, description: 'the listener lost' });
    const stockNow = jest.spyOn(repo, 'stockNow');
    const q = { regionCode: '430200' };
    const first: StatisticsSummaryV1 = await rpc.call(Rpc.statisticsSummary, province, q);
    expect(await rpc.call(Rpc.statisticsSummary, province, q)).toEqual(first);
    expect(stockNow).toHaveBeenCalledTimes(2); // nothing kept without notifications
    await waitFor(async () => cache.active, { timeoutMs: 10_000, intervalMs: 50, description: 'the listener back' });
    stockNow.mockClear();
    await rpc.call(Rpc.statisticsSummary, province, q);
    await rpc.call(Rpc.statisticsSummary, province, q);
    expect(stockNow).toHaveBeenCalledTimes(1);
    stockNow.mockRestore();
  });
});

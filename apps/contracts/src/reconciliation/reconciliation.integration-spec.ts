import { INestApplication } from '@nestjs/common';
import {
  Principal,
  ReconciliationDifferenceAcknowledgedEvent,
  ReconciliationDifferenceFoundEvent,
  ReconciliationDifferenceResolvedEvent,
  ReconciliationDifferenceV1,
  ReconciliationEvents,
  Rpc,
  validateEvent,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createContractsApp } from '../bootstrap';
import { validateContractsConfig } from '../config/contracts.config';
import { MarketFilingItem } from '../market-platform/market-filing-item';
import { generateMarketDataset } from '../market-platform/simulator/market-dataset';
import {
  PlantedDifference,
  SimOurFiling,
  SimOurStatistic,
  SimPresale,
} from '../market-platform/simulator/market-dataset.types';
import { MarketSimulator } from '../market-platform/simulator/market-simulator';
import { seedOurFilings, seedPresaleReplica } from '../../test/reconciliation.fixtures';
import { ReconciliationService } from './reconciliation.service';

const KEY = 'it-reconciliation-market-key';

describe(ReconciliationService.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let sim: MarketSimulator;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  let env: Record<string, string>;
  let planted: PlantedDifference[];
  let ours: { presales: SimPresale[]; filings: SimOurFiling[]; statistics: SimOurStatistic[] };
  const province: Principal = { kind: 'staff', id: 'province-staff', regions: ['430000'], scopes: [] };
  const vendor: Principal = { kind: 'integrator', id: 'vendor', regions: ['430000'], scopes: ['contracts:issue'] };
  const run = (principal = province) => rpc.call(Rpc.reconciliationRun, principal, {});
  const list = (body: object, principal = province) =>
    rpc.call(Rpc.reconciliationList, principal, { page: 1, pageSize: 100, ...body });
  const acknowledge = (differenceId: unknown, explanation: unknown, principal = province) =>
    rpc.call(Rpc.reconciliationAcknowledge, principal, { differenceId, explanation } as never);
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: { status: number; code: string } | null }
    ).problem;
  const simGet = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as T;
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    ((await dataSource.query(sql, params)) as Array<{ n: number }>)[0]!.n;
  const shape = (d: ReconciliationDifferenceV1) => ({
    presaleNumber: d.presaleNumber,
    month: d.month,
    expected: {
      countDelta: d.countDelta,
      areaDelta: d.areaDelta,
      amountDeltaFen: d.amountDeltaFen,
      missingOnOurs: d.missingOnOurs,
      missingOnMarket: d.missingOnMarket,
      mismatched: d.mismatched,
    },
  });
  const byKey = <T extends { presaleNumber: string; month: string }>(items: T[]): T[] =>
    [...items].sort((a, b) => `${a.presaleNumber}|${a.month}`.localeCompare(`${b.presaleNumber}|${b.month}`));
  const plantOf = (kind: PlantedDifference['kind']) => planted.find((p) => p.kind === kind)!;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    sim = await MarketSimulator.start({
      dataset: generateMarketDataset({ seed: 20_240_901 }),
      apiKey: KEY,
      hangMs: 2000,
    });
    const db = await createTestDatabase('it_contracts_recon');
    dropDb = db.drop;
    env = {
      DATABASE_URL: db.serverUrl,
      CONTRACTS_DB_NAME: db.name,
      NATS_URL: nats.url,
      CONTRACTS_PORT: '0',
      CONTRACTS_PII_KEY: randomBytes(32).toString('base64'),
      MARKET_PLATFORM_URL: sim.url,
      MARKET_PLATFORM_API_KEY: KEY,
      MARKET_PLATFORM_PAGE_SIZE: '50',
      MARKET_PLATFORM_TIMEOUT_MS: '500',
      MARKET_PLATFORM_MAX_ATTEMPTS: '2',
      MARKET_PLATFORM_RETRY_BASE_MS: '5',
      MARKET_PLATFORM_RETRY_MAX_MS: '20',
    };
    app = await createContractsApp(validateContractsConfig(env));
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 30_000 });
    planted = (await simGet<{ planted: PlantedDifference[] }>('/api/_planted')).planted;
    ours = await simGet('/api/_ours');
    await seedPresaleReplica(dataSource, ours.presales);
    await seedOurFilings(dataSource, ours.presales, ours.filings);
    for (const s of ours.statistics) await rpc.call(Rpc.statisticPut, province, s);
    for (const p of ours.presales) {
      const months = ours.statistics.filter((s) => s.presaleNumber === p.presaleNumber).map((s) => s.month);
      if (months.length > 0) await rpc.call(Rpc.statisticSubmit, province, { presaleNumber: p.presaleNumber, months });
    }
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await sim?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('finds every planted difference and reports no others 发现全部预置差异', async () => {
    expect(planted).toHaveLength(10);
    const result = await run();
    expect(result.pulled).toMatchObject({ badItems: 4 });
    expect(result.comparedGroups).toBeGreaterThan(50);
    expect(result).toMatchObject({
      newDifferences: 10,
      unchangedDifferences: 0,
      resolvedDifferences: 0,
      differencesTruncated: false,
    });
    expect(byKey(result.differences.map(shape))).toEqual(
      byKey(planted.map((p) => ({ presaleNumber: p.presaleNumber, month: p.month, expected: p.expected }))),
    );
    for (const d of result.differences) {
      expect(d).toMatchObject({
        state: 'OPEN',
        runId: result.runId,
        lastRunId: result.runId,
        regionCode: d.presaleNumber.slice(0, 6),
      });
    }
    const events = (await dataSource.query(`SELECT payload FROM outbox_event WHERE stream_subject = $1`, [
      ReconciliationEvents.differenceFound,
    ])) as Array<{ payload: { subject: string; data: { difference: ReconciliationDifferenceV1 } } }>;
    expect(events.map((e) => e.payload.data.difference.id).sort()).toEqual(result.differences.map((d) => d.id).sort());
    expect(await count(`SELECT count(*)::int AS n FROM market_bad_item`)).toBe(4);
  });

  it('re-runs idempotently: nothing duplicated, nothing re-published 重复比对不重复', async () => {
    const again = await run();
    expect(again).toMatchObject({ newDifferences: 0, unchangedDifferences: 10, resolvedDifferences: 0 });
    expect(again.differences.every((d) => d.lastRunId === again.runId && d.runId !== again.runId)).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM reconciliation_difference`)).toBe(10);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox_event WHERE stream_subject = $1`, [
        ReconciliationEvents.differenceFound,
      ]),
    ).toBe(10);
  });

  it("lists differences in the caller's regions; staff acknowledge them with an explanation 核实说明", async () => {
    const target = (await list({})).items.find(
      (d) => d.presaleNumber === plantOf('AMOUNT_DELTA').presaleNumber && d.month === plantOf('AMOUNT_DELTA').month,
    )!;
    const county: Principal = { kind: 'staff', id: 'county-staff', regions: [target.regionCode], scopes: [] };
    const city: Principal = { ...county, id: 'city-staff', regions: [`${target.regionCode.slice(0, 4)}00`] };
    const elsewhere: Principal = {
      ...county,
      id: 'elsewhere',
      regions: [target.regionCode === '430223' ? '430102' : '430223'],
    };
    const mine = await list({}, county);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((d) => d.regionCode === target.regionCode)).toBe(true);
    expect(mine.total).toBe(planted.filter((p) => p.presaleNumber.startsWith(target.regionCode)).length);
    expect((await list({}, city)).items.map((d) => d.id)).toContain(target.id);
    expect((await list({}, elsewhere)).items.map((d) => d.id)).not.toContain(target.id);
    expect((await list({ regionCode: target.regionCode })).total).toBe(mine.total);
    expect(await problemOf(list({ regionCode: target.regionCode }, elsewhere))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    // a bad filter: 400 VALIDATION_FAILED as the gateway answers (Rpc.reconciliationList's class, ReconciliationQuery)
    expect(await problemOf(list({ state: 'CLOSED' }))).toMatchObject({ status: 400 });
    expect(await problemOf(list({}, vendor))).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });

    for (const bad of ['', '   ', 'x'.repeat(1001), 5])
      expect(await problemOf(acknowledge(target.id, bad, county))).toMatchObject({
        status: 422,
        code: 'INCOMPLETE_SUBMISSION',
      });
    expect(await problemOf(acknowledge('not-a-uuid', '说明', county))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'differenceId', reason: expect.any(String) }],
    }); // as the gateway answers a bad path id
    expect(await problemOf(acknowledge(randomUUID(), '说明', county))).toMatchObject({
      status: 404,
      code: 'DIFFERENCE_NOT_FOUND',
    });
    expect(await problemOf(acknowledge(target.id, '说明', elsewhere))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    const acked = await acknowledge(
      target.id,
      '经核实，市场监管平台录入金额有误，已通知更正 (amount mistyped on the market platform)',
      county,
    );
    expect(acked).toMatchObject({
      id: target.id,
      state: 'ACKNOWLEDGED',
      acknowledgedBy: 'county-staff',
      explanation: expect.stringContaining('经核实'),
    });
    // published for the alerts service, which clears the 复核 alert on it (once: the second attempt is refused)
    const ackEvents = (await dataSource.query(`SELECT payload FROM outbox_event WHERE stream_subject = $1`, [
      ReconciliationEvents.differenceAcknowledged,
    ])) as Array<{ payload: { data: { difference: { id: string; state: string } } } }>;
    expect(ackEvents.map((e) => e.payload.data.difference)).toEqual([
      expect.objectContaining({ id: target.id, state: 'ACKNOWLEDGED' }),
    ]);
    expect(await problemOf(acknowledge(target.id, '再次说明', county))).toMatchObject({
      status: 409,
      code: 'ALREADY_ACKNOWLEDGED',
    });
    expect((await list({ state: 'ACKNOWLEDGED' })).items.map((d) => d.id)).toEqual([target.id]);
    // still found by the next run: stays acknowledged, same record
    const next = await run();
    expect(next.differences.find((d) => d.id === target.id)).toMatchObject({
      state: 'ACKNOWLEDGED',
      lastRunId: next.runId,
    });
    expect(next.newDifferences).toBe(0);
  });

  it('closes differences that disappear and supersedes changed ones 差异消除与变化', async () => {
    const missing = plantOf('MISSING_ON_OURS');
    const item = sim.dataset.feed
      .map((e) => e.item as MarketFilingItem)
      .find((i) => i.contractNumber === missing.contractNumber)!;
    await seedOurFilings(dataSource, ours.presales, [
      {
        contractNumber: item.contractNumber!,
        presaleNumber: item.presaleNumber,
        building: '99#',
        roomNumber: '补-1',
        floor: 1,
        floorArea: item.floorArea,
        amountFen: item.amountFen,
        filingDate: item.filingDate,
        status: 'ACTIVE',
      },
    ]);
    const area = plantOf('AREA_DELTA');
    const [{ market_area }] = (await dataSource.query(
      `SELECT floor_area::text AS market_area FROM market_filing WHERE contract_number = $1`,
      [area.contractNumber],
    )) as Array<{ market_area: string }>;
    await dataSource.query(`UPDATE contract_room SET floor_area = $2::numeric + 1 WHERE contract_number = $1`, [
      area.contractNumber,
      market_area,
    ]);
    const before = (await list({})).items;
    const result = await run();
    expect(result).toMatchObject({ newDifferences: 1, resolvedDifferences: 2, unchangedDifferences: 8 });
    expect(
      result.differences.find((d) => d.presaleNumber === missing.presaleNumber && d.month === missing.month),
    ).toBeUndefined();
    const changed = result.differences.find((d) => d.presaleNumber === area.presaleNumber && d.month === area.month)!;
    expect(changed).toMatchObject({
      state: 'OPEN',
      countDelta: 0,
      areaDelta: 1,
      amountDeltaFen: 0,
      mismatched: [area.contractNumber],
      runId: result.runId,
    });
    const resolved = (await list({ state: 'RESOLVED' })).items;
    const oldIds = before
      .filter((d) => [missing, area].some((p) => p.presaleNumber === d.presaleNumber && p.month === d.month))
      .map((d) => d.id);
    expect(resolved.map((d) => d.id).sort()).toEqual(oldIds.sort());
    expect(resolved.every((d) => d.resolvedAt !== null)).toBe(true);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox_event WHERE stream_subject = $1`, [
        ReconciliationEvents.differenceResolved,
      ]),
    ).toBe(2);
    expect(await problemOf(acknowledge(oldIds[0], '说明', province))).toMatchObject({
      status: 409,
      code: 'DIFFERENCE_RESOLVED',
    });
  });

  it('refuses a second concurrent run, and fails cleanly when the market platform is down', async () => {
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(hashtext('contracts:reconciliation'))`);
    try {
      expect(await problemOf(run())).toMatchObject({ status: 409, code: 'RECONCILIATION_IN_PROGRESS' });
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(hashtext('contracts:reconciliation'))`);
      await holder.release();
    }
    const current = await count(`SELECT count(*)::int AS n FROM reconciliation_difference WHERE state <> 'RESOLVED'`);
    sim.faults.script(['500', 'timeout']);
    expect(await problemOf(run())).toMatchObject({ status: 503, code: 'MARKET_PLATFORM_UNAVAILABLE' });
    const [last] = (await dataSource.query(
      `SELECT status, error FROM reconciliation_run ORDER BY started_at DESC LIMIT 1`,
    )) as Array<{ status: string; error: string }>;
    expect(last).toMatchObject({ status: 'FAILED', error: expect.stringContaining('超时') });
    expect(await count(`SELECT count(*)::int AS n FROM reconciliation_difference WHERE state <> 'RESOLVED'`)).toBe(
      current,
    );
    expect(await problemOf(run(vendor))).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
    expect((await run()).unchangedDifferences).toBe(current);
  });

  it('runs on schedule once per interval however many replicas tick 定时比对', async () => {
    const scheduled = { ...env, RECONCILIATION_INTERVAL_MS: '1000' };
    const replicas = [];
    for (let i = 0; i < 3; i++) replicas.push(await createContractsApp(validateContractsConfig(scheduled)));
    await new Promise((resolve) => setTimeout(resolve, 3600));
    for (const r of replicas) await r.close();
    const runs = (await dataSource.query(
      `SELECT started_at, finished_at, status, summary FROM reconciliation_run WHERE trigger = 'SCHEDULED' ORDER BY started_at`,
    )) as Array<{
      started_at: Date;
      finished_at: Date;
      status: string;
      summary: { newDifferences: number; resolvedDifferences: number };
    }>;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    // one run per interval across the three replicas: never overlapping, never right after another (spacing 0.8 × interval)
    for (let i = 1; i < runs.length; i++)
      expect(
        new Date(runs[i]!.started_at).getTime() - new Date(runs[i - 1]!.finished_at).getTime(),
      ).toBeGreaterThanOrEqual(750);
    // the same data: later runs find the same differences, neither new nor resolved ones
    expect(runs.slice(1).map((r) => [r.summary.newDifferences, r.summary.resolvedDifferences])).toEqual(
      runs.slice(1).map(() => [0, 0]),
    );
  });

  it('publishes found, acknowledged and resolved differences in the shape of their message classes', async () => {
    const classes: Record<string, new () => object> = {
      [ReconciliationEvents.differenceFound]: ReconciliationDifferenceFoundEvent,
      [ReconciliationEvents.differenceAcknowledged]: ReconciliationDifferenceAcknowledgedEvent,
      [ReconciliationEvents.differenceResolved]: ReconciliationDifferenceResolvedEvent,
    };
    const rows = (await dataSource.query(
      `SELECT stream_subject, payload FROM outbox_event WHERE stream_subject LIKE 'hn.contracts.reconciliation.%'`,
    )) as Array<{ stream_subject: string; payload: { data: unknown } }>;
    expect(new Set(rows.map((r) => r.stream_subject))).toEqual(new Set(Object.keys(classes)));
    for (const { stream_subject: type, payload } of rows)
      expect({ type, errors: (await validateEvent(classes[type]!, payload.data)).errors }).toEqual({
        type,
        errors: [],
      });
  });
});

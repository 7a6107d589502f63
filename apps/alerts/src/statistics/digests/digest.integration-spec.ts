import { INestApplication } from '@nestjs/common';
import {
  Principal,
  Rpc,
  StatisticsDigest,
  StatisticsDigestPageV1,
  StatisticsDigestV1,
  validateEvent,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createAlertsApp } from '../../bootstrap';
import { validateAlertsConfig } from '../../config/alerts.config';

/**
 * 统计日报 with the assessment changes (考核得分变化) against real Postgres and NATS: records are stated in
 * the alerts service's own tables with the instants they were registered, the digests are generated and
 * listed over NATS as the gateway asks; each digest's assessment is the assessment as of its date, compared
 * with the region's previous digest, and goes out in the published event as listed.
 */
describe('statistics digests: assessment changes (rpc.alerts.statistics.digest.*)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let db: DataSource;
  let dropDb: () => Promise<void>;
  const province: Principal = {
    kind: 'staff',
    id: 'hn.digest',
    role: 'PROVINCE',
    regions: ['430000'],
    scopes: ['statistics:read', 'supervision:write'],
  };
  const at = (iso: string): string => new Date(iso).toISOString();
  const project = (code: string, since: string) =>
    db.query(
      `INSERT INTO rm_stat_project (project_code, version_at, version_event, project_name, region_code, project_type)
       VALUES ($1, $2, $3, $4, '430223', 'PRESALE')`,
      [code, at(since), `ev-${code}`, `项目 ${code}`],
    );
  const generate = (date: string) => rpc.call(Rpc.statisticsDigestGenerate, province, { date });
  const digestOf = async (regionCode: string, date: string): Promise<StatisticsDigestV1> => {
    const page: StatisticsDigestPageV1 = await rpc.call(Rpc.statisticsDigestList, province, {
      regionCode,
      from: date,
      to: date,
      page: 1,
    });
    expect(page.items).toHaveLength(1);
    return page.items[0]!;
  };
  const rule = (d: StatisticsDigestV1, id = 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT') =>
    d.assessment!.rules.find((r) => r.ruleId === id)!;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const test = await createTestDatabase('it_statistics_digest_assessment');
    dropDb = test.drop;
    app = await createAlertsApp(
      validateAlertsConfig({
        DATABASE_URL: test.serverUrl,
        ALERTS_DB_NAME: test.name,
        NATS_URL: nats.url,
        ALERTS_PORT: '0',
        LOG_LEVEL: 'error',
      }),
    );
    db = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 30_000 });
    // 攸县: a PRESALE project without a presale permit registered 2026-01-10 (China), a second on 2026-01-12
    await project('2026-430223-70-03-000001', '2026-01-10T02:00:00Z');
    await project('2026-430223-70-03-000002', '2026-01-12T02:00:00Z');
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('carries the assessment as of the date against the previous digest, per rule, at county, city and province', async () => {
    await generate('2026-01-09');
    const first = await digestOf('430223', '2026-01-09');
    expect(first.assessment).toMatchObject({
      rulesVersion: '2024.v1',
      scoreBefore: null,
      scoreAfter: 100,
      scoreDelta: null,
    });
    expect(rule(first)).toMatchObject({ pointsBefore: null, pointsAfter: 0, countBefore: null, countAfter: 0 });

    await generate('2026-01-10');
    const second = await digestOf('430223', '2026-01-10');
    expect(second.previousDate).toBe('2026-01-09');
    expect(second.assessment).toMatchObject({ scoreBefore: 100, scoreAfter: 99, scoreDelta: -1 });
    expect(rule(second)).toEqual({
      ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
      description: '已标记为预售商品房但未补录预售许可证的项目',
      pointsBefore: 0,
      pointsAfter: 1,
      pointsDelta: 1,
      countBefore: 0,
      countAfter: 1,
    });
    // every other rule unchanged, in the rules file's order
    expect(second.assessment!.rules.filter((r) => r.pointsDelta !== 0).map((r) => r.ruleId)).toEqual([
      'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
    ]);
    // the other county did not move
    expect((await digestOf('430224', '2026-01-10')).assessment).toMatchObject({ scoreAfter: 100, scoreDelta: 0 });
    // the city: the mean of its counties; the province is not scored but sums the rule
    const city = await digestOf('430200', '2026-01-10');
    expect(city.assessment!.scoreDelta).toBeLessThan(0);
    expect(rule(city)).toMatchObject({ countBefore: 0, countAfter: 1 });
    const hn = await digestOf('430000', '2026-01-10');
    expect(hn.assessment).toMatchObject({ scoreBefore: null, scoreAfter: null, scoreDelta: null });
    expect(rule(hn)).toMatchObject({ pointsBefore: 0, pointsAfter: 1, countAfter: 1 });

    // a gap of a day: compared with the latest earlier digest (2026-01-10), as the figures are
    await generate('2026-01-12');
    const third = await digestOf('430223', '2026-01-12');
    expect(third.previousDate).toBe('2026-01-10');
    expect(third.assessment).toMatchObject({ scoreBefore: 99, scoreAfter: 98, scoreDelta: -1 });
    expect(rule(third)).toMatchObject({ countBefore: 1, countAfter: 2, pointsDelta: 1 });
  });

  it('publishes the assessment in hn.statistics.digest.published.v1 exactly as listed, valid by its class', async () => {
    const listed = await digestOf('430223', '2026-01-10');
    const rows = (await db.query(
      `SELECT payload FROM outbox_event WHERE stream_subject = 'hn.statistics.digest.published.v1'
          AND payload->>'subject' = '430223/2026-01-10'`,
    )) as Array<{ payload: { data: StatisticsDigestV1 } }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload.data).toEqual(listed);
    expect((await validateEvent(StatisticsDigest, rows[0]!.payload.data)).errors).toEqual([]);
    // a digest written before digests carried the assessment (null) still validates and reads as null
    expect((await validateEvent(StatisticsDigest, { ...listed, assessment: null })).errors).toEqual([]);
    const { assessment: _a, ...older } = listed;
    expect((await validateEvent(StatisticsDigest, older)).errors).toEqual([]);
  });
});

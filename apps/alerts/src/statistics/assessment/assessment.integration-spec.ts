import { INestApplication } from '@nestjs/common';
import { ScanStaging } from '@hn/documents';
import { AssessmentAppealV1, Principal, Rpc, ScanRefV1, StatisticsAssessmentV1 } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createAlertsApp } from '../../bootstrap';
import { chinaDateOf } from '../../clock/china-date';
import { validateAlertsConfig } from '../../config/alerts.config';

/**
 * 营商环境考核 against real Postgres and NATS: the records are stated in the alerts service's own tables
 * (facts, alerts with their history and follow-ups, governance backfills) with the instants they were
 * registered, and the assessment is asked over NATS as the gateway asks it. Checks each rule's 口径 at
 * dates around its thresholds, the same answer for a past asOf whatever is registered later, the region
 * levels, and an appeal upheld by the province removing its item from the decision on only.
 */
describe('region assessment (rpc.alerts.statistics.assessment.v1)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let db: DataSource;
  let dropDb: () => Promise<void>;
  const staff = (id: string, role: Principal['role'], region: string): Principal => ({
    kind: 'staff',
    id,
    role,
    regions: [region],
    scopes: ['statistics:read', 'supervision:write'],
  });
  const county = staff('yx.assess', 'COUNTY', '430223');
  const province = staff('hn.assess', 'PROVINCE', '430000');
  const assess = (regionCode: string, asOf?: string, who = province): Promise<StatisticsAssessmentV1> =>
    rpc.call(Rpc.statisticsAssessment, who, { regionCode, ...(asOf ? { asOf } : {}) });
  /** rule id → item ids of the county's (only) region */
  const itemsOf = async (asOf?: string): Promise<Record<string, string[]>> => {
    const a = await assess('430223', asOf);
    expect(a.regions).toHaveLength(1);
    return Object.fromEntries(
      a.regions[0]!.deductions.filter((d) => d.count > 0).map((d) => [d.ruleId, d.items.map((i) => i.id)]),
    );
  };
  const problem = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: { problem: unknown }) => e.problem,
    );
  const at = (iso: string): string => new Date(iso).toISOString();

  const project = (code: string, since: string, type: string | null) =>
    db.query(
      `INSERT INTO rm_stat_project (project_code, version_at, version_event, project_name, region_code, project_type)
       VALUES ($1, $2, $3, $4, '430223', $5)`,
      [code, at(since), `ev-${code}`, `项目 ${code}`, type],
    );

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const test = await createTestDatabase('it_statistics_assessment');
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
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });

    // PRESALE without a presale permit since 2026-01-10 (China)
    await project('2026-430223-70-03-000001', '2026-01-10T02:00:00Z', 'PRESALE');
    // PRESALE since 2026-03-01; its Z permit registered (submitted) on 2026-03-05, no escrow record
    await project('2026-430223-70-03-000002', '2026-03-01T02:00:00Z', 'PRESALE');
    await db.query(
      `INSERT INTO rm_stat_presale (presale_number, version_at, version_event, letter, project_code, project_name,
              region_code, issue_date, presale_area, unit_count, fund_supervision)
       VALUES ('430223202601100101-Z01', $1, 'ev-z', 'Z', '2026-430223-70-03-000002', '项目二', '430223',
               '2026-03-01', 1000, 10, NULL)`,
      [at('2026-03-05T02:00:00Z')],
    );
    // a 社会投资房建类 permit issued before the marking deadline (2024-06-30), its project never typed
    await db.query(
      `INSERT INTO rm_stat_permit (permit_number, version_at, version_event, project_code, project_name, region_code,
              issue_date, floor_area, category, status)
       VALUES ('430223202405010101', $1, 'ev-p', '2024-430223-01-03-000003', '存量项目三', '430223',
               '2024-05-01', 5000, '社会投资房建类', 'VALID')`,
      [at('2024-05-02T02:00:00Z')],
    );
    // an overdue-acceptance alert raised 2026-01-01, first followed up 2026-02-15
    await db.query(
      `INSERT INTO alert (id, type, subject_key, state, scope, region_code, project_code, project_name, permit_number,
              raised_at)
       VALUES ('11111111-1111-4111-8111-111111111111', 'OVERDUE_ACCEPTANCE', '430223201901010101', 'FOLLOWING',
               'STOCK', '430223', '2019-430223-01-03-000004', '逾期项目四', '430223201901010101', $1)`,
      [at('2026-01-01T02:00:00Z')],
    );
    await db.query(
      `INSERT INTO alert_history (alert_id, at, recorded_at, from_state, to_state, actor, cause) VALUES
         ('11111111-1111-4111-8111-111111111111', $1, $1, NULL, 'OPEN', 'system', '{}'),
         ('11111111-1111-4111-8111-111111111111', $2, $2, 'OPEN', 'FOLLOWING', 'yx', '{}')`,
      [at('2026-01-01T02:00:00Z'), at('2026-02-15T02:00:00Z')],
    );
    await db.query(
      `INSERT INTO alert_follow_up (id, alert_id, reason, measures, responsible_person, phone, planned_date,
              recorded_by, recorded_at)
       VALUES ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111', '资料未归档',
               '补办验收', '张三', '13800000000', '2026-03-31', 'yx', $1)`,
      [at('2026-02-15T02:00:00Z')],
    );
    // a governance backfill of an acceptance date approved on 2026-02-01 (China)
    const [{ id: scanId }] = (await db.query(
      `INSERT INTO alert_scan (kind, sha256, content_type, size, file_name, content, uploaded_by)
       VALUES ('ACCEPTANCE_DOCUMENT', repeat('a', 64), 'application/pdf', 4, 'a.pdf', '\\x25504446', 'yx')
       RETURNING id`,
    )) as [{ id: string }];
    await db.query(
      `INSERT INTO acceptance_backfill (id, permit_number, project_code, project_name, region_code, kind, date, scan_id,
              state, submitted_by, submitted_at, decided_by, decided_at)
       VALUES ('33333333-3333-4333-8333-333333333333', '430223201801010101', '2018-430223-01-03-000005', '治理项目五',
               '430223', 'COMPLETION_FILING', '2025-12-01', $1, 'APPROVED', 'yx', $2, 'hn', $3)`,
      [scanId, at('2026-01-20T02:00:00Z'), at('2026-02-01T02:00:00Z')],
    );
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('counts each rule’s records as of the date, around its thresholds', async () => {
    // before the marking deadline + 30 days the unmarked permit does not count; after it, it does
    expect(await itemsOf('2024-07-30')).toEqual({});
    expect(await itemsOf('2024-07-31')).toEqual({ SOCIAL_INVESTMENT_PERMIT_UNMARKED: ['430223202405010101'] });
    // the alert counts 30 days after it was raised and until its first follow-up
    expect((await itemsOf('2026-01-30'))['OVERDUE_ACCEPTANCE_WITHOUT_FOLLOW_UP']).toBeUndefined();
    expect((await itemsOf('2026-01-31'))['OVERDUE_ACCEPTANCE_WITHOUT_FOLLOW_UP']).toEqual([
      '11111111-1111-4111-8111-111111111111',
    ]);
    expect(await itemsOf('2026-03-02')).toEqual({
      SOCIAL_INVESTMENT_PERMIT_UNMARKED: ['430223202405010101'],
      PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT: ['2026-430223-70-03-000001', '2026-430223-70-03-000002'],
      GOVERNANCE_ACCEPTANCE_BACKFILL: ['33333333-3333-4333-8333-333333333333'],
    });
    // the Z permit registered: its project has a permit, the permit has no escrow record
    expect(await itemsOf('2026-03-05')).toEqual({
      SOCIAL_INVESTMENT_PERMIT_UNMARKED: ['430223202405010101'],
      PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT: ['2026-430223-70-03-000001'],
      BACKFILLED_PRESALE_WITHOUT_ESCROW: ['430223202601100101-Z01'],
      GOVERNANCE_ACCEPTANCE_BACKFILL: ['33333333-3333-4333-8333-333333333333'],
    });
    const a = await assess('430223', '2026-03-05');
    expect(a).toMatchObject({ rulesVersion: '2024.v1', asOf: '2026-03-05', regionName: '攸县' });
    expect(a.regions[0]).toMatchObject({ regionCode: '430223', level: 'COUNTY', score: 97, deductionPoints: 3 });
    const z = a.regions[0]!.deductions.find((d) => d.ruleId === 'BACKFILLED_PRESALE_WITHOUT_ESCROW')!;
    expect(z.items[0]).toMatchObject({
      kind: 'PRESALE_PERMIT',
      projectCode: '2026-430223-70-03-000002',
      link: '/api/v1/presale-permits/430223202601100101-Z01',
    });
  });

  it('gives the same answer for a past date whatever is registered later, and rolls up to city and province', async () => {
    const before = JSON.stringify(await assess('430223', '2026-03-05'));
    await project('2026-430223-70-03-000009', '2026-06-01T02:00:00Z', 'PRESALE');
    expect(JSON.stringify(await assess('430223', '2026-03-05'))).toBe(before);
    expect((await itemsOf('2026-06-01'))['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT']).toHaveLength(2);
    const city = await assess('430200', '2026-03-05');
    expect(city.regions.every((r) => r.level === 'COUNTY')).toBe(true);
    expect(city.regions.find((r) => r.regionCode === '430223')).toMatchObject({ score: 97 });
    expect(city.regions.find((r) => r.regionCode === '430224')).toMatchObject({ score: 100, deductionPoints: 0 });
    const hn = await assess('430000', '2026-03-05');
    expect(hn.regions).toHaveLength(14);
    const zz = hn.regions.find((r) => r.regionCode === '430200')!;
    const mean = Math.round(city.regions.reduce((s, r) => s + r.score * 100, 0) / city.regions.length) / 100;
    expect(zz).toMatchObject({ level: 'CITY', score: mean, deductionPoints: 0 });
    expect(zz.deductions.reduce((s, d) => s + d.count, 0)).toBe(4);
    // the province lists per city its counts and points; the items are the city's (itemsLink)
    expect(zz).toMatchObject({
      itemsIncluded: false,
      itemsLink: '/api/v1/statistics/assessment?regionCode=430200&asOf=2026-03-05',
    });
    expect(zz.deductions.every((d) => d.items.length === 0)).toBe(true);
    expect(city.regions.every((r) => r.itemsIncluded && r.itemsLink === null)).toBe(true);
  });

  it('removes an item from the decision of an upheld appeal on, never before', async () => {
    const today = chinaDateOf(new Date());
    const submitted: AssessmentAppealV1 = await rpc.call(Rpc.assessmentAppealSubmit, county, {
      regionCode: '430223',
      ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
      itemId: '2026-430223-70-03-000001',
      reason: '该项目已改为现售',
      evidence: '攸住建函〔2026〕1号',
    });
    expect(submitted).toMatchObject({ state: 'PENDING', submittedBy: 'yx.assess', regionName: '攸县' });
    expect(
      await problem(
        rpc.call(Rpc.assessmentAppealSubmit, county, {
          regionCode: '430223',
          ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
          itemId: '2026-430223-70-03-000001',
          reason: '重复',
        }),
      ),
    ).toMatchObject({ status: 409, code: 'APPEAL_PENDING' });
    expect(
      await problem(
        rpc.call(Rpc.assessmentAppealSubmit, county, {
          regionCode: '430223',
          ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
          itemId: 'NOT-DEDUCTED',
          reason: '无此项',
        }),
      ),
    ).toMatchObject({ status: 422, code: 'ASSESSMENT_ITEM_NOT_FOUND' });
    const decide = (who: Principal) =>
      rpc.call(Rpc.assessmentAppealDecide, who, { appealId: submitted.id, decision: 'UPHELD', opinion: '情况属实' });
    expect(await problem(decide(staff('zz.assess', 'CITY', '430200')))).toMatchObject({ status: 403 });
    const pastBefore = JSON.stringify(await assess('430223', '2026-03-05'));
    expect(await decide(province)).toMatchObject({ state: 'UPHELD', decidedBy: 'hn.assess', opinion: '情况属实' });
    expect(await problem(decide(province))).toMatchObject({ status: 409, code: 'APPEAL_DECIDED' });
    expect((await itemsOf(today))['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT']).toEqual(['2026-430223-70-03-000009']);
    expect(JSON.stringify(await assess('430223', '2026-03-05'))).toBe(pastBefore);
    const list = await rpc.call(Rpc.assessmentAppealList, county, { regionCode: '430223', page: 1, pageSize: 20 });
    expect(list).toMatchObject({ total: 1, items: [{ id: submitted.id, state: 'UPHELD' }] });
  });

  it('keeps the evidence scans with the appeal and hands them to the region and the province only', async () => {
    const staging = new ScanStaging(nc);
    const pdf = Buffer.from('%PDF-1.4\n% 攸县证明材料\n%%EOF\n', 'utf8');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const scans = [
      await staging.stage(pdf, 'application/pdf', '攸住建函〔2026〕2号.pdf'),
      await staging.stage(png, 'image/png', '现场照片.png'),
    ];
    const body = {
      regionCode: '430223',
      ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
      itemId: '2026-430223-70-03-000009',
      reason: '该项目已改为现售',
    };
    // a staged scan that is gone: nothing is written
    const gone: ScanRefV1 = { ...scans[0]!, stagingKey: '00000000-0000-4000-8000-000000000000' };
    expect(
      await problem(rpc.call(Rpc.assessmentAppealSubmit, county, { ...body, scans: [scans[1]!, gone] })),
    ).toMatchObject({
      status: 422,
      code: 'SCAN_UNAVAILABLE',
      errors: [{ field: 'scans[1]' }],
    });
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM assessment_appeal WHERE item_id = $1`, [body.itemId]))[0].n,
    ).toBe(0);

    const appeal: AssessmentAppealV1 = await rpc.call(Rpc.assessmentAppealSubmit, county, { ...body, scans });
    expect(appeal.evidenceScans).toEqual([
      expect.objectContaining({
        position: 1,
        sha256: scans[0]!.sha256,
        contentType: 'application/pdf',
        size: pdf.byteLength,
        fileName: '攸住建函〔2026〕2号.pdf',
        link: `/api/v1/statistics/assessment/appeals/${appeal.id}/evidence-scans/1`,
      }),
      expect.objectContaining({ position: 2, contentType: 'image/png', fileName: '现场照片.png' }),
    ]);
    const listed = await rpc.call(Rpc.assessmentAppealList, province, { regionCode: '430200', page: 1, pageSize: 20 });
    expect(listed.items.find((a) => a.id === appeal.id)!.evidenceScans).toEqual(appeal.evidenceScans);

    // the province downloads it: staged again, the same bytes
    for (const [position, bytes] of [
      [1, pdf],
      [2, png],
    ] as const) {
      const ref = await rpc.call(Rpc.assessmentAppealScan, province, { appealId: appeal.id, position });
      expect(ref).toMatchObject({ sha256: appeal.evidenceScans[position - 1]!.sha256, size: bytes.byteLength });
      expect((await staging.take(ref)).equals(bytes)).toBe(true);
    }
    expect(
      await problem(rpc.call(Rpc.assessmentAppealScan, province, { appealId: appeal.id, position: 3 })),
    ).toMatchObject({
      status: 404,
      code: 'APPEAL_NOT_FOUND',
      errors: [{ field: 'position' }],
    });
    expect(
      await problem(
        rpc.call(Rpc.assessmentAppealScan, staff('cl.assess', 'COUNTY', '430224'), {
          appealId: appeal.id,
          position: 1,
        }),
      ),
    ).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
    expect(
      await problem(
        rpc.call(
          Rpc.assessmentAppealScan,
          { ...province, scopes: ['supervision:write'] },
          { appealId: appeal.id, position: 1 },
        ),
      ),
    ).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
    // decided with its scans kept
    const decided = await rpc.call(Rpc.assessmentAppealDecide, province, {
      appealId: appeal.id,
      decision: 'REJECTED',
      opinion: '材料不足',
    });
    expect(decided.evidenceScans).toHaveLength(2);
  });

  it('refuses another region, a future date and an unknown region as problems', async () => {
    expect(await problem(assess('430224', undefined, county))).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
    expect(await problem(assess('430223', '2999-01-01'))).toMatchObject({ status: 422, code: 'INVALID_FILTER' });
    expect(await problem(assess('439999'))).toMatchObject({ status: 422, code: 'INVALID_FILTER' });
  });
});

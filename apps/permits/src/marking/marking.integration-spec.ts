import { INestApplication } from '@nestjs/common';
import {
  MarkingEvents,
  PermitsEvents,
  Principal,
  ProjectCorrectedEvent,
  ProjectTypedEvent,
  ProjectTypedV1,
  RecordCorrectedV1,
  Rpc,
  RpcDef,
  ScanRefV1,
  validateEvent,
} from '@hn/messages';
import { ScanStaging } from '@hn/documents';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createPermitsApp } from '../bootstrap';
import { validatePermitsConfig } from '../config/permits.config';
import { PermitUpsertService } from '../construction-permits/permit-upsert.service';
import { MarkingStepsService } from './marking-steps.service';

interface Seed {
  permitNumber: string;
  projectCode: string;
  name: string;
  regionCode: string;
  issueDate: string;
  category?: string;
  completionFilingDate?: string | null;
  fivePartyAcceptanceDate?: string | null;
}

const day = (start: string, n: number): string =>
  new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const permitNo = (region: string, date: string, serial = '01', works = '01'): string =>
  `${region}${date.replace(/-/g, '')}${serial}${works}`;
const code = (region: string, n: number): string => `2023-${region}-70-03-${String(n).padStart(6, '0')}`;

/** 1,000 攸县 permits in 500 projects (two permits each), issued from 2021-01-01 on. */
const BULK: Seed[] = Array.from({ length: 1000 }, (_, i) => ({
  permitNumber: permitNo('430223', day('2021-01-01', i)),
  projectCode: code('430223', 100_000 + Math.floor(i / 2)),
  name: `批量标记测试项目${Math.floor(i / 2)}（${(i % 2) + 1}#栋）`,
  regionCode: '430223',
  issueDate: day('2021-01-01', i),
}));
const A = {
  permitNumber: permitNo('430223', '2024-06-20'),
  projectCode: code('430223', 1),
  name: '锦绣星城三期（22#栋）',
  regionCode: '430223',
  issueDate: '2024-06-20',
  fivePartyAcceptanceDate: '2024-10-01',
  completionFilingDate: '2024-11-02',
};
const A2 = {
  ...A,
  permitNumber: permitNo('430223', '2024-06-20', '02'),
  name: '锦绣星城三期（23#栋）',
  fivePartyAcceptanceDate: '2024-10-05',
  completionFilingDate: null,
};
const B = {
  permitNumber: permitNo('430223', '2024-06-21'),
  projectCode: code('430223', 2),
  name: '攸州花园',
  regionCode: '430223',
  issueDate: '2024-06-21',
};
const CHALING = {
  permitNumber: permitNo('430224', '2024-06-20'),
  projectCode: code('430224', 3),
  name: '茶陵云阳新城',
  regionCode: '430224',
  issueDate: '2024-06-20',
};
const CHANGSHA = {
  permitNumber: permitNo('430102', '2024-05-10'),
  projectCode: code('430102', 4),
  name: '芙蓉华府',
  regionCode: '430102',
  issueDate: '2024-05-10',
};
const OLD = {
  permitNumber: permitNo('430223', '2014-12-31'),
  projectCode: code('430223', 5),
  name: '老城旧改',
  regionCode: '430223',
  issueDate: '2014-12-31',
};
const WORKS_02 = {
  permitNumber: permitNo('430223', '2024-06-22', '01', '02'),
  projectCode: code('430223', 6),
  name: '攸县厂房',
  regionCode: '430223',
  issueDate: '2024-06-22',
};
const GOVERNMENT = {
  permitNumber: permitNo('430223', '2024-06-23'),
  projectCode: code('430223', 7),
  name: '攸县安置房',
  regionCode: '430223',
  issueDate: '2024-06-23',
  category: '政府投资房建类',
};
const CONCURRENT = {
  permitNumber: permitNo('430223', '2024-06-24'),
  projectCode: code('430223', 8),
  name: '并发标记项目',
  regionCode: '430223',
  issueDate: '2024-06-24',
};
const SHARED = {
  permitNumber: permitNo('430223', '2024-06-25'),
  projectCode: code('430223', 9),
  name: '两人标记项目',
  regionCode: '430223',
  issueDate: '2024-06-25',
};
const SHARED_OTHER = {
  permitNumber: permitNo('430223', '2024-06-26'),
  projectCode: code('430223', 10),
  name: '两人标记项目二',
  regionCode: '430223',
  issueDate: '2024-06-26',
};

describe(MarkingStepsService.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const clerk: Principal = {
    kind: 'staff',
    id: 'youxian.zhang',
    regions: ['430223'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };
  const colleague: Principal = { ...clerk, id: 'youxian.li' };
  const city: Principal = {
    kind: 'staff',
    id: 'zhuzhou.wang',
    regions: ['430200'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'CITY',
  };
  const chaling: Principal = {
    kind: 'staff',
    id: 'chaling.liu',
    regions: ['430224'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };
  const admin: Principal = {
    kind: 'staff',
    id: 'admin.chen',
    regions: ['430000'],
    scopes: ['supervision:read', 'supervision:write', 'supervision:correct'],
    role: 'ADMIN',
  };
  const vendor: Principal = { kind: 'integrator', id: 'vendor-a', regions: ['430223'], scopes: ['permits:read'] };
  /** Bodies go out as given (some deliberately invalid): the service validates them. */
  const call = <Res>(def: RpcDef<never, Res, 'principal'>, body: unknown, principal: Principal = clerk): Promise<Res> =>
    rpc.call(def, principal, body as never);
  const batch = (permitNumbers: string[], projectType: string, principal = clerk) =>
    call(Rpc.markingBatch, { permitNumbers, projectType }, principal);
  const withdraw = (principal = clerk) => call(Rpc.markingWithdraw, {}, principal);
  const submit = (permitNumbers: string[], principal = clerk) => call(Rpc.markingSubmit, { permitNumbers }, principal);
  const list = (query: object, principal = clerk) =>
    call(Rpc.markingList, { page: 1, pageSize: 100, ...query }, principal);
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: { status: number; code: string; errors?: Array<{ field: string; reason: string }> } | null }
    ).problem;
  const marking = async (projectCode: string) =>
    (
      (await dataSource.query(
        `SELECT p.project_type, pm.state, pm.marked_type, pm.marked_by FROM project p LEFT JOIN project_marking pm USING (project_code) WHERE project_code = $1`,
        [projectCode],
      )) as Array<{
        project_type: string | null;
        state: string | null;
        marked_type: string | null;
        marked_by: string | null;
      }>
    )[0];
  const outbox = async <T>(type: string, subject?: string) =>
    (
      (await dataSource.query(
        `SELECT payload FROM outbox_event WHERE stream_subject = $1 AND ($2::text IS NULL OR payload->>'subject' = $2) ORDER BY created_at`,
        [type, subject ?? null],
      )) as Array<{ payload: { subject: string; data: T } }>
    ).map((r) => r.payload);

  async function seed(rows: Seed[]): Promise<void> {
    const projects = rows.filter((r, i) => rows.findIndex((o) => o.projectCode === r.projectCode) === i);
    await dataSource.query(
      `INSERT INTO project (project_code, name, region_code, developer_name, developer_credit_code, project_type, category)
       SELECT c, n, r, '攸县锦绣置业有限公司', '91430223MA4Q0ABC1F', NULL, k FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(c, n, r, k)`,
      [
        projects.map((p) => p.projectCode),
        projects.map((p) => p.name),
        projects.map((p) => p.regionCode),
        projects.map((p) => p.category ?? '社会投资房建类'),
      ],
    );
    await dataSource.query(
      `INSERT INTO construction_permit (permit_number, project_code, project_name, region_code, issue_date, start_date, planned_completion_date, five_party_acceptance_date, completion_filing_date)
       SELECT n, c, name, r, d, d + 30, d + 900, f, cf FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::date[]) AS t(n, c, name, r, d, f, cf)`,
      [
        rows.map((r) => r.permitNumber),
        rows.map((r) => r.projectCode),
        rows.map((r) => r.name),
        rows.map((r) => r.regionCode),
        rows.map((r) => r.issueDate),
        rows.map((r) => r.fivePartyAcceptanceDate ?? null),
        rows.map((r) => r.completionFilingDate ?? null),
      ],
    );
  }

  async function stageScan(
    bytes: Buffer,
    contentType: ScanRefV1['contentType'] = 'application/pdf',
  ): Promise<ScanRefV1> {
    return new ScanStaging(nc).stage(bytes, contentType, '纠错报告.pdf');
  }

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_permits_marking');
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
    rpc = new RpcClient(nc, { timeoutMs: 20_000 });
    await seed([...BULK, A, A2, B, CHALING, CHANGSHA, OLD, WORKS_02, GOVERNMENT, CONCURRENT, SHARED, SHARED_OTHER]);
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('lists recent 社会投资房建类 permits of the caller regions, a project together, filtered and paged 清单', async () => {
    const page = await list({ keyword: '锦绣星城' });
    expect(page.total).toBe(2);
    expect(page.items).toEqual([
      {
        permitNumber: A.permitNumber,
        projectCode: A.projectCode,
        projectName: A.name,
        regionCode: '430223',
        projectType: null,
        markingState: null,
        markedBy: null,
        issueDate: '2024-06-20',
        startDate: '2024-07-20',
        plannedCompletionDate: '2026-12-07',
        accepted: true,
        actualCompletionDate: '2024-11-02',
      },
      expect.objectContaining({
        permitNumber: A2.permitNumber,
        projectCode: A.projectCode,
        accepted: false,
        actualCompletionDate: '2024-10-05',
      }),
    ]);
    // old (before 2015), works category 02 and 政府投资房建类 are not "recent 社会投资房建类"
    for (const p of [OLD, WORKS_02, GOVERNMENT]) expect((await list({ keyword: p.permitNumber })).total).toBe(0);
    expect(
      (await list({ keyword: OLD.permitNumber, issueDateFrom: '2014-01-01' })).items.map((r) => r.permitNumber),
    ).toEqual([OLD.permitNumber]);
    // county sees its own only; the city sees its counties; Changsha staff see none of Zhuzhou
    expect((await list({ keyword: '茶陵' })).total).toBe(0);
    expect((await list({ keyword: '茶陵' }, city)).items.map((r) => r.permitNumber)).toEqual([CHALING.permitNumber]);
    expect((await list({ regionCode: '430224' }, city)).total).toBe(1);
    expect(await problemOf(list({ regionCode: '430224' }))).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
    expect(await problemOf(list({}, vendor))).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
    // a project's permits are adjacent; pages partition the list
    const all = await list({ issueDateFrom: '2021-01-01', issueDateTo: '2023-12-31', pageSize: 100 });
    expect(all.total).toBe(1000);
    const codes = all.items.map((r) => r.projectCode);
    expect(codes).toEqual([...codes].sort().reverse());
    const second = await list({ issueDateFrom: '2021-01-01', issueDateTo: '2023-12-31', pageSize: 100, page: 2 });
    expect(second.items[0]!.permitNumber).not.toBe(all.items[0]!.permitNumber);
    expect(second.items.every((r) => r.projectCode <= codes[codes.length - 1]!)).toBe(true);
    // a bad query: 400 VALIDATION_FAILED as the gateway answers (Rpc.markingList's class, MarkingListQuery)
    expect(await problemOf(list({ pageSize: 500 }))).toMatchObject({ status: 400, errors: [{ field: 'pageSize' }] });
    expect(await problemOf(list({ issueDateFrom: '2024-02-30', projectType: 'X' }))).toMatchObject({
      status: 400,
      errors: [{ field: 'issueDateFrom' }, { field: 'projectType' }],
    });
  });

  it('marks 1,000 permits (500 projects) in one set-based transaction well under 2 s 批量标记', async () => {
    const numbers = BULK.map((p) => p.permitNumber);
    const started = process.hrtime.bigint();
    const result = await batch(numbers, 'PRESALE');
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`marking batch of 1000 permits (500 projects): ${millis.toFixed(0)} ms`);
    expect(millis).toBeLessThan(2000);
    expect(result.stepId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.projects).toHaveLength(500);
    expect(result.projects[0]).toMatchObject({
      previousType: null,
      projectType: 'PRESALE',
      markingState: 'DRAFT',
      regionCode: '430223',
    });
    expect(result.projects[0]!.permitNumbers).toHaveLength(2);
    expect(result.unchanged).toEqual([]);
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM project_marking WHERE state = 'DRAFT' AND marked_type = 'PRESALE' AND marked_by = $1`,
      [clerk.id],
    )) as Array<{ n: number }>;
    expect(n).toBe(500);
    // a draft is not yet the project's type: permit lookups and events still see the submitted one
    expect(await marking(BULK[0]!.projectCode)).toMatchObject({
      project_type: null,
      state: 'DRAFT',
      marked_type: 'PRESALE',
    });
    expect(await outbox(PermitsEvents.projectTyped)).toEqual([]);
    expect((await list({ projectType: 'PRESALE' })).total).toBe(1000);
    // the same batch again changes nothing and makes no step
    expect(await batch(numbers.slice(0, 10), 'PRESALE')).toEqual({
      stepId: null,
      projects: [],
      unchanged: BULK.slice(0, 10)
        .map((p) => p.projectCode)
        .filter((c, i, a) => a.indexOf(c) === i)
        .sort(),
    });
    expect((await withdraw()).stepId).toBe(result.stepId);
    expect((await list({ projectType: 'UNMARKED', issueDateTo: '2023-12-31' })).total).toBe(1000);
  });

  it('refuses unknown or foreign permits listing them, and changes nothing', async () => {
    const missing = permitNo('430223', '2024-06-20', '09');
    expect(await problemOf(batch([A.permitNumber, missing], 'PRESALE'))).toMatchObject({
      status: 404,
      code: 'PERMIT_NOT_FOUND',
      errors: [{ field: 'permitNumbers', reason: missing }],
    });
    expect(
      await problemOf(batch([A.permitNumber, CHALING.permitNumber, CHANGSHA.permitNumber], 'PRESALE')),
    ).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
      errors: [{ reason: CHALING.permitNumber }, { reason: CHANGSHA.permitNumber }],
    });
    expect(await problemOf(batch([A.permitNumber, A.permitNumber], 'PRESALE'))).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [{ field: 'permitNumbers[1]' }],
    });
    expect(await problemOf(batch([A.permitNumber], 'SOLD'))).toMatchObject({
      status: 422,
      errors: [{ field: 'projectType' }],
    });
    expect(await problemOf(batch([], 'PRESALE'))).toMatchObject({ status: 422, errors: [{ field: 'permitNumbers' }] });
    expect(await problemOf(batch([A.permitNumber], 'PRESALE', vendor))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(await marking(A.projectCode)).toMatchObject({ state: null });
    expect(await problemOf(withdraw(chaling))).toMatchObject({ status: 404, code: 'NOTHING_TO_WITHDRAW' });
  });

  it('withdraws step by step, re-marks, submits (lock + event), then refuses any change 撤回/提交/锁定', async () => {
    const first = await batch([A.permitNumber], 'CURRENT_SALE');
    const second = await batch([A2.permitNumber, B.permitNumber], 'PRESALE');
    expect(second.projects.map((p) => [p.projectCode, p.previousType, p.projectType])).toEqual([
      [A.projectCode, 'CURRENT_SALE', 'PRESALE'],
      [B.projectCode, null, 'PRESALE'],
    ]);
    expect(second.projects[0]!.permitNumbers).toEqual([A.permitNumber, A2.permitNumber]);
    expect(await withdraw()).toEqual({
      stepId: second.stepId,
      withdrawnType: 'PRESALE',
      projects: [
        { projectCode: A.projectCode, projectType: 'CURRENT_SALE' },
        { projectCode: B.projectCode, projectType: null },
      ],
      superseded: [],
    });
    expect(await marking(A.projectCode)).toMatchObject({ state: 'DRAFT', marked_type: 'CURRENT_SALE' });
    expect(await marking(B.projectCode)).toMatchObject({ state: null });
    expect((await withdraw()).stepId).toBe(first.stepId);
    expect(await marking(A.projectCode)).toMatchObject({ state: null, project_type: null });
    expect(await problemOf(withdraw())).toMatchObject({ status: 404, code: 'NOTHING_TO_WITHDRAW' });

    expect(await problemOf(submit([A.permitNumber]))).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [{ reason: A.projectCode }],
    });
    await batch([A.permitNumber, B.permitNumber], 'PRESALE');
    const { projects } = await submit([A2.permitNumber, B.permitNumber]);
    expect(projects.map((p) => [p.projectCode, p.previousType, p.projectType, p.markingState])).toEqual([
      [A.projectCode, null, 'PRESALE', 'SUBMITTED'],
      [B.projectCode, null, 'PRESALE', 'SUBMITTED'],
    ]);
    expect(await marking(A.projectCode)).toMatchObject({ project_type: 'PRESALE', state: 'SUBMITTED' });
    const events = await outbox<ProjectTypedV1>(PermitsEvents.projectTyped);
    expect(events.map((e) => e.data)).toEqual([
      {
        projectCode: A.projectCode,
        projectName: A.name,
        regionCode: '430223',
        previousType: null,
        projectType: 'PRESALE',
        permitNumbers: [A.permitNumber, A2.permitNumber],
      },
      {
        projectCode: B.projectCode,
        projectName: B.name,
        regionCode: '430223',
        previousType: null,
        projectType: 'PRESALE',
        permitNumbers: [B.permitNumber],
      },
    ]);

    expect(await problemOf(batch([A.permitNumber, CONCURRENT.permitNumber], 'OTHER'))).toMatchObject({
      status: 409,
      code: 'RECORD_LOCKED',
      errors: [{ reason: A.projectCode }],
    });
    expect(await marking(CONCURRENT.projectCode)).toMatchObject({ state: null });
    expect(await problemOf(batch([B.permitNumber], 'OTHER', city))).toMatchObject({
      status: 409,
      code: 'RECORD_LOCKED',
    });
    expect(await problemOf(submit([A.permitNumber]))).toMatchObject({ status: 409, code: 'RECORD_LOCKED' });
    // the submitted step is done: nothing left to withdraw
    expect(await problemOf(withdraw())).toMatchObject({ status: 404, code: 'NOTHING_TO_WITHDRAW' });
    // an approval-system push of the permit cannot overwrite a submitted marking
    const upserts = app.get(PermitUpsertService);
    await dataSource.transaction((m) =>
      upserts.upsertIn(m, B.permitNumber, {
        projectCode: B.projectCode,
        projectName: B.name,
        regionCode: '430223',
        projectType: null,
        developerName: '攸县锦绣置业有限公司',
        developerCreditCode: '91430223MA4Q0ABC1F',
        issueDate: B.issueDate,
        startDate: null,
        plannedCompletionDate: null,
        fivePartyAcceptanceDate: null,
        completionFilingDate: null,
        units: [],
      }),
    );
    expect(await marking(B.projectCode)).toMatchObject({ project_type: 'PRESALE', state: 'SUBMITTED' });
  });

  it("a step with a submitted project cannot be withdrawn; a colleague's later marking survives a withdraw", async () => {
    const mine = await batch([SHARED.permitNumber, SHARED_OTHER.permitNumber], 'CURRENT_SALE');
    const theirs = await batch([SHARED.permitNumber], 'OTHER', colleague);
    expect(theirs.projects[0]).toMatchObject({ previousType: 'CURRENT_SALE', projectType: 'OTHER' });
    const undone = await withdraw();
    expect(undone).toEqual({
      stepId: mine.stepId,
      withdrawnType: 'CURRENT_SALE',
      projects: [
        { projectCode: SHARED.projectCode, projectType: 'OTHER' },
        { projectCode: SHARED_OTHER.projectCode, projectType: null },
      ],
      superseded: [SHARED.projectCode],
    });
    expect(await marking(SHARED.projectCode)).toMatchObject({
      state: 'DRAFT',
      marked_type: 'OTHER',
      marked_by: colleague.id,
    });
    // the colleague's undo now goes back to before my (withdrawn) step
    expect((await withdraw(colleague)).projects).toEqual([{ projectCode: SHARED.projectCode, projectType: null }]);
    expect(await marking(SHARED.projectCode)).toMatchObject({ state: null });

    await batch([SHARED.permitNumber, SHARED_OTHER.permitNumber], 'OTHER');
    await submit([SHARED.permitNumber]);
    expect(await problemOf(withdraw())).toMatchObject({
      status: 409,
      code: 'RECORD_LOCKED',
      errors: [{ reason: SHARED.projectCode }],
    });
    expect(await marking(SHARED_OTHER.projectCode)).toMatchObject({ state: 'DRAFT', marked_type: 'OTHER' });
    await submit([SHARED_OTHER.permitNumber]);
  });

  it('serialises concurrent batches on one project: every step sees the one before it (no lost update)', async () => {
    const types = ['PRESALE', 'CURRENT_SALE', 'OTHER'];
    const users = Array.from({ length: 12 }, (_, i): Principal => ({ ...clerk, id: `youxian.user${i}` }));
    const results = await Promise.all(
      users.map((u, i) =>
        batch([CONCURRENT.permitNumber, ...BULK.slice(0, 20).map((p) => p.permitNumber)], types[i % 3]!, u),
      ),
    );
    const steps = (await dataSource.query(
      `SELECT s.seq, sp.project_type, sp.previous_type FROM marking_step s JOIN marking_step_project sp USING (step_id) WHERE sp.project_code = $1 AND s.withdrawn_at IS NULL ORDER BY s.seq`,
      [CONCURRENT.projectCode],
    )) as Array<{ project_type: string; previous_type: string | null }>;
    expect(steps.length).toBe(results.filter((r) => r.stepId !== null).length);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps[0]!.previous_type).toBeNull();
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.previous_type).toBe(steps[i - 1]!.project_type);
    expect((await marking(CONCURRENT.projectCode))!.marked_type).toBe(steps[steps.length - 1]!.project_type);
    // undoing every step (newest first) restores the unmarked project
    const order = (await dataSource.query(
      `SELECT actor FROM marking_step WHERE withdrawn_at IS NULL AND $1 = ANY(permit_numbers) ORDER BY seq DESC`,
      [CONCURRENT.permitNumber],
    )) as Array<{ actor: string }>;
    for (const { actor } of order) await withdraw(users.find((u) => u.id === actor)!);
    expect(await marking(CONCURRENT.projectCode)).toMatchObject({ state: null });
    expect(await marking(BULK[0]!.projectCode)).toMatchObject({ state: null });
  });

  it('ADMIN corrects a submitted marking with the report scan in one transaction; previous version kept; events 纠错', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 7)]);
    const scan = await stageScan(pdf);
    const body = (over: object = {}) => ({
      projectCode: A.projectCode,
      projectType: 'OTHER',
      report: { reason: '误标为预售，实为自持', documentNumber: '攸住建函〔2024〕12号', scan },
      ...over,
    });
    expect(await problemOf(call(Rpc.markingCorrect, body(), city))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(
      await problemOf(call(Rpc.markingCorrect, body({ projectCode: CONCURRENT.projectCode }), admin)),
    ).toMatchObject({ status: 409, code: 'RECORD_NOT_SUBMITTED' });
    expect(await problemOf(call(Rpc.markingCorrect, body({ projectType: 'PRESALE' }), admin))).toMatchObject({
      status: 422,
      errors: [{ field: 'projectType' }],
    });
    expect(
      await problemOf(
        call(
          Rpc.markingCorrect,
          body({ report: { reason: '', documentNumber: '', scan: { ...scan, sha256: 'x' } } }),
          admin,
        ),
      ),
    ).toMatchObject({
      status: 422,
      errors: [{ field: 'reason' }, { field: 'documentNumber' }, { field: 'scan' }],
    });
    expect(
      await problemOf(
        call(
          Rpc.markingCorrect,
          body({ report: { ...body().report, scan: { ...scan, sha256: 'f'.repeat(64) } } }),
          admin,
        ),
      ),
    ).toMatchObject({ status: 422, code: 'SCAN_UNAVAILABLE' });
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM project_marking_correction`))[0].n).toBe(0);

    const result = await call(Rpc.markingCorrect, body(), admin);
    expect(result).toMatchObject({
      previousType: 'PRESALE',
      project: {
        projectCode: A.projectCode,
        projectType: 'OTHER',
        markingState: 'SUBMITTED',
        permitNumbers: [A.permitNumber, A2.permitNumber],
      },
      report: { sha256: scan.sha256, size: pdf.length, documentNumber: '攸住建函〔2024〕12号' },
    });
    const [stored] = (await dataSource.query(
      `SELECT previous_type, project_type, before, after, report_scan, report_sha256, corrected_by FROM project_marking_correction WHERE correction_id = $1`,
      [result.correctionId],
    )) as Array<{
      previous_type: string;
      project_type: string;
      before: { projectType: string; marking: { state: string; submitted_by: string } };
      after: { projectType: string };
      report_scan: Buffer;
      report_sha256: string;
      corrected_by: string;
    }>;
    expect(stored).toMatchObject({
      previous_type: 'PRESALE',
      project_type: 'OTHER',
      corrected_by: admin.id,
      report_sha256: scan.sha256,
      before: { projectType: 'PRESALE', marking: { state: 'SUBMITTED', submitted_by: clerk.id } },
      after: { projectType: 'OTHER' },
    });
    expect(stored!.report_scan.equals(pdf)).toBe(true);
    expect(await marking(A.projectCode)).toMatchObject({
      project_type: 'OTHER',
      state: 'SUBMITTED',
      marked_type: 'OTHER',
    });
    const corrected = await outbox<RecordCorrectedV1>(MarkingEvents.projectCorrected, A.projectCode);
    expect(corrected.map((e) => e.data)).toEqual([
      expect.objectContaining({
        recordType: 'PROJECT_MARKING',
        recordKey: A.projectCode,
        regionCode: '430223',
        correctedBy: admin.id,
        reportSha256: scan.sha256,
        after: { projectType: 'OTHER' },
      }),
    ]);
    expect((await validateEvent(ProjectCorrectedEvent, corrected[0]!.data)).errors).toEqual([]);
    for (const e of await outbox<ProjectTypedV1>(PermitsEvents.projectTyped, A.projectCode))
      expect((await validateEvent(ProjectTypedEvent, e.data)).errors).toEqual([]);
    expect(
      (await outbox<ProjectTypedV1>(PermitsEvents.projectTyped, A.projectCode)).map((e) => [
        e.data.previousType,
        e.data.projectType,
      ]),
    ).toEqual([
      [null, 'PRESALE'],
      ['PRESALE', 'OTHER'],
    ]);
    // still locked for staff
    expect(await problemOf(batch([A.permitNumber], 'PRESALE'))).toMatchObject({ status: 409, code: 'RECORD_LOCKED' });
  });
});

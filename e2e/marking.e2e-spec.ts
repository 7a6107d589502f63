import { testDatabaseUrl } from '@hn/testing';
import { connect, NatsConnection, Subscription } from 'nats';
import { Client } from 'pg';
import { permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

interface Row {
  permitNumber: string;
  projectCode: string;
  regionCode: string;
  projectType: string | null;
  markingState: string | null;
  accepted: boolean;
  actualCompletionDate: string | null;
}

interface AuditEntry {
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  status: number;
  at: string;
}

const PASSWORD = 'Marking2024ok';
const YOUXIAN = '430223202406200101'; // 攸县, project P_A (two permits)
const YOUXIAN_2 = '430223202406200201';
const YOUXIAN_B = '430223202406210101'; // 攸县, project P_B
const CHALING = '430224202406200101'; // 茶陵县, same city (株洲市)
const CHANGSHA = '430102202405100101'; // 长沙市芙蓉区
const P_A = '2024-430223-70-03-012345';
const P_B = '2024-430223-70-03-000002';
const P_C = '2024-430224-70-03-000224';
const BULK_REGION = '430223';
/** 1,000 攸县 permits in 500 projects, issued day by day from 2021-01-01 (serial 03 keeps them apart from the others). */
const BULK = Array.from({ length: 1000 }, (_, i) => {
  const date = new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);
  return {
    permitNumber: `${BULK_REGION}${date.replace(/-/g, '')}0301`,
    projectCode: `2021-${BULK_REGION}-70-03-${String(200_000 + Math.floor(i / 2)).padStart(6, '0')}`,
    issueDate: date,
    i,
  };
});

describe('存量预售项目标记 marking through the gateway', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let events: Subscription;
  const received: Array<{ subject: string; data: Record<string, unknown> }> = [];
  const tokens: Record<string, string> = {};

  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const post = (path: string, token: string, body?: unknown) =>
    api(`/api/v1/supervision/marking${path}`, {
      method: 'POST',
      token,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
    const text = await res.text();
    expect({ status: res.status, body: text }).toMatchObject({ status });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = JSON.parse(text) as Problem;
    expect(problem).toMatchObject({ status, code });
    return problem;
  };
  const list = async (query: string, token = tokens['youxian']!) =>
    ok<{ items: Row[]; total: number; page: number; pageSize: number }>(
      await api(`/api/v1/supervision/marking?${query}`, { token }),
    );
  const batch = (permitNumbers: string[], projectType: string, token = tokens['youxian']!) =>
    post('/batch', token, { permitNumbers, projectType });
  const submit = (permitNumbers: string[], token = tokens['youxian']!) => post('/submit', token, { permitNumbers });
  const withdraw = (token = tokens['youxian']!) => post('/withdraw', token);
  const correction = (token: string, data: unknown, scan?: { bytes: Buffer; type: string; name: string }) => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    if (scan) form.append('scan', new Blob([scan.bytes], { type: scan.type }), scan.name);
    return api('/api/v1/supervision/marking/correction', { method: 'POST', token, body: form });
  };
  const audit = async (query: string) =>
    ok<{ items: AuditEntry[]; total: number }>(await api(`/api/v1/audit?${query}`, { token: tokens['province']! }));
  const permitsDb = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({
      connectionString: testDatabaseUrl(platform.env['DATABASE_URL']!, platform.env['PERMITS_DB_NAME']!),
    });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const permitType = async (permitNumber: string, token = tokens['youxian']!) =>
    (await ok<{ projectType: string | null }>(await api(`/api/v1/construction-permits/${permitNumber}`, { token })))
      .projectType;
  const waitFor = async (check: () => boolean | Promise<boolean>, what: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    events = nc.subscribe('hn.permits.project.>', {
      callback: (_err, msg) => {
        const event = JSON.parse(new TextDecoder().decode(msg.data)) as { data: Record<string, unknown> };
        received.push({ subject: msg.subject, data: event.data });
      },
    });
    const zhuzhouWriter = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    const changshaWriter = await platform.token(
      await platform.createIntegrator(['430100'], ['permits:read', 'approval:write']),
    );
    const put = async (number: string, body: Record<string, unknown>, token = zhuzhouWriter) =>
      ok(
        await api(`/api/v1/approval/construction-permits/${number}`, {
          method: 'PUT',
          token,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ projectType: null, units: [], ...body }),
        }),
        201,
      );
    const stock = (over: Record<string, unknown>) => permitBody({ projectType: null, units: [], ...over });
    await put(YOUXIAN, stock({ completionFilingDate: null }));
    await put(
      YOUXIAN_2,
      stock({
        issueDate: '2024-06-20',
        fivePartyAcceptanceDate: '2024-10-05',
        completionFilingDate: '2024-11-02',
        startDate: '2024-07-01',
        plannedCompletionDate: '2024-10-01',
      }),
    );
    await put(YOUXIAN_B, stock({ projectCode: P_B, projectName: '攸州花园', issueDate: '2024-06-21' }));
    await put(CHALING, stock({ projectCode: P_C, projectName: '茶陵云阳新城', regionCode: '430224' }));
    await put(
      CHANGSHA,
      stock({
        projectCode: '2024-430102-70-03-000777',
        projectName: '芙蓉华府',
        regionCode: '430102',
        issueDate: '2024-05-10',
      }),
      changshaWriter,
    );
    // 1,000 permits through the real ingest path, 25 at a time
    for (let i = 0; i < BULK.length; i += 25) {
      await Promise.all(
        BULK.slice(i, i + 25).map((p) =>
          put(
            p.permitNumber,
            stock({
              projectCode: p.projectCode,
              projectName: `批量项目${Math.floor(p.i / 2)}（${(p.i % 2) + 1}#栋）`,
              issueDate: p.issueDate,
              startDate: null,
              plannedCompletionDate: null,
            }),
          ),
        ),
      );
    }
    const staff: Array<[string, string, string]> = [
      ['youxian', 'COUNTY', '430223'],
      ['chaling', 'COUNTY', '430224'],
      ['zhuzhou', 'CITY', '430200'],
      ['province', 'PROVINCE', '430000'],
      ['admin', 'ADMIN', '430000'],
    ];
    for (const [name, role, region] of staff) {
      await platform.createStaff(`${name}.marker`, PASSWORD, role, region);
      tokens[name] = await platform.staffToken(`${name}.marker`, PASSWORD, '10.30.0.1');
    }
  }, 180_000);

  afterAll(async () => {
    events?.unsubscribe();
    await nc?.close();
    await platform?.stop();
  });

  it('lists recent permits of the caller regions only, one row per permit, filtered and paged', async () => {
    const mine = await list('keyword=锦绣星城');
    expect(
      mine.items.map((r) => [
        r.permitNumber,
        r.projectCode,
        r.projectType,
        r.markingState,
        r.accepted,
        r.actualCompletionDate,
      ]),
    ).toEqual([
      [YOUXIAN, P_A, null, null, false, null],
      [YOUXIAN_2, P_A, null, null, true, '2024-11-02'],
    ]);
    // another county's permits are absent, and asking for that county is refused
    expect((await list(`keyword=${CHALING}`)).total).toBe(0);
    await expectProblem(
      await api('/api/v1/supervision/marking?regionCode=430224', { token: tokens['youxian']! }),
      403,
      'REGION_FORBIDDEN',
    );
    expect((await list('', tokens['chaling'])).items.map((r) => r.permitNumber)).toEqual([CHALING]);
    const city = await list('regionCode=430224', tokens['zhuzhou']);
    expect(city.items.map((r) => r.permitNumber)).toEqual([CHALING]);
    expect((await list('pageSize=100', tokens['zhuzhou'])).total).toBe(1004);
    expect((await list(`keyword=${CHANGSHA}`, tokens['province'])).total).toBe(1);
    expect((await list(`keyword=${CHANGSHA}`, tokens['zhuzhou'])).total).toBe(0);
    // filters and pages
    expect((await list('issueDateFrom=2024-06-21&issueDateTo=2024-06-21')).items.map((r) => r.permitNumber)).toEqual([
      YOUXIAN_B,
    ]);
    expect((await list('projectType=UNMARKED&issueDateFrom=2024-01-01')).total).toBe(3);
    expect((await list('projectType=PRESALE')).total).toBe(0);
    expect((await list(`keyword=${P_B}`)).items.map((r) => r.permitNumber)).toEqual([YOUXIAN_B]);
    const page1 = await list('issueDateTo=2023-12-31&pageSize=3');
    const page2 = await list('issueDateTo=2023-12-31&pageSize=3&page=2');
    expect([page1.total, page2.total, page1.items.length, page2.items.length]).toEqual([1000, 1000, 3, 3]);
    expect(new Set([...page1.items, ...page2.items].map((r) => r.permitNumber)).size).toBe(6);
    // the two permits of a project are adjacent
    expect(page1.items[0]!.projectCode).toBe(page1.items[1]!.projectCode);
    await expectProblem(
      await api('/api/v1/supervision/marking?pageSize=101', { token: tokens['youxian']! }),
      400,
      'VALIDATION_FAILED',
    );
    await expectProblem(
      await api('/api/v1/supervision/marking?projectType=SOLD', { token: tokens['youxian']! }),
      400,
      'VALIDATION_FAILED',
    );
    await expectProblem(
      await api('/api/v1/supervision/marking?issueDateFrom=2024-06-21&issueDateTo=2024-06-01', {
        token: tokens['youxian']!,
      }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
  });

  it('a county user cannot change another county: 403 naming the permits, nothing changed', async () => {
    const problem = await expectProblem(await batch([YOUXIAN, CHALING, CHANGSHA], 'PRESALE'), 403, 'REGION_FORBIDDEN');
    expect(problem.errors).toEqual([
      { field: 'permitNumbers', reason: CHALING },
      { field: 'permitNumbers', reason: CHANGSHA },
    ]);
    await expectProblem(await submit([CHALING]), 403, 'REGION_FORBIDDEN');
    await expectProblem(await batch([YOUXIAN], 'PRESALE', tokens['chaling']), 403, 'REGION_FORBIDDEN');
    const missing = await expectProblem(
      await batch([YOUXIAN, '430223202406200901'], 'PRESALE'),
      404,
      'PERMIT_NOT_FOUND',
    );
    expect(missing.errors).toEqual([{ field: 'permitNumbers', reason: '430223202406200901' }]);
    await expectProblem(await batch([YOUXIAN, YOUXIAN], 'PRESALE'), 422, 'INCOMPLETE_SUBMISSION');
    expect((await list('keyword=锦绣星城')).items.every((r) => r.markingState === null)).toBe(true);
    expect((await list('', tokens['chaling'])).items[0]!.markingState).toBeNull();
    // an integrator credential (no staff role) cannot use marking at all
    const integrator = await platform.token(await platform.createIntegrator(['430223'], ['permits:read']));
    await expectProblem(await api('/api/v1/supervision/marking', { token: integrator }), 403, 'ROLE_FORBIDDEN');
  });

  it('mark, withdraw, re-mark, submit, then any change → 409 RECORD_LOCKED', async () => {
    const first = await ok<{
      stepId: string;
      projects: Array<{
        projectCode: string;
        previousType: string | null;
        projectType: string;
        permitNumbers: string[];
      }>;
    }>(await batch([YOUXIAN], 'CURRENT_SALE'));
    expect(first.projects).toEqual([
      expect.objectContaining({
        projectCode: P_A,
        previousType: null,
        projectType: 'CURRENT_SALE',
        markingState: 'DRAFT',
        permitNumbers: [YOUXIAN, YOUXIAN_2],
      }),
    ]);
    expect((await list('keyword=锦绣星城')).items.map((r) => [r.projectType, r.markingState])).toEqual([
      ['CURRENT_SALE', 'DRAFT'],
      ['CURRENT_SALE', 'DRAFT'],
    ]);
    // a draft is not the project's type yet
    expect(await permitType(YOUXIAN)).toBeNull();
    expect(await ok<{ stepId: string; projects: unknown[] }>(await withdraw())).toEqual({
      stepId: first.stepId,
      withdrawnType: 'CURRENT_SALE',
      projects: [{ projectCode: P_A, projectType: null }],
      superseded: [],
    });
    await expectProblem(await withdraw(), 404, 'NOTHING_TO_WITHDRAW');
    await expectProblem(await submit([YOUXIAN]), 422, 'INCOMPLETE_SUBMISSION');

    await ok(await batch([YOUXIAN_2, YOUXIAN_B], 'PRESALE'));
    const submitted = await ok<{ projects: Array<{ projectCode: string; projectType: string; markingState: string }> }>(
      await submit([YOUXIAN, YOUXIAN_B]),
    );
    expect(submitted.projects.map((p) => [p.projectCode, p.projectType, p.markingState])).toEqual(
      [
        [P_B, 'PRESALE', 'SUBMITTED'],
        [P_A, 'PRESALE', 'SUBMITTED'],
      ].sort(),
    );
    expect((await list('projectType=PRESALE')).items.map((r) => [r.permitNumber, r.markingState])).toEqual([
      [YOUXIAN, 'SUBMITTED'],
      [YOUXIAN_2, 'SUBMITTED'],
      [YOUXIAN_B, 'SUBMITTED'],
    ]);
    // published: the gateway's permit cache and other services learn the type
    await waitFor(
      () => received.some((e) => e.subject === 'hn.permits.project.typed.v1' && e.data['projectCode'] === P_A),
      'project typed event',
    );
    expect(received.find((e) => e.data['projectCode'] === P_A)!.data).toMatchObject({
      previousType: null,
      projectType: 'PRESALE',
      permitNumbers: [YOUXIAN, YOUXIAN_2],
    });
    await waitFor(async () => (await permitType(YOUXIAN_2)) === 'PRESALE', 'permit lookup to show PRESALE');

    const locked = await expectProblem(await batch([YOUXIAN, BULK[0]!.permitNumber], 'OTHER'), 409, 'RECORD_LOCKED');
    expect(locked.errors).toEqual([{ field: 'projectCode', reason: P_A }]);
    await expectProblem(await batch([YOUXIAN_B], 'OTHER', tokens['zhuzhou']), 409, 'RECORD_LOCKED');
    await expectProblem(await batch([YOUXIAN_B], 'OTHER', tokens['province']), 409, 'RECORD_LOCKED');
    await expectProblem(await submit([YOUXIAN]), 409, 'RECORD_LOCKED');
    await expectProblem(await withdraw(), 404, 'NOTHING_TO_WITHDRAW');
    expect((await list(`keyword=${BULK[0]!.permitNumber}`)).items[0]!.markingState).toBeNull();

    const trail = await audit(`actor=youxian.marker&pageSize=100`);
    const actions = trail.items.map((e) => `${e.action} ${e.status}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'POST /api/v1/supervision/marking/batch 200',
        'POST /api/v1/supervision/marking/withdraw 200',
        'POST /api/v1/supervision/marking/submit 200',
        'POST /api/v1/supervision/marking/batch 409',
      ]),
    );
    const withdrawn = trail.items.find((e) => e.action.endsWith('/withdraw') && e.status === 200)!;
    expect(withdrawn).toMatchObject({
      role: 'COUNTY',
      target: `stepId=${first.stepId}`,
      before: { projects: [{ projectCode: P_A, projectType: 'CURRENT_SALE' }] },
      after: { projects: [{ projectCode: P_A, projectType: null }] },
    });
  });

  it('marks 1,000 permits in one request in under 2 s, and submits them', async () => {
    const numbers = BULK.map((p) => p.permitNumber);
    const started = process.hrtime.bigint();
    const res = await batch(numbers, 'PRESALE');
    const markMs = Number(process.hrtime.bigint() - started) / 1e6;
    const result = await ok<{ stepId: string; projects: unknown[] }>(res);
    const submitStarted = process.hrtime.bigint();
    const submitted = await ok<{ projects: unknown[] }>(await submit(numbers));
    const submitMs = Number(process.hrtime.bigint() - submitStarted) / 1e6;
    console.log(
      `e2e marking: batch of 1000 permits (500 projects) over HTTP ${markMs.toFixed(0)} ms; submit of the same ${submitMs.toFixed(0)} ms`,
    );
    expect(markMs).toBeLessThan(2000);
    expect(submitMs).toBeLessThan(2000);
    expect(result.projects).toHaveLength(500);
    expect(submitted.projects).toHaveLength(500);
    expect((await list('projectType=PRESALE&issueDateTo=2023-12-31&pageSize=1')).total).toBe(1000);
    await waitFor(
      () => received.filter((e) => e.subject === 'hn.permits.project.typed.v1').length >= 502,
      '500 project typed events',
    );
  });

  it('ADMIN corrects a submitted marking with the report scan: audited, previous version kept, published', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n% 纠错报告\n'), Buffer.alloc(64 * 1024, 0x20)]);
    const data = {
      projectCode: P_B,
      projectType: 'OTHER',
      reason: '经核实该项目为企业自持，误标为预售商品房',
      documentNumber: '攸住建函〔2024〕12号',
    };
    const scan = { bytes: pdf, type: 'application/pdf', name: '纠错报告.pdf' };
    const corrections = async () =>
      (await permitsDb<{ n: number }>(`SELECT count(*)::int AS n FROM project_marking_correction`))[0]!.n;

    // refused before anything is stored
    await expectProblem(await correction(tokens['province']!, data, scan), 403, 'ROLE_FORBIDDEN');
    await expectProblem(await correction(tokens['youxian']!, data, scan), 403, 'ROLE_FORBIDDEN');
    await expectProblem(
      await correction(tokens['admin']!, data, {
        bytes: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
        type: 'application/pdf',
        name: 'report.pdf',
      }),
      415,
      'SCAN_TYPE_UNSUPPORTED',
    );
    await expectProblem(
      await correction(tokens['admin']!, data, {
        bytes: Buffer.from('书面报告正文'),
        type: 'text/plain',
        name: 'report.txt',
      }),
      415,
      'SCAN_TYPE_UNSUPPORTED',
    );
    const huge = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    huge.write('%PDF-1.4\n', 0, 'latin1');
    await expectProblem(
      await correction(tokens['admin']!, data, { bytes: huge, type: 'application/pdf', name: 'big.pdf' }),
      413,
      'SCAN_TOO_LARGE',
    );
    await expectProblem(await correction(tokens['admin']!, data), 400, 'MULTIPART_INVALID');
    await expectProblem(
      await correction(tokens['admin']!, { ...data, documentNumber: '' }, scan),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    await expectProblem(
      await correction(tokens['admin']!, { ...data, projectCode: BULK[0]!.projectCode.replace('2021', '2099') }, scan),
      404,
      'NOT_FOUND',
    );
    expect(await corrections()).toBe(0);
    // a draft is withdrawn or re-marked, not corrected
    await ok(await batch([CHALING], 'OTHER', tokens['chaling']));
    await expectProblem(
      await correction(tokens['admin']!, { ...data, projectCode: P_C }, scan),
      409,
      'RECORD_NOT_SUBMITTED',
    );
    expect(await corrections()).toBe(0);

    const before = Date.now();
    const corrected = await ok<{
      correctionId: string;
      previousType: string;
      project: { projectType: string; markingState: string };
      report: { sha256: string; size: number };
    }>(await correction(tokens['admin']!, data, scan));
    expect(corrected).toMatchObject({
      previousType: 'PRESALE',
      project: { projectType: 'OTHER', markingState: 'SUBMITTED' },
      report: { size: pdf.length },
    });
    const [stored] = await permitsDb<{
      previous_type: string;
      project_type: string;
      before: { projectType: string };
      report_scan: Buffer;
      corrected_by: string;
      document_number: string;
    }>(
      `SELECT previous_type, project_type, before, report_scan, corrected_by, document_number FROM project_marking_correction WHERE correction_id = $1`,
      [corrected.correctionId],
    );
    expect(stored).toMatchObject({
      previous_type: 'PRESALE',
      project_type: 'OTHER',
      before: { projectType: 'PRESALE' },
      corrected_by: 'admin.marker',
      document_number: data.documentNumber,
    });
    expect(stored!.report_scan.equals(pdf)).toBe(true);
    expect(await corrections()).toBe(1);

    const entries = (
      await audit(
        `actor=admin.marker&action=${encodeURIComponent('POST /api/v1/supervision/marking/correction')}&pageSize=50`,
      )
    ).items;
    const done = entries.find((e) => e.status === 200)!;
    expect(done).toMatchObject({
      role: 'ADMIN',
      target: `projectCode=${P_B}`,
      before: { projectCode: P_B, projectType: 'PRESALE', markingState: 'SUBMITTED' },
      after: {
        correctionId: corrected.correctionId,
        projectType: 'OTHER',
        reason: data.reason,
        documentNumber: data.documentNumber,
        report: { sha256: corrected.report.sha256, size: pdf.length, contentType: 'application/pdf' },
      },
    });
    expect(Date.parse(done.at)).toBeGreaterThanOrEqual(before - 5_000);
    // refused attempts are audited too (what was asked, never the bytes)
    expect(entries.map((e) => e.status).sort()).toEqual([200, 400, 404, 409, 413, 415, 415, 422]);
    const refused = entries.find((e) => e.status === 409)!;
    expect(refused.after).toMatchObject({
      projectCode: P_C,
      scan: { contentType: 'application/pdf', size: pdf.length },
    });
    expect(JSON.stringify(entries)).not.toContain('JVBERi0'); // base64 of "%PDF-"
    expect(JSON.stringify(entries).length).toBeLessThan(20_000);

    await waitFor(() => received.some((e) => e.subject === 'hn.permits.project.corrected.v1'), 'corrected event');
    expect(received.find((e) => e.subject === 'hn.permits.project.corrected.v1')!.data).toMatchObject({
      recordType: 'PROJECT_MARKING',
      recordKey: P_B,
      correctedBy: 'admin.marker',
      documentNumber: data.documentNumber,
      reportSha256: corrected.report.sha256,
    });
    await waitFor(async () => (await permitType(YOUXIAN_B)) === 'OTHER', 'permit lookup to show the corrected type');
    // still locked for staff; a second correction to the same type is refused
    await expectProblem(await batch([YOUXIAN_B], 'PRESALE'), 409, 'RECORD_LOCKED');
    await expectProblem(await correction(tokens['admin']!, data, scan), 422, 'INCOMPLETE_SUBMISSION');
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = await ok<{
      paths: Record<string, Record<string, { summary: string; responses: Record<string, unknown> }>>;
    }>(await api('/api/openapi.json'));
    expect(
      Object.keys(doc.paths)
        .filter((p) => p.startsWith('/api/v1/supervision/marking'))
        .sort(),
    ).toEqual([
      '/api/v1/supervision/marking',
      '/api/v1/supervision/marking/batch',
      '/api/v1/supervision/marking/correction',
      '/api/v1/supervision/marking/submit',
      '/api/v1/supervision/marking/withdraw',
    ]);
    expect(Object.keys(doc.paths['/api/v1/supervision/marking/correction']!['post']!.responses)).toEqual(
      expect.arrayContaining(['200', '403', '409', '413', '415']),
    );
  });
});

import jsQR from 'jsqr';
import { connect, JSONCodec } from 'nats';
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { creditCode, permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

interface Backfilled {
  permit: {
    presaleNumber: string;
    letter: string;
    serial: number;
    chainToken: string;
    verifyUrl: string;
    presaleArea: number;
    status: string;
    [k: string]: unknown;
  };
  status: string;
  backfillState: string;
  backfilledBy: string;
  scan: { sha256: string; contentType: string; size: number; fileName: string };
}

interface Issued {
  presaleNumber: string;
  chainToken: string;
  verifyUrl: string;
  qrSvg: string;
  log: { index: number; treeSize: number };
  backfill: Backfilled;
}

interface AuditEntry {
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  status: number;
}

const P = {
  /** 攸县, marked PRESALE at registration */
  youxian: {
    number: '430223202406200101',
    project: '2024-430223-70-03-012345',
    unit: '2024-430223-70-03-012345-DT022',
  },
  /** 攸县, for the concurrency burst */
  burst: { number: '430223202406200301', project: '2024-430223-70-03-000301', unit: '2024-430223-70-03-000301-DT001' },
  /** 攸县, typed OTHER */
  other: { number: '430223202406200201', project: '2024-430223-70-03-000201', unit: '2024-430223-70-03-000201-DT001' },
  /** 茶陵县 (same city, another county) */
  chaling: {
    number: '430224202406200101',
    project: '2024-430224-70-03-000101',
    unit: '2024-430224-70-03-000101-DT001',
  },
} as const;
type PermitFixture = (typeof P)[keyof typeof P];

const PASSWORD = 'Backfill2024ok';
const PDF = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\n%%EOF\n`, 'latin1');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('补录预售许可证, 已办预售未办施工许可 and ADMIN corrections through the gateway', () => {
  let platform: TestPlatform;
  const tokens: Record<'youxian' | 'chaling' | 'city' | 'admin' | 'province', string> = {
    youxian: '',
    chaling: '',
    city: '',
    admin: '',
    province: '',
  };
  let z01: Issued;

  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const json = (path: string, token: string, body: unknown): Promise<Response> =>
    api(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const multipart = (
    path: string,
    token: string,
    data: unknown,
    scan: { bytes: Buffer; type?: string; name?: string } | null,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    if (scan)
      form.append('scan', new Blob([scan.bytes], { type: scan.type ?? 'application/pdf' }), scan.name ?? 'scan.pdf');
    return api(path, { method: 'POST', token, headers, body: form });
  };
  let certificates = 0;
  /** Each call is another local certificate (本地证号) unless overridden: one unified number per certificate. */
  const submissionFor = (permit: PermitFixture, overrides: Record<string, unknown> = {}): Record<string, unknown> =>
    presaleSubmission({
      constructionPermitNumbers: [permit.number],
      unitCodes: [permit.unit],
      issueDate: '2024-06-28',
      localCertificateNumber: `攸住建预字〔2024〕第${String(++certificates).padStart(3, '0')}号`,
      ...overrides,
    });
  const backfill = (
    permit: PermitFixture,
    token = tokens.youxian,
    overrides: Record<string, unknown> = {},
    scan = { bytes: PDF(`${permit.number}-${Math.random()}`) },
    headers: Record<string, string> = {},
  ): Promise<Response> =>
    multipart('/api/v1/supervision/backfill/presale-permits', token, submissionFor(permit, overrides), scan, headers);
  const expectStatus = async <T>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 600)}`).toMatch(new RegExp(`^${status} `));
    return JSON.parse(text) as T;
  };
  const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
    const problem = await expectStatus<Problem>(res, status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(problem.code).toBe(code);
    return problem;
  };
  const backfillOk = async (
    permit: PermitFixture,
    token = tokens.youxian,
    overrides: Record<string, unknown> = {},
  ): Promise<Issued> => expectStatus<Issued>(await backfill(permit, token, overrides), 201);
  const verify = async (
    token: string,
  ): Promise<{
    valid: boolean;
    status: string;
    code: string;
    reason?: string;
    message: string;
    messageEn: string;
    permit?: Record<string, unknown>;
    current?: { presaleNumber: string; verifyUrl: string; verifyPath: string };
  }> => expectStatus(await api(`/public/v1/verify?token=${encodeURIComponent(token)}`), 200);
  const listBackfills = async (token = tokens.admin): Promise<{ items: Backfilled[]; total: number }> =>
    expectStatus(await api('/api/v1/supervision/backfill/presale-permits?pageSize=100', { token }), 200);
  const serialOf = (n: string): number => Number(n.slice(-2));

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale']);
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']),
    );
    const put = async (permit: PermitFixture, overrides: Record<string, unknown> = {}): Promise<void> => {
      const body = permitBody({
        projectCode: permit.project,
        projectName: `${permit.project} 测试项目`,
        regionCode: permit.number.slice(0, 6),
        units: [{ unitCode: permit.unit, name: '1#栋', floors: 18, floorArea: 9000.5 }],
        ...overrides,
      });
      const res = await api(`/api/v1/approval/construction-permits/${permit.number}`, {
        method: 'PUT',
        token: writer,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(`${res.status} ${await res.text()}`).toMatch(/^201 /);
    };
    await put(P.youxian, { projectName: '锦绣星城三期（22#栋）' });
    await put(P.burst);
    await put(P.other, { projectType: 'OTHER' });
    await put(P.chaling, { developerCreditCode: creditCode('91430224MA4Q0ABC1') });
    const staff: Array<[keyof typeof tokens, string, string, string]> = [
      ['youxian', 'youxian.li', 'COUNTY', '430223'],
      ['chaling', 'chaling.liu', 'COUNTY', '430224'],
      ['city', 'zhuzhou.wang', 'CITY', '430200'],
      ['admin', 'sheng.admin', 'ADMIN', '430000'],
      ['province', 'sheng.zhang', 'PROVINCE', '430000'],
    ];
    for (const [key, username, role, region] of staff) {
      await platform.createStaff(username, PASSWORD, role, region);
      tokens[key] = await platform.staffToken(
        username,
        PASSWORD,
        `10.30.0.${staff.findIndex((s) => s[0] === key) + 1}`,
      );
    }
    // wait until the presale service's replica knows the three PRESALE projects
    const deadline = Date.now() + 30_000;
    for (;;) {
      const page = await expectStatus<{ items: Array<{ projectCode: string }> }>(
        await api('/api/v1/supervision/backfill/candidates?pageSize=100', { token: tokens.admin }),
        200,
      );
      if (page.items.length === 3) break;
      if (Date.now() > deadline) throw new Error(`candidates not replicated: ${JSON.stringify(page)}`);
      await sleep(200);
    }
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('region scope', () => {
    it("a county user sees only its own county's candidates and cannot backfill another county's permits", async () => {
      const chaling = await expectStatus<{
        items: Array<{ projectCode: string; regionCode: string; permits: Array<{ permitNumber: string }> }>;
      }>(await api('/api/v1/supervision/backfill/candidates', { token: tokens.chaling }), 200);
      expect(chaling.items.map((i) => i.projectCode)).toEqual([P.chaling.project]);
      const city = await expectStatus<{ items: unknown[] }>(
        await api('/api/v1/supervision/backfill/candidates?keyword=000301', { token: tokens.city }),
        200,
      );
      expect(city.items).toHaveLength(1);
      await expectProblem(
        await api('/api/v1/supervision/backfill/candidates?regionCode=430223', { token: tokens.chaling }),
        403,
        'REGION_FORBIDDEN',
      );
      const problem = await expectProblem(await backfill(P.youxian, tokens.chaling), 403, 'REGION_FORBIDDEN');
      expect(problem.errors?.[0]?.field).toBe('constructionPermitNumbers[0]');
    });

    it('integrator credentials cannot use the staff routes', async () => {
      const integrator = await platform.token(await platform.createIntegrator(['430223'], ['permits:read']));
      expect((await api('/api/v1/supervision/backfill/presale-permits', { token: integrator })).status).toBe(403);
    });
  });

  describe('backfill (Z numbers)', () => {
    it('backfills Z01 as a draft; its QR decodes like a Y number and verifies as an unsubmitted draft, never as genuine', async () => {
      z01 = await backfillOk(P.youxian);
      expect(z01.presaleNumber).toBe(`${P.youxian.number}-Z01`);
      expect(z01.backfill).toMatchObject({
        status: 'VALID',
        backfillState: 'DRAFT',
        backfilledBy: 'youxian.li',
        scan: { contentType: 'application/pdf', fileName: 'scan.pdf' },
      });
      expect(z01.backfill.scan.sha256).toMatch(/^[0-9a-f]{64}$/);
      const res = await api(`/api/v1/presale-permits/${z01.presaleNumber}/qr.png`, { token: tokens.youxian });
      expect(res.status).toBe(200);
      const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
      const code = jsQR(
        new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
        png.width,
        png.height,
      );
      expect(code?.data).toBe(z01.verifyUrl);
      expect(code!.version).toBeLessThanOrEqual(8);
      // a draft is not public: its QR says so, never "真实有效"
      const draft = await verify(z01.verifyUrl.split('/V/')[1]!);
      expect(draft).toMatchObject({
        valid: false,
        status: 'DRAFT',
        code: 'DRAFT',
        message: '未提交的草稿，不是有效证书',
      });
      expect(draft).not.toHaveProperty('permit');
      const page = await (
        await api(`/V/${z01.verifyUrl.split('/V/')[1]}`, { headers: { accept: 'text/html' } })
      ).text();
      expect(page).toContain('未提交的草稿，不是有效证书');
      expect(page).toContain('<code class="code">DRAFT</code>');
      expect(page).not.toContain('真实有效');
      expect(page).not.toContain(z01.backfill.permit['projectName'] as string);
      await expectProblem(await api(`/public/v1/presale-permits/${z01.presaleNumber}`), 404, 'PRESALE_NOT_FOUND');
    });

    it('gives 10 concurrent backfills of the same permit Z01..Z10 without gaps', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => backfillOk(P.burst)));
      expect(results.map((r) => serialOf(r.presaleNumber)).sort((a, b) => a - b)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
    });

    it('refuses stock rules: after the cut-over, project not marked PRESALE, incomplete data', async () => {
      await expectProblem(
        await backfill(P.youxian, tokens.youxian, { issueDate: '2024-08-15' }),
        422,
        'BACKFILL_AFTER_CUTOVER',
      );
      await expectProblem(await backfill(P.other), 422, 'PROJECT_NOT_MARKED_PRESALE');
      const incomplete = await expectProblem(
        await backfill(P.youxian, tokens.youxian, { presaleArea: -1, developer: { name: '', creditCode: 'x' } }),
        422,
        'INCOMPLETE_SUBMISSION',
      );
      expect(incomplete.errors!.map((e) => e.field)).toEqual(
        expect.arrayContaining(['presaleArea', 'developer.creditCode']),
      );
    });

    it('refuses a wrong scan type (415) and a scan over 20 MB (413) before anything is stored or numbered', async () => {
      const before = await listBackfills();
      await expectProblem(
        await backfill(P.youxian, tokens.youxian, {}, { bytes: Buffer.from('just some text, not a scan') }),
        415,
        'SCAN_TYPE_UNSUPPORTED',
      );
      const big = Buffer.concat([PDF('big'), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)]);
      await expectProblem(await backfill(P.youxian, tokens.youxian, {}, { bytes: big }), 413, 'SCAN_TOO_LARGE');
      await expectProblem(
        await multipart('/api/v1/supervision/backfill/presale-permits', tokens.youxian, submissionFor(P.youxian), null),
        400,
        'MULTIPART_INVALID',
      );
      await expectProblem(
        await json('/api/v1/supervision/backfill/presale-permits', tokens.youxian, submissionFor(P.youxian)),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      const after = await listBackfills();
      expect(after.total).toBe(before.total);
      const next = await backfillOk(P.youxian);
      expect(next.presaleNumber).toBe(`${P.youxian.number}-Z02`); // no serial consumed by the refused uploads
      // withdrawn again right away so later tests start from Z01 only
      await expectStatus(await json('/api/v1/supervision/backfill/presale-permits/withdraw', tokens.youxian, {}), 200);
    });

    it('replays the same Idempotency-Key and body with the same number', async () => {
      const headers = { 'idempotency-key': `bf-e2e-${process.pid}` };
      const scan = { bytes: PDF('idempotent') };
      const certificate = { localCertificateNumber: '攸住建预字〔2024〕第900号' };
      const first = await expectStatus<Issued>(
        await backfill(P.burst, tokens.youxian, certificate, scan, headers),
        201,
      );
      const again = await expectStatus<Issued>(
        await backfill(P.burst, tokens.youxian, certificate, scan, headers),
        201,
      );
      expect(again.presaleNumber).toBe(first.presaleNumber);
      await expectProblem(
        await backfill(P.burst, tokens.youxian, { ...certificate, unitCount: 3 }, scan, headers),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
    });

    it("refuses a second number for the same local certificate (409 naming it), without a serial, and a developer other than the permit's (422)", async () => {
      const certificate = { localCertificateNumber: '攸住建预字〔2024〕第901号' };
      const first = await expectStatus<Issued>(await backfill(P.burst, tokens.youxian, certificate), 201);
      const dup = await expectProblem(
        await backfill(P.burst, tokens.youxian, { localCertificateNumber: ' 攸住建预字〔2024〕第901号 ' }),
        409,
        'DUPLICATE_LOCAL_CERTIFICATE',
      );
      expect(dup.detail).toContain(first.presaleNumber);
      expect(dup.errors).toEqual([{ field: 'localCertificateNumber', reason: first.presaleNumber }]);
      const mismatch = await expectProblem(
        await backfill(P.burst, tokens.youxian, {
          developer: { name: '茶陵别家置业有限公司', creditCode: creditCode('91430224MA4Q0ABC1') },
        }),
        422,
        'DEVELOPER_MISMATCH',
      );
      expect(mismatch.detail).toContain(creditCode('91430224MA4Q0ABC1'));
      expect(mismatch.detail).toContain(creditCode());
      const next = await backfillOk(P.burst);
      expect(serialOf(next.presaleNumber)).toBe(serialOf(first.presaleNumber) + 1);
    });
  });

  describe('withdraw, submit, correction', () => {
    it("withdraws the caller's last draft: the token then verifies as WITHDRAWN and the number is never reused", async () => {
      const draft = await backfillOk(P.youxian);
      const res = await expectStatus<{ presaleNumber: string; status: string }>(
        await json('/api/v1/supervision/backfill/presale-permits/withdraw', tokens.youxian, {}),
        200,
      );
      expect(res).toEqual({ presaleNumber: draft.presaleNumber, status: 'WITHDRAWN' });
      const verified = await verify(draft.chainToken);
      expect(verified).toMatchObject({
        valid: false,
        status: 'WITHDRAWN',
        code: 'WITHDRAWN',
        reason: 'WITHDRAWN',
        message: '该预售许可证编号已撤回，不是有效证书',
      });
      expect(verified).not.toHaveProperty('permit');
      const page = await (await api(`/V/${draft.verifyUrl.split('/V/')[1]}`)).text();
      expect(page).toContain('该预售许可证编号已撤回');
      expect(page).toContain('<code class="code">WITHDRAWN</code>');
      expect(page).not.toContain('真实有效');
      const next = await backfillOk(P.youxian);
      expect(serialOf(next.presaleNumber)).toBe(serialOf(draft.presaleNumber) + 1);
      expect((await json('/api/v1/supervision/backfill/presale-permits/withdraw', tokens.youxian, {})).status).toBe(
        200,
      );
      await expectProblem(
        await json('/api/v1/supervision/backfill/presale-permits/withdraw', tokens.chaling, {}),
        404,
        'NOTHING_TO_WITHDRAW',
      );
    });

    it('submit locks (409 afterwards for every staff role) and publishes hn.presale.permit.backfilled.v1', async () => {
      await expectProblem(
        await json('/api/v1/supervision/backfill/presale-permits/submit', tokens.chaling, {
          presaleNumbers: [z01.presaleNumber],
        }),
        403,
        'REGION_FORBIDDEN',
      );
      const done = await expectStatus<{ items: Backfilled[] }>(
        await json('/api/v1/supervision/backfill/presale-permits/submit', tokens.youxian, {
          presaleNumbers: [z01.presaleNumber],
        }),
        200,
      );
      expect(done.items[0]).toMatchObject({ backfillState: 'SUBMITTED', permit: { presaleNumber: z01.presaleNumber } });
      // submitted: now public and genuine
      expect(await verify(z01.chainToken)).toMatchObject({
        valid: true,
        status: 'VALID',
        code: 'VALID',
        permit: { presaleNumber: z01.presaleNumber },
      });
      expect(await (await api(`/V/${z01.verifyUrl.split('/V/')[1]}`)).text()).toContain('真实有效的预售许可证');
      await expectProblem(
        await json('/api/v1/supervision/backfill/presale-permits/submit', tokens.youxian, {
          presaleNumbers: [z01.presaleNumber],
        }),
        409,
        'RECORD_LOCKED',
      );
      await expectProblem(
        await json('/api/v1/supervision/backfill/presale-permits/withdraw', tokens.youxian, {
          presaleNumber: z01.presaleNumber,
        }),
        409,
        'RECORD_LOCKED',
      );
      await expectProblem(
        await json('/api/v1/supervision/backfill/presale-permits/withdraw', tokens.admin, {
          presaleNumber: z01.presaleNumber,
        }),
        409,
        'RECORD_LOCKED',
      );
      const report = {
        reason: '预售面积录入错误',
        documentNumber: '湘建房函〔2024〕12号',
        submission: submissionFor(P.youxian, { presaleArea: 12300.5 }),
      };
      for (const token of [tokens.youxian, tokens.city, tokens.province]) {
        await expectProblem(
          await multipart(
            `/api/v1/supervision/backfill/presale-permits/${z01.presaleNumber}/correction`,
            token,
            report,
            { bytes: PDF('report') },
          ),
          403,
          'ROLE_FORBIDDEN',
        );
      }
      const submitted = await expectStatus<{ items: Backfilled[] }>(
        await api('/api/v1/supervision/backfill/presale-permits?state=SUBMITTED', { token: tokens.youxian }),
        200,
      );
      expect(submitted.items.map((i) => i.permit.presaleNumber)).toEqual([z01.presaleNumber]);
      expect(await eventsOf('hn.presale.permit.backfilled.v1', z01.presaleNumber)).toHaveLength(1);
    });

    it('an ADMIN corrects the submitted backfill: audited, old token says corrected, new token valid', async () => {
      const draft = await backfillOk(P.burst);
      const report = {
        reason: '预售面积录入错误，按原证更正',
        documentNumber: '湘建房函〔2024〕12号',
        submission: submissionFor(P.youxian, {
          presaleArea: 12300.5,
          localCertificateNumber: z01.backfill.permit['localCertificateNumber'],
        }),
      };
      await expectProblem(
        await multipart(
          `/api/v1/supervision/backfill/presale-permits/${draft.presaleNumber}/correction`,
          tokens.admin,
          { ...report, submission: submissionFor(P.burst) },
          { bytes: PDF('r0') },
        ),
        409,
        'RECORD_NOT_SUBMITTED',
      );
      const reportScan = PDF('written report');
      const corrected = await expectStatus<Issued>(
        await multipart(
          `/api/v1/supervision/backfill/presale-permits/${z01.presaleNumber}/correction`,
          tokens.admin,
          report,
          { bytes: reportScan, name: '书面报告.pdf' },
        ),
        200,
      );
      expect(corrected.presaleNumber).toBe(z01.presaleNumber);
      expect(corrected.backfill).toMatchObject({
        status: 'CORRECTED',
        backfillState: 'SUBMITTED',
        permit: { presaleArea: 12300.5 },
      });
      expect(await verify(z01.chainToken)).toMatchObject({
        valid: false,
        status: 'CORRECTED',
        code: 'CORRECTED',
        reason: 'CORRECTED',
        message: '该证书已更正，此二维码为旧版本，请以最新证书为准',
        permit: { presaleArea: 12300.5 },
        current: {
          presaleNumber: z01.presaleNumber,
          verifyUrl: corrected.verifyUrl,
          verifyPath: `/V/${corrected.verifyUrl.split('/V/')[1]}`,
        },
      });
      expect(await verify(corrected.chainToken)).toMatchObject({
        valid: true,
        permit: { presaleNumber: z01.presaleNumber, presaleArea: 12300.5 },
      });
      const oldPage = await (await api(`/V/${z01.verifyUrl.split('/V/')[1]}`)).text();
      expect(oldPage).toContain('该证书已更正，请以最新证书为准');
      expect(oldPage).toContain(
        `<a href="/V/${corrected.verifyUrl.split('/V/')[1]}">查看最新证书 ${z01.presaleNumber}</a>`,
      );
      // the link opens the current certificate's page: genuine
      expect(await (await api(`/V/${corrected.verifyUrl.split('/V/')[1]}`)).text()).toContain('真实有效的预售许可证');

      const audit = await expectStatus<{ items: AuditEntry[] }>(
        await api('/api/v1/audit?actor=sheng.admin&pageSize=50', { token: tokens.province }),
        200,
      );
      const row = audit.items.find(
        (a) =>
          a.action === 'POST /api/v1/supervision/backfill/presale-permits/:presaleNumber/correction' &&
          a.status === 200,
      );
      expect(row).toMatchObject({
        role: 'ADMIN',
        target: `presaleNumber=${z01.presaleNumber}`,
        before: { presaleNumber: z01.presaleNumber, presaleArea: 12345.67 },
      });
      expect(row!.after).toMatchObject({
        reason: report.reason,
        documentNumber: report.documentNumber,
        report: { sha256: createHash('sha256').update(reportScan).digest('hex'), fileName: '书面报告.pdf' },
        permit: { presaleArea: 12300.5 },
      });
      expect(JSON.stringify(audit.items)).not.toContain(reportScan.toString('base64'));
      const refused = audit.items.find((a) => a.action.endsWith('/correction') && a.status === 409);
      expect(refused?.after).toMatchObject({ data: { reason: report.reason } });
      expect(await eventsOf('hn.presale.permit.corrected.v1', z01.presaleNumber)).toHaveLength(1);
    });
  });

  describe('已办预售未办施工许可', () => {
    it('registers a project with its scan, lists it by region and publishes the event', async () => {
      const data = {
        projectName: '攸县滨江花园一期',
        regionCode: '430223',
        developer: { name: '攸县滨江置业有限公司', creditCode: creditCode() },
        localCertificateNumber: '攸住建预字〔2023〕第021号',
        issueDate: '2023-11-20',
        address: '攸县江桥街道滨江路 18 号',
      };
      const project = await expectStatus<{ id: string; registeredBy: string; scan: { sha256: string } }>(
        await multipart('/api/v1/supervision/presale-without-permit', tokens.youxian, data, {
          bytes: PDF('unpermitted'),
        }),
        201,
      );
      expect(project).toMatchObject({
        ...data,
        registeredBy: 'youxian.li',
        scan: { sha256: createHash('sha256').update(PDF('unpermitted')).digest('hex') },
      });
      await expectProblem(
        await multipart('/api/v1/supervision/presale-without-permit', tokens.chaling, data, { bytes: PDF('x') }),
        403,
        'REGION_FORBIDDEN',
      );
      const invalid = await expectProblem(
        await multipart(
          '/api/v1/supervision/presale-without-permit',
          tokens.youxian,
          { ...data, regionCode: '439999', developer: { name: 'x', creditCode: '91430223MA4Q0ABC10' } },
          { bytes: PDF('y') },
        ),
        422,
        'INCOMPLETE_SUBMISSION',
      );
      expect(invalid.errors!.map((e) => e.field)).toEqual(
        expect.arrayContaining(['regionCode', 'developer.creditCode']),
      );
      const mine = await expectStatus<{ items: Array<{ id: string }>; total: number }>(
        await api('/api/v1/supervision/presale-without-permit?keyword=滨江', { token: tokens.youxian }),
        200,
      );
      expect(mine.items.map((i) => i.id)).toEqual([project.id]);
      const other = await expectStatus<{ total: number }>(
        await api('/api/v1/supervision/presale-without-permit', { token: tokens.chaling }),
        200,
      );
      expect(other.total).toBe(0);
      expect(await eventsOf('hn.presale.unpermitted-project.registered.v1', project.id)).toHaveLength(1);
    });
  });

  describe('OpenAPI', () => {
    it('documents every backfill route with a summary, problem codes and the multipart body', async () => {
      type Op = {
        summary?: string;
        requestBody?: { content: Record<string, { schema?: { properties?: Record<string, { format?: string }> } }> };
        responses: Record<
          string,
          { content?: Record<string, { examples?: Record<string, { value: { code: string } }> }> }
        >;
      };
      const doc = await expectStatus<{ paths: Record<string, Record<string, Op>> }>(
        await api('/api/openapi.json'),
        200,
      );
      const ops: Array<[string, string]> = [
        ['/api/v1/supervision/backfill/candidates', 'get'],
        ['/api/v1/supervision/backfill/presale-permits', 'post'],
        ['/api/v1/supervision/backfill/presale-permits', 'get'],
        ['/api/v1/supervision/backfill/presale-permits/withdraw', 'post'],
        ['/api/v1/supervision/backfill/presale-permits/submit', 'post'],
        ['/api/v1/supervision/backfill/presale-permits/{presaleNumber}/correction', 'post'],
        ['/api/v1/supervision/presale-without-permit', 'post'],
        ['/api/v1/supervision/presale-without-permit', 'get'],
      ];
      for (const [path, method] of ops) {
        const op = doc.paths[path]?.[method];
        expect(`${method} ${path}: ${op?.summary ?? ''}`).toMatch(/: .*[\u4e00-\u9fff].* [A-Za-z]/);
        expect(Object.keys(op!.responses).some((s) => s.startsWith('4'))).toBe(true);
      }
      for (const path of [
        '/api/v1/supervision/backfill/presale-permits',
        '/api/v1/supervision/backfill/presale-permits/{presaleNumber}/correction',
        '/api/v1/supervision/presale-without-permit',
      ]) {
        const op = doc.paths[path]!['post']!;
        expect(op.requestBody!.content['multipart/form-data']!.schema!.properties!['scan']!.format).toBe('binary');
        const codes = Object.values(op.responses).flatMap((r) =>
          Object.values(r.content?.['application/problem+json']?.examples ?? {}).map((e) => e.value.code),
        );
        expect(codes).toEqual(
          expect.arrayContaining(['SCAN_TOO_LARGE', 'SCAN_TYPE_UNSUPPORTED', 'INCOMPLETE_SUBMISSION']),
        );
      }
    });
  });

  /** Events of one type and subject on HN_PRESALE (waits up to 20 s for the outbox relay). */
  async function eventsOf(type: string, subject: string): Promise<unknown[]> {
    const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    try {
      const jsm = await nc.jetstreamManager();
      const codec = JSONCodec<{ type: string; subject: string; data: unknown }>();
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found: unknown[] = [];
        const info = await jsm.streams.info('HN_PRESALE');
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
          const event = codec.decode((await jsm.streams.getMessage('HN_PRESALE', { seq })).data);
          if (event.type === type && event.subject === subject) found.push(event.data);
        }
        if (found.length > 0 || Date.now() > deadline) return found;
        await sleep(300);
      }
    } finally {
      await nc.close();
    }
  }
});

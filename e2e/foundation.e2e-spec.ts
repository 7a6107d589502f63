import { AccessTokenService } from '@hn/auth';
import { connect, JSONCodec } from 'nats';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditCode, permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

describe('Platform foundation through the gateway', () => {
  let platform: TestPlatform;
  let readerToken: string; // 攸县 430223, permits:read
  let writerToken: string; // 株洲市 430200, approval:write + permits:read
  let changshaToken: string; // 长沙市 430100

  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const put = (permitNumber: string, body: unknown, token = writerToken): Promise<Response> =>
    api(`/api/v1/approval/construction-permits/${permitNumber}`, {
      method: 'PUT',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe(code);
    expect(problem.status).toBe(status);
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.(js|ts):\d+/); // never a stack trace
    return problem;
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow']);
    readerToken = await platform.token(await platform.createIntegrator(['430223'], ['permits:read']));
    writerToken = await platform.token(await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']));
    changshaToken = await platform.token(
      await platform.createIntegrator(['430100'], ['permits:read', 'approval:write']),
    );
    expect((await put('430223202406200101', permitBody())).status).toBe(201);
    const changsha = permitBody({
      projectCode: '2024-430102-70-03-000777',
      projectName: '锦绣星城长沙项目',
      regionCode: '430102',
      issueDate: '2024-05-10',
      units: [],
    });
    expect((await put('430102202405100101', changsha, changshaToken)).status).toBe(201);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('OAuth client credentials', () => {
    it('issues a short-lived bearer token for JSON and form bodies', async () => {
      const credential = await platform.createIntegrator(['430223'], ['permits:read']);
      const json = await api('/api/v1/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: credential.clientId,
          client_secret: credential.clientSecret,
        }),
      });
      expect(json.status).toBe(200);
      const body = (await json.json()) as { access_token: string; token_type: string; expires_in: number };
      expect(body.token_type).toBe('Bearer');
      expect(body.expires_in).toBeGreaterThan(0);
      expect(body.expires_in).toBeLessThanOrEqual(3600);
      expect(body.access_token.split('.')).toHaveLength(3);
      const form = await api('/api/v1/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: credential.clientId,
          client_secret: credential.clientSecret,
        }).toString(),
      });
      expect(form.status).toBe(200);
    });

    it('rejects a wrong secret with 401 and never logs the secret', async () => {
      const credential = await platform.createIntegrator(['430223'], ['permits:read']);
      const res = await api('/api/v1/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: credential.clientId,
          client_secret: 'wrong-secret-value',
        }),
      });
      await expectProblem(res, 401, 'INVALID_CLIENT');
      expect(platform.logs()).not.toContain(credential.clientSecret);
      expect(platform.logs()).not.toContain('wrong-secret-value');
    });

    it('rejects an unsupported grant type with the field named', async () => {
      const res = await api('/api/v1/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', client_id: 'x', client_secret: 'y' }),
      });
      const problem = await expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toContain('grant_type');
    });

    it('answers 401 without a token and with an expired one', async () => {
      await expectProblem(await api('/api/v1/construction-permits/430223202406200101'), 401, 'UNAUTHORIZED');
      const signer = new AccessTokenService({
        secret: platform.jwtSecret,
        issuer: 'hn-presale-gateway',
        ttlSeconds: 60,
      });
      const expired = await signer.sign(
        { kind: 'integrator', id: 'x', regions: ['430223'], scopes: ['permits:read'] },
        -5,
      );
      const problem = await expectProblem(
        await api('/api/v1/construction-permits/430223202406200101', { token: expired }),
        401,
        'UNAUTHORIZED',
      );
      expect(problem.detail).toContain('过期');
    });

    it('answers 403 SCOPE_FORBIDDEN when the credential lacks the scope', async () => {
      await expectProblem(await put('430223202406200101', permitBody(), readerToken), 403, 'SCOPE_FORBIDDEN');
    });
  });

  describe('construction permit lookup', () => {
    it("finds the work-plan example by number, with the correlation id in the permits service's log", async () => {
      const correlationId = `e2e-corr-${Date.now()}`;
      const res = await api('/api/v1/construction-permits/430223202406200101/units', {
        token: readerToken,
        headers: { 'x-correlation-id': correlationId },
      });
      expect(res.headers.get('x-correlation-id')).toBe(correlationId);
      const deadline = Date.now() + 2000;
      while (Date.now() < deadline && !platform.services.get('permits')!.output.join('').includes(correlationId))
        await new Promise((r) => setTimeout(r, 50));
      const permitsLine = platform.services
        .get('permits')!
        .output.join('')
        .split('\n')
        .find((l) => l.includes(correlationId));
      expect(JSON.parse(permitsLine!)).toMatchObject({
        correlationId,
        service: 'permits',
        subject: 'rpc.permits.permit.units.v1',
      });
    });

    it('finds the work-plan example by number', async () => {
      const res = await api('/api/v1/construction-permits/430223202406200101', { token: readerToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-correlation-id')).toBeTruthy();
      const permit = (await res.json()) as Record<string, unknown>;
      expect(permit).toMatchObject({
        permitNumber: '430223202406200101',
        projectName: '锦绣星城三期（22#栋）',
        regionCode: '430223',
        projectType: 'PRESALE',
        issueDate: '2024-06-20',
        status: 'VALID',
      });
    });

    it('lists the units of a permit', async () => {
      const res = await api('/api/v1/construction-permits/430223202406200101/units', { token: readerToken });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([
        { unitCode: '2024-430223-70-03-012345-DT022', name: '22#栋', floors: 33, floorArea: 12345.67 },
      ]);
    });

    it('renders the e-license as a valid PDF', async () => {
      const res = await api('/api/v1/construction-permits/430223202406200101/e-license', { token: readerToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.subarray(-6).toString()).toContain('%%EOF');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pdfParse = require('pdf-parse') as (b: Buffer) => Promise<{ text: string; numpages: number }>;
      const parsed = await pdfParse(pdf);
      expect(parsed.text).toContain('锦绣星城三期');
      expect(parsed.text).toContain('430223202406200101');
    });

    it("searches by partial project name within the caller's regions only", async () => {
      const res = await api(
        `/api/v1/construction-permits?projectName=${encodeURIComponent('锦绣星城')}&page=1&pageSize=10`,
        { token: readerToken },
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as {
        items: Array<{ permitNumber: string; regionCode: string }>;
        total: number;
        page: number;
        pageSize: number;
      };
      expect(page.items.map((p) => p.permitNumber)).toEqual(['430223202406200101']);
      expect(page.total).toBe(1);
      const province = await api(`/api/v1/construction-permits?projectName=${encodeURIComponent('锦绣星城')}`, {
        token: changshaToken,
      });
      const changshaPage = (await province.json()) as { items: Array<{ permitNumber: string }> };
      expect(changshaPage.items.map((p) => p.permitNumber)).toEqual(['430102202405100101']);
      // two-character Chinese terms go through the bigram index
      const short = await api(`/api/v1/construction-permits?projectName=${encodeURIComponent('星城')}`, {
        token: readerToken,
      });
      expect(
        ((await short.json()) as { items: Array<{ permitNumber: string }> }).items.map((p) => p.permitNumber),
      ).toEqual(['430223202406200101']);
    });

    it("answers 403 REGION_FORBIDDEN for another region's permit, before and after the service check", async () => {
      const problem = await expectProblem(
        await api('/api/v1/construction-permits/430102202405100101', { token: readerToken }),
        403,
        'REGION_FORBIDDEN',
      );
      expect(problem.detail).toContain('430102');
      await expectProblem(
        await api('/api/v1/construction-permits/430102202405100101/units', { token: readerToken }),
        403,
        'REGION_FORBIDDEN',
      );
      await expectProblem(
        await api('/api/v1/construction-permits/430102202405100101/e-license', { token: readerToken }),
        403,
        'REGION_FORBIDDEN',
      );
    });

    it.each([
      ['wrong length', '43022320240620010', 'WRONG_LENGTH'],
      ['non-digits', '43022320240620010A', 'NOT_DIGITS'],
      ['unknown region', '439999202406200101', 'UNKNOWN_REGION'],
      ['retired region', '430221202406200101', 'RETIRED_REGION'],
      ['impossible date', '430223202402300101', 'IMPOSSIBLE_DATE'],
      ['future date', '430223209901010101', 'FUTURE_DATE'],
    ])('answers 400 for a %s number with the reason', async (_label, number, reason) => {
      const problem = await expectProblem(
        await api(`/api/v1/construction-permits/${number}`, { token: readerToken }),
        400,
        'INVALID_PERMIT_NUMBER',
      );
      expect(problem.errors?.[0]?.field).toBe('permitNumber');
      expect(problem.errors?.[0]?.reason).toContain(reason);
    });

    it('answers 404 PERMIT_NOT_FOUND for a well-formed unknown number', async () => {
      const problem = await expectProblem(
        await api('/api/v1/construction-permits/430223202406209901', { token: readerToken }),
        404,
        'PERMIT_NOT_FOUND',
      );
      expect(problem.detail).toContain('430223202406209901');
    });
  });

  describe('approval-system ingest', () => {
    it('is idempotent: the same PUT again changes nothing and publishes no second event', async () => {
      const body = permitBody({
        projectCode: '2023-430211-70-03-000111',
        projectName: '天元幂等测试花园',
        regionCode: '430211',
        issueDate: '2023-03-15',
        units: [],
      });
      const first = await put('430211202303150201', body);
      expect(first.status).toBe(201);
      const second = await put('430211202303150201', body);
      expect(second.status).toBe(200);
      expect(((await second.json()) as { outcome: string }).outcome).toBe('unchanged');
      const cachedBefore = (await (
        await api('/api/v1/construction-permits/430211202303150201', { token: writerToken })
      ).json()) as { fivePartyAcceptanceDate: string | null };
      expect(cachedBefore.fivePartyAcceptanceDate).toBeNull();
      const changed = await put('430211202303150201', { ...body, fivePartyAcceptanceDate: '2025-01-10' });
      expect(((await changed.json()) as { outcome: string }).outcome).toBe('updated');
      // the gateway's lookup cache is invalidated by the permit event within moments of the commit
      const deadline = Date.now() + 2000;
      let seen: string | null = null;
      while (Date.now() < deadline && seen !== '2025-01-10') {
        seen = (
          (await (await api('/api/v1/construction-permits/430211202303150201', { token: writerToken })).json()) as {
            fivePartyAcceptanceDate: string | null;
          }
        ).fivePartyAcceptanceDate;
        if (seen !== '2025-01-10') await new Promise((r) => setTimeout(r, 50));
      }
      expect(seen).toBe('2025-01-10');

      const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
      try {
        const jsm = await nc.jetstreamManager();
        const types: string[] = [];
        const codec = JSONCodec<{ type: string; subject: string; id: string }>();
        await new Promise((r) => setTimeout(r, 1500));
        const info = await jsm.streams.info('HN_PERMITS');
        for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
          const msg = await jsm.streams.getMessage('HN_PERMITS', { seq });
          const event = codec.decode(msg.data);
          if (event.subject === '430211202303150201') {
            types.push(event.type);
            expect(msg.header.get('Nats-Msg-Id')).toBe(event.id);
          }
        }
        expect(types.sort()).toEqual([
          'hn.permits.acceptance.recorded.v1',
          'hn.permits.permit.registered.v1',
          'hn.permits.permit.updated.v1',
        ]);
      } finally {
        await nc.close();
      }
    });

    it("refuses a permit outside the caller's regions with 403 and writes nothing", async () => {
      const body = permitBody({
        projectCode: '2024-430102-70-03-000999',
        projectName: '越权写入',
        regionCode: '430102',
        issueDate: '2024-05-10',
        units: [],
      });
      await expectProblem(await put('430102202405100301', body), 403, 'REGION_FORBIDDEN');
      await expectProblem(
        await api('/api/v1/construction-permits/430102202405100301', { token: changshaToken }),
        404,
        'PERMIT_NOT_FOUND',
      );
    });

    it('rejects a body that disagrees with the number, naming each field', async () => {
      const problem = await expectProblem(
        await put(
          '430223202406200102',
          permitBody({ regionCode: '430224', issueDate: '2024-06-21', developerCreditCode: '91430223MA4Q0ABC10' }),
        ),
        400,
        'VALIDATION_FAILED',
      );
      const fields = problem.errors?.map((e) => e.field) ?? [];
      expect(fields).toEqual(expect.arrayContaining(['regionCode', 'issueDate', 'developerCreditCode']));
    });
  });

  describe('bad input never yields a 500', () => {
    it('malformed JSON → 400', async () => {
      const res = await api('/api/v1/approval/construction-permits/430223202406200101', {
        method: 'PUT',
        token: writerToken,
        headers: { 'content-type': 'application/json' },
        body: '{"projectCode": ',
      });
      const problem = await expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'body', reason: 'malformed JSON' }]);
      expect(problem.detail).toContain('JSON');
    });

    it('wrong types and unknown fields → 400 naming the fields', async () => {
      const problem = await expectProblem(
        await put(
          '430223202406200101',
          permitBody({ units: [{ unitCode: 'A1', name: '1#', floors: 'three', floorArea: -1 }], hacker: true }),
        ),
        400,
        'VALIDATION_FAILED',
      );
      const fields = problem.errors?.map((e) => e.field) ?? [];
      expect(fields).toEqual(expect.arrayContaining(['units[0].floors', 'units[0].floorArea', 'hacker']));
    });

    it('a body over 1 MB → 413', async () => {
      const res = await put('430223202406200101', { ...permitBody(), projectName: 'x'.repeat(1_100_000) });
      await expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('absurd page sizes and pages → 400 naming the field', async () => {
      const problem = await expectProblem(
        await api('/api/v1/construction-permits?projectName=a&pageSize=100000', { token: readerToken }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((e) => e.field)).toContain('pageSize');
      const neg = await expectProblem(
        await api('/api/v1/construction-permits?projectName=a&page=-1', { token: readerToken }),
        400,
        'VALIDATION_FAILED',
      );
      expect(neg.errors?.map((e) => e.field)).toContain('page');
      const missing = await expectProblem(
        await api('/api/v1/construction-permits', { token: readerToken }),
        400,
        'VALIDATION_FAILED',
      );
      expect(missing.errors?.map((e) => e.field)).toContain('projectName');
    });

    it('unknown routes → 404 problem', async () => {
      await expectProblem(await api('/api/v1/nothing-here', { token: readerToken }), 404, 'NOT_FOUND');
    });
  });

  describe('OpenAPI and health', () => {
    it('documents every operation with a summary and its error responses', async () => {
      const res = await api('/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = (await res.json()) as {
        openapi: string;
        paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>;
      };
      expect(doc.openapi).toMatch(/^3\./);
      for (const path of [
        '/api/v1/oauth/token',
        '/api/v1/construction-permits',
        '/api/v1/construction-permits/{permitNumber}',
        '/api/v1/construction-permits/{permitNumber}/units',
        '/api/v1/construction-permits/{permitNumber}/e-license',
        '/api/v1/approval/construction-permits/{permitNumber}',
      ]) {
        expect(doc.paths[path]).toBeDefined();
      }
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          expect(`${method} ${path}: ${op.summary ?? ''}`).toMatch(/: .+/);
          if (path.startsWith('/api/v1/')) expect(Object.keys(op.responses).some((s) => s.startsWith('4'))).toBe(true);
        }
      }
      expect((await api('/api/docs')).status).toBe(200);
    });

    it('sends the response headers the document lists, and the scopes it lists are the ones that work', async () => {
      type Op = {
        security: Array<Record<string, string[]>>;
        responses: Record<string, { headers?: Record<string, unknown> }>;
      };
      const doc = (await (await api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
      const read = doc.paths['/api/v1/construction-permits/{permitNumber}']!['get']!;
      expect(read.security).toEqual([{ oauth2: ['permits:read'] }, { staffBearer: [] }]);
      const ok = await api('/api/v1/construction-permits/430223202406200101', { token: readerToken });
      expect(ok.status).toBe(200);
      for (const name of Object.keys(read.responses['200']!.headers ?? {}))
        expect(`${name}: ${ok.headers.get(name) !== null}`).toBe(`${name}: true`);
      expect(Object.keys(read.responses['200']!.headers ?? {})).toEqual([
        'X-Correlation-Id',
        'RateLimit-Policy',
        'RateLimit',
      ]);
      // the push route lists approval:write only (a permits:read credential gets 403 SCOPE_FORBIDDEN, tested above)
      const push = doc.paths['/api/v1/approval/construction-permits/{permitNumber}']!['put']!;
      expect(push.security).toEqual([{ oauth2: ['approval:write'] }]);
      const health = doc.paths['/health']!['get']!;
      expect(health.security).toEqual([]);
      const h = await api('/health');
      for (const name of Object.keys(health.responses['200']!.headers ?? {}))
        expect(h.headers.get(name)).not.toBeNull();
    });

    it('reports every service on /health and serves Prometheus metrics', async () => {
      const res = await api('/health');
      expect(res.status).toBe(200);
      const health = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
      expect(health.status).toBe('ok');
      expect(health.checks['permits']?.status).toBe('up');
      expect(health.checks['gateway-database']?.status).toBe('up');
      const metrics = await (await fetch(`${platform.managementUrl()}/metrics`)).text(); // management port only
      expect(metrics).toContain('http_request_duration_seconds');
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After once a client exceeds its limit', async () => {
      const token = await platform.token(
        await platform.createIntegrator(['430223'], ['permits:read'], ['--rate-limit', '5']),
      );
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i++) {
        const res = await api('/api/v1/construction-permits/430223202406200101', { token });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          await expectProblem(res, 429, 'RATE_LIMITED');
        }
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    });
  });

  describe('bulk import command', () => {
    it('dry run reports every bad row and writes nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hn-import-'));
      const file = join(dir, 'permits.json');
      const good = {
        permitNumber: '430223202406200301',
        ...permitBody({
          projectCode: '2024-430223-70-03-000301',
          projectName: '批量导入测试苑',
          issueDate: '2024-06-20',
          units: [],
        }),
      };
      const bad = {
        permitNumber: '430223202402300101',
        ...permitBody({ projectCode: 'bad', developerCreditCode: creditCode().slice(0, 17) + '0' }),
      };
      writeFileSync(file, JSON.stringify([good, bad]));
      const out = await platform
        .cli('permits:import', ['--file', file, '--dry-run'])
        .catch((e: { stdout: string }) => e.stdout);
      const report = JSON.parse(out.trim().split('\n').pop()!) as {
        dryRun: boolean;
        valid: number;
        invalid: number;
        errors: Array<{ row: number; field: string }>;
      };
      expect(report.dryRun).toBe(true);
      expect(report.valid).toBe(1);
      expect(report.invalid).toBe(1);
      expect(report.errors.every((e) => e.row === 2)).toBe(true);
      expect(report.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['permitNumber', 'projectCode']));
      await expectProblem(
        await api('/api/v1/construction-permits/430223202406200301', { token: readerToken }),
        404,
        'PERMIT_NOT_FOUND',
      );

      const real = await platform.cli('permits:import', ['--file', file]).catch((e: { stdout: string }) => e.stdout);
      const realReport = JSON.parse(real.trim().split('\n').pop()!) as { created: number };
      expect(realReport.created).toBe(1);
      expect((await api('/api/v1/construction-permits/430223202406200301', { token: readerToken })).status).toBe(200);
      const again = await platform.cli('permits:import', ['--file', file]).catch((e: { stdout: string }) => e.stdout);
      expect(JSON.parse(again.trim().split('\n').pop()!)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    });
  });

  describe('faults', () => {
    it('answers 503 within 3 s while permits is stopped, and recovers when it is back', async () => {
      await platform.stopService('permits');
      const started = Date.now();
      const problem = await expectProblem(
        await api('/api/v1/construction-permits/430223202406200101/units', { token: readerToken }),
        503,
        'SERVICE_UNAVAILABLE',
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect(problem.detail).toContain('permits');
      const uncached = Date.now();
      await expectProblem(
        await api('/api/v1/construction-permits/430223202301019901', { token: readerToken }),
        503,
        'SERVICE_UNAVAILABLE',
      );
      expect(Date.now() - uncached).toBeLessThan(3000);
      const health = await api('/health');
      expect(health.status).toBe(503);
      await platform.startService('permits');
      expect((await api('/api/v1/construction-permits/430223202406200101', { token: readerToken })).status).toBe(200);
    });
  });
});

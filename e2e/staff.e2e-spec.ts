import { testDatabaseUrl } from '@hn/testing';
import { Client } from 'pg';
import { permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  role: string | null;
  region: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: { outcome?: string; ip?: string } | null;
  correlationId: string | null;
  status: number;
}

interface AuditPage {
  items: AuditEntry[];
  page: number;
  pageSize: number;
  total: number;
}

// Passwords used in this suite: none of them may ever show up in audit rows, logs or CLI output.
const PASSWORDS = {
  youxian: 'Youxian2024ok',
  zhuzhou: 'Zhuzhou2024ok',
  province: 'Hunan2024prov',
  admin: 'Hunan2024admin',
  chaling: 'Chaling2024ok',
  wrong: 'WrongPassw0rd',
};

const YOUXIAN_PERMIT = '430223202406200101'; // 攸县
const CHALING_PERMIT = '430224202406200101'; // 茶陵县, same city (株洲市)
const CHANGSHA_PERMIT = '430102202405100101'; // 长沙市芙蓉区

describe('Staff accounts, login, roles and audit through the gateway', () => {
  let platform: TestPlatform;
  let provinceToken: string;

  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ status, code });
    return problem;
  };
  const cliFailure = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      await platform.cli('staff:create', args);
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
    throw new Error(`staff:create ${args.join(' ')} should have failed`);
  };
  const audit = async (query: string, token = provinceToken): Promise<AuditPage> => {
    const res = await api(`/api/v1/audit?${query}`, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as AuditPage;
  };
  const gatewayDb = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({
      connectionString: testDatabaseUrl(platform.env['DATABASE_URL']!, platform.env['GATEWAY_DB_NAME']!),
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const jwtPayload = (token: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    const zhuzhouWriter = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']),
    );
    const changshaWriter = await platform.token(
      await platform.createIntegrator(['430100'], ['permits:read', 'approval:write']),
    );
    const put = (number: string, body: unknown, token: string): Promise<Response> =>
      api(`/api/v1/approval/construction-permits/${number}`, {
        method: 'PUT',
        token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put(YOUXIAN_PERMIT, permitBody(), zhuzhouWriter)).status).toBe(201);
    expect(
      (
        await put(
          CHALING_PERMIT,
          permitBody({
            projectCode: '2024-430224-70-03-000224',
            projectName: '茶陵云阳新城',
            regionCode: '430224',
            units: [],
          }),
          zhuzhouWriter,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await put(
          CHANGSHA_PERMIT,
          permitBody({
            projectCode: '2024-430102-70-03-000777',
            projectName: '芙蓉华府',
            regionCode: '430102',
            issueDate: '2024-05-10',
            units: [],
          }),
          changshaWriter,
        )
      ).status,
    ).toBe(201);

    await platform.createStaff('province.li', PASSWORDS.province, 'PROVINCE', '430000');
    provinceToken = await platform.staffToken('province.li', PASSWORDS.province);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('operator command npm run staff:create', () => {
    it('creates an account and prints one JSON line without the password', async () => {
      const out = await platform.cli('staff:create', [
        '--username',
        'youxian.zhang',
        '--password',
        PASSWORDS.youxian,
        '--role',
        'COUNTY',
        '--region',
        '430223',
      ]);
      const lines = out.trim().split('\n');
      expect(JSON.parse(lines[lines.length - 1]!)).toEqual({
        username: 'youxian.zhang',
        role: 'COUNTY',
        region: '430223',
      });
      expect(out).not.toContain(PASSWORDS.youxian);
      await expect(platform.createStaff('zhuzhou.wang', PASSWORDS.zhuzhou, 'CITY', '430200')).resolves.toEqual({
        username: 'zhuzhou.wang',
        role: 'CITY',
        region: '430200',
      });
      await expect(platform.createStaff('admin.chen', PASSWORDS.admin, 'ADMIN', '430000')).resolves.toEqual({
        username: 'admin.chen',
        role: 'ADMIN',
        region: '430000',
      });
      await expect(platform.createStaff('chaling.liu', PASSWORDS.chaling, 'COUNTY', '430224')).resolves.toEqual({
        username: 'chaling.liu',
        role: 'COUNTY',
        region: '430224',
      });
    });

    it('stores only a scrypt hash of the password', async () => {
      const rows = await gatewayDb((c) =>
        c.query<{
          password_hash: string;
          role: string;
          region_code: string;
          failed_logins: number;
          locked_until: Date | null;
          disabled: boolean;
        }>(`SELECT * FROM staff_user WHERE username = 'province.li'`),
      );
      expect(rows.rows[0]).toMatchObject({
        role: 'PROVINCE',
        region_code: '430000',
        failed_logins: 0,
        locked_until: null,
        disabled: false,
      });
      expect(rows.rows[0]!.password_hash).toMatch(/^scrypt\$/);
      expect(rows.rows[0]!.password_hash).not.toContain(PASSWORDS.province);
    });

    it.each([
      [
        'a short password',
        ['--username', 'weak.one', '--password', 'abc123', '--role', 'COUNTY', '--region', '430223'],
        /密码.*password must be 10/,
      ],
      [
        'a password without digits',
        ['--username', 'weak.two', '--password', 'abcdefghijkl', '--role', 'COUNTY', '--region', '430223'],
        /字母和数字.*letters and digits/,
      ],
      [
        'a password without letters',
        ['--username', 'weak.three', '--password', '123456789012', '--role', 'COUNTY', '--region', '430223'],
        /letters and digits/,
      ],
      [
        'an upper-case username',
        ['--username', 'Zhang', '--password', 'Zhangsan2024', '--role', 'COUNTY', '--region', '430223'],
        /用户名.*username/,
      ],
      [
        'an unknown role',
        ['--username', 'role.x', '--password', 'Zhangsan2024', '--role', 'MAYOR', '--region', '430223'],
        /角色.*role must be/,
      ],
      [
        'a COUNTY bound to a city code',
        ['--username', 'county.x', '--password', 'Zhangsan2024', '--role', 'COUNTY', '--region', '430200'],
        /县市区.*county-level/,
      ],
      [
        'a CITY bound to a county code',
        ['--username', 'city.x', '--password', 'Zhangsan2024', '--role', 'CITY', '--region', '430223'],
        /市州.*prefecture/,
      ],
      [
        'a PROVINCE bound to a city',
        ['--username', 'prov.x', '--password', 'Zhangsan2024', '--role', 'PROVINCE', '--region', '430200'],
        /430000/,
      ],
      [
        'a retired county code',
        ['--username', 'county.y', '--password', 'Zhangsan2024', '--role', 'COUNTY', '--region', '430122'],
        /已撤销.*retired/,
      ],
      [
        'a duplicate username',
        ['--username', 'youxian.zhang', '--password', 'Another2024x', '--role', 'COUNTY', '--region', '430223'],
        /已存在.*already exists/,
      ],
      ['a missing argument', ['--username', 'no.pass', '--role', 'COUNTY', '--region', '430223'], /usage/],
      [
        'an unknown option',
        ['--username', 'x.y.z', '--password', 'Zhangsan2024', '--role', 'COUNTY', '--region', '430223', '--superuser'],
        /usage/,
      ],
    ])('refuses %s with a clear message and exit code 1', async (_label, args, message) => {
      const result = await cliFailure(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      const password = args[args.indexOf('--password') + 1];
      if (args.includes('--password')) expect(`${result.stdout}${result.stderr}`).not.toContain(password);
    });

    it('created nothing for the refused accounts', async () => {
      const rows = await gatewayDb((c) =>
        c.query<{ username: string }>(`SELECT username FROM staff_user ORDER BY username`),
      );
      expect(rows.rows.map((r) => r.username)).toEqual([
        'admin.chen',
        'chaling.liu',
        'province.li',
        'youxian.zhang',
        'zhuzhou.wang',
      ]);
    });
  });

  describe('POST /api/v1/auth/login', () => {
    it('returns a bearer token carrying kind staff, the username, the region, the role and its scopes', async () => {
      const res = await platform.staffLogin('youxian.zhang', PASSWORDS.youxian);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
      expect(body.token_type).toBe('Bearer');
      expect(body.expires_in).toBeGreaterThan(0);
      expect(jwtPayload(body.access_token)).toMatchObject({
        kind: 'staff',
        sub: 'youxian.zhang',
        regions: ['430223'],
        role: 'COUNTY',
        scope: 'permits:read statistics:read supervision:read supervision:write',
      });
      const admin = jwtPayload(await platform.staffToken('admin.chen', PASSWORDS.admin));
      expect(admin).toMatchObject({ kind: 'staff', regions: ['430000'], role: 'ADMIN' });
      expect(String(admin['scope']).split(' ')).toEqual(expect.arrayContaining(['supervision:correct']));
      expect(String(jwtPayload(provinceToken)['scope']).split(' ')).toEqual(expect.arrayContaining(['audit:read']));
    });

    it("scopes the token to the account's region: county, city and province", async () => {
      const county = await platform.staffToken('youxian.zhang', PASSWORDS.youxian);
      const city = await platform.staffToken('zhuzhou.wang', PASSWORDS.zhuzhou);
      const permit = (number: string, token: string): Promise<Response> =>
        api(`/api/v1/construction-permits/${number}`, { token });

      const own = await permit(YOUXIAN_PERMIT, county);
      expect(own.status).toBe(200);
      expect(await own.json()).toMatchObject({ permitNumber: YOUXIAN_PERMIT, regionCode: '430223' });
      const other = await expectProblem(await permit(CHALING_PERMIT, county), 403, 'REGION_FORBIDDEN');
      expect(other.detail).toContain('430224');
      await expectProblem(await permit(CHANGSHA_PERMIT, county), 403, 'REGION_FORBIDDEN');

      expect((await permit(YOUXIAN_PERMIT, city)).status).toBe(200);
      expect((await permit(CHALING_PERMIT, city)).status).toBe(200);
      await expectProblem(await permit(CHANGSHA_PERMIT, city), 403, 'REGION_FORBIDDEN');

      for (const number of [YOUXIAN_PERMIT, CHALING_PERMIT, CHANGSHA_PERMIT])
        expect((await permit(number, provinceToken)).status).toBe(200);
    });

    it('answers a wrong password and an unknown user alike: 401 INVALID_CREDENTIALS after the same work', async () => {
      const timed = async (username: string): Promise<{ ms: number; problem: Problem }> => {
        const started = process.hrtime.bigint();
        const res = await platform.staffLogin(username, PASSWORDS.wrong, '10.20.0.2');
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        return { ms, problem: await expectProblem(res, 401, 'INVALID_CREDENTIALS') };
      };
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 2; i++) {
        const a = await timed('zhuzhou.wang');
        const b = await timed('nobody.here');
        expect(b.problem.detail).toBe(a.problem.detail);
        wrong.push(a.ms);
        unknown.push(b.ms);
      }
      const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      // both pay for one scrypt verification; generous bounds for a noisy 2-vCPU machine
      expect(median(unknown) / median(wrong)).toBeGreaterThan(0.3);
      expect(median(unknown) / median(wrong)).toBeLessThan(3.5);
      // two failures do not lock: the right password still works
      expect((await platform.staffLogin('zhuzhou.wang', PASSWORDS.zhuzhou, '10.20.0.2')).status).toBe(200);
    });

    it('rejects a malformed body with 400 naming the field', async () => {
      const res = await api('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.20.0.3' },
        body: JSON.stringify({ username: 'youxian.zhang' }),
      });
      const problem = await expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toContain('password');
    });

    it('locks the account for 15 minutes after 5 wrong passwords in a row, then lets it in again', async () => {
      for (let i = 0; i < 5; i++)
        await expectProblem(
          await platform.staffLogin('chaling.liu', PASSWORDS.wrong, '10.20.0.4'),
          401,
          'INVALID_CREDENTIALS',
        );
      const locked = await platform.staffLogin('chaling.liu', PASSWORDS.chaling, '10.20.0.4'); // even the right password
      const problem = await expectProblem(locked, 429, 'ACCOUNT_LOCKED');
      expect(problem.detail).toMatch(/锁定.*locked/);
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      await expectProblem(
        await platform.staffLogin('chaling.liu', PASSWORDS.wrong, '10.20.0.4'),
        429,
        'ACCOUNT_LOCKED',
      );
      const row = await gatewayDb((c) =>
        c.query<{ failed_logins: number; lock_minutes: number }>(
          `SELECT failed_logins, extract(epoch FROM locked_until - now()) / 60 AS lock_minutes FROM staff_login_failure WHERE username = 'chaling.liu'`,
        ),
      );
      expect(row.rows[0]!.failed_logins).toBe(5);
      expect(Number(row.rows[0]!.lock_minutes)).toBeGreaterThan(14);

      // 15 minutes later (moved in the database): the right password works and the counter restarts
      await gatewayDb((c) =>
        c.query(
          `UPDATE staff_login_failure SET locked_until = now() - interval '1 second' WHERE username = 'chaling.liu'`,
        ),
      );
      expect((await platform.staffLogin('chaling.liu', PASSWORDS.chaling, '10.20.0.4')).status).toBe(200);
      const reset = await gatewayDb((c) =>
        c.query(`SELECT failed_logins, locked_until FROM staff_login_failure WHERE username = 'chaling.liu'`),
      );
      expect(reset.rows).toEqual([]);
    });

    it('refuses a disabled account like a wrong password', async () => {
      await platform.createStaff('disabled.one', 'Disabled2024x', 'COUNTY', '430223');
      await gatewayDb((c) => c.query(`UPDATE staff_user SET disabled = true WHERE username = 'disabled.one'`));
      await expectProblem(
        await platform.staffLogin('disabled.one', 'Disabled2024x', '10.20.0.5'),
        401,
        'INVALID_CREDENTIALS',
      );
    });
  });

  describe('GET /api/v1/audit', () => {
    it('is for PROVINCE and ADMIN staff only: 403 ROLE_FORBIDDEN for county, city and integrators', async () => {
      const county = await platform.staffToken('youxian.zhang', PASSWORDS.youxian, '10.20.0.6');
      const city = await platform.staffToken('zhuzhou.wang', PASSWORDS.zhuzhou, '10.20.0.6');
      const integrator = await platform.token(await platform.createIntegrator(['430223'], ['permits:read']));
      for (const token of [county, city, integrator]) {
        const problem = await expectProblem(await api('/api/v1/audit', { token }), 403, 'ROLE_FORBIDDEN');
        expect(problem.detail).toContain('PROVINCE');
      }
      await expectProblem(await api('/api/v1/audit'), 401, 'UNAUTHORIZED');
      const admin = await platform.staffToken('admin.chen', PASSWORDS.admin, '10.20.0.6');
      expect((await api('/api/v1/audit', { token: admin })).status).toBe(200);
    });

    it('shows province staff every login attempt, newest first, including failures and lockouts', async () => {
      const page = await audit('actor=chaling.liu&pageSize=50');
      expect(page.items.map((e) => [e.status, e.after?.outcome])).toEqual([
        [200, 'SUCCESS'],
        [429, 'ACCOUNT_LOCKED'],
        [429, 'ACCOUNT_LOCKED'],
        [401, 'INVALID_CREDENTIALS'],
        [401, 'INVALID_CREDENTIALS'],
        [401, 'INVALID_CREDENTIALS'],
        [401, 'INVALID_CREDENTIALS'],
        [401, 'INVALID_CREDENTIALS'],
      ]);
      expect(page.total).toBe(8);
      for (const entry of page.items) {
        expect(entry).toMatchObject({
          actor: 'chaling.liu',
          role: 'COUNTY',
          region: '430224',
          action: 'POST /api/v1/auth/login',
        });
        expect(entry.after?.ip).toBe('10.20.0.4');
        expect(entry.correlationId).toBeTruthy();
      }
      const times = page.items.map((e) => Date.parse(e.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const unknown = await audit('actor=nobody.here');
      expect(unknown.items).toHaveLength(2);
      expect(unknown.items[0]).toMatchObject({
        actor: 'nobody.here',
        role: null,
        region: null,
        status: 401,
        after: { outcome: 'INVALID_CREDENTIALS' },
      });
    });

    it('records the operator command too', async () => {
      const page = await audit(`action=${encodeURIComponent('CLI staff:create')}&pageSize=100`);
      expect(page.items.map((e) => e.target)).toEqual(
        expect.arrayContaining(['username=youxian.zhang', 'username=province.li']),
      );
      expect(page.items.find((e) => e.target === 'username=youxian.zhang')).toMatchObject({
        region: '430223',
        status: 201,
        after: { username: 'youxian.zhang', role: 'COUNTY', region: '430223' },
      });
    });

    it('filters by time and pages', async () => {
      const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); // Beijing date
      const yesterday = new Date(Date.now() - 16 * 3600 * 1000).toISOString().slice(0, 10);
      expect((await audit(`actor=chaling.liu&from=${today}&to=${today}`)).total).toBe(8);
      expect((await audit(`actor=chaling.liu&to=${yesterday}`)).total).toBe(0);
      expect(
        (await audit(`actor=chaling.liu&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`))
          .total,
      ).toBe(0);
      const first = await audit('actor=chaling.liu&page=1&pageSize=3');
      const second = await audit('actor=chaling.liu&page=2&pageSize=3');
      expect(first.items).toHaveLength(3);
      expect(second.items).toHaveLength(3);
      expect(first.total).toBe(8);
      expect(second.items[0]!.id).toBeLessThan(first.items[2]!.id);
      const bad = await expectProblem(
        await api('/api/v1/audit?from=2024-02-30&pageSize=1000', { token: provinceToken }),
        400,
        'VALIDATION_FAILED',
      );
      expect(bad.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['pageSize']));
      const impossible = await expectProblem(
        await api('/api/v1/audit?from=2024-02-30', { token: provinceToken }),
        400,
        'VALIDATION_FAILED',
      );
      expect(impossible.errors?.map((e) => e.field)).toEqual(['from']);
    });

    it('never stores or logs a password', async () => {
      const all = await audit('pageSize=200');
      expect(all.total).toBeGreaterThan(20);
      const dump =
        JSON.stringify(all) +
        JSON.stringify(await gatewayDb((c) => c.query('SELECT * FROM audit_entry')).then((r) => r.rows));
      const logs = platform.logs();
      for (const password of Object.values(PASSWORDS)) {
        expect(dump).not.toContain(password);
        expect(logs).not.toContain(password);
      }
    });
  });

  describe('rate limit and documentation', () => {
    it('limits login attempts per IP with 429 RATE_LIMITED and Retry-After', async () => {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 21; i++) {
        last = await platform.staffLogin(`spray.${i}`, PASSWORDS.wrong, '10.20.9.9');
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      await expectProblem(last!, 429, 'RATE_LIMITED');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      // another address is not affected
      expect((await platform.staffLogin('youxian.zhang', PASSWORDS.youxian, '10.20.9.10')).status).toBe(200);
    });

    it('documents login and audit under the Staff tag with their error responses', async () => {
      const doc = (await (await api('/api/openapi.json')).json()) as {
        paths: Record<
          string,
          Record<string, { tags?: string[]; summary?: string; responses: Record<string, unknown> }>
        >;
      };
      const login = doc.paths['/api/v1/auth/login']?.['post'];
      const auditOp = doc.paths['/api/v1/audit']?.['get'];
      expect(login?.tags).toEqual(['工作人员 Staff']);
      expect(auditOp?.tags).toEqual(['工作人员 Staff']);
      expect(Object.keys(login!.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
      expect(Object.keys(auditOp!.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      expect(login?.summary).toBeTruthy();
    });
  });
});

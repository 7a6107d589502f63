import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/console-browser';
import { permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * The staff console's cookie session (POST/GET/DELETE /api/v1/auth/session): an HttpOnly
 * SameSite=Strict cookie scripts cannot read, CSRF double submit (X-CSRF-Token) on unsafe requests,
 * logout revoking the token; bearer clients exactly as before. Through the gateway and in Debian's chromium.
 */
const PASSWORD = 'Session2024ok';
const STOCK = '430223202406210101'; // 攸县 stock permit, not typed: something to mark
const SESSION = '/api/v1/auth/session';
const MARK = '/api/v1/supervision/marking/batch';

interface Problem {
  status: number;
  code: string;
  detail: string;
}

/** name=value of each Set-Cookie, and its attributes in lower case. */
function cookiesOf(res: Response): Map<string, { value: string; attrs: string[] }> {
  const out = new Map<string, { value: string; attrs: string[] }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair!.indexOf('=');
    out.set(pair!.slice(0, eq), { value: pair!.slice(eq + 1), attrs: attrs.map((a) => a.toLowerCase()) });
  }
  return out;
}

describe('console cookie session and CSRF', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ipSeq = 0;

  const api = (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', `10.70.0.${++ipSeq}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const sessionLogin = (headers: Record<string, string> = {}): Promise<Response> =>
    api(SESSION, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'youxian.session', password: PASSWORD }),
    });
  /** A fresh cookie session: the Cookie header to send and the CSRF token. */
  const cookieSession = async (): Promise<{ cookie: string; csrf: string; token: string }> => {
    const res = await sessionLogin();
    expect(res.status).toBe(200);
    const jar = cookiesOf(res);
    const token = jar.get('hn_session')!.value;
    const csrf = jar.get('hn_csrf')!.value;
    return { cookie: `hn_session=${token}; hn_csrf=${csrf}`, csrf, token };
  };
  const markBody = (projectType: string): string => JSON.stringify({ permitNumbers: [STOCK], projectType });
  const typeOf = async (token: string): Promise<string | null> => {
    const res = await api(`/api/v1/supervision/marking?keyword=${STOCK}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items: Array<{ permitNumber: string; projectType: string | null }> };
    return body.items.find((i) => i.permitNumber === STOCK)?.projectType ?? null;
  };
  const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    const problem = JSON.parse(text) as Problem;
    expect(problem.code).toBe(code);
    expect(problem.detail).toMatch(/[\u4e00-\u9fff]/);
    return problem;
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    const put = await fetch(`${platform.gatewayUrl}/api/v1/approval/construction-permits/${STOCK}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        permitBody({
          projectCode: '2024-430223-70-03-210101',
          issueDate: '2024-06-21',
          projectName: '攸县老城安置小区',
          projectType: null,
          startDate: null,
          plannedCompletionDate: null,
          units: [],
        }),
      ),
    });
    expect(`${put.status} ${await put.text()}`).toMatch(/^201 /);
    await platform.createStaff('youxian.session', PASSWORD, 'COUNTY', '430223');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('logs in with an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie; the body holds no token', async () => {
    const res = await sessionLogin();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'expiresIn', 'regions', 'role', 'scopes', 'username']);
    expect(body).toMatchObject({ username: 'youxian.session', role: 'COUNTY', regions: ['430223'] });
    expect(JSON.stringify(body)).not.toMatch(/eyJ/);
    const jar = cookiesOf(res);
    expect([...jar.keys()].sort()).toEqual(['hn_csrf', 'hn_session']);
    expect(jar.get('hn_session')!.value).toMatch(/^eyJ/);
    expect(jar.get('hn_session')!.attrs.sort()).toEqual(['httponly', 'max-age=900', 'path=/api/', 'samesite=strict']);
    expect(jar.get('hn_csrf')!.attrs.sort()).toEqual(['max-age=900', 'path=/', 'samesite=strict']); // readable, no token
    expect(jar.get('hn_csrf')!.value).not.toBe(jar.get('hn_session')!.value);

    // Secure once the request came over HTTPS (as the trusted proxy says)
    const https = cookiesOf(await sessionLogin({ 'x-forwarded-proto': 'https' }));
    expect(https.get('hn_session')!.attrs).toContain('secure');
    expect(https.get('hn_csrf')!.attrs).toContain('secure');
    // another site cannot log the browser in (login CSRF)
    await expectProblem(await sessionLogin({ 'sec-fetch-site': 'cross-site' }), 403, 'CROSS_SITE_REQUEST');
    await expectProblem(
      await api(SESSION, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'youxian.session', password: 'wrong-password' }),
      }),
      401,
      'INVALID_CREDENTIALS',
    );
  });

  it('reads with the cookie alone; a write needs X-CSRF-Token matching the session, else a clear 403 and nothing written', async () => {
    const { cookie, csrf } = await cookieSession();
    const me = await api(SESSION, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'youxian.session', role: 'COUNTY' });
    expect((await api(`/api/v1/supervision/marking?keyword=${STOCK}`, { headers: { cookie } })).status).toBe(200);

    const write = (headers: Record<string, string>, projectType = 'CURRENT_SALE'): Promise<Response> =>
      api(MARK, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: markBody(projectType),
      });
    const missing = await expectProblem(await write({}), 403, 'CSRF_TOKEN_MISSING');
    expect(missing.detail).toContain('X-CSRF-Token');
    await expectProblem(await write({ 'x-csrf-token': `${csrf.slice(0, -2)}xx` }), 403, 'CSRF_TOKEN_INVALID');
    // a CSRF token of another session does not fit this one
    const other = await cookieSession();
    await expectProblem(await write({ 'x-csrf-token': other.csrf }), 403, 'CSRF_TOKEN_INVALID');
    await expectProblem(
      await write({ 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' }),
      403,
      'CROSS_SITE_REQUEST',
    );
    const staffToken = await platform.staffToken('youxian.session', PASSWORD, '10.71.0.1');
    expect(await typeOf(staffToken)).toBeNull(); // none of the refused writes got through

    const ok = await write({ 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin' });
    expect(`${ok.status} ${(await ok.text()).slice(0, 200)}`).toMatch(/^200 /);
    expect(await typeOf(staffToken)).toBe('CURRENT_SALE');
  });

  it('leaves bearer clients exactly as before: the login body, no CSRF header, the header decides over any cookie', async () => {
    const login = await platform.staffLogin('youxian.session', PASSWORD, '10.72.0.1');
    expect(login.status).toBe(200);
    expect(login.headers.getSetCookie()).toEqual([]);
    const body = (await login.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
      password_change_required: boolean;
    };
    // the same body as before plus the one-time-password flag (附件2 accounts), false for this account
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'password_change_required', 'token_type']);
    expect([body.token_type, body.expires_in, body.password_change_required]).toEqual(['Bearer', 900, false]);
    const bearer = { authorization: `Bearer ${body.access_token}`, 'content-type': 'application/json' };
    const res = await api(MARK, { method: 'POST', headers: bearer, body: markBody('PRESALE') });
    expect(`${res.status} ${(await res.text()).slice(0, 200)}`).toMatch(/^200 /);
    expect(await typeOf(body.access_token)).toBe('PRESALE');

    // with an Authorization header the cookie is not looked at: a bad header stays a 401 with a good cookie
    const { cookie } = await cookieSession();
    await expectProblem(
      await api(SESSION, { headers: { cookie, authorization: 'Bearer not-a-token' } }),
      401,
      'UNAUTHORIZED',
    );
    await expectProblem(await api(SESSION, { headers: { cookie, authorization: 'Basic abc' } }), 401, 'UNAUTHORIZED');
    // and a good header with a foreign cookie needs no CSRF token
    const withCookie = await api(MARK, {
      method: 'POST',
      headers: { ...bearer, cookie: 'hn_session=eyJ.forged.value; hn_csrf=x' },
      body: markBody('PRESALE'),
    });
    expect(withCookie.status).toBe(200);
    await expectProblem(await api(SESSION), 401, 'UNAUTHORIZED');
  });

  it('logs out: the token is revoked before its expiry, both cookies cleared; a bearer token can be ended the same way', async () => {
    const { cookie, csrf, token } = await cookieSession();
    await expectProblem(await api(SESSION, { method: 'DELETE', headers: { cookie } }), 403, 'CSRF_TOKEN_MISSING');
    const out = await api(SESSION, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    const cleared = cookiesOf(out);
    expect(cleared.get('hn_session')).toMatchObject({ value: '', attrs: expect.arrayContaining(['max-age=0']) });
    expect(cleared.get('hn_csrf')).toMatchObject({ value: '', attrs: expect.arrayContaining(['max-age=0']) });
    // the same token, still unexpired, is refused as a cookie and as a bearer token; the answer clears the cookie again
    const again = await api(SESSION, { headers: { cookie } });
    expect(cookiesOf(again).get('hn_session')?.value).toBe('');
    expect((await expectProblem(again, 401, 'UNAUTHORIZED')).detail).toContain('已退出登录');
    await expectProblem(await api(SESSION, { headers: { authorization: `Bearer ${token}` } }), 401, 'UNAUTHORIZED');

    const bearerToken = await platform.staffToken('youxian.session', PASSWORD, '10.73.0.1');
    expect((await api(SESSION, { method: 'DELETE', headers: { authorization: `Bearer ${bearerToken}` } })).status).toBe(
      204,
    );
    await expectProblem(
      await api(SESSION, { headers: { authorization: `Bearer ${bearerToken}` } }),
      401,
      'UNAUTHORIZED',
    );
    // other sessions of the same account live on
    const other = await cookieSession();
    expect((await api(SESSION, { headers: { cookie: other.cookie } })).status).toBe(200);
  });

  it('in the browser: the token is not in document.cookie or storage, a write without the header is refused, a new tab is logged in, 退出 ends it', async () => {
    await page.goto(`${platform.gatewayUrl}/console/#/login`);
    await page.getByLabel('用户名 Username').fill('youxian.session');
    await page.getByLabel('密码 Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#logout').waitFor();

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'hn_session')!;
    expect([session.httpOnly, session.sameSite, session.path]).toEqual([true, 'Strict', '/api/']);
    const csrf = cookies.find((c) => c.name === 'hn_csrf')!;
    expect([csrf.httpOnly, csrf.sameSite]).toEqual([false, 'Strict']);
    const seen = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { cookie: string };
        sessionStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
        localStorage: { length: number };
      };
      const stored: string[] = [];
      for (let i = 0; i < g.sessionStorage.length; i++)
        stored.push(g.sessionStorage.getItem(g.sessionStorage.key(i)!)!);
      return { cookie: g.document.cookie, stored: stored.join('\n'), local: g.localStorage.length };
    });
    expect(seen.cookie).not.toContain(session.value);
    expect(seen.cookie).not.toContain('hn_session');
    expect(seen.cookie).toContain(`hn_csrf=${csrf.value}`);
    expect(seen.stored).not.toContain(session.value);
    expect(seen.stored).not.toMatch(/eyJ/);
    expect(seen.stored).toContain('youxian.session');
    expect(seen.local).toBe(0);

    // a script in the page (what an injected one could do) sends the cookie but cannot pass the CSRF check
    const forged = await page.evaluate(async (body) => {
      const res = await (globalThis as unknown as { fetch: typeof fetch }).fetch('/api/v1/supervision/marking/batch', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return { status: res.status, code: ((await res.json()) as { code: string }).code };
    }, markBody('OTHER'));
    expect(forged).toEqual({ status: 403, code: 'CSRF_TOKEN_MISSING' });

    // a second tab of the same browser: the session is restored from the server, no login
    const tab = await context.newPage();
    await tab.goto(`${platform.gatewayUrl}/console/#/marking`);
    await tab.locator('#marking-table').waitFor();
    expect(await tab.locator('header .user').innerText()).toContain('youxian.session');
    await tab.close();

    // the page's own write carries the header and is accepted
    await page.goto(`${platform.gatewayUrl}/console/#/marking?keyword=${STOCK}`);
    await page.locator(`#tick-${STOCK}`).check();
    await page.getByLabel('标记为 Mark as').selectOption('OTHER');
    await page.getByRole('button', { name: '批量标记 Mark selected' }).click();
    await page.locator('#marking-result', { hasText: '已将 1 个项目标记为' }).waitFor();

    await page.getByRole('button', { name: '退出 Log out' }).click();
    await page.getByRole('heading', { name: '工作人员登录 Staff login' }).waitFor();
    expect((await context.cookies()).map((c) => c.name)).toEqual([]);
    const after = await page.evaluate(
      async () => (await (globalThis as unknown as { fetch: typeof fetch }).fetch('/api/v1/auth/session')).status,
    );
    expect(after).toBe(401);
    // the revoked token itself, replayed from outside the browser
    await expectProblem(
      await api(SESSION, { headers: { cookie: `hn_session=${session.value}` } }),
      401,
      'UNAUTHORIZED',
    );
  });
});

import { DomainException } from '@hn/errors';
import { Rpc } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { join } from 'node:path';
import { connect, NatsConnection } from 'nats';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, seriousViolations } from './support/console-browser';
import { permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * 预售许可证统一查询 (work plan task 7(3)) through the gateway: the public API with its bad inputs and
 * rate limit, and the public page /query/ and the verification page /V/… in Debian's chromium at a
 * phone's 390 px and on a desktop, axe-core on each. Screenshots land in tmp/console/ (docs/console/
 * with CONSOLE_SCREENSHOT_DIR).
 */
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(__dirname, '..', 'tmp', 'console');
const PUBLIC_LIMIT = 30;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

interface SearchPage {
  items: Array<Record<string, unknown> & { presaleNumber: string; verifyPath: string; projectName: string }>;
  page: number;
  pageSize: number;
  total: number;
}

const PERMITS = [
  { number: '430223202406200101', project: '2024-430223-70-03-012345', name: '锦绣星城三期（22#栋）' },
  { number: '430223202406200102', project: '2024-430223-70-03-000102', name: '锦绣华庭' },
  { number: '430223202406200103', project: '2024-430223-70-03-000103', name: '河东花园' },
];

describe('预售许可证统一查询 public search', () => {
  let platform: TestPlatform;
  let issuer: string;
  let nc: NatsConnection;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ipSeq = 0;
  const issued = new Map<string, { presaleNumber: string; verifyUrl: string }>();
  const external: string[] = [];
  const cspErrors: string[] = [];

  /** Each call from its own address, so only the rate-limit test meets the per-IP limit. */
  const search = (query: string, ip = `10.60.0.${++ipSeq}`): Promise<Response> =>
    fetch(`${platform.gatewayUrl}/public/v1/presale-permits?${query}`, { headers: { 'x-forwarded-for': ip } });
  const found = async (query: string): Promise<SearchPage> => {
    const res = await search(query);
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 300)}`).toMatch(/^200 /);
    return JSON.parse(text) as SearchPage;
  };
  const refused = async (query: string, status = 400): Promise<Problem> => {
    const res = await search(query);
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
    return JSON.parse(text) as Problem;
  };
  const fields = (p: Problem): string[] => (p.errors ?? []).map((e) => e.field).sort();
  const accessible = async (what: string): Promise<void> =>
    expect({ what, serious: await seriousViolations(page) }).toEqual({ what, serious: [] });

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale'], {
      env: { GATEWAY_PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_LIMIT) },
    });
    issuer = await platform.token(
      await platform.createIntegrator(['430200'], ['approval:write', 'presale:issue'], ['--rate-limit', '1000000']),
    );
    for (const p of PERMITS) {
      const res = await fetch(`${platform.gatewayUrl}/api/v1/approval/construction-permits/${p.number}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${issuer}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          permitBody({
            projectCode: p.project,
            projectName: p.name,
            units: [{ unitCode: `${p.project}-DT001`, name: '1#栋', floors: 18, floorArea: 9876.5 }],
          }),
        ),
      });
      expect(`${res.status} ${await res.text()}`).toMatch(/^201 /);
    }
    // the presale service learns the permits from events: retry until the replica has each one
    for (const [i, p] of PERMITS.entries()) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const res = await fetch(`${platform.gatewayUrl}/api/v1/presale-permits`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${issuer}`,
            'content-type': 'application/json',
            'idempotency-key': `public-search-${i}`,
          },
          body: JSON.stringify(
            presaleSubmission({
              constructionPermitNumbers: [p.number],
              unitCodes: [`${p.project}-DT001`],
              projectName: p.name,
              localCertificateNumber: `攸住建预字〔2024〕第${String(15 + i).padStart(3, '0')}号`,
            }),
          ),
        });
        const text = await res.text();
        if (res.status === 201) {
          issued.set(p.name, JSON.parse(text) as { presaleNumber: string; verifyUrl: string });
          break;
        }
        if (Date.now() > deadline) throw new Error(`issuing ${p.number}: ${res.status} ${text}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(platform.gatewayUrl) && !/^(blob|data):/.test(r.url())) external.push(r.url());
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await nc?.close();
    await platform?.stop();
  });

  it('finds by project name, unified number and local certificate number; public fields and the verify path only', async () => {
    const byName = await found('by=projectName&q=%E9%94%A6%E7%BB%A3'); // 锦绣
    expect(byName.items.map((i) => i.projectName).sort()).toEqual(['锦绣华庭', '锦绣星城三期（22#栋）']);
    expect([byName.total, byName.page, byName.pageSize]).toEqual([2, 1, 20]);
    const star = issued.get('锦绣星城三期（22#栋）')!;
    const item = byName.items.find((i) => i.presaleNumber === star.presaleNumber)!;
    expect(Object.keys(item).sort()).toEqual([
      'address',
      'developerName',
      'issueDate',
      'issuingAuthority',
      'localCertificateNumber',
      'presaleNumber',
      'projectName',
      'regionCode',
      'regionName',
      'status',
      'verifyPath',
      'verifyUrl',
    ]);
    expect(item.verifyUrl).toBe(star.verifyUrl);
    expect(item.verifyPath).toBe(`/V/${star.verifyUrl.split('/V/')[1]}`);
    // no credit code, escrow account, bank or map point anywhere in the answer
    expect(JSON.stringify(byName)).not.toMatch(/creditCode|43050162123400000123|建设银行|"lat"|"lng"|fundSupervision/);

    const byNumber = await found(`by=presaleNumber&q=${star.presaleNumber.toLowerCase()}`);
    expect(byNumber.items.map((i) => i.presaleNumber)).toEqual([star.presaleNumber]);
    const byCertificate = await found(
      `by=localCertificateNumber&q=${encodeURIComponent('攸住建预字〔２０２４〕第 015号')}`, // full-width digits, a space
    );
    expect(byCertificate.items.map((i) => i.presaleNumber)).toEqual([star.presaleNumber]);
    expect((await found('by=projectName&q=%E4%B8%8D%E5%AD%98%E5%9C%A8')).items).toEqual([]); // 不存在
    const second = await found('by=projectName&q=%E9%94%A6%E7%BB%A3&pageSize=1&page=2');
    expect([second.items.length, second.total]).toEqual([1, 2]);
  });

  it('refuses bad inputs with 400 problem+json in Chinese naming the field, the same over NATS', async () => {
    const short = await refused('by=projectName&q=%E9%94%A6'); // 锦
    expect([short.code, fields(short)]).toEqual(['VALIDATION_FAILED', ['q']]);
    expect(short.detail).toMatch(/^查询条件无效：项目名称至少输入 2 个字/);
    expect(fields(await refused('q=%E9%94%A6%E7%BB%A3'))).toEqual(['by']);
    expect(fields(await refused('by=owner&q=%E5%BC%A0%E4%B8%89'))).toEqual(['by']);
    const number = await refused('by=presaleNumber&q=430223202406200101');
    expect([fields(number), number.errors![0]!.reason]).toEqual([['q'], expect.stringContaining('统一编号须形如')]);
    expect(fields(await refused(`by=projectName&q=${'x'.repeat(51)}`))).toEqual(['q']);
    expect(fields(await refused('by=projectName&q=%E9%94%A6%E7%BB%A3&pageSize=500&page=0'))).toEqual([
      'page',
      'pageSize',
    ]);
    expect(fields(await refused('by=projectName&q=%E9%94%A6%E7%BB%A3&developerCreditCode=1'))).toEqual([
      'developerCreditCode',
    ]);
    const control = await refused('by=projectName&q=%E9%94%A6%01%E7%BB%A3');
    expect(control.detail).toMatch(/[\u4e00-\u9fff]/);

    // the presale service applies the same class to a payload sent straight over NATS
    const rpc = new RpcClient(nc, { timeoutMs: 5000 });
    const viaNats = async (body: unknown): Promise<Problem> => {
      try {
        await rpc.callPublic(Rpc.publicSearch, body as never, 'e2e-public-search');
      } catch (err) {
        return (err as DomainException).problem as Problem;
      }
      throw new Error('the presale service accepted a bad search');
    };
    expect(await viaNats({ by: 'projectName', q: '锦', page: 1, pageSize: 20 })).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: short.detail,
      errors: short.errors,
    });
    expect(fields(await viaNats({ by: 'projectName', q: '锦绣', page: 1, pageSize: 20, sandbox: true }))).toEqual([
      'sandbox',
    ]);
  });

  it('is rate limited per IP like every public route: 429 RATE_LIMITED with Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < PUBLIC_LIMIT + 2; i++) {
      last = await search('by=projectName&q=%E9%94%A6%E7%BB%A3', '10.61.0.1');
      statuses.push(last.status);
      if (i < PUBLIC_LIMIT + 1) await last.text();
    }
    expect(statuses.slice(0, PUBLIC_LIMIT)).toEqual(Array(PUBLIC_LIMIT).fill(200));
    expect(statuses.slice(PUBLIC_LIMIT)).toEqual([429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const problem = (await last!.json()) as Problem;
    expect(problem.code).toBe('RATE_LIMITED');
    expect(problem.detail).toMatch(/请求过于频繁/);
    // another address is not affected
    expect((await search('by=projectName&q=%E9%94%A6%E7%BB%A3', '10.61.0.2')).status).toBe(200);
  });

  it('serves /query/ with the console policy; the page searches, pages and links to the verification page', async () => {
    const redirect = await fetch(`${platform.gatewayUrl}/query`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/query/']);
    const index = await fetch(`${platform.gatewayUrl}/query/`);
    expect([index.status, index.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const csp = index.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    for (const path of ['/query/main.ts', '/query/nothing.js'])
      expect((await fetch(`${platform.gatewayUrl}${path}`)).status).toBe(404);

    for (const viewport of [PHONE, DESKTOP]) {
      const suffix = viewport === PHONE ? '-390' : '';
      await page.setViewportSize(viewport);
      await page.goto(`${platform.gatewayUrl}/query/`);
      await page.getByRole('heading', { name: /预售许可证统一查询/, level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      // a one-character name is refused beside the field before anything is sent
      await page.getByLabel('查询内容 Search for').fill('锦');
      await page.keyboard.press('Enter');
      await page.locator('#f-q-error', { hasText: '至少输入 2 个字' }).waitFor();
      expect(await page.getByLabel('查询内容 Search for').getAttribute('aria-invalid')).toBe('true');
      await accessible(`query form error${suffix}`);

      await page.getByLabel('查询内容 Search for').fill('锦绣');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\?by=projectName&q=/);
      await page.locator('#results-count', { hasText: '共 2 条' }).waitFor();
      expect(await page.locator('#results-list > li').count()).toBe(2);
      await accessible(`query results${suffix}`);
      await screenshot(page, SHOTS, `query${suffix}`);
      if (viewport === PHONE) {
        // the phone layout: nothing wider than the screen
        const overflow = await page.evaluate(() => {
          const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
          return d.documentElement.scrollWidth;
        });
        expect(overflow).toBeLessThanOrEqual(PHONE.width);
      }
    }

    // by unified number, then to the verification page of the QR
    const star = issued.get('锦绣星城三期（22#栋）')!;
    await page.getByLabel('查询方式 Search by').selectOption('presaleNumber');
    await page.getByLabel('查询内容 Search for').fill(star.presaleNumber.toLowerCase());
    await page.getByRole('button', { name: '查询 Search' }).click();
    await page.locator('#results-count', { hasText: '共 1 条' }).waitFor();
    await page.getByRole('link', { name: new RegExp(`^核验 Verify.*${star.presaleNumber}`) }).click();
    await page.getByRole('heading', { name: /真实有效的预售许可证/, level: 1 }).waitFor();
    expect(page.url()).toBe(`${platform.gatewayUrl}/V/${star.verifyUrl.split('/V/')[1]}`);
    expect(await page.locator('table').innerText()).toContain(star.presaleNumber);
    await accessible('verify page desktop');
    await screenshot(page, SHOTS, 'verify');
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { name: /真实有效的预售许可证/, level: 1 }).waitFor();
    await accessible('verify page 390');
    await screenshot(page, SHOTS, 'verify-390');
    await page.goBack();
    await page.locator('#results-count', { hasText: '共 1 条' }).waitFor();
    expect(external).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});

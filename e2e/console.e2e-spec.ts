import { ContractsEvents, ReconciliationEvents } from '@hn/messages';
import { reconciliationDifferenceFixture, waitFor } from '@hn/testing';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * The staff web console in a real browser: Debian's chromium driven by playwright-core (never a
 * downloaded browser), against a real platform; axe-core checks each page.
 */
const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..');
const SHOTS = join(ROOT, 'tmp');
const PASSWORD = 'Console2024ok';
const OVERDUE = '430223202406200101'; // 攸县, PRESALE, planned completion passed
const CHALING = '430224202406200101'; // 茶陵县: another county's alert
const STOCK_1 = '430223202406210101'; // 攸县 stock permits, not typed: to be marked
const STOCK_2 = '430223202406220101';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

describe('工作台 staff console in a browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  const external: string[] = [];
  const cspErrors: string[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${platform.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  /** axe-core in the page (evaluated over the DevTools protocol, so the page's CSP stays as served). */
  const expectAccessible = async (what: string): Promise<void> => {
    await page.evaluate(AXE);
    // the page's globals, typed here (the e2e project compiles without the DOM library)
    const violations = await page.evaluate(async () => {
      const g = globalThis as unknown as {
        axe: { run: (context: unknown) => Promise<{ violations: unknown[] }> };
        document: unknown;
      };
      return (await g.axe.run(g.document)).violations;
    });
    const serious = (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({
      what,
      serious: serious.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
    }).toEqual({
      what,
      serious: [],
    });
  };
  /** A full-page screenshot once the shipped Chinese font has loaded (no empty boxes). */
  const shot = async (name: string): Promise<void> => {
    await page.evaluate(async () => {
      await (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready;
    });
    await page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium (.ci/run does)`);
    if (!existsSync(join(ROOT, 'dist', 'apps', 'console', 'src', 'main.js')))
      throw new Error('the console is not built: npm run build (tsc -p apps/console/tsconfig.json)');
    mkdirSync(SHOTS, { recursive: true });
    platform = await TestPlatform.start(['permits', 'presale', 'escrow', 'alerts']);
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    const put = async (number: string, over: Record<string, unknown>) => {
      const res = await fetch(`${platform.gatewayUrl}/api/v1/approval/construction-permits/${number}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          permitBody({
            projectCode: `2024-${number.slice(0, 6)}-70-03-${number.slice(-8, -2)}`,
            regionCode: number.slice(0, 6),
            issueDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
            projectName: `测试项目 ${number.slice(-8, -2)}`,
            units: [],
            ...over,
          }),
        ),
      });
      if (![200, 201].includes(res.status)) throw new Error(`PUT ${number}: ${res.status} ${await res.text()}`);
    };
    await put(OVERDUE, { projectName: '攸州锦绣城一期', plannedCompletionDate: '2025-06-30' });
    await put(CHALING, { projectName: '茶陵云阳新城', plannedCompletionDate: '2025-06-30' });
    await put(STOCK_1, {
      projectName: '攸县老城安置小区',
      projectType: null,
      startDate: null,
      plannedCompletionDate: null,
    });
    await put(STOCK_2, {
      projectName: '攸县河东花园',
      projectType: null,
      startDate: null,
      plannedCompletionDate: null,
    });
    // a second alert type in 攸县, so the type filter has something to leave out
    await platform.publishEvent(
      { name: ContractsEvents.stream, subjects: ContractsEvents.streamSubjects },
      {
        source: '/hn/contracts',
        type: ReconciliationEvents.differenceFound,
        subject: `${OVERDUE}-Y01`,
        data: {
          difference: reconciliationDifferenceFixture({
            id: randomUUID(),
            presaleNumber: `${OVERDUE}-Y01`,
            foundAt: new Date().toISOString(),
          }),
        },
      },
    );
    await platform.createStaff('youxian.console', PASSWORD, 'COUNTY', '430223');
    token = await platform.staffToken('youxian.console', PASSWORD, '10.40.0.1');
    await waitFor(async () => (await api<{ total: number }>('/api/v1/supervision/alerts')).total === 2, {
      timeoutMs: 15_000,
      intervalMs: 200,
      description: 'two 攸县 alerts',
    });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
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
    await platform?.stop();
  });

  it('serves the console under /console/ with its own CSP; / and /console redirect there', async () => {
    for (const path of ['/', '/console']) {
      const res = await fetch(`${platform.gatewayUrl}${path}`, { redirect: 'manual' });
      expect([res.status, res.headers.get('location')]).toEqual([302, '/console/']);
    }
    const index = await fetch(`${platform.gatewayUrl}/console/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = index.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    const js = await fetch(`${platform.gatewayUrl}/console/main.js`);
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    const css = await fetch(`${platform.gatewayUrl}/console/console.css`);
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    const font = await fetch(`${platform.gatewayUrl}/console/fonts/NotoSerifSC_400Regular.ttf`, { method: 'HEAD' });
    expect([font.status, font.headers.get('cache-control')]).toEqual([200, 'public, max-age=604800']);
    // sources and anything outside the served types stay unknown paths (problem+json 404)
    for (const path of ['/console/main.ts', '/console/fonts/index.js', '/console/nothing.js']) {
      const res = await fetch(`${platform.gatewayUrl}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('a county user logs in, filters, records a follow-up, comes back to the same filters and exports', async () => {
    await page.goto(`${platform.gatewayUrl}/`);
    await page.getByRole('heading', { name: '工作人员登录 Staff login' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expectAccessible('login');
    await shot('login');
    // keyboard only: type and press Enter
    await page.getByLabel('用户名 Username').fill('youxian.console');
    await page.getByLabel('密码 Password').fill('wrong-password-1');
    await page.keyboard.press('Enter');
    await page.getByText('用户名或密码不正确', { exact: false }).waitFor();
    await page.getByLabel('密码 Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    // 首页 first, then the alerts from the navigation
    await page.getByRole('heading', { name: '首页 Home', level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: '主导航 Main' })
      .getByRole('link', { name: '预警 Alerts', exact: true })
      .click();

    const rows = page.locator('#alerts-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const table = await page.locator('#alerts-table').innerText();
    expect(table).toContain(OVERDUE);
    expect(table).not.toContain(CHALING);
    expect(table).not.toContain('茶陵');
    await expectAccessible('alerts');

    await page.getByLabel('类型 Type').selectOption('OVERDUE_ACCEPTANCE');
    await page.getByLabel('关键字 Keyword').fill('锦绣');
    await page.getByRole('button', { name: '查询 Search' }).click();
    await page.waitForURL(/type=OVERDUE_ACCEPTANCE/);
    await page.locator('#alerts-table caption', { hasText: '共 1 条' }).waitFor();
    const row = page.locator('#alerts-table tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/逾期验收[\s\S]*待处理[\s\S]*430223[\s\S]*攸州锦绣城一期/);
    const filteredUrl = page.url();
    expect(filteredUrl).toContain('keyword=');
    await shot('alerts');

    // the whole result as the server's CSV, with the same filters
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^alerts-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(OVERDUE);

    await page.setViewportSize({ width: 375, height: 812 });
    await shot('alerts-375');
    await page.setViewportSize({ width: 1280, height: 900 });

    await row.getByRole('link', { name: '攸州锦绣城一期' }).click();
    await page.getByRole('heading', { name: '攸州锦绣城一期', level: 1 }).waitFor();
    expect(await page.locator('dl.facts').innerText()).toContain('2025-06-30');
    await expectAccessible('detail');

    const form = page.locator('#follow-up-form');
    await form.getByLabel('逾期原因 Reason').fill('主体结构完工后因资金紧张停工三个月');
    await form.getByLabel('采取措施 Measures').fill('约谈开发企业，督促复工');
    await form.getByLabel('责任人 Responsible person').fill('张伟');
    await form.getByLabel('联系电话 Phone').fill('call me');
    await form.getByLabel('计划完成日期 Planned date').fill('2027-03-31');
    await form.getByRole('button', { name: '保存跟踪记录 Save' }).click();
    const phoneError = page.locator('#f-phone-error');
    await phoneError.waitFor({ state: 'visible' });
    expect((await phoneError.innerText()).length).toBeGreaterThan(0);
    expect(await form.getByLabel('联系电话 Phone').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-reason-error').isVisible()).toBe(false);
    await shot('detail-error');

    await form.getByLabel('联系电话 Phone').fill('0731-22334455');
    await form.getByRole('button', { name: '保存跟踪记录 Save' }).click();
    await page.locator('#detail-notice', { hasText: '已保存跟踪记录' }).waitFor();
    expect(await page.locator('dl.facts').innerText()).toContain('跟踪中');
    expect(await page.getByRole('region', { name: '跟踪记录' }).innerText()).toContain('0731-22334455');
    const alertId = /#\/alerts\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect((await api<{ state: string }>(`/api/v1/supervision/alerts/${alertId}`)).state).toBe('FOLLOWING');
    await shot('detail');

    await page.locator('#back-to-list').click();
    await page.locator('#alerts-table').waitFor();
    expect(page.url()).toBe(filteredUrl);
    expect(await page.getByLabel('类型 Type').inputValue()).toBe('OVERDUE_ACCEPTANCE');
    expect(await page.getByLabel('关键字 Keyword').inputValue()).toBe('锦绣');
    expect(await page.locator('#alerts-table tbody tr').innerText()).toContain('跟踪中');
  });

  it('ticks two permits on the marking page, marks them in one batch, and the server lists them marked', async () => {
    await page.getByRole('link', { name: '存量预售项目标记 Stock marking' }).click();
    await page.locator('#marking-table').waitFor();
    await expectAccessible('marking');
    // select-all ticks the page, and unticks it
    await page.locator('#select-all').check();
    const boxes = page.locator('#marking-table tbody input[type=checkbox]');
    expect(await boxes.count()).toBe(3);
    expect(await page.locator('#ticked-count').innerText()).toBe('已勾选 3 个');
    await page.locator('#select-all').uncheck();
    await page.locator(`#tick-${STOCK_1}`).check();
    await page.locator(`#tick-${STOCK_2}`).check();
    expect(await page.locator('#ticked-count').innerText()).toBe('已勾选 2 个');
    await page.getByLabel('标记为 Mark as').selectOption('CURRENT_SALE');
    await page.getByRole('button', { name: '批量标记 Mark selected' }).click();
    await page.locator('#marking-result', { hasText: '已将 2 个项目标记为「现售商品房」' }).waitFor();
    for (const permit of [STOCK_1, STOCK_2]) {
      expect(await page.locator(`tr[data-permit="${permit}"] .project-type`).innerText()).toBe('现售商品房');
    }
    const listed = await api<{
      items: Array<{ permitNumber: string; projectType: string | null; markingState: string }>;
    }>('/api/v1/supervision/marking?projectType=CURRENT_SALE');
    expect(listed.items.map((r) => [r.permitNumber, r.projectType, r.markingState]).sort()).toEqual(
      [
        [STOCK_1, 'CURRENT_SALE', 'DRAFT'],
        [STOCK_2, 'CURRENT_SALE', 'DRAFT'],
      ].sort(),
    );
    await expectAccessible('marking after batch');
    await shot('marking');

    // filters in the URL: a reload keeps them
    await page.getByLabel('项目类型 Project type').selectOption('CURRENT_SALE');
    await page.getByRole('button', { name: '查询 Search' }).click();
    await page.waitForURL(/projectType=CURRENT_SALE/);
    await page.reload();
    await page.locator('#marking-table caption', { hasText: '共 2 个' }).waitFor();

    // the batch without ticks is refused before it is sent
    await page.getByRole('button', { name: '批量标记 Mark selected' }).click();
    await page.locator('#marking-result', { hasText: '请先勾选' }).waitFor();

    await page.getByRole('button', { name: '退出 Log out' }).click();
    await page.getByRole('heading', { name: '工作人员登录 Staff login' }).waitFor();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length,
      ),
    ).toBe(0);
    expect(external).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});

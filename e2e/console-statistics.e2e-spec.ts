import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { STATISTICS_FIGURES, StatisticsRecordPageV1, StatisticsSummaryV1 } from '@hn/messages';
import { waitFor } from '@hn/testing';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { bearerJson, exportCsv, launchChromium, logIn, screenshot, seriousViolations } from './support/console-browser';
import { contractFiling, permitBody, presaleSubmission, putPermit } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * 统计 in a real browser (Debian's chromium through playwright-core) against permits, presale,
 * contracts and alerts (the statistics): four construction permits in 攸县, 茶陵县 and 芙蓉区, a Y
 * presale permit and a contract filing. The province sees every figure of the summary equal to the
 * API's, the 14 市州 on the map and in the table, drills to 株洲市 (a click on the map) and 攸县 (the
 * table), opens the records behind a figure (the same as the API's, exported as CSV), sees the
 * monthly charts with their data table, goes back a day with the date picker; a county user sees
 * its county only (no breadcrumb above it) and another region's URL shows the server's refusal;
 * at 390 × 844 nothing scrolls sideways. axe-core on each view (no serious or critical violations).
 */
const ROOT = join(__dirname, '..');
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(ROOT, 'tmp', 'console');
const PASSWORD = 'Statistics2024ok';
const HN = '430000';
const ZZ = '430200';
const YX = '430223';
const CL = '430224';
const Y_PERMIT = '430223202406200101';
const chinaDay = (offset = 0): string =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** A figure as the page writes it ("1,234", "12,345.67 m²", "1,234,567.00 元", "120 套") back to the API's number. */
function shownNumber(text: string, path: string): number {
  const n = Number(
    text
      .split('（')[0]!
      .replace(/[,\s]|元|m²|套/g, '')
      .trim(),
  );
  return path.endsWith('Fen') ? Math.round(n * 100) : n;
}

function apiNumber(s: StatisticsSummaryV1, path: string): number {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as number;
}

describe('工作台 统计 in a browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let provinceToken: string;
  const contexts: BrowserContext[] = [];

  const summary = (region: string, query = ''): Promise<StatisticsSummaryV1> =>
    bearerJson<StatisticsSummaryV1>(
      `${platform.gatewayUrl}/api/v1/statistics/summary?regionCode=${region}${query}`,
      provinceToken,
    );
  const accessible = async (p: Page, what: string): Promise<void> => {
    expect({ what, serious: await seriousViolations(p) }).toEqual({ what, serious: [] });
  };
  const newPage = async (width = 1280, height = 900): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  };
  const heading = (p: Page, text: string) => p.locator('#statistics-title', { hasText: text }).waitFor();
  const figureText = (p: Page, path: string) => p.locator(`[data-figure="${path}"] a`).innerText();
  const post = async (path: string, token: string, body: unknown): Promise<Response> =>
    fetch(`${platform.gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
  const until201 = async (what: string, call: () => Promise<Response>): Promise<void> => {
    let last = '';
    await waitFor(
      async () => {
        const res = await call();
        last = `${res.status} ${await res.text()}`;
        return res.status === 201;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: `${what} (last: ${last})` },
    );
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'alerts']);
    const writer = await platform.token(
      await platform.createIntegrator(
        [ZZ, '430100'],
        ['permits:read', 'approval:write', 'presale:issue', 'contracts:issue'],
        ['--rate-limit', '1000000'],
      ),
    );
    await putPermit(platform.gatewayUrl, writer, Y_PERMIT, { ...permitBody(), category: '社会投资房建类' });
    const other = (number: string, code: string, name: string, area: number) =>
      putPermit(platform.gatewayUrl, writer, number, {
        projectCode: code,
        projectName: name,
        units: [{ unitCode: `${code}-DT01`, name: '1#栋', floors: 11, floorArea: area }],
      });
    await other('430223202403100101', '2024-430223-70-03-020001', '攸县城南安置小区', 5000.25);
    await other('430224202405080101', '2024-430224-70-03-030001', '茶陵洣江花园', 7200.5);
    await other('430102202402010101', '2024-430102-70-03-040001', '芙蓉区五一广场项目', 15000);
    await until201('presale issue', () => post('/api/v1/presale-permits', writer, presaleSubmission()));
    await until201('contract filing', () => post('/api/v1/contract-filings', writer, contractFiling()));
    await platform.createStaff('hunan.stat', PASSWORD, 'PROVINCE', HN);
    await platform.createStaff('youxian.stat', PASSWORD, 'COUNTY', YX);
    provinceToken = await platform.staffToken('hunan.stat', PASSWORD, '10.61.0.1');
    await waitFor(
      async () => {
        const s = await summary(HN);
        return s.permits.count === 4 && s.presale.y === 1 && s.filings.count === 1;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'the permits, the presale permit and the filing counted' },
    );
    browser = await launchChromium();
    page = await newPage();
    await logIn(page, platform.gatewayUrl, 'hunan.stat', PASSWORD);
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await platform?.stop();
  });

  it("shows the province's summary: every figure equal to the API's, the 市州 on the map and in the table", async () => {
    await page.getByRole('navigation', { name: '主导航 Main' }).getByRole('link', { name: '统计 Statistics' }).click();
    await heading(page, `湖南省统计汇总（截至 ${chinaDay()}）`);
    const api = await summary(HN);
    for (const path of STATISTICS_FIGURES)
      expect({ path, shown: shownNumber(await figureText(page, path), path) }).toEqual({
        path,
        shown: apiNumber(api, path),
      });
    expect(await figureText(page, 'filings.amountFen')).toMatch(/^1,234,567\.00 元/);
    expect(await figureText(page, 'permits.floorArea')).toMatch(/^39,546\.42 m²/);
    expect(await page.locator('#statistics-breadcrumb').count()).toBe(0); // the province's own level
    const rows = page.locator('#statistics-children tbody tr');
    expect(await rows.count()).toBe(14);
    expect(await page.locator(`#statistics-children tr[data-region="${ZZ}"]`).innerText()).toMatch(
      /株洲市\s+3\s+1\s+0/,
    );
    const map = page.locator('svg#statistics-map');
    expect(await map.getAttribute('role')).toBe('img');
    expect(await map.getAttribute('aria-label')).toContain('株洲市 3');
    expect(await map.locator('path[data-code]').count()).toBe(14);
    expect(await map.locator(`path[data-code="${ZZ}"]`).getAttribute('class')).toMatch(/fill-[1-9]/);
    expect(await map.locator('path[data-code="430300"]').getAttribute('class')).toMatch(/fill-0/);
    expect(await page.locator('#statistics-legend').innerText()).toContain('0（无）');
    await accessible(page, 'province summary');
    // the picture with months that have records (the default is the last twelve months)
    await page.goto(`${platform.gatewayUrl}/console/#/statistics?from=2024-01&to=2024-12`);
    await page.locator('#monthly-table caption', { hasText: '2024-01 至 2024-12' }).waitFor();
    await screenshot(page, SHOTS, 'statistics');
  });

  it('goes back a day with the date picker (kept in the URL): nothing was recorded by then', async () => {
    await page.getByRole('textbox', { name: /统计截止日/ }).fill(chinaDay(-1));
    await page.getByRole('button', { name: '查询 Show' }).click();
    await heading(page, `湖南省统计汇总（截至 ${chinaDay(-1)}）`);
    expect(page.url()).toContain(`asOf=${chinaDay(-1)}`);
    expect(await figureText(page, 'permits.count')).toMatch(/^0/);
    await page.getByRole('textbox', { name: /统计截止日/ }).fill('');
    await page.getByRole('button', { name: '查询 Show' }).click();
    await heading(page, `（截至 ${chinaDay()}）`);
  });

  it('drills to 株洲市 on the map and to 攸县 in the table; the breadcrumb goes back up', async () => {
    await page.locator(`svg#statistics-map path[data-code="${ZZ}"]`).click();
    await heading(page, '株洲市统计汇总');
    expect(await page.locator('#statistics-breadcrumb').innerText()).toMatch(/湖南省\s*›?\s*株洲市/);
    const api = await summary(ZZ);
    expect(shownNumber(await figureText(page, 'permits.count'), 'permits.count')).toBe(api.permits.count);
    expect(await page.locator(`#statistics-children tr[data-region="${YX}"]`).innerText()).toMatch(/攸县\s+2\s+1/);
    expect(await page.locator(`#statistics-children tr[data-region="${CL}"]`).innerText()).toMatch(/茶陵县\s+1\s+0/);
    expect(await page.locator(`#statistics-children tr[data-region="${ZZ}"] a`).count()).toBe(0); // 市本级
    expect(await page.locator('svg#statistics-map path.current').getAttribute('data-code')).toBe(ZZ);
    await accessible(page, 'city summary');
    await screenshot(page, SHOTS, 'statistics-city');

    await page.locator('#statistics-children').getByRole('link', { name: '攸县' }).click();
    await heading(page, '攸县统计汇总');
    expect(await page.locator('#statistics-breadcrumb').innerText()).toMatch(/湖南省\s*›?\s*株洲市\s*›?\s*攸县/);
    expect(await page.locator('#statistics-children').count()).toBe(0);
    expect(shownNumber(await figureText(page, 'permits.count'), 'permits.count')).toBe(2);
    await accessible(page, 'county summary');
    await page.locator('#statistics-breadcrumb').getByRole('link', { name: '株洲市' }).click();
    await heading(page, '株洲市统计汇总');
    await page.goBack();
    await heading(page, '攸县统计汇总');
  });

  it('opens the records behind a figure: the API’s page, the whole result as CSV, back to the summary', async () => {
    await page.locator('[data-figure="permits.count"] a').click();
    await page.getByRole('heading', { name: '统计记录：施工许可证数', level: 1 }).waitFor();
    const api = await bearerJson<StatisticsRecordPageV1>(
      `${platform.gatewayUrl}/api/v1/statistics/projects?regionCode=${YX}&figure=permits.count&pageSize=100`,
      provinceToken,
    );
    expect(api.total).toBe(2);
    const keys = await page
      .locator('#statistics-records tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: Record<string, string> }).dataset['key']));
    expect(keys.sort()).toEqual(api.items.map((i) => i.key).sort());
    expect(await page.locator('#statistics-records caption').innerText()).toContain('共 2 条记录');
    await accessible(page, 'records');
    await screenshot(page, join(ROOT, 'tmp', 'console'), 'statistics-records');
    const file = await exportCsv(page);
    expect(file.name).toMatch(new RegExp(`^statistics-${YX}-permits\\.count-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const [header, ...rows] = file.records;
    expect(header![1]).toBe('编号 key');
    expect(rows.map((r) => r[1]).sort()).toEqual(api.items.map((i) => i.key).sort());
    expect(rows.find((r) => r[1] === Y_PERMIT)![9]).toBe('12345.67');
    await page.getByRole('link', { name: /返回统计汇总/ }).click();
    await heading(page, '攸县统计汇总');
  });

  it('draws the monthly charts (role=img, a label, the data table) for the months in the URL', async () => {
    await page.getByLabel('起始月份 From').fill('2024-03');
    await page.getByLabel(/截止月份 To/).fill('2024-10');
    await page.getByRole('button', { name: '显示 Show' }).click();
    await page.locator('#monthly-table caption', { hasText: '2024-03 至 2024-10' }).waitFor();
    expect(page.url()).toMatch(/from=2024-03&to=2024-10/);
    const chart = page.locator('svg#chart-permits');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toContain('合计 2 个');
    expect(await chart.locator('rect.bar').count()).toBe(8);
    expect(await chart.locator('rect[data-month="2024-06"]').getAttribute('data-value')).toBe('1');
    expect(await chart.locator('rect[data-month="2024-03"]').getAttribute('data-value')).toBe('1');
    expect(await page.locator('svg#chart-presale rect[data-month="2024-08"]').getAttribute('data-value')).toBe('1');
    expect(await page.locator('svg#chart-filings rect[data-month="2024-09"]').getAttribute('data-value')).toBe('1');
    expect(await page.locator('#monthly-table tr[data-month="2024-09"]').innerText()).toContain('1,234,567.00');
    expect(await page.locator('#monthly-table tbody tr').count()).toBe(8);
    await accessible(page, 'monthly');
  });

  it('reads in one column on a phone (390 × 844): no horizontal scrolling', async () => {
    const phone = await newPage(390, 844);
    await logIn(phone, platform.gatewayUrl, 'hunan.stat', PASSWORD);
    await phone.goto(`${platform.gatewayUrl}/console/#/statistics`);
    await heading(phone, '湖南省统计汇总');
    await phone.locator('svg#chart-permits').waitFor();
    const width = await phone.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
          .scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    const groups = await phone
      .locator('.stat-group')
      .evaluateAll((els) =>
        els.map((e) => (e as unknown as { getBoundingClientRect(): { left: number } }).getBoundingClientRect().left),
      );
    expect(new Set(groups.map((l) => Math.round(l))).size).toBe(1); // one column
    await accessible(phone, 'phone summary');
    for (const [target, name] of [
      ['#children-title', 'statistics-390-children'],
      ['#monthly-title', 'statistics-390-monthly'],
    ] as const) {
      await phone.locator(target).scrollIntoViewIfNeeded();
      await phone.locator(target).evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
      await screenshot(phone, join(ROOT, 'tmp', 'console'), name, false);
    }
    await phone
      .locator('#statistics-title')
      .evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await screenshot(phone, SHOTS, 'statistics-390', false); // the summary on the phone's screen
  });

  it("keeps a county user to its county: no breadcrumb above it, another region's URL refused by the server", async () => {
    const county = await newPage();
    await logIn(county, platform.gatewayUrl, 'youxian.stat', PASSWORD);
    await county.goto(`${platform.gatewayUrl}/console/#/statistics`);
    await heading(county, '攸县统计汇总');
    expect(await county.locator('#statistics-breadcrumb').count()).toBe(0);
    expect(shownNumber(await figureText(county, 'permits.count'), 'permits.count')).toBe(2);
    await accessible(county, 'county user');
    for (const region of [CL, ZZ]) {
      await county.goto(`${platform.gatewayUrl}/console/#/statistics?regionCode=${region}`);
      const error = county.locator('#statistics-error');
      await error.waitFor();
      expect(await error.innerText()).toMatch(/[\u4e00-\u9fff].*REGION_FORBIDDEN/s);
      expect(await county.locator('#statistics-summary').count()).toBe(0);
      expect(await county.locator('#statistics-breadcrumb').count()).toBe(0);
    }
    await accessible(county, 'refusal');
    await screenshot(county, join(ROOT, 'tmp', 'console'), 'statistics-refused');
    await county.goto(`${platform.gatewayUrl}/console/#/statistics/records?regionCode=${CL}&figure=permits.count`);
    expect(await county.locator('#records-error').innerText()).toContain('REGION_FORBIDDEN');
  });
});

import { waitFor } from '@hn/testing';
import { join } from 'node:path';
import { Browser, Download, Page, Route } from 'playwright-core';
import {
  bearerJson,
  desktopPage,
  exportCsv,
  launchChromium,
  screenshot,
  seriousViolations,
} from './support/console-browser';
import { putPermit } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * 导出 CSV（全部结果） in a real browser (Debian's chromium through playwright-core): a county user of
 * 攸县 with 256 permits exports the marking list — every page of the result read at the route's
 * largest page size (three requests of 100), the file the browser saves parsed and compared with
 * all pages read from the API; a project name starting with = neutralised; the export cancelled;
 * the result changing while it is read (a permit pushed between two pages) said in the status.
 * On 补录预售许可证 the filters and page stay in the URL through the form and back, and the export
 * holds the filtered result only. axe-core on both pages (no serious or critical violations).
 */
const ROOT = join(__dirname, '..');
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(ROOT, 'tmp', 'console');
const PASSWORD = 'Export2024ok';
const FILLERS = 230;
const CANDIDATES = 25;
/** 2023-01-01 … 2023-05-01, serials 0101 … 5001 */
const fillerNumber = (i: number): string =>
  `4302232023${String(1 + Math.floor(i / 50)).padStart(2, '0')}01${String((i % 50) + 1).padStart(2, '0')}01`;
/** 2024-06-01 … 2024-06-25, typed 预售商品房 by 工改 at registration: candidates of 补录预售许可证 */
const candidateNumber = (i: number): string => `430223202406${String(i + 1).padStart(2, '0')}0101`;
const FORMULA = { number: '430223202408010101', name: '=HYPERLINK("http://example.invalid/","攸县公式测试")' };

interface MarkingRow {
  permitNumber: string;
  projectName: string;
}
interface Candidate {
  projectCode: string;
  permits: Array<{ permitNumber: string }>;
}
interface ListPage<T> {
  items: T[];
  total: number;
}

describe('工作台 导出 CSV（全部结果） in a browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let token: string;
  let writer: string;
  const external: string[] = [];
  const downloads: Download[] = [];
  const exportRequests: URL[] = [];

  const api = <T>(path: string): Promise<T> => bearerJson<T>(`${platform.gatewayUrl}${path}`, token);
  /** Every page of a list through the API (50 a page: not the console's page size). */
  const allPages = async <T>(path: string, query = ''): Promise<{ items: T[]; total: number }> => {
    const items: T[] = [];
    let total = 0;
    for (let n = 1; n === 1 || items.length < total; n++) {
      const p = await api<ListPage<T>>(`${path}?${query}${query ? '&' : ''}page=${n}&pageSize=50`);
      total = p.total;
      items.push(...p.items);
      if (!p.items.length) break;
    }
    return { items, total };
  };
  const put = (number: string, over: Record<string, unknown>): Promise<void> =>
    putPermit(platform.gatewayUrl, writer, number, { units: [], ...over });
  const markingTotal = async (): Promise<number> =>
    (await api<ListPage<MarkingRow>>('/api/v1/supervision/marking?pageSize=1')).total;
  const expectAccessible = async (what: string): Promise<void> => {
    expect({ what, serious: await seriousViolations(page) }).toEqual({ what, serious: [] });
  };
  const exportFile = () => exportCsv(page);
  /** Holds the export's second page until `release` resolves, then lets it through (or drops it if the page gave up). */
  const holdPageTwo = async (path: string, release: (route: Route) => Promise<void>): Promise<void> => {
    await page.route(
      (url) =>
        url.pathname === path && url.searchParams.get('page') === '2' && url.searchParams.get('pageSize') === '100',
      async (route) => {
        await release(route);
        await route.continue().catch(() => undefined);
      },
    );
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale']);
    writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    for (let i = 0; i < FILLERS; i++)
      await put(fillerNumber(i), {
        projectCode: `2023-430223-70-03-${String(700000 + i)}`,
        projectName: `攸县河东片区 ${String(i + 1).padStart(3, '0')} 号地块`,
      });
    for (let i = 0; i < CANDIDATES; i++)
      await put(candidateNumber(i), {
        projectCode: `2024-430223-70-03-${String(800000 + i)}`,
        projectName: `攸县预售花园 ${String(i + 1).padStart(2, '0')} 期`,
        projectType: 'PRESALE',
      });
    await put(FORMULA.number, { projectCode: '2024-430223-70-03-900001', projectName: FORMULA.name });
    await platform.createStaff('youxian.export', PASSWORD, 'COUNTY', '430223');
    token = await platform.staffToken('youxian.export', PASSWORD, '10.42.0.1');
    const expected = FILLERS + CANDIDATES + 1;
    await waitFor(async () => (await markingTotal()) === expected, {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: `the ${expected} 攸县 permits listed for marking`,
    });
    await waitFor(
      async () =>
        (await api<ListPage<Candidate>>('/api/v1/supervision/backfill/candidates?pageSize=1')).total === CANDIDATES,
      { timeoutMs: 30_000, intervalMs: 250, description: 'the 25 backfill candidates' },
    );

    browser = await launchChromium();
    page = await desktopPage(browser, platform.gatewayUrl, external);
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.searchParams.get('pageSize') === '100') exportRequests.push(url);
    });
    page.on('download', (d) => downloads.push(d));
    await page.goto(`${platform.gatewayUrl}/console/#/marking`);
    await page.getByLabel('用户名 Username').fill('youxian.export');
    await page.getByLabel('密码 Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('exports every page of the marking result: the API total, the same permits, the BOM, the formula neutralised', async () => {
    await page.locator('#marking-table caption', { hasText: '共 256 个施工许可证（第 1 / 6 页）' }).waitFor();
    exportRequests.length = 0;
    const file = await exportFile();
    await page.locator('#export-csv-status', { hasText: '已导出 256 个施工许可证' }).waitFor();

    expect(file.name).toMatch(/^marking-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.bytes.toString('utf8').split('\r\n').length).toBe(256 + 2); // header, rows, the final CRLF
    const [header, ...rows] = file.records;
    expect(header).toEqual([
      '证号（施工许可证）permitNumber',
      '项目名称 projectName',
      '工改项目编码 projectCode',
      '区划 regionCode',
      '项目类型 projectType',
      '开工时间 startDate',
      '计划竣工时间 plannedCompletionDate',
      '是否竣工验收 accepted',
      '实际竣工时间 actualCompletionDate',
      '标记状态 markingState',
    ]);
    const fromApi = await allPages<MarkingRow>('/api/v1/supervision/marking');
    expect(rows).toHaveLength(fromApi.total);
    expect(rows.map((r) => r[0]).sort()).toEqual(fromApi.items.map((r) => r.permitNumber).sort());
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    const formula = rows.find((r) => r[0] === FORMULA.number)!;
    expect(formula[1]).toBe(`'${FORMULA.name}`);
    expect(rows.find((r) => r[0] === fillerNumber(0))).toEqual([
      fillerNumber(0),
      '攸县河东片区 001 号地块',
      '2023-430223-70-03-700000',
      '430223',
      '未标记',
      '2024-07-01',
      '2026-12-31',
      '否',
      '',
      '',
    ]);
    // three requests of the route's largest page (100), not the six pages of 50 on screen
    expect(
      exportRequests.filter((u) => u.pathname === '/api/v1/supervision/marking').map((u) => u.searchParams.get('page')),
    ).toEqual(['1', '2', '3']);
    await expectAccessible('marking, after an export');
    await screenshot(page, SHOTS, 'marking-export', false);
  });

  it('cancels an export between two pages: nothing saved', async () => {
    const before = downloads.length;
    let held!: () => void;
    const cancelled = new Promise<void>((resolve) => (held = resolve));
    await holdPageTwo('/api/v1/supervision/marking', () => cancelled);
    await page.locator('#export-csv').click();
    await page.locator('#export-csv-status', { hasText: '已获取 100 / 256' }).waitFor();
    expect(await page.locator('#export-csv').isDisabled()).toBe(true);
    await page.locator('#export-csv-cancel').click();
    held();
    await page.locator('#export-csv-status', { hasText: '已取消导出，未保存文件' }).waitFor();
    await page.unrouteAll({ behavior: 'wait' });
    expect(downloads.length).toBe(before);
    expect(await page.locator('#export-csv-cancel').isHidden()).toBe(true);
  });

  it('says so when the result changes while it is exported', async () => {
    await holdPageTwo('/api/v1/supervision/marking', async () => {
      await put('430223202301020101', { projectCode: '2023-430223-70-03-799999', projectName: '攸县导出期间新增项目' });
      await waitFor(async () => (await markingTotal()) === 257, { timeoutMs: 15_000, description: 'a 257th permit' });
    });
    const file = await exportFile();
    await page.unrouteAll({ behavior: 'wait' });
    const status = page.locator('#export-csv-status');
    await status.filter({ hasText: '导出期间结果有变化' }).waitFor();
    expect(await status.innerText()).toContain('开始时共 256 个施工许可证，结束时 257 个施工许可证');
    const keys = file.records.slice(1).map((r) => r[0]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the candidates’ filters and page through the form and back, and exports the filtered result', async () => {
    await page.goto(`${platform.gatewayUrl}/console/#/backfill`);
    await page.getByLabel('关键字 Keyword').fill('预售花园');
    await page.getByRole('button', { name: '查询 Search' }).click();
    await page.waitForURL(/keyword=/);
    await page.locator('#candidates-table caption', { hasText: '共 25 个项目（第 1 / 2 页）' }).waitFor();
    await page.getByRole('link', { name: '下一页 Next' }).click();
    await page.locator('#candidates-table caption', { hasText: '（第 2 / 2 页）' }).waitFor();
    const onPageTwo = await page.locator('#candidates-table tbody[data-project]').count();
    expect(onPageTwo).toBe(5);
    await page.locator('#candidates-table tbody[data-project] input[type=checkbox]').first().check();
    await page.locator('#start-backfill').click();
    await page.waitForURL(/#\/backfill\/new\?/);
    await page.locator('#back-to-candidates').click();
    await page.locator('#candidates-table caption', { hasText: '（第 2 / 2 页）' }).waitFor();
    const url = new URL(page.url().replace('#', ''));
    expect([url.searchParams.get('keyword'), url.searchParams.get('page')]).toEqual(['预售花园', '2']);
    expect(await page.getByLabel('关键字 Keyword').inputValue()).toBe('预售花园');
    // the browser's back button: the form, then the list as it was
    await page.goBack();
    await page.waitForURL(/#\/backfill\/new\?/);
    await page.goBack();
    await page.locator('#candidates-table caption', { hasText: '（第 2 / 2 页）' }).waitFor();

    const file = await exportFile();
    await page.locator('#export-csv-status', { hasText: '已导出 25 个项目' }).waitFor();
    expect(file.name).toMatch(/^backfill-candidates-\d{4}-\d{2}-\d{2}\.csv$/);
    const fromApi = await allPages<Candidate>(
      '/api/v1/supervision/backfill/candidates',
      'keyword=%E9%A2%84%E5%94%AE%E8%8A%B1%E5%9B%AD',
    );
    expect(fromApi.total).toBe(CANDIDATES);
    const permits = fromApi.items.flatMap((c) => c.permits.map((p) => p.permitNumber)).sort();
    expect(
      file.records
        .slice(1)
        .map((r) => r[3])
        .sort(),
    ).toEqual(permits);
    expect(file.records[0]).toEqual([
      '项目名称 projectName',
      '工改项目编码 projectCode',
      '区划 regionCode',
      '施工许可证编号 permitNumber',
      '发证日期 issueDate',
      '已补录预售许可证 backfilled',
    ]);
    await expectAccessible('backfill candidates, after an export');
    expect(external).toEqual([]);
  });
});

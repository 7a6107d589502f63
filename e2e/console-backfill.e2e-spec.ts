import { waitFor } from '@hn/testing';
import jsQR from 'jsqr';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { Browser, Page } from 'playwright-core';
import { desktopPage, launchChromium, screenshot, seriousViolations } from './support/console-browser';
import { putPermit } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * 存量预售项目标记 and 补录预售许可证 in a real browser (Debian's chromium through playwright-core,
 * never a downloaded browser; the launch flags and axe helper of console.e2e-spec.ts): a county user
 * marks three permits and submits them (locked afterwards), backfills a Z number with an uploaded PDF
 * and a map point, and sees it issued with its QR. Screenshots go to tmp/console/ (docs/console/ with CONSOLE_SCREENSHOT_DIR).
 */
const ROOT = join(__dirname, '..');
/** tmp/console by default; `CONSOLE_SCREENSHOT_DIR=docs/console` refreshes the committed pictures. */
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(ROOT, 'tmp', 'console');
const PASSWORD = 'Backfill2024ok';

/** 攸县 stock permits, not typed: 东城花园一期 has two permits, 二期 one (three permits, two projects). */
const A1 = {
  number: '430223202405100101',
  project: '2024-430223-70-03-510001',
  unit: '2024-430223-70-03-510001-DT001',
};
const A2 = { number: '430223202405100201', project: A1.project, unit: '2024-430223-70-03-510001-DT002' };
const B = { number: '430223202405110101', project: '2024-430223-70-03-511001', unit: '2024-430223-70-03-511001-DT001' };
/** 茶陵县, typed PRESALE at registration: a candidate of another county */
const CHALING = { number: '430224202405100101', project: '2024-430224-70-03-510001' };
const FILLERS = 100;
const fillerNumber = (i: number): string =>
  `43022320230${3 + Math.floor(i / 50)}01${String((i % 50) + 1).padStart(2, '0')}01`;

/** A PDF of about `kb` kilobytes (so the upload reports progress). */
const pdf = (kb: number): Buffer =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n% 攸县东城花园一期 预售许可证\n', 'utf8'),
    Buffer.alloc(kb * 1024, 0x20),
    Buffer.from('\n%%EOF\n', 'latin1'),
  ]);

describe('工作台 存量预售项目标记 and 补录预售许可证 in a browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let token: string;
  const external: string[] = [];
  const cspErrors: string[] = [];
  const uploads: string[] = [];

  const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    const res = await fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
    return { status: res.status, body: (await res.json()) as T };
  };
  const expectAccessible = async (what: string): Promise<void> => {
    expect({ what, serious: await seriousViolations(page) }).toEqual({ what, serious: [] });
  };
  /** The visible viewport (small files for docs/console/), once the shipped font has loaded. */
  const shot = async (name: string, fullPage = false): Promise<void> => {
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await screenshot(page, SHOTS, name, fullPage);
  };
  const notice = (id: string, text: string) => page.locator(`#${id}`, { hasText: text }).waitFor();
  const search = async (keyword: string, pageSize = ''): Promise<void> => {
    await page.getByLabel('关键字 Keyword').fill(keyword);
    if (pageSize) await page.getByLabel('每页 Page size').selectOption(pageSize);
    await page.getByRole('button', { name: '查询 Search' }).click();
    await page.waitForURL(new RegExp(`keyword=${encodeURIComponent(keyword)}`));
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    platform = await TestPlatform.start(['permits', 'presale']);
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    const put = (number: string, over: Record<string, unknown>): Promise<void> =>
      putPermit(platform.gatewayUrl, writer, number, over);
    const unit = (code: string, name: string) => [{ unitCode: code, name, floors: 18, floorArea: 9000.5 }];
    await put(A1.number, { projectCode: A1.project, projectName: '攸县东城花园一期', units: unit(A1.unit, '1#栋') });
    await put(A2.number, { projectCode: A2.project, projectName: '攸县东城花园一期', units: unit(A2.unit, '2#栋') });
    await put(B.number, { projectCode: B.project, projectName: '攸县东城花园二期', units: unit(B.unit, '1#栋') });
    await put(CHALING.number, {
      projectCode: CHALING.project,
      projectName: '茶陵东城花园',
      projectType: 'PRESALE',
      units: unit(`${CHALING.project}-DT001`, '1#栋'),
    });
    for (let i = 0; i < FILLERS; i++)
      await put(fillerNumber(i), {
        projectCode: `2023-430223-70-03-${String(600000 + i)}`,
        projectName: `攸县城南安置小区 ${String(i + 1).padStart(3, '0')} 号地块`,
        units: [],
      });
    await platform.createStaff('youxian.stock', PASSWORD, 'COUNTY', '430223');
    token = await platform.staffToken('youxian.stock', PASSWORD, '10.41.0.1');
    await waitFor(
      async () => (await api<{ total: number }>('/api/v1/supervision/marking?pageSize=1')).body.total === FILLERS + 3,
      { timeoutMs: 30_000, intervalMs: 250, description: 'the 103 攸县 permits listed for marking' },
    );

    browser = await launchChromium();
    page = await desktopPage(browser, platform.gatewayUrl, external);
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/supervision/backfill/presale-permits') && r.method() === 'POST')
        uploads.push(r.url());
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('serves the Hunan outline as a static file of the console, nothing else as JSON', async () => {
    const res = await fetch(`${platform.gatewayUrl}/console/assets/hunan.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const map = (await res.json()) as { features: Array<{ id: string; properties: { name: string } }> };
    expect(map.features).toHaveLength(14);
    expect(map.features.find((f) => f.id === '430200')?.properties.name).toBe('株洲市');
    for (const path of ['/console/package.json', '/console/tsconfig.json', '/console/main.json']) {
      expect([path, (await fetch(`${platform.gatewayUrl}${path}`)).status]).toEqual([path, 404]);
    }
  });

  it('lists 100 rows in under 200 ms, selects the whole result across pages, and keeps another county out', async () => {
    await page.goto(`${platform.gatewayUrl}/console/#/marking`);
    await page.getByLabel('用户名 Username').fill('youxian.stock');
    await page.getByLabel('密码 Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#marking-table caption', { hasText: '共 103 个施工许可证（第 1 / 3 页）' }).waitFor();
    // measured in the page around building, inserting and laying out the rows (render-timing.ts)
    const renders = (): Promise<number[]> =>
      page.evaluate(() =>
        (
          globalThis as unknown as { performance: { getEntriesByName(n: string): Array<{ duration: number }> } }
        ).performance
          .getEntriesByName('render:marking')
          .map((e) => e.duration),
      );
    await waitFor(async () => (await renders()).length === 1, {
      timeoutMs: 5_000,
      description: 'first render measured',
    });
    await page.getByLabel('每页 Page size').selectOption('100');
    await page.getByRole('button', { name: '查询 Search' }).click();
    await page.waitForURL(/pageSize=100/);
    await page.locator('#marking-table caption', { hasText: '（第 1 / 2 页）' }).waitFor();
    expect(await page.locator('#marking-table tbody tr').count()).toBe(100);
    await waitFor(async () => (await renders()).length === 2, { timeoutMs: 5_000, description: '100 rows measured' });
    const [first, hundred] = (await renders()) as [number, number];
    expect(hundred).toBeGreaterThan(0);
    expect(hundred).toBeLessThan(200);
    process.stdout.write(
      `render:marking 50 rows after login ${first.toFixed(1)} ms, 100 rows ${hundred.toFixed(1)} ms\n`,
    );
    const headers = await page.locator('#marking-table thead th').allInnerTexts();
    expect(headers.slice(0, 8)).toEqual([
      '证号（施工许可证）',
      '项目名称',
      '区划',
      '项目类型',
      '开工时间',
      '计划竣工时间',
      '是否竣工验收',
      '实际竣工时间',
    ]);
    expect(await page.locator('#marking-table').innerText()).not.toContain('茶陵');
    await expectAccessible('marking, 100 rows');

    // the whole filtered result (103 permits over three pages of 50), read page by page
    await search('攸县', '50');
    await page.locator('#marking-table caption', { hasText: '第 1 / 3 页' }).waitFor();
    await page.locator('#select-result').click();
    await notice('marking-result', '已选择全部结果：103 个施工许可证');
    expect(await page.locator('#ticked-count').innerText()).toBe('已勾选 103 个');
    await page.getByRole('link', { name: '下一页 Next' }).click();
    await page.locator('#marking-table caption', { hasText: '第 2 / 3 页' }).waitFor();
    // the selection is kept across pages of the same filter
    const boxes = page.locator('#marking-table tbody input[type=checkbox]');
    expect(await boxes.count()).toBe(50);
    expect(await boxes.evaluateAll((els) => els.every((e) => (e as unknown as { checked: boolean }).checked))).toBe(
      true,
    );
    expect(await page.locator('#ticked-count').innerText()).toBe('已勾选 103 个');
    await page.locator('#clear-selection').click();
    expect(await page.locator('#ticked-count').innerText()).toBe('已勾选 0 个');
  });

  it('marks three permits, withdraws the step, marks again and submits them after a dialog naming what is locked', async () => {
    await search('东城花园');
    await page.locator('#marking-table caption', { hasText: '共 3 个' }).waitFor();
    await page.locator('#select-all').check();
    expect(await page.locator('#ticked-count').innerText()).toBe('已勾选 3 个');
    expect(await page.locator('#ticked-projects').innerText()).toContain('涉及 2 个项目');
    // an unmarked selection cannot be submitted: said before anything is sent
    await page.locator('#submit-marking').click();
    await notice('marking-result', '以下项目尚未标记');

    await page.getByLabel('标记为 Mark as').selectOption('OTHER');
    await page.locator('#batch-mark').click();
    await notice('marking-result', '已将 2 个项目标记为「其它」');
    await page.locator('#withdraw-step').click();
    await notice('marking-result', '已撤回上一步「标记为其它」：2 个项目恢复到该步之前');
    for (const p of [A1, A2, B])
      expect(await page.locator(`tr[data-permit="${p.number}"] .project-type`).innerText()).toBe('未标记');
    expect(await page.locator('#ticked-count').innerText()).toBe('已勾选 3 个');

    await page.getByLabel('标记为 Mark as').selectOption('PRESALE');
    await page.locator('#batch-mark').click();
    await notice('marking-result', '已将 2 个项目标记为「预售商品房」');

    // 提交 asks first: the dialog names both projects and says they get locked; Esc cancels
    await page.locator('#submit-marking').click();
    const dialog = page.getByRole('dialog', { name: '提交并锁定 2 个项目的标记？' });
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('攸县东城花园一期');
    expect(text).toContain('攸县东城花园二期');
    expect(text).toContain('锁定');
    expect(text).toContain('勾选的施工许可证 2 张');
    await expectAccessible('marking, submit dialog');
    await shot('marking-submit-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const drafts = await api<{ items: Array<{ markingState: string }> }>(
      `/api/v1/supervision/marking?keyword=${encodeURIComponent('东城花园')}`,
    );
    expect(drafts.body.items.map((r) => r.markingState)).toEqual(['DRAFT', 'DRAFT', 'DRAFT']);

    await page.locator('#submit-marking').click();
    await dialog.waitFor();
    await page.locator('#submit-dialog-confirm').click();
    await notice('marking-result', '已提交并锁定 2 个项目的标记');
    await shot('marking');
    for (const p of [A1, A2, B])
      expect(await page.locator(`tr[data-permit="${p.number}"] .marking-state`).innerText()).toBe('已提交（锁定）');
    const submitted = await api<{ items: Array<{ permitNumber: string; projectType: string; markingState: string }> }>(
      `/api/v1/supervision/marking?keyword=${encodeURIComponent('东城花园')}`,
    );
    expect(submitted.body.items.map((r) => [r.permitNumber, r.projectType, r.markingState]).sort()).toEqual(
      [A1, A2, B].map((p) => [p.number, 'PRESALE', 'SUBMITTED']).sort(),
    );

    // locked: marking one of them again is refused by the server
    await page.locator(`#tick-${B.number}`).check();
    await page.getByLabel('标记为 Mark as').selectOption('OTHER');
    await page.locator('#batch-mark').click();
    await notice('marking-result', 'RECORD_LOCKED');
    await expectAccessible('marking, refused');
  });

  it('backfills a Z number for two permits of one project with a PDF and a map point, then submits it', async () => {
    await waitFor(
      async () =>
        (
          await api<{ items: Array<{ projectCode: string }> }>('/api/v1/supervision/backfill/candidates')
        ).body.items.some((c) => c.projectCode === A1.project),
      { timeoutMs: 20_000, intervalMs: 250, description: 'the presale replica knows 东城花园一期 as PRESALE' },
    );
    await page.getByRole('link', { name: '补录预售许可证 Backfill' }).click();
    await page.locator('#candidates-table').waitFor();
    const groups = page.locator('#candidates-table tbody[data-project]');
    expect(await groups.count()).toBe(2);
    expect(await page.locator('#candidates-table').innerText()).not.toContain('茶陵');
    expect(await page.locator(`tbody[data-project="${A1.project}"] tr[data-permit]`).count()).toBe(2);
    await expectAccessible('backfill candidates');
    await shot('backfill-candidates');

    // permits of two projects are not one backfill
    await page.locator(`#bf-${A1.number}`).check();
    await page.locator(`#bf-${B.number}`).check();
    await page.locator('#start-backfill').click();
    await notice('backfill-message', '须属于同一项目');
    await page.locator(`#bf-${B.number}`).uncheck();
    await page.locator(`#bf-${A2.number}`).check();
    await page.locator('#start-backfill').click();
    await page.waitForURL(/#\/backfill\/new\?/);
    expect(decodeURIComponent(page.url())).toContain(`permits=${A1.number},${A2.number}`);
    const form = page.locator('#backfill-form');
    await form.waitFor();
    expect(await form.getByLabel('企业名称 Name').inputValue()).toBe('攸县锦绣置业有限公司');
    expect(await form.locator('input[name=unitCodes]:checked').count()).toBe(2);

    await form.getByLabel('本地预售许可证号 Local number').fill('攸住建预字〔2024〕第031号');
    await form.getByLabel('发证机关 Issuing authority').fill('攸县住房和城乡建设局');
    await form.getByLabel('发证日期 Issue date').fill('2024-06-28');
    await form.getByLabel('坐落地址 Address').fill('攸县联星街道东城大道 18 号');
    await form.getByLabel('预售楼栋 Buildings（多个用顿号或逗号分隔）').fill('1#、2#');
    await form.getByLabel('预售面积（㎡）Area').fill('18001.5');
    await form.getByLabel('预售套数 Units for sale').fill('160');

    // 落图选点: a click on the map at 113.3°E 27.0°N (the frame is the server's bounds, 5.6° each way)
    const map = page.locator('#hunan-map');
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: ((113.3 - 108.7) / 5.6) * box.width, y: ((30.2 - 27.0) / 5.6) * box.height } });
    const lat = form.getByLabel('纬度 Latitude（北纬）');
    const lng = form.getByLabel('经度 Longitude（东经）');
    expect(Math.abs(Number(await lat.inputValue()) - 27.0)).toBeLessThan(0.02);
    expect(Math.abs(Number(await lng.inputValue()) - 113.3)).toBeLessThan(0.02);
    await notice('map-point', '株洲市');
    const marker = page.locator('#hunan-map .marker');
    const clicked = await marker.getAttribute('transform');
    // the coordinates are editable, and move the marker
    await lat.fill('27.005');
    await lng.fill('113.345');
    await notice('map-point', '已选点：北纬 27.00500°，东经 113.34500°（株洲市）');
    expect(await marker.getAttribute('transform')).not.toBe(clicked);
    await expectAccessible('backfill form');

    // the scan is checked in the browser before anything is sent: type by content, size
    const scan = form.getByLabel('扫描件 Scan（PDF、JPEG 或 PNG，≤ 20 MB）');
    await scan.setInputFiles({ name: '预售许可证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await page.locator('#issue-backfill').click();
    await page.locator('#f-scan-error', { hasText: 'PDF、JPEG 或 PNG' }).waitFor();
    expect(await scan.getAttribute('aria-invalid')).toBe('true');
    await scan.setInputFiles({ name: '预售许可证.pdf', mimeType: 'application/pdf', buffer: pdf(20 * 1024 + 1) });
    await page.locator('#issue-backfill').click();
    await page.locator('#f-scan-error', { hasText: '超过 20 MB 上限' }).waitFor();
    expect(uploads).toEqual([]);
    await shot('backfill-form', true);

    await scan.setInputFiles({ name: '预售许可证.pdf', mimeType: 'application/pdf', buffer: pdf(600) });
    // what the progress bar's text said while the XMLHttpRequest uploaded
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { getElementById(id: string): unknown };
        MutationObserver: new (cb: () => void) => { observe(node: unknown, options: unknown): void };
        uploadTexts: string[];
      };
      const el = g.document.getElementById('upload-text') as { textContent: string };
      g.uploadTexts = [];
      new g.MutationObserver(() => g.uploadTexts.push(el.textContent)).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.locator('#issue-backfill').click();
    const z = `${A1.number}-Z01`;
    await page.locator('#z-number', { hasText: z }).waitFor();
    expect(uploads).toHaveLength(1);
    expect(page.url()).toContain(`#/backfill/z/${z}`);
    expect(await page.locator('#upload-progress').count()).toBe(0); // the form gave way to the result
    const texts = await page.evaluate(() => (globalThis as unknown as { uploadTexts: string[] }).uploadTexts);
    expect(texts[0]).toBe('正在上传… (uploading)');
    expect(texts).toContain('已上传 100%');
    await notice('issued-notice', `已补录，取得编号 ${z}`);
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toContain('草稿（未提交）');
    expect(facts).toContain('北纬 27.005°，东经 113.345°');
    expect(facts).toContain('预售许可证.pdf');

    // the QR from the gateway's QR route holds the verification URL
    const permit = await api<{ verifyUrl: string; location: { lat: number; lng: number }; unitCodes: string[] }>(
      `/api/v1/presale-permits/${z}`,
    );
    expect(permit.body.location).toEqual({ lat: 27.005, lng: 113.345 });
    expect(permit.body.unitCodes.sort()).toEqual([A1.unit, A2.unit]);
    await page.waitForFunction(() => {
      const img = (
        globalThis as unknown as { document: { getElementById(id: string): { naturalWidth: number } | null } }
      ).document.getElementById('qr');
      return (img?.naturalWidth ?? 0) > 0;
    });
    const src = (await page.locator('#qr').getAttribute('src'))!;
    expect(src).toMatch(/^data:image\/png;base64,/);
    const png = PNG.sync.read(Buffer.from(src.split(',')[1]!, 'base64'));
    const code = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      png.width,
      png.height,
    );
    expect(code?.data).toBe(permit.body.verifyUrl);
    // the print layout, fetched with the token
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#print-layout').click()]);
    expect(download.suggestedFilename()).toBe(`${z}-print-layout.pdf`);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await expectAccessible('backfill issued');
    await shot('backfill-issued');

    // 提交 after a dialog naming the number; afterwards locked (no 撤回 offered, and the server refuses it)
    await page.locator('#submit-backfill').click();
    const dialog = page.getByRole('dialog', { name: `提交并锁定 ${z}？` });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('攸住建预字〔2024〕第031号');
    await page.locator('#submit-backfill-dialog-confirm').click();
    await notice('issued-notice', `已提交并锁定 ${z}`);
    expect(await page.locator('dl.facts').innerText()).toContain('已提交（锁定）');
    expect(await page.locator('#withdraw-backfill').count()).toBe(0);
    const withdraw = await api<{ code: string }>('/api/v1/supervision/backfill/presale-permits/withdraw', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ presaleNumber: z }),
    });
    expect([withdraw.status, withdraw.body.code]).toEqual([409, 'RECORD_LOCKED']);
    const listed = await api<{ items: Array<{ permit: { presaleNumber: string }; backfillState: string }> }>(
      '/api/v1/supervision/backfill/presale-permits?state=SUBMITTED',
    );
    expect(listed.body.items.map((i) => [i.permit.presaleNumber, i.backfillState])).toEqual([[z, 'SUBMITTED']]);

    await page.setViewportSize({ width: 390, height: 844 });
    await shot('backfill-issued-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('#back-to-candidates').click();
    await page.locator(`tbody[data-project="${A1.project}"] .backfilled`, { hasText: `${z} 已提交` }).waitFor();
    expect(external).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});

import { PresaleBackfillEvents, PresaleEvents } from '@hn/messages';
import { waitFor } from '@hn/testing';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { exportCsv, launchChromium, logIn, screenshot, seriousViolations } from './support/console-browser';
import { permitBody } from './support/fixtures';
import { MarketSimulatorProcess } from './support/market-simulator';
import { freePort, TestPlatform } from './support/platform';

/**
 * The supervision pages of the staff console in a real browser (Debian's chromium, axe-core):
 * 首页, 补录预售资金监管信息 (form, commitment letter, versions, 撤回 / 提交, a locked record refused),
 * 网签统计补录, 比对结果 with a real reconciliation run against the market platform simulator,
 * 误报核销 requested by a county and approved by its city, 验收日期数据治理补录 approved by the province;
 * a county never sees another county's rows. Screenshots land in tmp/console/ (docs/console/ with CONSOLE_SCREENSHOT_DIR).
 */
/** tmp/console by default; `CONSOLE_SCREENSHOT_DIR=docs/console` refreshes the committed pictures. */
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(__dirname, '..', 'tmp', 'console');
const PASSWORD = 'Console2024ok';
const SIM_KEY = `e2e-console-market-${process.pid}`;
const YX = '430223'; // 攸县
const CL = '430224'; // 茶陵县
const Z_YX = '430223202306150101-Z01';
const Z_CL = '430224202301100101-Z01';
const OVERDUE = '430223202406200101'; // 攸县, planned completion passed: an alert to dismiss
const GOVERNED = '430223202406230101'; // 攸县, accepted offline: an acceptance date to backfill
const CL_OVERDUE = '430224202406200101'; // 茶陵县's alert
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: PDF });

interface EscrowRecord {
  state: string;
  version: number;
  balance: number;
  capitalGuaranteeAmount: number | null;
  commitmentLetter: boolean;
  commitmentLetterScan: { fileName: string } | null;
}

const backfilled = (presaleNumber: string, regionCode: string, projectName: string, issueDate: string) => ({
  presaleNumber,
  letter: 'Z',
  serial: Number(presaleNumber.slice(-2)),
  sandbox: false,
  constructionPermitNumbers: [presaleNumber.slice(0, 18)],
  unitCodes: [],
  localCertificateNumber: '预字〔2023〕第001号',
  issuingAuthority: '住房和城乡建设局',
  issueDate,
  developer: { name: `${projectName}置业有限公司`, creditCode: '91430223MA4Q0ABC1X' },
  projectName,
  address: '联星街道',
  buildings: ['1#', '2#'],
  presaleArea: 12345.67,
  unitCount: 120,
  plannedUse: '住宅',
  fundSupervision: null,
  location: { lat: 27.0, lng: 113.3 },
  projectCode: `2023-${regionCode}-70-03-000001`,
  regionCode,
  chainToken: 'x',
  verifyUrl: 'http://127.0.0.1/V/X',
  logIndex: 0,
  status: 'VALID',
  issuedAt: `${issueDate}T02:00:00.000Z`,
});

describe('工作台 supervision pages in a browser (escrow, signing statistics, reconciliation, dismissal, governance)', () => {
  let platform: TestPlatform;
  let sim: MarketSimulatorProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let county: Page;
  let city: Page;
  let province: Page;
  const tokens: Record<string, string> = {};
  const external: string[] = [];
  const cspErrors: string[] = [];

  const api = async <T>(path: string, who = 'youxian.cb'): Promise<T> => {
    const res = await fetch(`${platform.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const accessible = async (page: Page, what: string): Promise<void> => {
    expect({ what, serious: await seriousViolations(page) }).toEqual({ what, serious: [] });
  };
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(platform.gatewayUrl) && !/^(blob|data):/.test(r.url())) external.push(r.url());
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    return page;
  };
  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: '主导航 Main' }).getByRole('link', { name, exact: true }).click();

  beforeAll(async () => {
    const simPort = await freePort();
    platform = await TestPlatform.start(['permits', 'escrow', 'contracts', 'alerts'], {
      env: {
        MARKET_PLATFORM_URL: `http://127.0.0.1:${simPort}`,
        MARKET_PLATFORM_API_KEY: SIM_KEY,
        MARKET_PLATFORM_RETRY_BASE_MS: '50',
        GATEWAY_RECONCILIATION_TIMEOUT_MS: '60000',
      },
    });
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    for (const [number, name] of [
      [OVERDUE, '攸州锦绣城一期'],
      [GOVERNED, '攸县河东花园'],
      [CL_OVERDUE, '茶陵云阳新城'],
    ] as const) {
      const res = await fetch(`${platform.gatewayUrl}/api/v1/approval/construction-permits/${number}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          permitBody({
            projectCode: `2024-${number.slice(0, 6)}-70-03-${number.slice(-8, -2)}`,
            regionCode: number.slice(0, 6),
            issueDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
            projectName: name,
            plannedCompletionDate: '2025-06-30',
            units: [],
          }),
        ),
      });
      if (![200, 201].includes(res.status)) throw new Error(`PUT ${number}: ${res.status} ${await res.text()}`);
    }
    for (const [n, region, name, date] of [
      [Z_YX, YX, '锦绣星城一期', '2023-06-15'],
      [Z_CL, CL, '茶陵洣水湾', '2023-01-10'],
    ] as const) {
      await platform.publishEvent(
        { name: PresaleEvents.stream, subjects: PresaleEvents.streamSubjects },
        {
          source: '/hn/presale',
          type: PresaleBackfillEvents.permitBackfilled,
          subject: n,
          data: { permit: backfilled(n, region, name, date), backfilledBy: 'seed' },
        },
      );
    }
    for (const [username, role, region] of [
      ['youxian.cb', 'COUNTY', YX],
      ['chaling.cb', 'COUNTY', CL],
      ['zhuzhou.cb', 'CITY', '430200'],
      ['province.cb', 'PROVINCE', '430000'],
    ] as const) {
      await platform.createStaff(username, PASSWORD, role, region);
      tokens[username] = await platform.staffToken(username, PASSWORD, `10.41.0.${Object.keys(tokens).length + 1}`);
    }
    await waitFor(async () => (await api<{ total: number }>('/api/v1/supervision/escrow', 'province.cb')).total === 2, {
      timeoutMs: 20_000,
      intervalMs: 200,
      description: 'the backfilled permits in the escrow replica',
    });
    // the contracts replica: a month before the issue month is 422 once the permit is known (404 before)
    await waitFor(
      async () => {
        const res = await fetch(`${platform.gatewayUrl}/api/v1/supervision/signing-statistics/${Z_YX}/2023-05`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${tokens['youxian.cb']}`, 'content-type': 'application/json' },
          body: JSON.stringify({ contractsSigned: 1, floorArea: 1, amountFen: 1 }),
        });
        return res.status === 422;
      },
      { timeoutMs: 20_000, intervalMs: 200, description: 'the backfilled permit in the contracts replica' },
    );
    await waitFor(
      async () =>
        (await api<{ items: Array<{ permitNumber: string }> }>('/api/v1/supervision/alerts?type=OVERDUE_ACCEPTANCE'))
          .items.length === 2,
      { timeoutMs: 20_000, intervalMs: 200, description: "攸县's two overdue alerts" },
    );
    // the market platform, built around the backfilled permits (no planted differences: ours has no filings)
    sim = await MarketSimulatorProcess.start({
      port: simPort,
      apiKey: SIM_KEY,
      seed: 20_241_001,
      env: { MARKET_SIM_PER_KIND: '0', MARKET_SIM_BAD_ITEMS: '0' },
      presales: [
        {
          presaleNumber: Z_YX,
          regionCode: YX,
          projectCode: `2023-${YX}-70-03-000001`,
          projectName: '锦绣星城一期',
          issueDate: '2023-06-15',
          buildings: ['1#', '2#'],
        },
        {
          presaleNumber: Z_CL,
          regionCode: CL,
          projectCode: `2023-${CL}-70-03-000001`,
          projectName: '茶陵洣水湾',
          issueDate: '2023-01-10',
          buildings: ['1#', '2#'],
        },
      ],
    });

    browser = await launchChromium();
    county = await newPage();
    city = await newPage();
    province = await newPage();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await sim?.stop();
    await platform?.stop();
  });

  it("首页: the county's figures and open alerts, never another county's", async () => {
    await logIn(county, platform.gatewayUrl, 'youxian.cb', PASSWORD);
    const figures = county.locator('#home-figures');
    await figures.getByRole('link', { name: /资金监管未录入/ }).waitFor();
    expect(await figures.getByRole('link', { name: /资金监管未录入/ }).innerText()).toMatch(/^1\s/);
    expect(await figures.getByRole('link', { name: /逾期验收/ }).innerText()).toMatch(/^2\s/);
    const alerts = await county.locator('#home-alerts').innerText();
    expect(alerts).toContain('攸州锦绣城一期');
    expect(alerts).not.toContain('茶陵');
    await accessible(county, 'home');
    await screenshot(county, SHOTS, 'home');
    await county.setViewportSize({ width: 390, height: 844 });
    await screenshot(county, SHOTS, 'home-390');
    await county.setViewportSize({ width: 1280, height: 900 });
  });

  it('补录资金监管: enters yuan as exact fen, uploads the commitment letter, withdraws, submits; the locked record is refused', async () => {
    await nav(county, '资金监管 Escrow');
    const table = county.locator('#escrow-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.innerText()).not.toContain(Z_CL);
    await accessible(county, 'escrow list');
    await screenshot(county, SHOTS, 'escrow-list');

    // the filters live in the URL and come back with the list
    await county.getByLabel('资金监管状态 State').selectOption('NONE');
    await county.getByRole('button', { name: '查询 Search' }).click();
    await county.waitForURL(/#\/escrow\?state=NONE$/);
    await table.getByRole('link', { name: `补录资金监管 ${Z_YX}` }).click();
    const form = county.locator('#escrow-form');
    await form.waitFor();
    await form.getByLabel('资本保证金总额（元）').fill('1500000.005');
    await form.getByLabel('有项目资本保证金承诺函').check();
    await form.getByLabel('是 Yes').check();
    await form.getByLabel('监管银行 Bank').fill('中国建设银行攸县支行');
    await form.getByLabel('监管账号 Account').fill('43050162123400000123');
    await form.getByLabel('监管账户余额（元）').fill('87,654,321.29');
    await form.getByLabel('余额日期 Balance as of').fill('2024-07-31');
    await form.getByRole('button', { name: '保存草稿 Save draft' }).click();
    // three decimals of a yuan are refused in the browser, beside the field
    await county.locator('#f-capitalGuaranteeAmount-error', { hasText: '两位小数' }).waitFor();
    expect(await form.getByLabel('资本保证金总额（元）').getAttribute('aria-invalid')).toBe('true');
    // a commitment letter instead of the guarantee: the amount left empty
    await form.getByLabel('资本保证金总额（元）').fill('');
    await form.getByRole('button', { name: '保存草稿 Save draft' }).click();
    await county.locator('#escrow-notice', { hasText: '第 1 版' }).waitFor();
    let record = await api<EscrowRecord>(`/api/v1/supervision/escrow/${Z_YX}`);
    expect(record).toMatchObject({ version: 1, state: 'DRAFT', balance: 8_765_432_129, capitalGuaranteeAmount: null });

    // submitting before the letter's scan is refused by the server, and the page says why
    await county.getByRole('button', { name: '提交 Submit', exact: true }).click();
    const dialog = county.getByRole('dialog');
    expect(await dialog.innerText()).toContain('尚未上传扫描件');
    await dialog.getByRole('button', { name: '确认提交并锁定 Submit' }).click();
    await county.locator('#escrow-form-message', { hasText: '承诺函' }).waitFor();
    expect(await county.locator('#escrow-form-message').innerText()).toContain('INCOMPLETE_SUBMISSION');

    // the letter: a text file is refused before upload, a PDF is stored as version 2
    const letter = county.locator('#letter-form');
    await letter
      .getByLabel('选择扫描件 File')
      .setInputFiles({ name: 'letter.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
    await letter.getByRole('button', { name: '上传承诺函 Upload' }).click();
    await county.locator('#f-letter-error', { hasText: 'PDF、JPEG 或 PNG' }).waitFor();
    await letter.getByLabel('选择扫描件 File').setInputFiles(pdf('锦绣星城一期资本保证金承诺函.pdf'));
    await letter.getByRole('button', { name: '上传承诺函 Upload' }).click();
    await county.locator('#escrow-notice', { hasText: '第 2 版' }).waitFor();
    expect(await county.locator('#letter-current').innerText()).toContain('锦绣星城一期资本保证金承诺函.pdf');

    // a third version, withdrawn: version 2 is current again
    await form.getByLabel('监管账户余额（元）').fill('1.00');
    await form.getByRole('button', { name: '保存草稿 Save draft' }).click();
    await county.locator('#escrow-notice', { hasText: '第 3 版' }).waitFor();
    await county.getByRole('button', { name: '撤回 Withdraw' }).click();
    await county.getByRole('dialog').getByRole('button', { name: '确认撤回 Withdraw' }).click();
    await county.locator('#escrow-notice', { hasText: '已撤回第 3 版' }).waitFor();
    expect(await county.locator('#escrow-versions tbody tr').count()).toBe(3);
    expect(await county.locator('#escrow-versions tr[data-version="3"]').innerText()).toContain('已撤回');
    expect(await form.getByLabel('监管账户余额（元）').inputValue()).toBe('87654321.29');
    await accessible(county, 'escrow form');

    // 提交: the confirmation names what gets locked
    await county.getByRole('button', { name: '提交 Submit', exact: true }).click();
    const confirm = county.getByRole('dialog');
    const named = await confirm.innerText();
    expect(named).toContain(`${Z_YX}（锦绣星城一期）`);
    expect(named).toContain('将锁定');
    expect(named).toContain('87,654,321.29 元（8765432129 分）');
    expect(named).toContain('锦绣星城一期资本保证金承诺函.pdf');
    await accessible(county, 'escrow submit confirmation');
    await screenshot(county, SHOTS, 'escrow-submit-confirm', false);
    await confirm.getByRole('button', { name: '确认提交并锁定 Submit' }).click();
    await county.locator('#escrow-notice', { hasText: '已提交并锁定' }).waitFor();
    expect(await county.locator('#escrow-state').innerText()).toBe('已提交（锁定）');
    await county.locator('#lock-note').waitFor();
    expect(await form.getByLabel('监管账户余额（元）').isDisabled()).toBe(true);
    record = await api<EscrowRecord>(`/api/v1/supervision/escrow/${Z_YX}`);
    expect(record).toMatchObject({ version: 2, state: 'SUBMITTED', commitmentLetter: true, balance: 8_765_432_129 });

    // a change of the locked record: the server's refusal is shown
    await county.getByRole('button', { name: '修改 Change' }).click();
    await form.getByLabel('监管账户余额（元）').fill('90000000.00');
    await form.getByRole('button', { name: '保存草稿 Save draft' }).click();
    const refusal = county.locator('#escrow-form-message', { hasText: 'RECORD_LOCKED' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('已提交，不能再修改或撤回');
    expect((await api<EscrowRecord>(`/api/v1/supervision/escrow/${Z_YX}`)).version).toBe(2);
    await accessible(county, 'escrow locked');
    await screenshot(county, SHOTS, 'escrow-locked');

    await county.locator('#back-to-escrow').click();
    await county.locator('main .empty', { hasText: '没有符合条件' }).waitFor();
    expect(county.url()).toMatch(/#\/escrow\?state=NONE$/);
    expect(await county.getByLabel('资金监管状态 State').inputValue()).toBe('NONE');

    // another county's permit, opened by its URL: the server refuses, nothing of it is shown
    await county.goto(`${platform.gatewayUrl}/console/#/escrow/${Z_CL}`);
    await county.getByRole('heading', { name: '出错了 Error' }).waitFor();
    expect(await county.locator('main').innerText()).toContain('REGION_FORBIDDEN');
    expect(await county.locator('main').innerText()).not.toContain('茶陵洣水湾');
  });

  it('网签统计补录: enters a month in yuan, submits it with a confirmation naming the locked months', async () => {
    await nav(county, '网签统计 Signing');
    const form = county.locator('#statistic-form');
    await form.waitFor();
    await form.getByLabel('预售许可证号 Presale number').fill(Z_YX);
    await form.getByLabel('月份 Month').fill('2024-08');
    await form.getByLabel('网签套数 Contracts').fill('12');
    await form.getByLabel('网签面积（㎡）Floor area').fill('1234.56');
    await form.getByLabel('网签金额（元）Amount, yuan').fill('9876543.21');
    await form.getByRole('button', { name: '保存草稿 Save draft' }).click();
    await county.locator('#statistics-notice', { hasText: '2024-08' }).waitFor();
    const row = county.locator(`tr[data-statistic="${Z_YX}-2024-08"]`);
    expect(await row.innerText()).toMatch(/12[\s\S]*1234\.56[\s\S]*9,876,543\.21[\s\S]*草稿/);
    const listed = await api<{ items: Array<{ month: string; amountFen: number; floorArea: number; kind: string }> }>(
      `/api/v1/supervision/signing-statistics?presaleNumber=${Z_YX}`,
    );
    expect(listed.items).toEqual([
      expect.objectContaining({ month: '2024-08', amountFen: 987_654_321, floorArea: 1234.56, kind: 'BACKFILL' }),
    ]);
    await accessible(county, 'signing statistics');

    await county.getByLabel(`勾选 ${Z_YX}-2024-08`).check();
    await county.getByRole('button', { name: '提交所选 Submit selected' }).click();
    const confirm = county.getByRole('dialog');
    expect(await confirm.innerText()).toContain(`预售许可证 ${Z_YX} 以下 1 个月的网签统计将锁定`);
    await confirm.getByRole('button', { name: '确认提交并锁定 Submit' }).click();
    await county.locator('#statistics-notice', { hasText: '已提交并锁定' }).waitFor();
    expect(await row.innerText()).toContain('已提交');
    await accessible(county, 'signing statistics submitted');
    await screenshot(county, SHOTS, 'signing-statistics');
  });

  it('比对结果: the province runs the reconciliation; the county sees its differences only and explains one', async () => {
    await logIn(province, platform.gatewayUrl, 'province.cb', PASSWORD);
    await nav(province, '比对结果 Reconciliation');
    await province.getByRole('button', { name: '立即比对 Run now' }).click();
    await province.locator('#reconciliation-notice', { hasText: '比对完成' }).waitFor({ timeout: 60_000 });
    const all = await province.locator('#differences-table').innerText();
    expect(all).toContain(Z_CL);

    await nav(county, '比对结果 Reconciliation');
    const table = county.locator('#differences-table');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain(Z_YX);
    expect(text).not.toContain(Z_CL);
    // August 2024: ours is the submitted statistic (12 contracts)
    const august = table.locator('tbody tr', { hasText: '2024-08' });
    expect(await august.innerText()).toMatch(/本平台 12\s[\s\S]*本平台 1234\.56\s[\s\S]*本平台 9,876,543\.21\s/);
    await accessible(county, 'reconciliation');
    await august.getByRole('button', { name: /核实说明/ }).click();
    const dialog = county.getByRole('dialog');
    await dialog.getByRole('button', { name: '提交说明 Acknowledge' }).click();
    await dialog.locator('.error', { hasText: '请填写' }).waitFor();
    await dialog
      .getByLabel('核实说明 Explanation')
      .fill('经核实，8 月网签统计按市网签系统月报补录，市场监管平台数据待同步。');
    await dialog.getByRole('button', { name: '提交说明 Acknowledge' }).click();
    await county.locator('#reconciliation-notice', { hasText: '已核实说明' }).waitFor();
    expect(await table.locator('tbody tr', { hasText: '2024-08' }).innerText()).toContain('已说明');
    await screenshot(county, SHOTS, 'reconciliation');

    // 导出 CSV（全部结果）: the county's differences, amounts in 元 with two decimals, a negative difference a plain number
    const file = await exportCsv(county);
    await county.locator('#export-csv-status', { hasText: '已导出' }).waitFor();
    const [header, ...rows] = file.records;
    const total = (await api<{ total: number }>('/api/v1/supervision/reconciliation?pageSize=1')).total;
    expect(rows).toHaveLength(total);
    const col = (name: string): number => header!.indexOf(name);
    const aug = rows.find((r) => r[col('月份 month')] === '2024-08')!;
    expect([
      aug[col('预售许可证号 presaleNumber')],
      aug[col('本平台套数 ours.contracts')],
      aug[col('本平台面积（㎡）ours.floorArea')],
      aug[col('本平台金额（元）ours.amount')],
      aug[col('状态 state')],
    ]).toEqual([Z_YX, '12', '1234.56', '9876543.21', '已说明']);
    const march = rows.find((r) => r[col('月份 month')] === '2024-03')!;
    expect(march[col('金额差额（元）amountDelta')]).toMatch(/^-\d+\.\d{2}$/);
    expect(rows.every((r) => r[col('预售许可证号 presaleNumber')] !== Z_CL)).toBe(true);
  });

  it('误报核销: the county requests it with evidence, its city approves, the alert is dismissed', async () => {
    await nav(county, '预警 Alerts');
    await county.getByLabel('关键字 Keyword').fill('攸州锦绣');
    await county.getByRole('button', { name: '查询 Search' }).click();
    await county.locator('#alerts-table caption', { hasText: '共 1 条' }).waitFor();
    await county.locator('#alerts-table').getByRole('link', { name: '攸州锦绣城一期' }).click();
    const form = county.locator('#dismissal-form');
    await form.waitFor();
    await form.getByRole('button', { name: '申请核销 Request dismissal' }).click();
    await county.locator('#d-reason-error', { hasText: '必填' }).waitFor();
    await county.locator('#d-scan-error', { hasText: '请选择扫描件' }).waitFor();
    await form.getByLabel('核销理由 Reason').fill('该项目已于 2025-05-10 线下完成竣工验收备案，附备案表扫描件');
    await form.getByLabel(/证明材料扫描件/).setInputFiles(pdf('竣工验收备案表.pdf'));
    await form.getByRole('button', { name: '申请核销 Request dismissal' }).click();
    await county.locator('#detail-notice', { hasText: '已提交核销申请' }).waitFor();
    expect(await county.locator('#dismissal-state').innerText()).toBe('待上一级审核');
    // the requester's county is offered no decision
    expect(await county.locator('#approve-dismissal').count()).toBe(0);
    await accessible(county, 'alert with a dismissal request');
    await screenshot(county, SHOTS, 'alert-dismissal-request');
    const alertUrl = county.url();
    const alertId = /#\/alerts\/([0-9a-f-]{36})/.exec(alertUrl)![1]!;

    await logIn(city, platform.gatewayUrl, 'zhuzhou.cb', PASSWORD);
    await nav(city, '预警 Alerts');
    await city.getByLabel('关键字 Keyword').fill('攸州锦绣');
    await city.getByRole('button', { name: '查询 Search' }).click();
    await city.locator('#alerts-table caption', { hasText: '共 1 条' }).waitFor();
    expect(await city.locator(`#alerts-table tr[data-alert-id="${alertId}"]`).innerText()).toContain('核销待审');
    await city.locator(`#alerts-table tr[data-alert-id="${alertId}"]`).getByRole('link').click();
    await city.getByRole('button', { name: '同意核销 Approve' }).click();
    const dialog = city.getByRole('dialog');
    await dialog.getByLabel('审核意见 Note').fill('附件与备案系统一致，同意核销');
    await accessible(city, 'dismissal approval');
    await dialog.getByRole('button', { name: '确认同意 Approve' }).click();
    await city.locator('#detail-notice', { hasText: '已同意核销' }).waitFor();
    expect(await city.locator('#dismissal-state').innerText()).toBe('已同意核销');
    expect(await city.locator('dl.facts').first().innerText()).toContain('已核销');
    await screenshot(city, SHOTS, 'alert-dismissal-approved');
    expect((await api<{ state: string }>(`/api/v1/supervision/alerts/${alertId}`)).state).toBe('DISMISSED');
  });

  it('验收日期补录: the county submits the date with its document, the province approves it', async () => {
    await nav(county, '验收补录 Acceptance');
    const form = county.locator('#backfill-form');
    await form.waitFor();
    await form.getByLabel('施工许可证编号 Permit number').fill(GOVERNED);
    await form.getByLabel('验收类型 Kind').selectOption('COMPLETION_FILING');
    await form.getByLabel('验收（备案）日期 Date').fill('2025-05-10');
    await form.getByLabel('说明 Note').fill('线下办理竣工验收备案，未在工改系统上传');
    await form.getByLabel(/证明材料扫描件/).setInputFiles(pdf('竣工验收备案表-河东花园.pdf'));
    await form.getByRole('button', { name: '提交补录 Submit' }).click();
    await county.locator('#backfills-notice', { hasText: '待省厅审核' }).waitFor();
    expect(await county.locator('#backfills-table tbody tr').innerText()).toMatch(
      /攸县河东花园[\s\S]*竣工验收备案[\s\S]*待审核/,
    );
    // the county may not decide: nothing offered
    expect(await county.locator('#backfills-table tbody').getByRole('button').count()).toBe(0);
    await accessible(county, 'acceptance backfills');

    await nav(province, '验收补录 Acceptance');
    const row = province.locator('#backfills-table tbody tr', { hasText: GOVERNED });
    await row.getByRole('button', { name: '同意' }).click();
    await province.getByRole('dialog').getByRole('button', { name: '确认同意 Approve' }).click();
    await province.locator('#backfills-notice', { hasText: '已同意' }).waitFor();
    expect(await row.innerText()).toContain('已同意');
    await accessible(province, 'acceptance backfills (province)');
    await screenshot(province, SHOTS, 'acceptance-backfills');
    // the approved date clears the overdue alert
    await waitFor(
      async () =>
        !(
          await api<{ items: Array<{ permitNumber: string }> }>('/api/v1/supervision/alerts?type=OVERDUE_ACCEPTANCE')
        ).items.some((a) => a.permitNumber === GOVERNED),
      { timeoutMs: 15_000, intervalMs: 200, description: 'the governed alert cleared' },
    );
  });

  it("another county's user sees only its own rows on every new page", async () => {
    const chaling = await newPage();
    await logIn(chaling, platform.gatewayUrl, 'chaling.cb', PASSWORD);
    expect(await chaling.locator('#home-alerts').innerText()).not.toContain('攸');
    await nav(chaling, '资金监管 Escrow');
    await chaling.locator('#escrow-table').waitFor();
    const escrow = await chaling.locator('#escrow-table').innerText();
    expect(escrow).toContain(Z_CL);
    expect(escrow).not.toContain(Z_YX);
    await nav(chaling, '网签统计 Signing');
    await chaling.locator('#statistic-form').waitFor();
    expect(await chaling.locator('main').innerText()).not.toContain(Z_YX);
    await nav(chaling, '比对结果 Reconciliation');
    await chaling.locator('#differences-table').waitFor();
    expect(await chaling.locator('#differences-table').innerText()).not.toContain(Z_YX);
    await nav(chaling, '验收补录 Acceptance');
    await chaling.locator('#backfill-form').waitFor();
    expect(await chaling.locator('main').innerText()).not.toContain(GOVERNED);
    // a filter naming another county is the server's refusal
    await chaling.goto(`${platform.gatewayUrl}/console/#/escrow?regionCode=${YX}`);
    await chaling.locator('main .error', { hasText: '不在' }).waitFor();

    expect(external).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});

import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, logIn, screenshot, seriousViolations } from './support/console-browser';
import { permitBody, residentId } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * The account pages of the staff console in a real browser (Debian's chromium, axe-core): a city
 * fills in 附件2 for one of its counties (a wrong ID number refused beside its field), submits it;
 * the province approves it and sees the one-time passwords once; the new county user is forced to
 * change the password, then sees only its county; the province reads the audit trail with filters in
 * the URL and paging; an ADMIN disables and enables an integrator credential and resets a password.
 * Screenshots land in tmp/console/ (docs/console/ with CONSOLE_SCREENSHOT_DIR).
 */
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(__dirname, '..', 'tmp', 'console');
const PASSWORD = 'Console2024ok';
const NEW_PASSWORD = 'Youxian2024new';
const YOUXIAN_PERMIT = '430223202406200101'; // 攸县
const CHALING_PERMIT = '430224202406200101'; // 茶陵县, same city
const ID_ZHANG = residentId('43022319900101123');
const ID_LI = residentId('43022319851231002');
const BAD_ID = `${ID_ZHANG.slice(0, 17)}${ID_ZHANG[17] === '0' ? '1' : '0'}`;

describe('工作台 account pages in a browser (附件2 applications, 修改密码, 审计, 用户与凭据)', () => {
  let platform: TestPlatform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let city: Page;
  let province: Page;
  let county: Page;
  let admin: Page;
  const oneTime: Record<string, string> = {};
  let integrator = { clientId: '', clientSecret: '' };
  const external: string[] = [];
  const cspErrors: string[] = [];

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
  const navLinks = async (page: Page): Promise<string[]> =>
    page.getByRole('navigation', { name: '主导航 Main' }).getByRole('link').allInnerTexts();
  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: '主导航 Main' }).getByRole('link', { name, exact: true }).click();
  const person = (page: Page, i: number) => page.locator(`fieldset[data-person="${i}"]`);

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    integrator = await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']);
    const writer = await platform.token(integrator);
    for (const [number, region, name] of [
      [YOUXIAN_PERMIT, '430223', '锦绣星城三期'],
      [CHALING_PERMIT, '430224', '茶陵云阳新城'],
    ] as const) {
      const res = await fetch(`${platform.gatewayUrl}/api/v1/approval/construction-permits/${number}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          permitBody({
            projectCode: `2024-${region}-70-03-000001`,
            projectName: name,
            regionCode: region,
            projectType: null,
            units: [],
          }),
        ),
      });
      if (res.status !== 201) throw new Error(`PUT ${number}: ${res.status} ${await res.text()}`);
    }
    await platform.createStaff('zhuzhou.city', PASSWORD, 'CITY', '430200');
    await platform.createStaff('province.li', PASSWORD, 'PROVINCE', '430000');
    await platform.createStaff('admin.chen', PASSWORD, 'ADMIN', '430000');
    browser = await launchChromium();
    city = await newPage();
    province = await newPage();
    county = await newPage();
    admin = await newPage();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await platform?.stop();
  });

  it('账号申请: the city fills in 附件2; a wrong ID number is refused beside its field; saved IDs come back masked', async () => {
    await logIn(city, platform.gatewayUrl, 'zhuzhou.city', PASSWORD);
    const links = await navLinks(city);
    expect(links).toEqual(expect.arrayContaining(['账号申请 Accounts', '修改密码 Password']));
    expect(links).not.toContain('审计 Audit');
    expect(links).not.toContain('用户与凭据 Users');
    await nav(city, '账号申请 Accounts');
    await city.getByRole('heading', { name: '账号申请 Account applications', level: 1 }).waitFor();
    await city.getByRole('link', { name: '新建申请 New' }).click();
    const form = city.locator('#application-form');
    await form.waitFor();
    await form.getByLabel('县市区代码 County code').fill('430223');
    await form.getByLabel('局主要领导审签 Bureau head').fill('王局长');
    await form.getByLabel('分管领导审签 Deputy in charge').fill('赵副局长');
    await form.getByLabel('工作联系人 Contact').fill('刘联络');
    await form.getByLabel('联系手机号 Contact mobile').fill('13900001111');
    const first = person(city, 0);
    await first.getByLabel('姓名 Name').fill('张三');
    await first.getByLabel('手机号 Mobile').fill('13812345678');
    await first.getByLabel('身份证号 ID number').fill(BAD_ID);
    await first.getByLabel('单位名称 Unit').fill('攸县住房和城乡建设局');
    await form.getByRole('button', { name: '添加责任人 Add a person' }).click();
    const second = person(city, 1);
    await second.getByLabel('姓名 Name').fill('李四');
    await second.getByLabel('手机号 Mobile').fill('13812345679');
    await second.getByLabel('身份证号 ID number').fill(ID_LI);
    await second.getByLabel('单位名称 Unit').fill('攸县不动产登记中心');
    await second.getByLabel('单位即施工许可证审批发证机关 The unit issues the permits').uncheck();
    await second.getByLabel('单位统一社会信用代码 Unit credit code').fill('114302230061234563');
    await second.getByLabel('补录预售许可证').uncheck();
    await form.getByRole('button', { name: '保存草稿 Save draft' }).click();

    const idField = first.getByLabel('身份证号 ID number');
    await city.locator('#p0-idNumber-error').waitFor();
    expect(await city.locator('#p0-idNumber-error').innerText()).toContain('GB 11643');
    expect(await idField.getAttribute('aria-invalid')).toBe('true');
    expect(
      await city.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).toBe('p0-idNumber');
    await accessible(city, 'application form with a field error');
    await screenshot(city, SHOTS, 'account-application-form');

    await idField.fill(ID_ZHANG);
    await form.getByRole('button', { name: '保存草稿 Save draft' }).click();
    await city.getByRole('heading', { name: '账号申请 攸县（430223）', level: 1 }).waitFor();
    const persons = await city.locator('#persons-table').innerText();
    expect(persons).toContain(`430223********${ID_ZHANG.slice(-4)}`);
    expect(persons).toContain(`430223********${ID_LI.slice(-4)}`);
    expect(persons).toContain('114302230061234563');
    expect(persons).toContain('补录预售资金监管信息');
    expect(await city.content()).not.toContain(ID_ZHANG);
    expect(await city.locator('#application-state').innerText()).toBe('草稿');
    await accessible(city, 'application detail');
  });

  it('the city changes the draft (saved ID numbers kept) and submits it with a confirmation', async () => {
    await city.getByRole('link', { name: '修改 Edit' }).click();
    const form = city.locator('#application-form');
    await form.waitFor();
    const first = person(city, 0);
    expect(await first.getByLabel(/身份证号（已保存 430223\*{8}\d{3}[\dX]，留空不变）/).inputValue()).toBe('');
    await first.getByLabel('姓名 Name').fill('张三丰');
    await form.getByRole('button', { name: '保存草稿 Save draft' }).click();
    await city.getByRole('heading', { name: '账号申请 攸县（430223）', level: 1 }).waitFor();
    expect(await city.locator('#persons-table').innerText()).toContain(`张三丰`);
    expect(await city.locator('#persons-table').innerText()).toContain(`430223********${ID_ZHANG.slice(-4)}`);

    await city.getByRole('button', { name: '报送省厅 Submit' }).click();
    const dialog = city.getByRole('dialog');
    expect(await dialog.innerText()).toContain('张三丰、李四');
    await accessible(city, 'submit confirmation');
    await dialog.getByRole('button', { name: '报送 Submit' }).click();
    await city.locator('#application-state', { hasText: '已报送省厅' }).waitFor();
    expect(await city.getByRole('button', { name: '报送省厅 Submit' }).count()).toBe(0);
    await nav(city, '账号申请 Accounts');
    await city.locator('#applications-table').waitFor();
    await accessible(city, 'applications list');
    await screenshot(city, SHOTS, 'account-applications');
  });

  it('the province approves it: the accounts and one-time passwords are shown once', async () => {
    await logIn(province, platform.gatewayUrl, 'province.li', PASSWORD);
    expect(await navLinks(province)).toEqual(expect.arrayContaining(['账号申请 Accounts', '审计 Audit']));
    expect(await navLinks(province)).not.toContain('用户与凭据 Users');
    await nav(province, '账号申请 Accounts');
    await province.getByLabel('状态 State').selectOption('SUBMITTED');
    await province.getByRole('button', { name: '查询 Search' }).click();
    await province.waitForURL(/#\/account-applications\?state=SUBMITTED$/);
    await province
      .locator('#applications-table')
      .getByRole('link', { name: /查看 攸县/ })
      .click();
    await province.getByRole('heading', { name: '账号申请 攸县（430223）', level: 1 }).waitFor();
    expect(province.url()).toContain('state=SUBMITTED');
    await province.getByRole('button', { name: '批准并创建账号 Approve' }).click();
    const dialog = province.getByRole('dialog');
    expect(await dialog.innerText()).toContain('张三丰（13812345678）');
    await dialog.getByRole('button', { name: '批准 Approve' }).click();
    const accounts = province.locator('#accounts-table');
    await accounts.waitFor();
    for (const username of ['430223.01', '430223.02']) {
      const code = accounts.locator(`tr[data-username="${username}"] code.secret`);
      oneTime[username] = (await code.innerText()).trim();
      expect(oneTime[username]).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    }
    expect(await province.locator('#application-state').innerText()).toBe('已批准');
    await accessible(province, 'approval with one-time passwords');
    await screenshot(province, SHOTS, 'account-application-approved');

    // shown once: the page read again has the accounts, not the passwords
    await province.reload();
    await province.locator('#persons-table').waitFor();
    expect(await province.locator('#persons-table').innerText()).toContain('430223.01');
    expect(await province.locator('#one-time-passwords').count()).toBe(0);
    expect(await province.content()).not.toContain(oneTime['430223.01']!);
    await province.getByRole('link', { name: '← 返回申请列表 Back to list' }).click();
    await province.waitForURL(/#\/account-applications\?state=SUBMITTED$/);
  });

  it('the new county user must change the one-time password first, then sees only its county', async () => {
    await county.goto(`${platform.gatewayUrl}/console/#/login`);
    await county.getByLabel('用户名 Username').fill('430223.01');
    await county.getByLabel('密码 Password').fill(oneTime['430223.01']!);
    await county.keyboard.press('Enter');
    await county.getByRole('heading', { name: '修改密码 Change password', level: 1 }).waitFor();
    expect(await county.locator('#password-forced').innerText()).toContain('首次登录须先修改');
    expect(await navLinks(county)).toEqual(['修改密码 Password']);
    // any other page leads back here
    await county.goto(`${platform.gatewayUrl}/console/#/marking`);
    await county.getByRole('heading', { name: '修改密码 Change password', level: 1 }).waitFor();
    await county.waitForURL(/#\/password$/);
    await accessible(county, 'forced change-password page');
    await screenshot(county, SHOTS, 'change-password');

    await county.getByLabel('初始密码 One-time password').fill(oneTime['430223.01']!);
    await county.getByLabel('新密码 New password').fill(NEW_PASSWORD);
    await county.getByLabel('再次输入新密码 Repeat the new password').fill(`${NEW_PASSWORD}x`);
    await county.getByRole('button', { name: '修改密码 Change password' }).click();
    await county.locator('#f-confirmPassword-error').waitFor();
    expect(await county.locator('#f-confirmPassword-error').innerText()).toContain('不一致');
    await county.getByLabel('再次输入新密码 Repeat the new password').fill(NEW_PASSWORD);
    await county.getByRole('button', { name: '修改密码 Change password' }).click();
    await county.locator('#password-changed', { hasText: '密码已修改' }).waitFor();
    expect(await navLinks(county)).toEqual(expect.arrayContaining(['首页 Home', '存量预售项目标记 Stock marking']));
    expect(await navLinks(county)).not.toContain('账号申请 Accounts');

    await nav(county, '存量预售项目标记 Stock marking');
    await county.locator(`tr[data-permit="${YOUXIAN_PERMIT}"]`).waitFor();
    expect(await county.locator('tr[data-permit]').count()).toBe(1);
    expect(await county.content()).not.toContain(CHALING_PERMIT);
    // the old one-time password no longer logs in; the new one does, without the forced page
    const old = await platform.staffLogin('430223.01', oneTime['430223.01']!, '10.50.0.1');
    expect(old.status).toBe(401);
    const fresh = await platform.staffLogin('430223.01', NEW_PASSWORD, '10.50.0.1');
    expect(((await fresh.json()) as { password_change_required: boolean }).password_change_required).toBe(false);
  });

  it('审计: the province filters the trail (filters in the URL), pages through it and comes back', async () => {
    // more than one page (50) of login entries: failed logins of unknown names from several addresses
    for (let i = 0; i < 55; i++)
      await platform.staffLogin(`nobody.${i}`, 'Wrong2024pass', `10.60.${Math.floor(i / 15)}.${i}`);
    await nav(province, '审计 Audit');
    await province.getByRole('heading', { name: '审计日志 Audit trail', level: 1 }).waitFor();
    await province.getByLabel('操作（前缀）Action').fill('POST /api/v1/account-applications');
    await province.getByRole('button', { name: '查询 Search' }).click();
    await province.waitForURL(/#\/audit\?action=POST\+%2Fapi%2Fv1%2Faccount-applications$/);
    const table = province.locator('#audit-table');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('/approve');
    expect(text).toContain('/submit');
    expect(text).toContain('zhuzhou.city');
    expect(text).not.toContain(ID_ZHANG);
    await table.locator('details summary').first().click();
    expect(await table.locator('details[open] pre').first().innerText()).toContain('[REDACTED]');
    await accessible(province, 'audit page');
    await screenshot(province, SHOTS, 'audit');

    await province.getByLabel('操作（前缀）Action').fill('POST /api/v1/auth/login');
    await province.getByRole('button', { name: '查询 Search' }).click();
    await province.waitForURL(/action=POST\+%2Fapi%2Fv1%2Fauth%2Flogin$/);
    await province.locator('#audit-table caption', { hasText: '第 1 / 2 页' }).waitFor();
    await province.getByRole('link', { name: '下一页 Next' }).click();
    await province.waitForURL(/action=POST\+%2Fapi%2Fv1%2Fauth%2Flogin&page=2$/);
    await province.locator('#audit-table caption', { hasText: '第 2 / 2 页' }).waitFor();
    expect(await province.getByLabel('操作（前缀）Action').inputValue()).toBe('POST /api/v1/auth/login');
    await province.goBack();
    await province.locator('#audit-table caption', { hasText: '第 1 / 2 页' }).waitFor();
    expect(await province.getByLabel('操作（前缀）Action').inputValue()).toBe('POST /api/v1/auth/login');
  });

  it('用户与凭据: an ADMIN disables and enables an integrator credential and resets a staff password', async () => {
    await logIn(admin, platform.gatewayUrl, 'admin.chen', PASSWORD);
    await nav(admin, '用户与凭据 Users');
    const staff = admin.locator('#staff-table');
    await staff.waitFor();
    expect(await staff.locator('tr[data-username="430223.01"]').innerText()).toContain('正常');
    expect(await staff.locator('tr[data-username="430223.02"]').innerText()).toContain('待修改初始密码');
    expect(await staff.locator('tr[data-username="admin.chen"]').innerText()).toContain('（本人）');
    const row = admin.locator(`#integrators-table tr[data-client="${integrator.clientId}"]`);
    await row.getByRole('button', { name: /^停用/ }).click();
    await admin.getByRole('dialog').getByRole('button', { name: '停用 Disable' }).click();
    await admin.locator('#users-notice', { hasText: '已停用集成方凭据' }).waitFor();
    expect(await row.innerText()).toContain('已停用');
    const refused = await fetch(`${platform.gatewayUrl}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: integrator.clientId,
        client_secret: integrator.clientSecret,
      }),
    });
    expect(refused.status).toBe(401);
    await row.getByRole('button', { name: /^启用/ }).click();
    await admin.getByRole('dialog').getByRole('button', { name: '启用 Enable' }).click();
    await admin.locator('#users-notice', { hasText: '已启用集成方凭据' }).waitFor();
    expect(await row.innerText()).toContain('正常');
    await expect(platform.token(integrator)).resolves.toMatch(/\./);

    await staff.locator('tr[data-username="430223.02"]').getByRole('button', { name: '重置密码 430223.02' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: '重置 Reset' }).click();
    const reset = (await admin.locator('#reset-password').innerText()).trim();
    expect(reset).not.toBe(oneTime['430223.02']);
    const login = await platform.staffLogin('430223.02', reset, '10.50.0.2');
    expect(((await login.json()) as { password_change_required: boolean }).password_change_required).toBe(true);
    await accessible(admin, 'users and credentials');
    await screenshot(admin, SHOTS, 'users');
  });

  it('loaded nothing from outside the gateway and broke no CSP rule', () => {
    expect(external).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});

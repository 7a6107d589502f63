/**
 * 营商环境考核 end to end through the gateway (issue 13 item 4): records made through the API trigger
 * four rules in 攸县 — a project marked PRESALE without a presale permit, a backfilled (Z) presale permit
 * without a submitted escrow record, a governance backfill of an acceptance date approved by the province
 * and the 社会投资房建类 stock permit behind it left unmarked after the marking deadline. The county's
 * deductions and items match, the city lists its counties and the province its cities, a past date keeps
 * its answer; another county's staff is refused; an appeal upheld by the province removes its item (and
 * is audited); bad queries are 422. Then the console section in a browser (desktop and 390 × 844), axe
 * with no serious or critical violations, and the screenshot statistics-assessment.png (tmp/console, or CONSOLE_SCREENSHOT_DIR=docs/console).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AssessmentAppealV1, StatisticsAssessmentV1 } from '@hn/messages';
import { waitFor } from '@hn/testing';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, logIn, screenshot, seriousViolations } from './support/console-browser';
import { creditCode, permitBody, presaleSubmission, putPermit } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

const ROOT = join(__dirname, '..');
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(ROOT, 'tmp', 'console');
const PASSWORD = 'Assessment2024ok';
const YX = '430223';
const CL = '430224';
const ZZ = '430200';
const HN = '430000';
const Y_PROJECT = '2024-430223-70-03-012345';
const Z_PERMIT = '430223202306150101';
const Z_PROJECT = '2023-430223-70-03-000002';
const Z_UNIT = `${Z_PROJECT}-DT01`;
const STOCK_PERMIT = '430223202305100101';
const STOCK_PROJECT = '2023-430223-01-03-000007';
const PDF = Buffer.from('%PDF-1.4\n% assessment scan\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
const chinaDay = (offset = 0): string =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe('营商环境考核 region assessment through the gateway', () => {
  let platform: TestPlatform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const tokens: Record<string, string> = {};
  let writer: string;
  let zNumber = '';
  let backfillId = '';

  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const send = (method: string, path: string, token: string, body: unknown, extra: Record<string, string> = {}) =>
    api(path, { method, token, headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });
  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const problem = async (res: Response, status: number, code: string): Promise<Problem> => {
    const text = await res.text();
    expect({ status: res.status, text }).toMatchObject({ status });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = JSON.parse(text) as Problem;
    expect(body.code).toBe(code);
    return body;
  };
  const retry = async (what: string, call: () => Promise<Response>, status: number): Promise<unknown> => {
    let last = '';
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const res = await call();
      last = `${res.status} ${await res.clone().text()}`;
      if (res.status === status) return res.json();
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${what}: ${last}`);
  };
  const assessment = async (region: string, query = '', token = tokens['province']!) =>
    ok<StatisticsAssessmentV1>(await api(`/api/v1/statistics/assessment?regionCode=${region}${query}`, { token }));
  /** rule id → item ids of the county */
  const countyItems = async (query = ''): Promise<Record<string, string[]>> => {
    const a = await assessment(YX, query, tokens['youxian']);
    return Object.fromEntries(
      a.regions[0]!.deductions.filter((d) => d.count > 0).map((d) => [d.ruleId, d.items.map((i) => i.id)]),
    );
  };
  const newPage = async (width = 1280, height = 900): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
    contexts.push(context);
    return context.newPage();
  };
  const accessible = async (p: Page, what: string): Promise<void> => {
    expect({ what, serious: await seriousViolations(p) }).toEqual({ what, serious: [] });
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow', 'alerts']);
    writer = await platform.token(
      await platform.createIntegrator(
        [ZZ],
        ['permits:read', 'approval:write', 'presale:issue'],
        ['--rate-limit', '1000000'],
      ),
    );
    const staff: Array<[string, string, string]> = [
      ['youxian', 'COUNTY', YX],
      ['chaling', 'COUNTY', CL],
      ['zhuzhou', 'CITY', ZZ],
      ['province', 'PROVINCE', HN],
    ];
    for (const [name, role, region] of staff) {
      await platform.createStaff(`${name}.assess`, PASSWORD, role, region);
      tokens[name] = await platform.staffToken(`${name}.assess`, PASSWORD, `10.70.0.${Object.keys(tokens).length + 1}`);
    }

    // 1. an 增量 permit of a project typed PRESALE (no presale permit)
    expect(
      (await send('PUT', `/api/v1/approval/construction-permits/430223202406200101`, writer, permitBody())).status,
    ).toBe(201);
    // 2. a permit of another PRESALE project, its Z presale permit backfilled and submitted (no escrow record)
    expect(
      (
        await send('PUT', `/api/v1/approval/construction-permits/${Z_PERMIT}`, writer, {
          ...permitBody({
            projectCode: Z_PROJECT,
            projectName: '锦绣星城一期',
            issueDate: '2023-06-15',
            category: '政府投资房建类',
            units: [{ unitCode: Z_UNIT, name: '1#栋', floors: 18, floorArea: 9000.5 }],
          }),
        })
      ).status,
    ).toBe(201);
    const form = () => {
      const f = new FormData();
      f.append(
        'data',
        JSON.stringify(
          presaleSubmission({
            constructionPermitNumbers: [Z_PERMIT],
            unitCodes: [Z_UNIT],
            issueDate: '2024-06-28',
            localCertificateNumber: '攸住建预字〔2024〕第001号',
            projectName: '锦绣星城一期',
            presaleArea: 9000.5,
            unitCount: 90,
            developer: { name: '攸县锦绣置业有限公司', creditCode: creditCode() },
          }),
        ),
      );
      f.append('scan', new Blob([PDF], { type: 'application/pdf' }), 'scan.pdf');
      return f;
    };
    const issued = (await retry(
      'backfill',
      () =>
        api('/api/v1/supervision/backfill/presale-permits', {
          method: 'POST',
          token: tokens['youxian'],
          headers: { 'idempotency-key': randomUUID() },
          body: form(),
        }),
      201,
    )) as { presaleNumber: string };
    zNumber = issued.presaleNumber;
    await ok(
      await send('POST', '/api/v1/supervision/backfill/presale-permits/submit', tokens['youxian']!, {
        presaleNumbers: [zNumber],
      }),
    );
    // 3. a 社会投资房建类 stock permit (untyped project, issued before the marking deadline) whose acceptance
    //    date is backfilled by data governance and approved by the province
    await putPermit(platform.gatewayUrl, writer, STOCK_PERMIT, {
      projectCode: STOCK_PROJECT,
      projectName: '攸县老城改造项目',
      category: '社会投资房建类',
      plannedCompletionDate: '2024-12-31',
      units: [{ unitCode: `${STOCK_PROJECT}-DT01`, name: '1#栋', floors: 6, floorArea: 3000 }],
    });
    const governance = () => {
      const f = new FormData();
      f.append(
        'data',
        JSON.stringify({ permitNumber: STOCK_PERMIT, kind: 'COMPLETION_FILING', date: '2025-03-01', note: '线下办理' }),
      );
      f.append('scan', new Blob([PDF], { type: 'application/pdf' }), 'filing.pdf');
      return f;
    };
    const submitted = (await retry(
      'acceptance backfill',
      () =>
        api('/api/v1/supervision/acceptance-backfills', {
          method: 'POST',
          token: tokens['youxian'],
          body: governance(),
        }),
      201,
    )) as { id: string };
    backfillId = submitted.id;
    await ok(
      await send('POST', `/api/v1/supervision/acceptance-backfills/${backfillId}/approve`, tokens['province']!, {}),
    );
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await platform?.stop();
  });

  it("deducts the county's records under four rules, each item linked to its record", async () => {
    const expected = {
      SOCIAL_INVESTMENT_PERMIT_UNMARKED: [STOCK_PERMIT],
      PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT: [Y_PROJECT],
      BACKFILLED_PRESALE_WITHOUT_ESCROW: [zNumber],
      GOVERNANCE_ACCEPTANCE_BACKFILL: [backfillId],
    };
    await waitFor(async () => JSON.stringify(await countyItems()) === JSON.stringify(expected), {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: 'the four deductions of 攸县',
    }).catch(async (err: Error) => {
      expect(await countyItems()).toEqual(expected);
      throw err;
    });
    const a = await assessment(YX, '', tokens['youxian']);
    expect(a).toMatchObject({ rulesVersion: '2024.v1', asOf: chinaDay(), regionCode: YX, regionName: '攸县' });
    expect(a.regions).toHaveLength(1);
    expect(a.regions[0]).toMatchObject({ regionCode: YX, level: 'COUNTY', score: 97, deductionPoints: 3 });
    const by = Object.fromEntries(a.regions[0]!.deductions.map((d) => [d.ruleId, d]));
    expect(by['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT']).toMatchObject({ count: 1, points: 1, pointsPerItem: 1 });
    expect(by['BACKFILLED_PRESALE_WITHOUT_ESCROW']!.items).toEqual([
      expect.objectContaining({
        kind: 'PRESALE_PERMIT',
        id: zNumber,
        projectCode: Z_PROJECT,
        link: `/api/v1/presale-permits/${zNumber}`,
      }),
    ]);
    expect(by['GOVERNANCE_ACCEPTANCE_BACKFILL']).toMatchObject({ count: 1, points: 0.5 });
    expect(by['GOVERNANCE_ACCEPTANCE_BACKFILL']!.items[0]).toMatchObject({
      kind: 'ACCEPTANCE_BACKFILL',
      number: STOCK_PERMIT,
      link: `/api/v1/construction-permits/${STOCK_PERMIT}`,
    });
    expect(by['SOCIAL_INVESTMENT_PERMIT_UNMARKED']).toMatchObject({ count: 1, points: 0.5 });
    // every link answers for the county's staff
    for (const d of a.regions[0]!.deductions)
      for (const item of d.items)
        expect({ link: item.link, status: (await api(item.link, { token: tokens['youxian'] })).status }).toEqual({
          link: item.link,
          status: 200,
        });
    // the same date asked again, and a past date (nothing registered by then)
    expect(await assessment(YX, `&asOf=${chinaDay()}`, tokens['youxian'])).toEqual(a);
    expect((await assessment(YX, `&asOf=${chinaDay(-1)}`)).regions[0]).toMatchObject({
      score: 100,
      deductionPoints: 0,
    });
  });

  it('lists the counties of the city and the cities of the province', async () => {
    const city = await assessment(ZZ, '', tokens['zhuzhou']);
    expect(city.regions.every((r) => r.level === 'COUNTY')).toBe(true);
    expect(city.regions.map((r) => r.regionCode)).toContain(CL);
    expect(city.regions.find((r) => r.regionCode === YX)).toMatchObject({ score: 97 });
    expect(city.regions.find((r) => r.regionCode === CL)).toMatchObject({ score: 100 });
    const province = await assessment(HN);
    expect(province.regions).toHaveLength(14);
    expect(province.regions.every((r) => r.level === 'CITY')).toBe(true);
    const zz = province.regions.find((r) => r.regionCode === ZZ)!;
    const mean = Math.round(city.regions.reduce((s, r) => s + r.score * 100, 0) / city.regions.length) / 100;
    expect(zz).toMatchObject({ regionName: '株洲市', score: mean });
    expect(zz.deductions.reduce((s, d) => s + d.count, 0)).toBe(4);
    expect(province.regions.find((r) => r.regionCode === '430100')).toMatchObject({ score: 100 });
  });

  it("refuses another county's staff, a county asking for its city, and appeals from outside the region", async () => {
    await problem(
      await api(`/api/v1/statistics/assessment?regionCode=${YX}`, { token: tokens['chaling'] }),
      403,
      'REGION_FORBIDDEN',
    );
    await problem(
      await api(`/api/v1/statistics/assessment?regionCode=${ZZ}`, { token: tokens['youxian'] }),
      403,
      'REGION_FORBIDDEN',
    );
    await problem(
      await api(`/api/v1/statistics/assessment/appeals?regionCode=${YX}`, { token: tokens['chaling'] }),
      403,
      'REGION_FORBIDDEN',
    );
    await problem(
      await send('POST', '/api/v1/statistics/assessment/appeals', tokens['chaling']!, {
        regionCode: YX,
        ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
        itemId: Y_PROJECT,
        reason: '不是本县的',
      }),
      403,
      'REGION_FORBIDDEN',
    );
    await problem(await api(`/api/v1/statistics/assessment?regionCode=${YX}`), 401, 'UNAUTHORIZED');
  });

  it('removes an item once the province upholds its appeal; the decision is the province’s alone and audited', async () => {
    const appeal = await ok<AssessmentAppealV1>(
      await send('POST', '/api/v1/statistics/assessment/appeals', tokens['youxian']!, {
        regionCode: YX,
        ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
        itemId: Y_PROJECT,
        reason: '该项目已取得预售许可，等待接口取号',
        evidence: '攸住建函〔2026〕3号',
      }),
      201,
    );
    expect(appeal).toMatchObject({ state: 'PENDING', regionCode: YX, submittedBy: 'youxian.assess' });
    await problem(
      await send('POST', '/api/v1/statistics/assessment/appeals', tokens['youxian']!, {
        regionCode: YX,
        ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
        itemId: Y_PROJECT,
        reason: '再次申诉',
      }),
      409,
      'APPEAL_PENDING',
    );
    const decision = { decision: 'UPHELD', opinion: '经核实，情况属实' };
    const decide = (who: string) =>
      send('POST', `/api/v1/statistics/assessment/appeals/${appeal.id}/decision`, tokens[who]!, decision);
    await problem(await decide('zhuzhou'), 403, 'ROLE_FORBIDDEN');
    await problem(await decide('youxian'), 403, 'ROLE_FORBIDDEN');
    const listed = await ok<{ items: AssessmentAppealV1[] }>(
      await api(`/api/v1/statistics/assessment/appeals?regionCode=${ZZ}&state=PENDING`, { token: tokens['zhuzhou'] }),
    );
    expect(listed.items.map((a) => a.id)).toEqual([appeal.id]);
    const before = await assessment(YX, `&asOf=${chinaDay(-1)}`);
    expect(await ok<AssessmentAppealV1>(await decide('province'))).toMatchObject({
      state: 'UPHELD',
      decidedBy: 'province.assess',
      opinion: '经核实，情况属实',
    });
    await problem(await decide('province'), 409, 'APPEAL_DECIDED');
    const items = await countyItems();
    expect(items['PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT']).toBeUndefined();
    expect((await assessment(YX, '', tokens['youxian'])).regions[0]).toMatchObject({ score: 98, deductionPoints: 2 });
    expect(await assessment(YX, `&asOf=${chinaDay(-1)}`)).toEqual(before);
    const audit = async (actor: string) =>
      ok<{ items: Array<{ action: string; status: number; target: string | null }> }>(
        await api(`/api/v1/audit?actor=${actor}&pageSize=50`, { token: tokens['province'] }),
      );
    expect((await audit('youxian.assess')).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: expect.stringContaining('/api/v1/statistics/assessment/appeals'),
          status: 201,
        }),
      ]),
    );
    expect((await audit('province.assess')).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: expect.stringContaining('decision'),
          status: 200,
          target: `appealId=${appeal.id}`,
        }),
      ]),
    );
  });

  it('keeps an evidence scan uploaded with an appeal; the region and the province download it, another county cannot', async () => {
    const form = new FormData();
    form.append(
      'data',
      JSON.stringify({
        regionCode: YX,
        ruleId: 'SOCIAL_INVESTMENT_PERMIT_UNMARKED',
        itemId: STOCK_PERMIT,
        reason: '该项目已于截止日前报送标记材料',
        evidence: '攸住建函〔2024〕9号',
      }),
    );
    form.append('scan', new Blob([PDF], { type: 'application/pdf' }), '攸县标记报送函.pdf');
    const appeal = await ok<AssessmentAppealV1>(
      await api('/api/v1/statistics/assessment/appeals', { method: 'POST', token: tokens['youxian'], body: form }),
      201,
    );
    const link = `/api/v1/statistics/assessment/appeals/${appeal.id}/evidence-scans/1`;
    expect(appeal).toMatchObject({ state: 'PENDING', itemId: STOCK_PERMIT, evidence: '攸住建函〔2024〕9号' });
    expect(appeal.evidenceScans).toEqual([
      expect.objectContaining({
        position: 1,
        contentType: 'application/pdf',
        size: PDF.byteLength,
        fileName: '攸县标记报送函.pdf',
        link,
      }),
    ]);
    // the province sees it in the list and downloads the very bytes
    const listed = await ok<{ items: AssessmentAppealV1[] }>(
      await api(`/api/v1/statistics/assessment/appeals?regionCode=${HN}&state=PENDING`, { token: tokens['province'] }),
    );
    expect(listed.items.find((a) => a.id === appeal.id)!.evidenceScans).toEqual(appeal.evidenceScans);
    for (const who of ['province', 'youxian', 'zhuzhou']) {
      const res = await api(link, { token: tokens[who] });
      expect({ who, status: res.status, type: res.headers.get('content-type') }).toEqual({
        who,
        status: 200,
        type: 'application/pdf',
      });
      expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
      expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    }
    await problem(await api(link, { token: tokens['chaling'] }), 403, 'REGION_FORBIDDEN');
    await problem(await api(link.replace(/1$/, '2'), { token: tokens['province'] }), 404, 'APPEAL_NOT_FOUND');
    await problem(await api(link.replace(/1$/, '9'), { token: tokens['province'] }), 400, 'VALIDATION_FAILED');
    // a client cannot name a staged object itself
    const named = await problem(
      await send('POST', '/api/v1/statistics/assessment/appeals', tokens['youxian']!, {
        regionCode: YX,
        ruleId: 'SOCIAL_INVESTMENT_PERMIT_UNMARKED',
        itemId: STOCK_PERMIT,
        reason: '再次',
        scans: [
          {
            stagingKey: randomUUID(),
            sha256: 'a'.repeat(64),
            contentType: 'application/pdf',
            size: 1,
            fileName: 'x.pdf',
          },
        ],
      }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(named.errors!.map((e) => e.field)).toEqual(['scans']);
    // an upload that is not a scan is refused before anything is stored
    const fake = new FormData();
    fake.append(
      'data',
      JSON.stringify({
        regionCode: YX,
        ruleId: 'SOCIAL_INVESTMENT_PERMIT_UNMARKED',
        itemId: STOCK_PERMIT,
        reason: 'x',
      }),
    );
    fake.append('scan', new Blob([Buffer.from('not a scan')], { type: 'application/pdf' }), 'fake.pdf');
    await problem(
      await api('/api/v1/statistics/assessment/appeals', { method: 'POST', token: tokens['youxian'], body: fake }),
      415,
      'SCAN_TYPE_UNSUPPORTED',
    );
    // rejected: the deduction stays, the scan stays with the decided appeal
    const decided = await ok<AssessmentAppealV1>(
      await send('POST', `/api/v1/statistics/assessment/appeals/${appeal.id}/decision`, tokens['province']!, {
        decision: 'REJECTED',
        opinion: '报送函未附标记清单',
      }),
    );
    expect(decided.evidenceScans).toEqual(appeal.evidenceScans);
    expect((await countyItems())['SOCIAL_INVESTMENT_PERMIT_UNMARKED']).toEqual([STOCK_PERMIT]);
  });

  it('answers bad input with 422 naming the field', async () => {
    const bad = async (query: string, field: string, reason: string): Promise<void> => {
      const p = await problem(
        await api(`/api/v1/statistics/assessment?${query}`, { token: tokens['province'] }),
        422,
        'INVALID_FILTER',
      );
      expect(p.errors).toEqual([{ field, reason: expect.stringContaining(reason) }]);
    };
    await bad('regionCode=439999', 'regionCode', '未知的行政区划代码');
    await bad('regionCode=430124', 'regionCode', '请改用 430182');
    await bad(`regionCode=${HN}&asOf=${chinaDay(1)}`, 'asOf', '不能晚于今天');
    await bad(`regionCode=${HN}&asOf=2014-12-31`, 'asOf', '2015-01-01');
    const appealProblem = await problem(
      await send('POST', '/api/v1/statistics/assessment/appeals', tokens['youxian']!, {
        regionCode: YX,
        ruleId: 'no such rule',
        itemId: '',
      }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(appealProblem.errors!.map((e) => e.field).sort()).toEqual(['itemId', 'reason', 'ruleId']);
    await problem(
      await send('POST', '/api/v1/statistics/assessment/appeals', tokens['youxian']!, {
        regionCode: YX,
        ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
        itemId: 'NOT-A-DEDUCTION',
        reason: '无此项',
      }),
      422,
      'ASSESSMENT_ITEM_NOT_FOUND',
    );
  });

  it('shows the 考核 section in the console: scores, deductions with their records, appeal form and decisions', async () => {
    browser = await launchChromium();
    const county = await newPage();
    await logIn(county, platform.gatewayUrl, 'youxian.assess', PASSWORD);
    await county.goto(`${platform.gatewayUrl}/console/#/statistics`);
    await county.locator('#assessment-link').click();
    await county.locator('#assessment-title', { hasText: `攸县考核（截至 ${chinaDay()}）` }).waitFor();
    expect(await county.locator('#assessment-regions tbody tr[data-region="430223"] [data-score]').innerText()).toBe(
      '98',
    );
    const deduction = county.locator('details.deduction[data-rule="BACKFILLED_PRESALE_WITHOUT_ESCROW"]');
    await deduction.locator('summary').click();
    const item = deduction.locator(`li[data-item="${zNumber}"]`);
    expect(await item.getByRole('link').getAttribute('href')).toBe(`#/escrow/${zNumber}`);
    await item.getByRole('button', { name: `申诉 Appeal ${zNumber}` }).click();
    expect(await county.locator('#appeal-form input[name="itemId"]').inputValue()).toBe(zNumber);
    await county.getByLabel('申诉理由 Reason').fill('资金监管信息已录入，待提交');
    await county
      .getByLabel('证明材料扫描件 Evidence scan（可不附）')
      .setInputFiles({ name: '资金监管录入截图.pdf', mimeType: 'application/pdf', buffer: PDF });
    await county.getByRole('button', { name: '提交申诉 Submit' }).click();
    await county.locator('#appeal-status', { hasText: '附扫描件 1 份' }).waitFor();
    expect(await county.locator('#appeal-status').innerText()).toContain('待省厅审核');
    await county.locator(`#assessment-appeals tr[data-state="PENDING"]`, { hasText: zNumber }).waitFor();
    await accessible(county, 'county assessment');

    const province = await newPage();
    await logIn(province, platform.gatewayUrl, 'province.assess', PASSWORD);
    await province.goto(`${platform.gatewayUrl}/console/#/statistics/assessment?regionCode=${ZZ}`);
    await province.locator('#assessment-title', { hasText: '株洲市下级区划考核' }).waitFor();
    expect(await province.locator('#assessment-regions tbody tr').count()).toBeGreaterThan(5);
    await province
      .locator('section.assessment-region[data-region="430223"] details.deduction')
      .first()
      .locator('summary')
      .click();
    await accessible(province, 'province assessment');
    await screenshot(province, SHOTS, 'statistics-assessment');
    const row = province.locator('#assessment-appeals tr[data-state="PENDING"]', { hasText: zNumber });
    // the evidence scan opens from the appeals table (the session cookie goes with the link)
    const scanLink = row.locator('a[data-scan="1"]');
    expect(await scanLink.innerText()).toBe('扫描件 1：资金监管录入截图.pdf（PDF，1 KB）');
    const href = (await scanLink.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/v1\/statistics\/assessment\/appeals\/[0-9a-f-]{36}\/evidence-scans\/1$/);
    expect(
      await province.evaluate(async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        return [res.status, res.headers.get('content-type')];
      }, href),
    ).toEqual([200, 'application/pdf']);
    await row.getByRole('button', { name: '驳回 Reject' }).click();
    await province.getByLabel('审核意见 Opinion').fill('资金监管信息尚未提交，扣分维持');
    await province.getByRole('dialog').getByRole('button', { name: '驳回 Reject' }).click();
    await province.locator('#assessment-appeals tr[data-state="REJECTED"]', { hasText: zNumber }).waitFor();
    expect(await province.locator('#assessment-appeals button').count()).toBe(0);

    const phone = await newPage(390, 844);
    await logIn(phone, platform.gatewayUrl, 'province.assess', PASSWORD);
    await phone.goto(`${platform.gatewayUrl}/console/#/statistics/assessment?regionCode=${YX}`);
    await phone.locator('#assessment-title', { hasText: '攸县' }).waitFor();
    await phone.locator('details.deduction').first().locator('summary').click();
    const width = await phone.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
          .scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    await accessible(phone, 'phone assessment');
    await screenshot(phone, join(ROOT, 'tmp', 'console'), 'statistics-assessment-390', false);

    const other = await newPage();
    await logIn(other, platform.gatewayUrl, 'chaling.assess', PASSWORD);
    await other.goto(`${platform.gatewayUrl}/console/#/statistics/assessment?regionCode=${YX}`);
    expect(await other.locator('#assessment-error').innerText()).toContain('REGION_FORBIDDEN');
  });
});

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  ACCEPTANCE_BACKFILL_SORT,
  ACCOUNT_APPLICATION_SORT,
  ALERT_SORT,
  AUDIT_SORT,
  BACKFILL_CANDIDATE_SORT,
  ESCROW_LIST_SORT,
  ListSort,
  MARKING_LIST_SORT,
  Principal,
  Rpc,
  RECONCILIATION_SORT,
  SIGNING_STATISTIC_SORT,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { testDatabaseUrl, waitFor } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { Browser, Page } from 'playwright-core';
import {
  desktopPage,
  exportCsv,
  launchChromium,
  logIn,
  screenshot,
  seriousViolations,
} from './support/console-browser';
import { putPermit, residentId } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * Server-side sorting of every console list (`sort=field` ascending, `sort=-field` descending, the
 * primary key as tie-breaker): each list read page by page through the gateway in both directions
 * equals its rows ordered by (field, key) — ties stay in one order across pages, no row twice or
 * missing; a field outside the whitelist or SQL-looking text is 422 INVALID_FILTER naming the allowed
 * fields, at the gateway and (the same problem) straight over NATS from the owning service. Permits,
 * candidates, alerts, acceptance backfills, audit entries and account applications come from the
 * API; the rows of the contracts and escrow lists that need the market platform or a submitted
 * backfill (signing statistics, differences, the escrow service's replica of backfilled permits) are
 * written into those services' databases. In the browser: a header click sorts (aria-sort, URL), the
 * sort survives a detail page and going back, and the full-result export asks for the same order.
 */
const ROOT = join(__dirname, '..');
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(ROOT, 'tmp', 'console');
const PASSWORD = 'Sorting2024ok';
const PERMITS = 12;
/** 2024-05-01 … 2024-05-12; the first six typed 预售商品房 at registration (candidates, overdue alerts) */
const permitNumber = (i: number): string => `430223202405${String(i + 1).padStart(2, '0')}0101`;
const START_DATES = ['2024-09-01', '2024-07-01', '2024-08-01'];
const PLANNED = ['2025-06-30', '2025-03-31'];
const COUNTIES = ['430281', '430224', '430211', '430223', '430225'];
const PDF = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\n%%EOF\n`, 'latin1');

type Item = Record<string, unknown>;
interface Page1 {
  items: Item[];
  total: number;
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

/** One list: its route, whitelist, an item's key (the tie-breaker) and the sorted field's value. */
interface ListCase {
  name: string;
  path: string;
  spec: ListSort;
  field: string;
  value: (i: Item) => string | number | null;
  key: (i: Item) => string | number;
  pageSize: number;
  token: () => string;
  /** the owning service's contract, when the list is served over NATS */
  rpc?: { subject: string };
  minimum: number;
}

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rows ordered as the repositories order them: the value (nulls last either way), then the key ascending. */
function expectedOrder(items: Item[], c: ListCase, descending: boolean): Array<string | number> {
  return [...items]
    .sort((x, y) => {
      const a = c.value(x);
      const b = c.value(y);
      if (a === null || b === null) return a === b ? cmp(c.key(x), c.key(y)) : a === null ? 1 : -1;
      return (descending ? -cmp(a, b) : cmp(a, b)) || cmp(c.key(x), c.key(y));
    })
    .map(c.key);
}

describe('server-side sorting of the console lists', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];
  const tokens: Record<string, string> = {};
  const staff: Principal = {
    kind: 'staff',
    id: 'direct-nats-sorting',
    regions: ['430000'],
    scopes: ['supervision:read'],
    role: 'PROVINCE',
  };

  const api = (path: string, token: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${platform.gatewayUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
    });
  const json = async <T>(path: string, token: string): Promise<T> => {
    const res = await api(path, token);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  /** Every page of a list in one sort, page by page at `pageSize`. */
  const allPages = async (c: ListCase, sort: string): Promise<Item[]> => {
    const items: Item[] = [];
    for (let n = 1; ; n++) {
      const p = await json<Page1>(
        `${c.path}?sort=${encodeURIComponent(sort)}&page=${n}&pageSize=${c.pageSize}`,
        c.token(),
      );
      items.push(...p.items);
      if (p.items.length === 0 || items.length >= p.total) return items;
    }
  };
  const sql = async (service: string, text: string, values: unknown[] = []): Promise<void> => {
    const client = new Client({
      connectionString: testDatabaseUrl(
        platform.env['DATABASE_URL']!,
        platform.env[`${service.toUpperCase()}_DB_NAME`]!,
      ),
    });
    await client.connect();
    try {
      await client.query(text, values);
    } finally {
      await client.end();
    }
  };
  const total = async (path: string, token: string): Promise<number> =>
    (await json<Page1>(`${path}${path.includes('?') ? '&' : '?'}pageSize=1`, token)).total;

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow', 'alerts']);
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    for (let i = 0; i < PERMITS; i++)
      await putPermit(platform.gatewayUrl, writer, permitNumber(i), {
        projectCode: `2024-430223-70-03-${600000 + i}`,
        // two projects share each name: ties of the candidates' projectName
        projectName: `攸县排序项目${String(Math.floor(i / 2)).padStart(2, '0')}`,
        startDate: START_DATES[i % 3],
        plannedCompletionDate: PLANNED[i % 2],
        projectType: i < 6 ? 'PRESALE' : null,
      });
    for (const [key, username, role, region] of [
      ['province', 'province.sort', 'PROVINCE', '430000'],
      ['city', 'zhuzhou.sort', 'CITY', '430200'],
      ['county', 'youxian.sort', 'COUNTY', '430223'],
    ] as const) {
      await platform.createStaff(username, PASSWORD, role, region);
      tokens[key] = await platform.staffToken(username, PASSWORD, '10.44.0.1');
    }
    await waitFor(async () => (await total('/api/v1/supervision/alerts', tokens['province']!)) === 6, {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: 'the six overdue alerts',
    });
    await waitFor(async () => (await total('/api/v1/supervision/backfill/candidates', tokens['county']!)) === 6, {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: 'the six backfill candidates',
    });
    // 验收日期补录 of five overdue permits, two dates (ties)
    for (let i = 0; i < 5; i++) {
      const form = new FormData();
      form.append(
        'data',
        JSON.stringify({
          permitNumber: permitNumber(i),
          kind: 'FIVE_PARTY',
          date: ['2025-08-01', '2025-09-01'][i % 2],
        }),
      );
      form.append('scan', new Blob([PDF(`backfill ${i}`)], { type: 'application/pdf' }), 'acceptance.pdf');
      const res = await api('/api/v1/supervision/acceptance-backfills', tokens['county']!, {
        method: 'POST',
        body: form,
      });
      if (res.status !== 201) throw new Error(`acceptance backfill ${i}: ${res.status} ${await res.text()}`);
    }
    // 账号申请 of five counties of 株洲 (all DRAFT: ties of state)
    for (const countyCode of COUNTIES) {
      const res = await api('/api/v1/account-applications', tokens['city']!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          countyCode,
          mainLeader: '王局长',
          leaderInCharge: '赵副局长',
          contactName: '刘联络',
          contactMobile: '13900001111',
          persons: [
            {
              name: '张三',
              mobile: '13812345678',
              idNumber: residentId('43022319900101123'),
              unitName: '住房和城乡建设局',
              unitIsPermitAuthority: true,
              permissions: ['MARKING'],
            },
          ],
        }),
      });
      if (res.status !== 201) throw new Error(`application ${countyCode}: ${res.status} ${await res.text()}`);
    }
    // rows of the contracts and escrow lists (see the note above): two months / found times / issue dates each
    const run = randomUUID();
    await sql(
      'contracts',
      `INSERT INTO reconciliation_run (id, trigger, started_by, status, finished_at) VALUES ($1, 'MANUAL', 'e2e', 'SUCCEEDED', now())`,
      [run],
    );
    for (let i = 0; i < 8; i++) {
      const presale = `${permitNumber(i % 4)}-Z01`;
      const month = ['2024-05', '2024-06'][Math.floor(i / 4)]!;
      await sql(
        'contracts',
        `INSERT INTO signing_statistic (presale_number, month, region_code, kind, contracts_signed, floor_area, amount_fen, version, entered_by)
         VALUES ($1, $2, '430223', 'BACKFILL', $3, 100.5, 1000000, 1, 'youxian.sort')`,
        [presale, month, i],
      );
      const figures = JSON.stringify({ contracts: i, floorArea: 100.5, amountFen: 1000000 });
      await sql(
        'contracts',
        `INSERT INTO reconciliation_difference (id, presale_number, month, region_code, count_delta, area_delta, amount_delta_fen,
           missing_on_ours, missing_on_market, mismatched, ours, market, fingerprint, run_id, last_run_id, found_at)
         VALUES ($1, $2, $3, '430223', 1, 0, 0, '{}', '{}', '{}', $4, $4, $5, $6, $6, $7)`,
        [
          randomUUID(),
          presale,
          month,
          figures,
          'f'.repeat(64),
          run,
          ['2024-11-01T08:00:00Z', '2024-11-02T08:00:00Z'][i % 2],
        ],
      );
      await sql(
        'escrow',
        `INSERT INTO presale_replica (presale_number, region_code, project_code, project_name, developer_name, issue_date, status, source_time)
         VALUES ($1, '430223', $2, $3, '攸县排序置业有限公司', $4, 'VALID', now())`,
        [
          `${permitNumber(i)}-Z01`,
          `2024-430223-70-03-${600000 + i}`,
          `攸县排序项目${String(Math.floor(i / 2)).padStart(2, '0')}`,
          ['2024-03-01', '2024-04-01'][i % 2],
        ],
      );
    }
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await nc?.close();
    await platform?.stop();
  });

  const facts = (i: Item): Record<string, unknown> => (i['facts'] ?? {}) as Record<string, unknown>;
  const str = (name: string) => (i: Item) => (i[name] as string | null) ?? null;
  const CASES: ListCase[] = [
    {
      name: '存量预售项目标记',
      path: '/api/v1/supervision/marking',
      spec: MARKING_LIST_SORT,
      field: 'startDate',
      value: str('startDate'),
      key: (i) => i['permitNumber'] as string,
      pageSize: 5,
      token: () => tokens['county']!,
      rpc: Rpc.markingList,
      minimum: PERMITS,
    },
    {
      name: '补录预售许可证（待补录项目）',
      path: '/api/v1/supervision/backfill/candidates',
      spec: BACKFILL_CANDIDATE_SORT,
      field: 'projectName',
      value: str('projectName'),
      key: (i) => i['projectCode'] as string,
      pageSize: 2,
      token: () => tokens['county']!,
      rpc: Rpc.backfillCandidates,
      minimum: 6,
    },
    {
      name: '补录预售资金监管信息',
      path: '/api/v1/supervision/escrow',
      spec: ESCROW_LIST_SORT,
      field: 'issueDate',
      value: str('issueDate'),
      key: (i) => i['presaleNumber'] as string,
      pageSize: 3,
      token: () => tokens['county']!,
      rpc: Rpc.escrowList,
      minimum: 8,
    },
    {
      name: '比对结果',
      path: '/api/v1/supervision/reconciliation',
      spec: RECONCILIATION_SORT,
      field: 'month',
      value: str('month'),
      key: (i) => i['id'] as string,
      pageSize: 3,
      token: () => tokens['county']!,
      rpc: Rpc.reconciliationList,
      minimum: 8,
    },
    {
      name: '网签统计补录',
      path: '/api/v1/supervision/signing-statistics',
      spec: SIGNING_STATISTIC_SORT,
      field: 'month',
      value: str('month'),
      key: (i) => `${i['presaleNumber'] as string} ${i['month'] as string}`,
      pageSize: 3,
      token: () => tokens['county']!,
      rpc: Rpc.statisticList,
      minimum: 8,
    },
    {
      name: '预警',
      path: '/api/v1/supervision/alerts',
      spec: ALERT_SORT,
      field: 'plannedCompletionDate',
      value: (i) => (facts(i)['plannedCompletionDate'] as string | undefined) ?? null,
      key: (i) => i['id'] as string,
      pageSize: 4,
      token: () => tokens['province']!,
      rpc: Rpc.alertList,
      minimum: 6,
    },
    {
      name: '验收日期补录',
      path: '/api/v1/supervision/acceptance-backfills',
      spec: ACCEPTANCE_BACKFILL_SORT,
      field: 'date',
      value: str('date'),
      key: (i) => i['id'] as string,
      pageSize: 2,
      token: () => tokens['county']!,
      rpc: Rpc.acceptanceBackfillList,
      minimum: 5,
    },
    {
      name: '审计',
      path: '/api/v1/audit',
      spec: AUDIT_SORT,
      field: 'actor',
      value: str('actor'),
      key: (i) => i['id'] as number,
      pageSize: 4,
      token: () => tokens['province']!,
      minimum: 10,
    },
    {
      name: '账号申请',
      path: '/api/v1/account-applications',
      spec: ACCOUNT_APPLICATION_SORT,
      field: 'state',
      value: str('state'),
      key: (i) => i['id'] as string,
      pageSize: 2,
      token: () => tokens['province']!,
      minimum: COUNTIES.length,
    },
  ];

  it.each(CASES)(
    '$name ($path): sorted both ways page by page, ties in key order, every row once',
    async (c) => {
      const asc = await allPages(c, c.field);
      const desc = await allPages(c, `-${c.field}`);
      expect(asc.length).toBeGreaterThanOrEqual(c.minimum);
      // ties exist: the tie-breaker is what keeps the pages apart
      expect(new Set(asc.map(c.value)).size).toBeLessThan(asc.length);
      expect(asc.map(c.key)).toEqual(expectedOrder(asc, c, false));
      expect(desc.map(c.key)).toEqual(expectedOrder(desc, c, true));
      expect(new Set(asc.map(c.key)).size).toBe(asc.length);
      expect([...desc.map(c.key)].sort(cmp)).toEqual([...asc.map(c.key)].sort(cmp));
      // the default order (no sort) still answers, unchanged in size
      expect((await json<Page1>(`${c.path}?pageSize=1`, c.token())).total).toBe(asc.length);
    },
    60_000,
  );

  it('sorts by every whitelisted value of every list (each accepted, each the whole result)', async () => {
    for (const c of CASES)
      for (const sort of c.spec.values) {
        const p = await json<Page1>(`${c.path}?sort=${encodeURIComponent(sort)}&pageSize=100`, c.token());
        expect(`${c.path} ${sort} ${p.items.length}`).toBe(`${c.path} ${sort} ${p.total}`);
      }
  }, 120_000);

  const BAD = ['nope', 'start_date', "issueDate'; DROP TABLE construction_permit;--", '-', '--month', 'id DESC', '1'];

  it.each(CASES)(
    '$name: a field outside the whitelist or SQL-looking text is 422 INVALID_FILTER naming the allowed fields',
    async (c) => {
      for (const sort of [...BAD, `${c.field} DESC`]) {
        const res = await api(`${c.path}?sort=${encodeURIComponent(sort)}`, c.token());
        const body = (await res.json()) as Problem;
        expect({ sort, status: res.status, code: body.code }).toEqual({ sort, status: 422, code: 'INVALID_FILTER' });
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(body.detail).toContain(`可按 ${c.spec.fields.join('、')} 排序`);
        expect(body.errors).toEqual([{ field: 'sort', reason: expect.stringContaining(c.spec.fields.join('、')) }]);
      }
      // two values at once: refused the same way
      const twice = await api(`${c.path}?sort=${c.field}&sort=-${c.field}`, c.token());
      expect(twice.status).toBe(422);
    },
  );

  it.each(CASES.filter((c) => c.rpc))(
    '$name: the owning service refuses the same sort over NATS with the same problem',
    async (c) => {
      for (const sort of BAD) {
        const gateway = (await (await api(`${c.path}?sort=${encodeURIComponent(sort)}`, c.token())).json()) as Problem;
        let service: Problem | undefined;
        try {
          await rpc.request(c.rpc!.subject, { principal: staff, body: { page: 1, pageSize: 20, sort } });
        } catch (err) {
          service = (err as DomainException).problem as Problem;
        }
        expect(service).toMatchObject({
          status: 422,
          code: gateway.code,
          detail: gateway.detail,
          errors: gateway.errors,
        });
      }
    },
  );

  it('the alerts CSV export is in the list’s sort', async () => {
    const c = CASES.find((x) => x.path === '/api/v1/supervision/alerts')!;
    const listed = (await allPages(c, '-plannedCompletionDate')).map((i) => i['id'] as string);
    const csv = await (await api('/api/v1/supervision/alerts/export?sort=-plannedCompletionDate', c.token())).text();
    const ids = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[0]);
    expect(ids).toEqual(listed);
  });

  describe('in the browser (账号申请 as the city)', () => {
    const exportUrls: URL[] = [];
    const countyOrder = async (): Promise<string[]> =>
      (await page.locator('#applications-table tbody tr td:first-child').allInnerTexts()).map(
        (t) => /（(\d{6})）/.exec(t)?.[1] ?? t,
      );
    const header = () =>
      page.locator('#applications-table thead th', { has: page.locator('button[data-sort="countyCode"]') });

    beforeAll(async () => {
      browser = await launchChromium();
      page = await desktopPage(browser, platform.gatewayUrl, external);
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.searchParams.get('pageSize') === '100') exportUrls.push(url);
      });
      await logIn(page, platform.gatewayUrl, 'zhuzhou.sort', PASSWORD);
    }, 60_000);

    it('a header click sorts on the server, says 升序 / 降序 (aria-sort) and keeps the sort in the URL', async () => {
      await page.goto(`${platform.gatewayUrl}/console/#/account-applications`);
      await page.locator('#applications-table').waitFor();
      expect(await header().getAttribute('aria-sort')).toBeNull();
      expect(await header().locator('button').getAttribute('title')).toBe('点击按县市区升序排列');
      expect(await header().innerText()).toBe('县市区');
      await header().locator('button').click();
      await page.waitForURL(/sort=countyCode/);
      await page
        .locator('#applications-table thead th[aria-sort="ascending"] button[data-sort="countyCode"]')
        .waitFor();
      expect(await countyOrder()).toEqual([...COUNTIES].sort());
      expect(await header().locator('button').innerText()).toContain('县市区');
      expect(await header().locator('button').getAttribute('title')).toBe('当前升序，点击按县市区降序排列');

      await header().locator('button').click();
      await page.waitForURL(/sort=-countyCode/);
      await page.locator('#applications-table thead th[aria-sort="descending"]').waitFor();
      expect(await countyOrder()).toEqual([...COUNTIES].sort().reverse());
      expect(await header().locator('button').getAttribute('title')).toBe('当前降序，点击按县市区升序排列');
      expect(await page.locator('#applications-table thead th[aria-sort]').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, SHOTS, 'account-applications-sorted', false);
    });

    it('keeps the sort through a detail page: its back link and the browser’s back both restore the order', async () => {
      const sortedUrl = page.url();
      const order = await countyOrder();
      await page.locator('#applications-table tbody tr').nth(1).getByRole('link', { name: /查看/ }).click();
      await page.locator('#back-to-applications').waitFor();
      expect(page.url()).toContain('sort=-countyCode');
      await page.locator('#back-to-applications').click();
      await page.locator('#applications-table thead th[aria-sort="descending"]').waitFor();
      expect(new URL(page.url()).hash).toBe(new URL(sortedUrl).hash);
      expect(await countyOrder()).toEqual(order);

      await page.locator('#applications-table tbody tr').first().getByRole('link', { name: /查看/ }).click();
      await page.locator('#back-to-applications').waitFor();
      await page.goBack();
      await page.locator('#applications-table thead th[aria-sort="descending"]').waitFor();
      expect(page.url()).toContain('sort=-countyCode');
      expect(await countyOrder()).toEqual(order);
    });

    it('a filter search keeps the sort (page back to 1); the full-result export asks for the same sort', async () => {
      // the table of before the search is marked, so the wait below is for the new one
      await page.locator('#applications-table').evaluate((el) => el.setAttribute('data-stale', ''));
      await page.locator('select[name="state"]').selectOption('DRAFT');
      await page.getByRole('button', { name: /查询/ }).click();
      await page.waitForURL(/state=DRAFT/);
      await page.locator('#applications-table:not([data-stale])').waitFor();
      expect(page.url()).toContain('sort=-countyCode');
      expect(page.url()).not.toContain('page=');
      expect(await countyOrder()).toEqual([...COUNTIES].sort().reverse());
      exportUrls.length = 0;
      const file = await exportCsv(page);
      expect(exportUrls.map((u) => u.searchParams.get('sort'))).toEqual(['-countyCode']);
      expect(file.records.slice(1).map((r) => /\d{6}/.exec(r.join(','))?.[0])).toEqual([...COUNTIES].sort().reverse());
      expect(external).toEqual([]);
    });
  });
});

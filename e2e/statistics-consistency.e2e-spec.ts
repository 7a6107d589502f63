/**
 * 从源头纠正 end to end through the gateway (issue 13): records created through the API give every
 * figure equal to the owning services' recounts; a duplicated event (a filing the contracts service
 * never made) is reported as a difference naming its project; a stopped source leaves its figures
 * 未核对 and the check still answers 200; another county's staff get 403 as a problem.
 */
import { randomUUID } from 'node:crypto';
import { ContractsEvents, StatisticsConsistencyV1, StatisticsRecordPageV1 } from '@hn/messages';
import { contractFilingFixture, waitFor } from '@hn/testing';
import { contractFiling, creditCode, permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

const PASSWORD = 'Consistency2024ok';
const YX = '430223'; // 攸县
const CL = '430224'; // 茶陵县
const ZZ = '430200'; // 株洲市
const HN = '430000';
const Y_PERMIT = '430223202406200101';
const Z_PERMIT = '430223202306150101';
const Z_PROJECT = '2023-430223-70-03-000002';
const Z_UNIT = `${Z_PROJECT}-DT01`;
const PDF = Buffer.from('%PDF-1.4\n% backfill scan\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
const chinaDay = (offset = 0): string =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe('统计一致性核对 statistics consistency check through the gateway', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  let writer: string;
  let filedProject = '';

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
  const retry = async (what: string, call: () => Promise<Response>, status: number): Promise<unknown> => {
    let last = '';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const res = await call();
      last = `${res.status} ${await res.clone().text()}`;
      if (res.status === status) return res.json();
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${what}: ${last}`);
  };
  const check = async (region: string, query = '', token = tokens['province']!): Promise<StatisticsConsistencyV1> =>
    ok<StatisticsConsistencyV1>(await api(`/api/v1/statistics/consistency?regionCode=${region}${query}`, { token }));
  const figure = (c: StatisticsConsistencyV1, name: string) => c.figures.find((f) => f.figure === name)!;
  const values = (c: StatisticsConsistencyV1): Record<string, [number, number | null, string]> =>
    Object.fromEntries(c.figures.map((f) => [f.figure, [f.statisticsValue, f.sourceValue, f.status]]));
  /** Waits until the check of a region satisfies `done` (the statistics follow the events). */
  const awaitCheck = async (
    region: string,
    done: (c: StatisticsConsistencyV1) => boolean,
    description: string,
  ): Promise<StatisticsConsistencyV1> => {
    let last: StatisticsConsistencyV1 | null = null;
    await waitFor(
      async () => {
        last = await check(region);
        return done(last);
      },
      { timeoutMs: 30_000, intervalMs: 250, description },
    ).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(last && values(last))}`);
    });
    return last!;
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow', 'alerts']);
    writer = await platform.token(
      await platform.createIntegrator(
        [ZZ],
        ['permits:read', 'approval:write', 'presale:issue', 'contracts:issue'],
        ['--rate-limit', '1000000'],
      ),
    );
    const staff: Array<[string, string, string]> = [
      ['youxian', 'COUNTY', YX],
      ['chaling', 'COUNTY', CL],
      ['province', 'PROVINCE', HN],
    ];
    for (const [name, role, region] of staff) {
      await platform.createStaff(`${name}.cons`, PASSWORD, role, region);
      tokens[name] = await platform.staffToken(`${name}.cons`, PASSWORD, `10.60.0.${Object.keys(tokens).length + 1}`);
    }
    const yx = tokens['youxian']!;
    // a construction permit and its Y presale permit, a backfilled Z permit with a submitted escrow record
    expect((await send('PUT', `/api/v1/approval/construction-permits/${Y_PERMIT}`, writer, permitBody())).status).toBe(
      201,
    );
    const zPermit = permitBody({
      projectCode: Z_PROJECT,
      projectName: '锦绣星城一期',
      issueDate: '2023-06-15',
      units: [{ unitCode: Z_UNIT, name: '1#栋', floors: 18, floorArea: 9000.5 }],
    });
    expect((await send('PUT', `/api/v1/approval/construction-permits/${Z_PERMIT}`, writer, zPermit)).status).toBe(201);
    await retry(
      'presale issue',
      () => send('POST', '/api/v1/presale-permits', writer, presaleSubmission(), { 'idempotency-key': randomUUID() }),
      201,
    );
    const form = (): FormData => {
      const f = new FormData();
      const body = presaleSubmission({
        constructionPermitNumbers: [Z_PERMIT],
        unitCodes: [Z_UNIT],
        issueDate: '2024-06-28',
        localCertificateNumber: '攸住建预字〔2024〕第001号',
        projectName: '锦绣星城一期',
        presaleArea: 9000.5,
        unitCount: 90,
        developer: { name: '攸县锦绣置业有限公司', creditCode: creditCode() },
      });
      f.append('data', JSON.stringify(body));
      f.append('scan', new Blob([PDF], { type: 'application/pdf' }), 'scan.pdf');
      return f;
    };
    const { presaleNumber: zNumber } = (await retry(
      'backfill',
      () =>
        api('/api/v1/supervision/backfill/presale-permits', {
          method: 'POST',
          token: yx,
          headers: { 'idempotency-key': randomUUID() },
          body: form(),
        }),
      201,
    )) as { presaleNumber: string };
    await ok(
      await send('POST', '/api/v1/supervision/backfill/presale-permits/submit', yx, { presaleNumbers: [zNumber] }),
    );
    const record = {
      capitalGuaranteeAmount: 150_000_000,
      commitmentLetter: false,
      fundSupervision: true,
      bank: '中国建设银行攸县支行',
      account: '43050162123400000123',
      balance: 8_765_432_100,
      balanceAsOf: '2024-07-31',
    };
    await retry('escrow put', () => send('PUT', `/api/v1/supervision/escrow/${zNumber}`, yx, record), 201);
    await ok(await send('POST', '/api/v1/supervision/escrow/submit', yx, { presaleNumbers: [zNumber] }));
    // two filings, one of them cancelled
    const file = async (roomNumber: string): Promise<string> =>
      (
        (await retry(
          'filing',
          () =>
            send(
              'POST',
              '/api/v1/contract-filings',
              writer,
              contractFiling({ rooms: [{ roomNumber, floor: 1, floorArea: 89.5 }] }),
              { 'idempotency-key': randomUUID() },
            ),
          201,
        )) as { contractNumber: string }
      ).contractNumber;
    await file('1-101');
    const cancelled = await file('1-102');
    await ok(await send('POST', `/api/v1/contract-filings/${cancelled}/cancel`, writer, { reason: '购房人退房' }));
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('finds every figure equal when the records were made through the platform', async () => {
    const c = await awaitCheck(
      YX,
      (x) =>
        x.consistent &&
        figure(x, 'filings.cancelled').statisticsValue === 1 &&
        figure(x, 'escrow.submitted').statisticsValue === 1,
      'statistics caught up with the records',
    );
    expect(values(c)).toEqual({
      'permits.count': [2, 2, 'EQUAL'],
      'permits.byProjectType.PRESALE': [2, 2, 'EQUAL'],
      'permits.byProjectType.CURRENT_SALE': [0, 0, 'EQUAL'],
      'permits.byProjectType.OTHER': [0, 0, 'EQUAL'],
      'permits.byProjectType.UNMARKED': [0, 0, 'EQUAL'],
      'presale.y': [1, 1, 'EQUAL'],
      'presale.z': [1, 1, 'EQUAL'],
      'escrow.submitted': [1, 1, 'EQUAL'],
      'filings.count': [1, 1, 'EQUAL'],
      'filings.cancelled': [1, 1, 'EQUAL'],
    });
    expect(c).toMatchObject({ regionCode: YX, regionName: '攸县', asOf: chinaDay(), differenceCount: 0 });
    expect(c.figures.every((f) => f.equal === true && f.statusLabel === '一致' && f.differences.length === 0)).toBe(
      true,
    );
    expect(c.sources.map((s) => [s.source, s.answered, s.message])).toEqual([
      ['permits', true, null],
      ['presale', true, null],
      ['escrow', true, null],
      ['contracts', true, null],
    ]);
    // the city and the province see the same records; a past date before any of them is equal at 0
    for (const region of [ZZ, HN]) expect(values(await check(region))).toEqual(values(c));
    const yesterday = await check(YX, `&asOf=${chinaDay(-1)}`);
    expect(yesterday.consistent).toBe(true);
    expect(yesterday.figures.every((f) => f.statisticsValue === 0 && f.sourceValue === 0)).toBe(true);
  });

  it('lists a county’s submitted signing statistic that differs from the issued filings, and not a correct one', async () => {
    const yx = tokens['youxian']!;
    const page = await ok<StatisticsRecordPageV1>(
      await api(`/api/v1/statistics/projects?regionCode=${YX}&figure=filings.count`, { token: yx }),
    );
    const presale = page.items[0]!.reference!;
    const project = page.items[0]!.projectCode!;
    // 2024-09 as issued (the valid filing: 1 contract, 89.5 m², 1 234 567 元); 2024-10 reports two with none issued
    const put = (month: string, figures: Record<string, number>) =>
      send('PUT', `/api/v1/supervision/signing-statistics/${presale}/${month}`, yx, figures);
    await ok(await put('2024-09', { contractsSigned: 1, floorArea: 89.5, amountFen: 123_456_700 }), 201);
    await ok(await put('2024-10', { contractsSigned: 2, floorArea: 179, amountFen: 246_913_400 }), 201);
    await ok(
      await send('POST', '/api/v1/supervision/signing-statistics/submit', yx, {
        presaleNumber: presale,
        months: ['2024-09', '2024-10'],
      }),
    );
    const c = await check(YX);
    const concerned = (reported: number) => [{ presaleNumber: presale, projectCode: project, reported, issued: 0 }];
    const octoberOf = (region: StatisticsConsistencyV1) =>
      region.signingStatistics.differences.map((d) => [
        d.regionCode,
        d.regionName,
        d.month,
        d.figure,
        d.reported,
        d.issued,
      ]);
    expect(c.signingStatistics).toMatchObject({
      status: 'DIFFERENT',
      statusLabel: '不一致',
      comparedMonths: 2,
      differenceCount: 3,
      message: null,
    });
    expect(c.signingStatistics.differences).toEqual([
      {
        regionCode: YX,
        regionName: '攸县',
        month: '2024-10',
        figure: 'contractsSigned',
        label: '网签套数',
        reported: 2,
        issued: 0,
        projects: concerned(2),
        projectCount: 1,
      },
      {
        regionCode: YX,
        regionName: '攸县',
        month: '2024-10',
        figure: 'floorArea',
        label: '网签面积（平方米）',
        reported: 179,
        issued: 0,
        projects: concerned(179),
        projectCount: 1,
      },
      {
        regionCode: YX,
        regionName: '攸县',
        month: '2024-10',
        figure: 'amountFen',
        label: '网签金额（分）',
        reported: 246_913_400,
        issued: 0,
        projects: concerned(246_913_400),
        projectCount: 1,
      },
    ]);
    // the figures themselves stay equal; only the report makes the region inconsistent
    expect(c.figures.every((f) => f.status === 'EQUAL')).toBe(true);
    expect(c).toMatchObject({ consistent: false, differenceCount: 0 });
    for (const region of [ZZ, HN]) expect(octoberOf(await check(region))).toEqual(octoberOf(c));
    const chaling = await check(CL, '', tokens['chaling']);
    expect(chaling.signingStatistics).toMatchObject({ status: 'EQUAL', comparedMonths: 0, differences: [] });
    // before the reports were submitted (yesterday) nothing was reported
    expect((await check(YX, `&asOf=${chinaDay(-1)}`)).signingStatistics.comparedMonths).toBe(0);
  });

  it('reports a duplicated filing event as a difference naming its project, at the county, city and province', async () => {
    const page = await ok<StatisticsRecordPageV1>(
      await api(`/api/v1/statistics/projects?regionCode=${YX}&figure=filings.count`, { token: tokens['youxian'] }),
    );
    const [real] = page.items;
    filedProject = real!.projectCode!;
    // a filing the contracts service never made, as a duplicated (re-numbered) event would state it
    const planted = contractFilingFixture(`${real!.reference!}-B0099`, {
      projectCode: filedProject,
      filingDate: '2024-09-02',
      filedAt: new Date().toISOString(),
    });
    await platform.publishEvent(
      { name: ContractsEvents.stream, subjects: ContractsEvents.streamSubjects },
      {
        source: '/hn/contracts',
        type: ContractsEvents.filingFiled,
        subject: planted.contractNumber,
        data: { filing: planted },
      },
    );
    const c = await awaitCheck(
      YX,
      (x) => figure(x, 'filings.count').statisticsValue === 2,
      'the planted filing counted',
    );
    expect(figure(c, 'filings.count')).toMatchObject({
      source: 'contracts',
      status: 'DIFFERENT',
      statusLabel: '不一致',
      statisticsValue: 2,
      sourceValue: 1,
      equal: false,
      differences: [{ projectCode: filedProject, figure: 'filings.count', statisticsCount: 2, sourceCount: 1 }],
    });
    expect(c).toMatchObject({ consistent: false, differenceCount: 1 });
    expect(c.figures.filter((f) => f.status !== 'EQUAL').map((f) => f.figure)).toEqual(['filings.count']);
    // the county's 2024-09 report, equal to the real filing, now differs from the issued records (the events)
    expect(
      c.signingStatistics.differences.filter((d) => d.month === '2024-09').map((d) => [d.figure, d.reported, d.issued]),
    ).toEqual([
      ['contractsSigned', 1, 2],
      ['floorArea', 89.5, 179],
      ['amountFen', 123_456_700, 123_456_700 + planted.contractAmount],
    ]);
    for (const region of [ZZ, HN])
      expect(figure(await check(region), 'filings.count').differences).toEqual([
        { projectCode: filedProject, figure: 'filings.count', statisticsCount: 2, sourceCount: 1 },
      ]);
    // another county has none of it
    expect((await check(CL, '', tokens['chaling'])).consistent).toBe(true);
  });

  it("refuses another county's staff with 403 REGION_FORBIDDEN as a problem, and a retired code with 422", async () => {
    const res = await api(`/api/v1/statistics/consistency?regionCode=${YX}`, { token: tokens['chaling'] });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = (await res.json()) as Problem;
    expect(p).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
    expect(p.errors).toEqual([{ field: 'regionCode', reason: expect.stringContaining(YX) }]);
    const retired = await api(`/api/v1/statistics/consistency?regionCode=430221`, { token: tokens['province'] });
    expect(retired.status).toBe(422);
    expect(((await retired.json()) as Problem).errors).toEqual([
      { field: 'regionCode', reason: expect.stringContaining('请改用 430212') },
    ]);
  });

  it('marks a stopped source’s figures 未核对 and still answers 200 with the others checked', async () => {
    await platform.stopService('escrow');
    const c = await check(YX);
    expect(figure(c, 'escrow.submitted')).toMatchObject({
      source: 'escrow',
      status: 'UNCHECKED',
      statusLabel: '未核对',
      statisticsValue: 1,
      sourceValue: null,
      equal: null,
      differences: [],
    });
    expect(c.sources.find((s) => s.source === 'escrow')).toEqual({
      source: 'escrow',
      label: '资金监管服务',
      answered: false,
      message: expect.stringContaining('资金监管服务'),
    });
    expect(c.sources.find((s) => s.source === 'escrow')!.message).toContain('未核对');
    expect(figure(c, 'permits.count').status).toBe('EQUAL');
    expect(figure(c, 'filings.count').differences).toEqual([
      { projectCode: filedProject, figure: 'filings.count', statisticsCount: 2, sourceCount: 1 },
    ]);
    expect(c.consistent).toBe(false);
  });
});

/**
 * 统计 end to end through the gateway (issue 13): a construction permit, a presale permit, an escrow
 * record and a contract filing each move exactly their figures at county, city and province; every
 * level is the sum of its children; the drill-down lists the records behind a figure; another
 * county's staff cannot read a county's figures; bad queries are 422 with the field named.
 */
import { randomUUID } from 'node:crypto';
import { STATISTICS_FIGURES, StatisticsMonthlyV1, StatisticsRecordPageV1, StatisticsSummaryV1 } from '@hn/messages';
import { waitFor } from '@hn/testing';
import { contractFiling, creditCode, permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}
type Figures = Record<string, number>;

const PASSWORD = 'Statistics2024ok';
const YX = '430223'; // 攸县
const CL = '430224'; // 茶陵县
const ZZ = '430200'; // 株洲市
const HN = '430000';
const Y_PERMIT = '430223202406200101';
const Z_PERMIT = '430223202306150101';
const Z_UNIT = '2023-430223-70-03-000002-DT01';
const PDF = Buffer.from('%PDF-1.4\n% backfill scan\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
const chinaDay = (offset = 0): string =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** Every figure of a summary by its path; areas in hundredths so sums are exact. */
function flatten(s: StatisticsSummaryV1 | StatisticsSummaryV1['children'][number]): Figures {
  const out: Figures = {};
  for (const path of STATISTICS_FIGURES) {
    const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as number;
    out[path] = Math.round(v * 100);
  }
  return out;
}

function expectSumOfChildren(s: StatisticsSummaryV1): void {
  if (s.children.length === 0) return;
  const own = flatten(s);
  const sum: Figures = {};
  for (const c of s.children) for (const [k, v] of Object.entries(flatten(c))) sum[k] = (sum[k] ?? 0) + v;
  expect({ region: s.regionCode, figures: own }).toEqual({ region: s.regionCode, figures: sum });
}

describe('统计 statistics through the gateway', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  let writer: string;
  let reader: string;
  let noScope: string;

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
  const summary = async (region: string, query = '', token = tokens['province']!): Promise<StatisticsSummaryV1> =>
    ok<StatisticsSummaryV1>(await api(`/api/v1/statistics/summary?regionCode=${region}${query}`, { token }));
  const levels = async (): Promise<Record<string, Figures>> => {
    const out: Record<string, Figures> = {};
    for (const region of [YX, CL, ZZ, HN]) {
      const s = await summary(region);
      expectSumOfChildren(s);
      out[region] = flatten(s);
    }
    return out;
  };
  /** Runs `act`, then waits until the county's figures changed and checks each level moved by exactly `delta`. */
  const expectMoves = async (act: () => Promise<void>, delta: Figures): Promise<void> => {
    const before = await levels();
    await act();
    const expected = (f: Figures): Figures =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v + Math.round((delta[k] ?? 0) * 100)]));
    await waitFor(async () => JSON.stringify(flatten(await summary(YX))) === JSON.stringify(expected(before[YX]!)), {
      timeoutMs: 20_000,
      intervalMs: 150,
      description: `county figures moved by ${JSON.stringify(delta)}`,
    }).catch(async (err: Error) => {
      expect(flatten(await summary(YX))).toEqual(expected(before[YX]!));
      throw err;
    });
    const after = await levels();
    for (const region of [YX, ZZ, HN])
      expect({ region, ...after[region] }).toEqual({ region, ...expected(before[region]!) });
    expect({ region: CL, ...after[CL] }).toEqual({ region: CL, ...before[CL] });
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

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow', 'alerts']);
    const rateLimit = ['--rate-limit', '1000000'];
    writer = await platform.token(
      await platform.createIntegrator(
        [ZZ],
        ['permits:read', 'approval:write', 'presale:issue', 'contracts:issue'],
        rateLimit,
      ),
    );
    reader = await platform.token(await platform.createIntegrator([ZZ], ['statistics:read'], rateLimit));
    noScope = await platform.token(await platform.createIntegrator([ZZ], ['permits:read'], rateLimit));
    const staff: Array<[string, string, string]> = [
      ['youxian', 'COUNTY', YX],
      ['chaling', 'COUNTY', CL],
      ['zhuzhou', 'CITY', ZZ],
      ['province', 'PROVINCE', HN],
    ];
    for (const [name, role, region] of staff) {
      await platform.createStaff(`${name}.stat`, PASSWORD, role, region);
      tokens[name] = await platform.staffToken(`${name}.stat`, PASSWORD, `10.50.0.${Object.keys(tokens).length + 1}`);
    }
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('a construction permit moves the permit figures and the PRESALE project without a presale permit', async () => {
    await expectMoves(
      async () => {
        const res = await send('PUT', `/api/v1/approval/construction-permits/${Y_PERMIT}`, writer, {
          ...permitBody({ category: '社会投资房建类' }),
        });
        expect(res.status).toBe(201);
      },
      {
        'permits.count': 1,
        'permits.floorArea': 12345.67,
        'permits.byProjectType.PRESALE': 1,
        'permits.socialInvestment': 1,
        'presale.presaleProjectsWithoutPresalePermit': 1,
      },
    );
    const page = await ok<StatisticsRecordPageV1>(
      await api(`/api/v1/statistics/projects?regionCode=${YX}&figure=permits.byProjectType.PRESALE`, {
        token: tokens['youxian'],
      }),
    );
    expect(page).toMatchObject({ total: 1, figure: 'permits.byProjectType.PRESALE', asOf: chinaDay() });
    expect(page.items).toEqual([
      expect.objectContaining({
        kind: 'CONSTRUCTION_PERMIT',
        key: Y_PERMIT,
        regionCode: YX,
        countedUnder: YX,
        regionName: '攸县',
        date: '2024-06-20',
        area: 12345.67,
      }),
    ]);
  });

  it('a presale permit (Y) moves the presale figures, its supervised account and the project without one', async () => {
    await expectMoves(
      async () => {
        await retry(
          'presale issue',
          () =>
            send('POST', '/api/v1/presale-permits', writer, presaleSubmission(), { 'idempotency-key': randomUUID() }),
          201,
        );
      },
      {
        'presale.y': 1,
        'presale.presaleArea': 12345.67,
        'presale.units': 120,
        'presale.presaleProjectsWithoutPresalePermit': -1,
        'escrow.supervised': 1,
      },
    );
  });

  it('an escrow record of a backfilled (Z) permit moves exactly the escrow and capital guarantee figures', async () => {
    const project = '2023-430223-70-03-000002';
    await expectMoves(
      async () => {
        const res = await send('PUT', `/api/v1/approval/construction-permits/${Z_PERMIT}`, writer, {
          ...permitBody({
            projectCode: project,
            projectName: '锦绣星城一期',
            issueDate: '2023-06-15',
            category: '政府投资房建类',
            units: [{ unitCode: Z_UNIT, name: '1#栋', floors: 18, floorArea: 9000.5 }],
          }),
        });
        expect(res.status).toBe(201);
      },
      {
        'permits.count': 1,
        'permits.floorArea': 9000.5,
        'permits.byProjectType.PRESALE': 1,
        'presale.presaleProjectsWithoutPresalePermit': 1,
      },
    );
    let zNumber = '';
    await expectMoves(
      async () => {
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
      },
      {
        'presale.z': 1,
        'presale.presaleArea': 9000.5,
        'presale.units': 90,
        'presale.presaleProjectsWithoutPresalePermit': -1,
        'escrow.noRecord': 1,
      },
    );
    expect(zNumber).toBe(`${Z_PERMIT}-Z01`);
    await expectMoves(
      async () => {
        const record = {
          capitalGuaranteeAmount: 150_000_000,
          commitmentLetter: false,
          fundSupervision: true,
          bank: '中国建设银行攸县支行',
          account: '43050162123400000123',
          balance: 8_765_432_100,
          balanceAsOf: '2024-07-31',
        };
        await retry(
          'escrow put',
          () => send('PUT', `/api/v1/supervision/escrow/${zNumber}`, tokens['youxian']!, record),
          201,
        );
        await ok(
          await send('POST', '/api/v1/supervision/escrow/submit', tokens['youxian']!, { presaleNumbers: [zNumber] }),
        );
      },
      {
        'escrow.noRecord': -1,
        'escrow.supervised': 1,
        'escrow.balanceFen': 8_765_432_100,
        'capitalGuarantee.withAmount': 1,
        'capitalGuarantee.amountFen': 150_000_000,
      },
    );
  });

  it('a contract filing moves the filing figures; its cancellation moves it to the cancellations', async () => {
    let contractNumber = '';
    await expectMoves(
      async () => {
        const filed = (await retry(
          'filing',
          () => send('POST', '/api/v1/contract-filings', writer, contractFiling(), { 'idempotency-key': randomUUID() }),
          201,
        )) as { contractNumber: string };
        contractNumber = filed.contractNumber;
      },
      {
        'filings.count': 1,
        'filings.floorArea': 89.5,
        'filings.amountFen': 123_456_700,
        'filings.byPaymentMethod.COMBINED': 1,
      },
    );
    await expectMoves(
      async () => {
        await ok(
          await send('POST', `/api/v1/contract-filings/${contractNumber}/cancel`, writer, { reason: '购房人退房' }),
        );
      },
      {
        'filings.count': -1,
        'filings.floorArea': -89.5,
        'filings.amountFen': -123_456_700,
        'filings.byPaymentMethod.COMBINED': -1,
        'filings.cancelled': 1,
      },
    );
  });

  it('answers as of a past date with what was recorded by then, and month by month by the records’ own dates', async () => {
    const yesterday = await summary(HN, `&asOf=${chinaDay(-1)}`);
    expect(Object.values(flatten(yesterday)).every((v) => v === 0)).toBe(true);
    expect(yesterday).toMatchObject({ regionCode: HN, regionName: '湖南省', level: 'PROVINCE', asOf: chinaDay(-1) });
    expect(yesterday.children).toHaveLength(14);
    const city = await summary(ZZ);
    expect(city.children.map((c) => c.regionCode)).toContain(ZZ); // 市本级
    expect(city.children.find((c) => c.regionCode === ZZ)).toMatchObject({ level: 'OWN', regionName: '株洲市本级' });
    const monthly = await ok<StatisticsMonthlyV1>(
      await api(`/api/v1/statistics/monthly?regionCode=${YX}&from=2023-06&to=2024-09`, { token: tokens['youxian'] }),
    );
    expect(monthly.months).toHaveLength(16);
    const month = (m: string) => monthly.months.find((x) => x.month === m)!;
    expect(month('2023-06').permits).toMatchObject({ count: 1, floorArea: 9000.5 });
    expect(month('2024-06')).toMatchObject({
      permits: { count: 1, socialInvestment: 1 },
      presale: { z: 1, units: 90 },
    });
    expect(month('2024-08').presale).toMatchObject({ y: 1, presaleArea: 12345.67 });
    expect(month('2024-09').filings).toMatchObject({ filed: 1, amountFen: 123_456_700, floorArea: 89.5 });
    expect(month('2024-07').permits.count).toBe(0);
  });

  it('lists the records behind a figure (paged, and the whole result as CSV) to the region’s staff, its city and integrators with statistics:read', async () => {
    for (const token of [tokens['youxian']!, tokens['zhuzhou']!, tokens['province']!, reader]) {
      const page = await ok<StatisticsRecordPageV1>(
        await api(`/api/v1/statistics/projects?regionCode=${YX}&figure=permits.count&pageSize=1`, { token }),
      );
      expect(page.total).toBe(2);
      expect(page.items).toHaveLength(1);
    }
    const res = await api(`/api/v1/statistics/projects/export?regionCode=${ZZ}&figure=permits.count`, {
      token: reader,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    const lines = bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .filter((l) => l !== '');
    expect(lines[0]!.startsWith('类别 kind,编号 key')).toBe(true);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual([Z_PERMIT, Y_PERMIT]);
    const balance = await ok<StatisticsRecordPageV1>(
      await api(`/api/v1/statistics/projects?regionCode=${HN}&figure=escrow.balanceFen`, { token: tokens['province'] }),
    );
    expect(balance.items).toEqual([expect.objectContaining({ key: `${Z_PERMIT}-Z01`, amountFen: 8_765_432_100 })]);
  });

  it("refuses another county's staff, a city's figures to its county, and credentials without statistics:read", async () => {
    for (const path of [
      `/api/v1/statistics/summary?regionCode=${YX}`,
      `/api/v1/statistics/projects?regionCode=${YX}&figure=permits.count`,
      `/api/v1/statistics/projects/export?regionCode=${YX}&figure=permits.count`,
      `/api/v1/statistics/monthly?regionCode=${YX}&from=2024-01&to=2024-12`,
    ]) {
      const p = await problem(await api(path, { token: tokens['chaling'] }), 403, 'REGION_FORBIDDEN');
      expect(p.errors).toEqual([{ field: 'regionCode', reason: expect.stringContaining(YX) }]);
    }
    await problem(
      await api(`/api/v1/statistics/summary?regionCode=${ZZ}`, { token: tokens['youxian'] }),
      403,
      'REGION_FORBIDDEN',
    );
    await problem(await api(`/api/v1/statistics/summary?regionCode=${HN}`, { token: reader }), 403, 'REGION_FORBIDDEN');
    await problem(await api(`/api/v1/statistics/summary?regionCode=${ZZ}`, { token: noScope }), 403, 'SCOPE_FORBIDDEN');
    await problem(await api(`/api/v1/statistics/summary?regionCode=${ZZ}`), 401, 'UNAUTHORIZED');
  });

  it('answers bad queries with 422 naming the field (a retired code with its successor)', async () => {
    const bad = async (query: string, field: string, reason: string, path = 'summary'): Promise<void> => {
      const p = await problem(
        await api(`/api/v1/statistics/${path}?${query}`, { token: tokens['province'] }),
        422,
        'INVALID_FILTER',
      );
      expect(p.errors).toEqual([{ field, reason: expect.stringContaining(reason) }]);
    };
    await bad('regionCode=430124', 'regionCode', '430182（宁乡市）');
    await bad('regionCode=430221', 'regionCode', '请改用 430212');
    await bad('regionCode=439999', 'regionCode', '未知的行政区划代码');
    await bad('regionCode=', 'regionCode', '');
    await bad(`regionCode=${HN}&asOf=${chinaDay(1)}`, 'asOf', '不能晚于今天');
    await bad(`regionCode=${HN}&asOf=2014-12-31`, 'asOf', '2015-01-01');
    await bad(`regionCode=${HN}&asOf=2024-02-30`, 'asOf', 'YYYY-MM-DD');
    await bad(`regionCode=${HN}&from=2020-01&to=2025-01`, 'to', '最多 60 个月', 'monthly');
    await bad(`regionCode=${HN}&from=2024-05&to=2024-04`, 'to', '不能早于起始月份', 'monthly');
    await bad(`regionCode=${HN}&figure=permits.total`, 'figure', '未知的统计项', 'projects');
    await bad(`regionCode=${HN}&figure=permits.count&asOf=2014-01-01`, 'asOf', '2015-01-01', 'projects/export');
  });
});

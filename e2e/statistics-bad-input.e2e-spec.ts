/**
 * 统计接口的错误输入 (issue 13, "Bad input"): every statistics route — summary, monthly, projects and its
 * export, consistency, assessment, digests, appeals — refuses an unknown or retired region code (naming
 * the successor where there is one), an asOf in the future or before 2015 and a month range over 60
 * months with 422 and the field, through the gateway; the alerts service answers the same bodies sent
 * straight over NATS the same way (it validates its payload again with the same message classes).
 */
import { Principal, Rpc, RpcDef, RpcKind } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { TestPlatform } from './support/platform';

const PASSWORD = 'BadInput2024ok';
const chinaDay = (offset = 0): string =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const TOMORROW = chinaDay(1);
const NEXT_MONTH = ((): string => {
  const [y, m] = chinaDay().split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
})();

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

/** One bad input: the route, the RPC body the gateway would send, what both answer. */
interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** the JSON body of a POST */
  body?: Record<string, unknown>;
  /** the Rpc entry and the body sent straight over NATS */
  rpc: RpcDef<never, unknown, RpcKind>;
  rpcBody: Record<string, unknown>;
  /** who asks: the province, or city staff of 长沙市 for an appeal */
  as?: 'province' | 'city';
  status: number;
  code: string;
  field: string;
  /** the reason names this (a successor code, a limit) */
  reason: string;
}

const UNKNOWN = '439999';
const RETIRED = '430124'; // 宁乡县 → 430182 宁乡市 (2017)
const RETIRED_ZHUZHOU = '430221'; // 株洲县 → 430212 渌口区 (2018)

const CASES: Case[] = [
  // summary
  ...(
    [
      [UNKNOWN, 'regionCode', '未知的行政区划代码 439999'],
      [RETIRED, 'regionCode', '请改用 430182'],
    ] as const
  ).map(([code, field, reason]): Case => ({
    name: `summary ${code}`,
    method: 'GET',
    path: `/api/v1/statistics/summary?regionCode=${code}`,
    rpc: Rpc.statisticsSummary,
    rpcBody: { regionCode: code },
    status: 422,
    code: 'INVALID_FILTER',
    field,
    reason,
  })),
  {
    name: 'summary asOf tomorrow',
    method: 'GET',
    path: `/api/v1/statistics/summary?regionCode=430000&asOf=${TOMORROW}`,
    rpc: Rpc.statisticsSummary,
    rpcBody: { regionCode: '430000', asOf: TOMORROW },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'asOf',
    reason: '不能晚于今天',
  },
  {
    name: 'summary asOf 2014-12-31',
    method: 'GET',
    path: '/api/v1/statistics/summary?regionCode=430000&asOf=2014-12-31',
    rpc: Rpc.statisticsSummary,
    rpcBody: { regionCode: '430000', asOf: '2014-12-31' },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'asOf',
    reason: '不能早于 2015-01-01',
  },
  // monthly
  {
    name: 'monthly 61 months',
    method: 'GET',
    path: '/api/v1/statistics/monthly?regionCode=430000&from=2020-01&to=2025-01',
    rpc: Rpc.statisticsMonthly,
    rpcBody: { regionCode: '430000', from: '2020-01', to: '2025-01' },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'to',
    reason: '最多 60 个月',
  },
  {
    name: 'monthly retired 株洲县',
    method: 'GET',
    path: `/api/v1/statistics/monthly?regionCode=${RETIRED_ZHUZHOU}&from=2024-01&to=2024-12`,
    rpc: Rpc.statisticsMonthly,
    rpcBody: { regionCode: RETIRED_ZHUZHOU, from: '2024-01', to: '2024-12' },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '请改用 430212',
  },
  {
    name: 'monthly from 2014-12',
    method: 'GET',
    path: '/api/v1/statistics/monthly?regionCode=430000&from=2014-12&to=2015-06',
    rpc: Rpc.statisticsMonthly,
    rpcBody: { regionCode: '430000', from: '2014-12', to: '2015-06' },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'from',
    reason: '不能早于 2015-01',
  },
  {
    name: 'monthly to next month',
    method: 'GET',
    path: `/api/v1/statistics/monthly?regionCode=430000&from=2026-01&to=${NEXT_MONTH}`,
    rpc: Rpc.statisticsMonthly,
    rpcBody: { regionCode: '430000', from: '2026-01', to: NEXT_MONTH },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'to',
    reason: '不能晚于本月',
  },
  // projects and the CSV export
  {
    name: 'projects retired',
    method: 'GET',
    path: `/api/v1/statistics/projects?regionCode=${RETIRED}&figure=permits.count`,
    rpc: Rpc.statisticsRecords,
    rpcBody: { regionCode: RETIRED, figure: 'permits.count', page: 1, pageSize: 20 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '430182',
  },
  {
    name: 'projects asOf tomorrow',
    method: 'GET',
    path: `/api/v1/statistics/projects?regionCode=430000&figure=permits.count&asOf=${TOMORROW}`,
    rpc: Rpc.statisticsRecords,
    rpcBody: { regionCode: '430000', figure: 'permits.count', asOf: TOMORROW, page: 1, pageSize: 20 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'asOf',
    reason: '不能晚于今天',
  },
  {
    name: 'projects export unknown',
    method: 'GET',
    path: `/api/v1/statistics/projects/export?regionCode=${UNKNOWN}&figure=permits.count`,
    rpc: Rpc.statisticsRecords,
    rpcBody: { regionCode: UNKNOWN, figure: 'permits.count', page: 1, pageSize: 20 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '未知的行政区划代码',
  },
  {
    name: 'projects export asOf 2014-12-31',
    method: 'GET',
    path: '/api/v1/statistics/projects/export?regionCode=430000&figure=permits.count&asOf=2014-12-31',
    rpc: Rpc.statisticsRecords,
    rpcBody: { regionCode: '430000', figure: 'permits.count', asOf: '2014-12-31', page: 1, pageSize: 20 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'asOf',
    reason: '不能早于 2015-01-01',
  },
  // consistency
  {
    name: 'consistency retired',
    method: 'GET',
    path: `/api/v1/statistics/consistency?regionCode=${RETIRED}`,
    rpc: Rpc.statisticsConsistency,
    rpcBody: { regionCode: RETIRED },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '请改用 430182',
  },
  {
    name: 'consistency asOf tomorrow',
    method: 'GET',
    path: `/api/v1/statistics/consistency?regionCode=430000&asOf=${TOMORROW}`,
    rpc: Rpc.statisticsConsistency,
    rpcBody: { regionCode: '430000', asOf: TOMORROW },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'asOf',
    reason: '不能晚于今天',
  },
  // assessment
  {
    name: 'assessment unknown',
    method: 'GET',
    path: `/api/v1/statistics/assessment?regionCode=${UNKNOWN}`,
    rpc: Rpc.statisticsAssessment,
    rpcBody: { regionCode: UNKNOWN },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '未知的行政区划代码',
  },
  {
    name: 'assessment retired',
    method: 'GET',
    path: `/api/v1/statistics/assessment?regionCode=${RETIRED}`,
    rpc: Rpc.statisticsAssessment,
    rpcBody: { regionCode: RETIRED },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '请改用 430182',
  },
  {
    name: 'assessment asOf tomorrow',
    method: 'GET',
    path: `/api/v1/statistics/assessment?regionCode=430000&asOf=${TOMORROW}`,
    rpc: Rpc.statisticsAssessment,
    rpcBody: { regionCode: '430000', asOf: TOMORROW },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'asOf',
    reason: '不能晚于今天',
  },
  {
    name: 'assessment asOf 2014-12-31',
    method: 'GET',
    path: '/api/v1/statistics/assessment?regionCode=430000&asOf=2014-12-31',
    rpc: Rpc.statisticsAssessment,
    rpcBody: { regionCode: '430000', asOf: '2014-12-31' },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'asOf',
    reason: '不能早于 2015-01-01',
  },
  // digests
  {
    name: 'digests retired',
    method: 'GET',
    path: `/api/v1/statistics/digests?regionCode=${RETIRED}`,
    rpc: Rpc.statisticsDigestList,
    rpcBody: { regionCode: RETIRED, page: 1 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '请改用 430182',
  },
  {
    name: 'digests from 2014-12-31',
    method: 'GET',
    path: '/api/v1/statistics/digests?regionCode=430000&from=2014-12-31',
    rpc: Rpc.statisticsDigestList,
    rpcBody: { regionCode: '430000', from: '2014-12-31', page: 1 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'from',
    reason: '不能早于 2015-01-01',
  },
  {
    name: 'digests to tomorrow',
    method: 'GET',
    path: `/api/v1/statistics/digests?regionCode=430000&to=${TOMORROW}`,
    rpc: Rpc.statisticsDigestList,
    rpcBody: { regionCode: '430000', to: TOMORROW, page: 1 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'to',
    reason: '不能晚于今天',
  },
  {
    name: 'digests from after to',
    method: 'GET',
    path: '/api/v1/statistics/digests?regionCode=430000&from=2026-02-01&to=2026-01-01',
    rpc: Rpc.statisticsDigestList,
    rpcBody: { regionCode: '430000', from: '2026-02-01', to: '2026-01-01', page: 1 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'from',
    reason: '起始日期不能晚于截止日期',
  },
  {
    name: 'digest generate tomorrow',
    method: 'POST',
    path: '/api/v1/statistics/digests/generate',
    body: { date: TOMORROW },
    rpc: Rpc.statisticsDigestGenerate,
    rpcBody: { date: TOMORROW },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'date',
    reason: '不能晚于今天',
  },
  {
    name: 'digest generate 2014-12-31',
    method: 'POST',
    path: '/api/v1/statistics/digests/generate',
    body: { date: '2014-12-31' },
    rpc: Rpc.statisticsDigestGenerate,
    rpcBody: { date: '2014-12-31' },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'date',
    reason: '不能早于 2015-01-01',
  },
  // appeals
  {
    name: 'appeals list retired',
    method: 'GET',
    path: `/api/v1/statistics/assessment/appeals?regionCode=${RETIRED}`,
    rpc: Rpc.assessmentAppealList,
    rpcBody: { regionCode: RETIRED, page: 1, pageSize: 20 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '请改用 430182',
  },
  {
    name: 'appeals list unknown',
    method: 'GET',
    path: `/api/v1/statistics/assessment/appeals?regionCode=${UNKNOWN}`,
    rpc: Rpc.assessmentAppealList,
    rpcBody: { regionCode: UNKNOWN, page: 1, pageSize: 20 },
    status: 422,
    code: 'INVALID_FILTER',
    field: 'regionCode',
    reason: '未知的行政区划代码',
  },
  {
    name: 'appeal submit retired',
    method: 'POST',
    path: '/api/v1/statistics/assessment/appeals',
    body: { regionCode: RETIRED, ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', itemId: 'P1', reason: '已取得' },
    rpc: Rpc.assessmentAppealSubmit,
    rpcBody: { regionCode: RETIRED, ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', itemId: 'P1', reason: '已取得' },
    as: 'city',
    status: 422,
    code: 'INCOMPLETE_SUBMISSION',
    field: 'regionCode',
    reason: '请改用 430182',
  },
];

describe('统计接口的错误输入 bad input of every statistics route, through the gateway and over NATS', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const tokens: Record<'province' | 'city', string> = { province: '', city: '' };
  const principals: Record<'province' | 'city', Principal> = {
    province: {
      kind: 'staff',
      id: 'province.badinput',
      role: 'PROVINCE',
      regions: ['430000'],
      scopes: ['statistics:read', 'supervision:read', 'supervision:write'],
    },
    city: {
      kind: 'staff',
      id: 'changsha.badinput',
      role: 'CITY',
      regions: ['430100'],
      scopes: ['statistics:read', 'supervision:read', 'supervision:write'],
    },
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['alerts']);
    await platform.createStaff('province.badinput', PASSWORD, 'PROVINCE', '430000');
    await platform.createStaff('changsha.badinput', PASSWORD, 'CITY', '430100');
    tokens.province = await platform.staffToken('province.badinput', PASSWORD, '10.61.0.1');
    tokens.city = await platform.staffToken('changsha.badinput', PASSWORD, '10.61.0.2');
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 20_000 });
  }, 180_000);

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  it('covers every statistics route of the OpenAPI document', async () => {
    const doc = (await (await fetch(`${platform.gatewayUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const withRegion = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/statistics/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set(CASES.map((c) => `${c.method} ${c.path.split('?')[0]}`));
    // the routes taking a region or a date: each has at least one case
    const expected = withRegion.filter((r) => !/\{appealId\}/.test(r));
    expect(expected.filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s → 422 naming the field, through the gateway', async (_n, c) => {
    const res = await fetch(`${platform.gatewayUrl}${c.path}`, {
      method: c.method,
      headers: {
        authorization: `Bearer ${tokens[c.as ?? 'province']}`,
        ...(c.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(c.body ? { body: JSON.stringify(c.body) } : {}),
    });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect({ status: res.status, code: problem.code, fields: problem.errors?.map((e) => e.field) }).toEqual({
      status: c.status,
      code: c.code,
      fields: [c.field],
    });
    expect(problem.errors![0]!.reason).toContain(c.reason);
    // Chinese with English beside it
    expect(problem.errors![0]!.reason).toMatch(/[\u4e00-\u9fff].*\([a-z][^)]*\)/);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s → the same problem over NATS', async (_n, c) => {
    const answer = await rpc.call(c.rpc as never, principals[c.as ?? 'province'], c.rpcBody as never).then(
      () => null,
      (e: { problem?: Problem }) => e.problem ?? null,
    );
    expect(answer).toMatchObject({ status: c.status, code: c.code });
    expect(answer!.errors!.map((e) => e.field)).toEqual([c.field]);
    expect(answer!.errors![0]!.reason).toContain(c.reason);
  });
});

/**
 * 网签统计补录 and 与房地产市场监管平台比对 end to end through the gateway (issue 5, items 4 and 5).
 *
 * The market platform simulator runs as its own process. Our side is seeded through the public API
 * only, the way /api/_ours of the simulator describes it: construction permits via the approval
 * PUT, presale permits via POST /api/v1/presale-permits, contract filings via POST
 * /api/v1/contract-filings (+ cancel), manual statistics via the new supervision PUT + submit.
 *
 * Two things cannot be reproduced literally through the public API, and are handled as follows:
 * - the simulator normally invents its own presale permits (stock Z numbers, random permit dates),
 *   which the API cannot issue (no backfill route): instead the simulator is started AFTER our
 *   presale permits exist, with MARKET_SIM_SEED_FILE listing them, so its world is built around
 *   the permits we really issued (Y numbers, issue dates in August 2024);
 * - a contract "missing on our side" leaves a gap in /api/_ours's contract numbers, but our serials
 *   are gap-free by design: the missing number is filed (placeholder room) and cancelled at once.
 *   Reconciliation compares ACTIVE filings only, so ours then lacks exactly that contract.
 * The run is then checked against the planted manifest (/api/_planted), as the integration test does.
 */
import { contractFiling, creditCode, permitBody, presaleSubmission, residentId } from './support/fixtures';
import { MarketSimulatorProcess, SimulatorPresale } from './support/market-simulator';
import { freePort, TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}
interface Statistic {
  presaleNumber: string;
  regionCode: string;
  month: string;
  contractsSigned: number;
  floorArea: number;
  amountFen: number;
  state: 'DRAFT' | 'SUBMITTED';
  version: number;
  enteredBy: string;
}
interface Difference {
  id: string;
  presaleNumber: string;
  regionCode: string;
  month: string;
  countDelta: number;
  areaDelta: number;
  amountDeltaFen: number;
  missingOnOurs: string[];
  missingOnMarket: string[];
  mismatched: string[];
  state: string;
  explanation: string | null;
  acknowledgedBy: string | null;
}
interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
interface Planted {
  kind: string;
  presaleNumber: string;
  month: string;
  contractNumber: string | null;
  expected: {
    countDelta: number;
    areaDelta: number;
    amountDeltaFen: number;
    missingOnOurs: string[];
    missingOnMarket: string[];
    mismatched: string[];
  };
}
interface Ours {
  presales: SimulatorPresale[];
  filings: Array<{
    contractNumber: string;
    presaleNumber: string;
    building: string;
    roomNumber: string;
    floor: number;
    floorArea: number;
    amountFen: number;
    filingDate: string;
    status: 'ACTIVE' | 'CANCELLED';
  }>;
  statistics: Array<{
    presaleNumber: string;
    month: string;
    contractsSigned: number;
    floorArea: number;
    amountFen: number;
  }>;
}
interface AuditEntry {
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  status: number;
}

const SIM_KEY = `e2e-market-key-${process.pid}`;
const PASSWORD = 'Supervise2024x';
const YX = '430223'; // 攸县
const FR = '430102'; // 芙蓉区
const PERMITS = [
  {
    number: '430223202406200101',
    region: YX,
    project: '2024-430223-70-03-012345',
    unit: '2024-430223-70-03-012345-DT022',
  },
  {
    number: '430102202406200101',
    region: FR,
    project: '2024-430102-70-03-022345',
    unit: '2024-430102-70-03-022345-DT001',
  },
] as const;
const BUILDINGS = ['1#', '2#', '3#'];
const P1 = `${PERMITS[0].number}-Y01`;
const P2 = `${PERMITS[0].number}-Y02`;
const P3 = `${PERMITS[1].number}-Y01`;
const PRESALES: Array<{ presaleNumber: string; permit: (typeof PERMITS)[number]; issueDate: string; name: string }> = [
  { presaleNumber: P1, permit: PERMITS[0], issueDate: '2024-08-05', name: '攸县锦绣星城三期' },
  { presaleNumber: P2, permit: PERMITS[0], issueDate: '2024-08-12', name: '攸县锦绣星城四期' },
  { presaleNumber: P3, permit: PERMITS[1], issueDate: '2024-08-08', name: '芙蓉区湘江壹号一期' },
];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const serialOf = (contractNumber: string): number => Number(/-B(\d{4})$/.exec(contractNumber)![1]);
const shape = (
  d: Pick<
    Difference,
    | 'presaleNumber'
    | 'month'
    | 'countDelta'
    | 'areaDelta'
    | 'amountDeltaFen'
    | 'missingOnOurs'
    | 'missingOnMarket'
    | 'mismatched'
  >,
) => ({
  key: `${d.presaleNumber}|${d.month}`,
  countDelta: d.countDelta,
  areaDelta: d.areaDelta,
  amountDeltaFen: d.amountDeltaFen,
  missingOnOurs: [...d.missingOnOurs].sort(),
  missingOnMarket: [...d.missingOnMarket].sort(),
  mismatched: [...d.mismatched].sort(),
});
const byKey = <T extends { key: string }>(list: T[]): T[] =>
  [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

describe('Signing statistics and reconciliation with the market platform (网签统计补录与比对) through the gateway', () => {
  let platform: TestPlatform;
  let sim: MarketSimulatorProcess;
  let signer: string; // integrator, contracts:issue in both counties
  let province: string; // PROVINCE 430000
  let youxian: string; // COUNTY 430223 (two of the three presale permits)
  let furong: string; // COUNTY 430102 (the third)
  let ours: Ours;
  let planted: Planted[];
  let badItems: unknown[];
  let runDifferences: Difference[] = [];
  /** staff writes that passed authentication and role/scope checks: each must leave one audit row */
  let auditedWrites = 0;
  let keySeq = 0;
  let personSeq = 0;

  const api = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${platform.gatewayUrl}${path}`, {
      ...init,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  };
  /** A staff write expected to reach the handler (so it is audited whatever its outcome). */
  const staffWrite = (method: 'PUT' | 'POST', path: string, token: string, json?: unknown): Promise<Response> => {
    auditedWrites++;
    return api(path, { method, token, json: json ?? {} });
  };
  const expectStatus = async <T>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 800)}`).toMatch(new RegExp(`^${status} `));
    return JSON.parse(text) as T;
  };
  const expectProblem = async (res: Response, status: number, code: string, field?: string): Promise<Problem> => {
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 800)}`).toMatch(new RegExp(`^${status} `));
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = JSON.parse(text) as Problem;
    expect(problem.code).toBe(code);
    if (field) expect((problem.errors ?? []).map((e) => e.field)).toContain(field);
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
    return problem;
  };
  const putStatistic = (token: string, presaleNumber: string, month: string, figures: unknown): Promise<Response> =>
    staffWrite('PUT', `/api/v1/supervision/signing-statistics/${presaleNumber}/${month}`, token, figures);
  const listStatistics = async (token: string, query = ''): Promise<Page<Statistic>> =>
    expectStatus<Page<Statistic>>(await api(`/api/v1/supervision/signing-statistics${query}`, { token }), 200);
  const listDifferences = async (token: string, query = ''): Promise<Page<Difference>> =>
    expectStatus<Page<Difference>>(await api(`/api/v1/supervision/reconciliation${query}`, { token }), 200);
  const figuresOf = (presaleNumber: string, month: string) => {
    const s = ours.statistics.find((x) => x.presaleNumber === presaleNumber && x.month === month)!;
    return { contractsSigned: s.contractsSigned, floorArea: s.floorArea, amountFen: s.amountFen };
  };

  const buyers = () => {
    const n = ++personSeq;
    return [
      {
        type: 'PERSON',
        name: `买受人${n}`,
        idType: 'RESIDENT_ID',
        idNumber: residentId(`43022319${80 + (n % 20)}0101${String(n % 1000).padStart(3, '0')}`),
        phone: `139${String(n).padStart(8, '0')}`,
      },
    ];
  };

  /** Files and expects 201 with the expected number (a 503/in-flight answer is retried with the same key). */
  const file = async (body: Record<string, unknown>, expected: string): Promise<void> => {
    const key = `e2e-rec-${process.pid}-${++keySeq}`;
    for (let attempt = 1; ; attempt++) {
      const res = await api('/api/v1/contract-filings', {
        method: 'POST',
        token: signer,
        headers: { 'idempotency-key': key },
        json: body,
      });
      const text = await res.text();
      if ((res.status === 503 || (res.status === 409 && text.includes('IDEMPOTENCY_KEY_IN_FLIGHT'))) && attempt < 5) {
        await sleep(300 * attempt);
        continue;
      }
      expect(`${res.status} ${text.slice(0, 600)}`).toMatch(/^201 /);
      expect((JSON.parse(text) as { contractNumber: string }).contractNumber).toBe(expected);
      return;
    }
  };
  const cancel = async (contractNumber: string, reason: string): Promise<void> => {
    await expectStatus(
      await api(`/api/v1/contract-filings/${contractNumber}/cancel`, {
        method: 'POST',
        token: signer,
        json: { reason },
      }),
      200,
    );
  };

  /** Issues a presale permit, retrying while the presale service does not know the construction permit yet (404 consumes no serial). */
  const issuePresale = async (token: string, p: (typeof PRESALES)[number], certificate: string): Promise<void> => {
    const body = presaleSubmission({
      constructionPermitNumbers: [p.permit.number],
      unitCodes: [p.permit.unit],
      localCertificateNumber: certificate,
      issueDate: p.issueDate,
      projectName: p.name,
      buildings: BUILDINGS,
      developer: { name: '湖南测试置业有限公司', creditCode: creditCode() },
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await api('/api/v1/presale-permits', {
        method: 'POST',
        token,
        headers: { 'idempotency-key': `e2e-rec-presale-${process.pid}-${++keySeq}` },
        json: body,
      });
      const text = await res.text();
      if (res.status === 404 && text.includes('PERMIT_NOT_FOUND') && Date.now() < deadline) {
        await sleep(200);
        continue;
      }
      expect(`${res.status} ${text.slice(0, 400)}`).toMatch(/^201 /);
      expect((JSON.parse(text) as { presaleNumber: string }).presaleNumber).toBe(p.presaleNumber);
      return;
    }
  };

  /** Until the contracts service's replica has the permit: a filing for an unknown building is 422 BUILDING_NOT_IN_PRESALE (no serial used). */
  const waitPresaleInContracts = async (presaleNumber: string): Promise<void> => {
    const deadline = Date.now() + 30_000;
    let last = '';
    while (Date.now() < deadline) {
      const res = await api('/api/v1/contract-filings', {
        method: 'POST',
        token: signer,
        headers: { 'idempotency-key': `e2e-rec-probe-${process.pid}-${++keySeq}` },
        json: contractFiling({ presaleNumber, building: 'E2E-PROBE' }),
      });
      const text = await res.text();
      last = `${res.status} ${text}`;
      if (res.status === 422 && text.includes('BUILDING_NOT_IN_PRESALE')) return;
      await sleep(200);
    }
    throw new Error(`presale permit ${presaleNumber} not replicated to contracts: ${last}`);
  };

  /**
   * Our filings of one presale permit in serial order, B0001 upwards, as /api/_ours lists them;
   * a number absent from /api/_ours (the market has it, we do not) is filed and cancelled.
   */
  const seedFilings = async (presaleNumber: string): Promise<void> => {
    const mine = ours.filings.filter((f) => f.presaleNumber === presaleNumber);
    const marketOnly = planted
      .filter((p) => p.presaleNumber === presaleNumber && p.kind === 'MISSING_ON_OURS')
      .map((p) => p.contractNumber!);
    const last = Math.max(0, ...mine.map((f) => serialOf(f.contractNumber)), ...marketOnly.map(serialOf));
    const toCancel: Array<[string, string]> = [];
    for (let serial = 1; serial <= last; serial++) {
      const number = `${presaleNumber}-B${String(serial).padStart(4, '0')}`;
      const f = mine.find((x) => x.contractNumber === number);
      if (!f) {
        expect(marketOnly).toContain(number); // the only gaps are the planted "missing on ours"
        await file(
          contractFiling({
            presaleNumber,
            building: BUILDINGS[0],
            rooms: [{ roomNumber: `GAP-${serial}`, floor: 1, floorArea: 90 }],
            address: `占位 ${number}`,
            buyers: buyers(),
            contractAmount: 100_000_00,
            payment: { method: 'FULL', downPayment: 100_000_00 },
            filingDate: '2024-09-02',
          }),
          number,
        );
        toCancel.push([number, '本平台未收到该合同（市场监管平台独有），序号作废 (not on our side)']);
        continue;
      }
      await file(
        contractFiling({
          presaleNumber,
          building: f.building,
          rooms: [{ roomNumber: f.roomNumber, floor: f.floor, floorArea: f.floorArea }],
          address: `${presaleNumber} ${f.building} ${f.roomNumber}`,
          buyers: buyers(),
          contractAmount: f.amountFen,
          payment: { method: 'FULL', downPayment: f.amountFen },
          filingDate: f.filingDate,
        }),
        number,
      );
      if (f.status === 'CANCELLED') toCancel.push([number, '买受人退房，双方协商解除合同']);
    }
    for (const [number, reason] of toCancel) await cancel(number, reason);
  };

  beforeAll(async () => {
    const simPort = await freePort();
    platform = await TestPlatform.start(['permits', 'presale', 'contracts'], {
      env: {
        MARKET_PLATFORM_URL: `http://127.0.0.1:${simPort}`,
        MARKET_PLATFORM_API_KEY: SIM_KEY,
        MARKET_PLATFORM_RETRY_BASE_MS: '50',
        GATEWAY_RECONCILIATION_TIMEOUT_MS: '60000',
      },
    });
    const fast = ['--rate-limit', '100000'];
    const writer = await platform.token(
      await platform.createIntegrator(['430200', '430100'], ['permits:read', 'approval:write'], fast),
    );
    const presaleIssuer = await platform.token(await platform.createIntegrator([YX, FR], ['presale:issue'], fast));
    signer = await platform.token(await platform.createIntegrator([YX, FR], ['contracts:issue'], fast));
    await platform.createStaff('province.rec', PASSWORD, 'PROVINCE', '430000');
    await platform.createStaff('youxian.rec', PASSWORD, 'COUNTY', YX);
    await platform.createStaff('furong.rec', PASSWORD, 'COUNTY', FR);
    province = await platform.staffToken('province.rec', PASSWORD, '10.30.0.1');
    youxian = await platform.staffToken('youxian.rec', PASSWORD, '10.30.0.2');
    furong = await platform.staffToken('furong.rec', PASSWORD, '10.30.0.3');

    for (const permit of PERMITS) {
      const res = await api(`/api/v1/approval/construction-permits/${permit.number}`, {
        method: 'PUT',
        token: writer,
        json: permitBody({
          projectCode: permit.project,
          regionCode: permit.region,
          units: [{ unitCode: permit.unit, name: '1#栋', floors: 33, floorArea: 23456.78 }],
        }),
      });
      expect(`${res.status} ${await res.text()}`).toMatch(/^201 /);
    }
    let n = 0;
    for (const p of PRESALES) await issuePresale(presaleIssuer, p, `湘预字〔2024〕第${++n}号`);

    // the simulated market platform, built around the presale permits we really issued
    sim = await MarketSimulatorProcess.start({
      port: simPort,
      apiKey: SIM_KEY,
      seed: 20_240_901,
      presales: PRESALES.map((p) => ({
        presaleNumber: p.presaleNumber,
        regionCode: p.permit.region,
        projectCode: p.permit.project,
        projectName: p.name,
        issueDate: p.issueDate,
        buildings: BUILDINGS,
      })),
    });
    ours = await sim.get<Ours>('/api/_ours');
    const manifest = await sim.get<{ planted: Planted[]; badItems: unknown[] }>('/api/_planted');
    planted = manifest.planted;
    badItems = manifest.badItems;

    for (const p of PRESALES) await waitPresaleInContracts(p.presaleNumber);
    await Promise.all(PRESALES.map((p) => seedFilings(p.presaleNumber)));
    // manual statistics of the months before the cut-over, entered and submitted by each county
    // (P1's are entered in the lifecycle test below)
    for (const s of ours.statistics.filter((x) => x.presaleNumber !== P1)) {
      const token = s.presaleNumber.startsWith(YX) ? youxian : furong;
      await expectStatus(await putStatistic(token, s.presaleNumber, s.month, figuresOf(s.presaleNumber, s.month)), 201);
      await expectStatus(
        await staffWrite('POST', '/api/v1/supervision/signing-statistics/submit', token, {
          presaleNumber: s.presaleNumber,
          months: [s.month],
        }),
        200,
      );
    }
  }, 240_000);

  afterAll(async () => {
    await sim?.stop();
    await platform?.stop();
  });

  it('the simulated world fits our permits: statistics before the cut-over, planted differences of every kind', () => {
    expect(ours.presales.map((p) => p.presaleNumber).sort()).toEqual([P1, P2, P3].sort());
    expect(ours.statistics.length).toBeGreaterThanOrEqual(3);
    expect(ours.statistics.every((s) => s.month < '2024-09')).toBe(true);
    expect(new Set(planted.map((p) => p.kind))).toEqual(
      new Set(['MISSING_ON_OURS', 'MISSING_ON_MARKET', 'AREA_DELTA', 'AMOUNT_DELTA', 'COUNT_DELTA']),
    );
  });

  it('refuses integrators (non-staff) with 403 ROLE_FORBIDDEN on every supervision route', async () => {
    await expectProblem(await api('/api/v1/supervision/signing-statistics', { token: signer }), 403, 'ROLE_FORBIDDEN');
    await expectProblem(
      await api(`/api/v1/supervision/signing-statistics/${P1}/2024-08`, {
        method: 'PUT',
        token: signer,
        json: { contractsSigned: 1, floorArea: 90, amountFen: 100 },
      }),
      403,
      'ROLE_FORBIDDEN',
    );
    await expectProblem(
      await api('/api/v1/supervision/signing-statistics/submit', {
        method: 'POST',
        token: signer,
        json: { presaleNumber: P1, months: ['2024-08'] },
      }),
      403,
      'ROLE_FORBIDDEN',
    );
    await expectProblem(await api('/api/v1/supervision/reconciliation', { token: signer }), 403, 'ROLE_FORBIDDEN');
    await expectProblem(
      await api('/api/v1/supervision/reconciliation/runs', { method: 'POST', token: signer }),
      403,
      'ROLE_FORBIDDEN',
    );
    await expectProblem(await api('/api/v1/supervision/signing-statistics'), 401, 'UNAUTHORIZED');
  });

  it('validates every input at the edge, naming the field', async () => {
    await expectProblem(
      await putStatistic(youxian, '430223202406200101-Y00', '2024-08', {
        contractsSigned: 1,
        floorArea: 1,
        amountFen: 1,
      }),
      400,
      'INVALID_PRESALE_NUMBER',
      'presaleNumber',
    );
    await expectProblem(
      await putStatistic(youxian, P1, '2024-13', { contractsSigned: 1, floorArea: 1, amountFen: 1 }),
      400,
      'VALIDATION_FAILED',
      'month',
    );
    const bad = await expectProblem(
      await putStatistic(youxian, P1, '2024-08', { contractsSigned: -1, floorArea: 1.234, amountFen: 12.5, extra: 1 }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(bad.errors!.map((e) => e.field).sort()).toEqual(['amountFen', 'contractsSigned', 'extra', 'floorArea']);
    await expectProblem(
      await putStatistic(youxian, P1, '2024-08', { contractsSigned: 0, floorArea: 10, amountFen: 0 }),
      422,
      'INCOMPLETE_SUBMISSION',
      'contractsSigned',
    );
    await expectProblem(
      await putStatistic(youxian, P1, '2099-01', { contractsSigned: 1, floorArea: 1, amountFen: 1 }),
      422,
      'INCOMPLETE_SUBMISSION',
      'month',
    );
    await expectProblem(
      await staffWrite('POST', '/api/v1/supervision/signing-statistics/submit', youxian, {
        presaleNumber: P1,
        months: ['2024-08', '2024-08'],
      }),
      422,
      'INCOMPLETE_SUBMISSION',
      'months',
    );
    await expectProblem(
      await staffWrite('POST', '/api/v1/supervision/signing-statistics/withdraw', youxian, {
        presaleNumber: 'nope',
        month: '2024-8',
      }),
      422,
      'INCOMPLETE_SUBMISSION',
      'month',
    );
    await expectProblem(
      await api('/api/v1/supervision/signing-statistics?pageSize=101', { token: youxian }),
      400,
      'VALIDATION_FAILED',
      'pageSize',
    );
    await expectProblem(
      await api('/api/v1/supervision/signing-statistics?page=0', { token: youxian }),
      400,
      'VALIDATION_FAILED',
      'page',
    );
    await expectProblem(
      await api('/api/v1/supervision/signing-statistics?presaleNumber=123', { token: youxian }),
      400,
      'INVALID_PRESALE_NUMBER',
      'presaleNumber',
    );
    await expectProblem(
      await api('/api/v1/supervision/reconciliation?state=CLOSED', { token: youxian }),
      400,
      'VALIDATION_FAILED',
      'state',
    );
    await expectProblem(
      await staffWrite('POST', '/api/v1/supervision/reconciliation/not-a-uuid/acknowledge', youxian, {
        explanation: 'x',
      }),
      400,
      'VALIDATION_FAILED',
      'differenceId',
    );
  });

  it('statistics: put → withdraw → put again → update → submit locks the record (409 RECORD_LOCKED)', async () => {
    const month = '2024-08';
    const right = figuresOf(P1, month);
    const wrong = {
      contractsSigned: right.contractsSigned + 5,
      floorArea: right.floorArea + 100.5,
      amountFen: right.amountFen + 1_000_000,
    };
    const created = await expectStatus<{ outcome: string; statistic: Statistic }>(
      await putStatistic(youxian, P1, month, wrong),
      201,
    );
    expect(created).toMatchObject({
      outcome: 'created',
      statistic: {
        presaleNumber: P1,
        regionCode: YX,
        month,
        ...wrong,
        state: 'DRAFT',
        version: 1,
        enteredBy: 'youxian.rec',
      },
    });
    expect(created).not.toHaveProperty('audit');
    const removed = await expectStatus<{ outcome: string }>(
      await staffWrite('POST', '/api/v1/supervision/signing-statistics/withdraw', youxian, {
        presaleNumber: P1,
        month,
      }),
      200,
    );
    expect(removed).toMatchObject({ outcome: 'REMOVED', withdrawnVersion: 1, statistic: null });
    expect((await listStatistics(youxian, `?presaleNumber=${P1}`)).total).toBe(0);

    const again = await expectStatus<{ outcome: string; statistic: Statistic }>(
      await putStatistic(youxian, P1, month, wrong),
      201,
    );
    expect(again.statistic.version).toBe(2); // versions are never reused
    const updated = await expectStatus<{ outcome: string; statistic: Statistic }>(
      await putStatistic(youxian, P1, month, right),
      200,
    );
    expect(updated).toMatchObject({ outcome: 'updated', statistic: { ...right, version: 3, state: 'DRAFT' } });
    const unchanged = await expectStatus<{ outcome: string; statistic: Statistic }>(
      await putStatistic(youxian, P1, month, right),
      200,
    );
    expect(unchanged).toMatchObject({ outcome: 'unchanged', statistic: { version: 3 } });

    const submitted = await expectStatus<{ statistics: Statistic[] }>(
      await staffWrite('POST', '/api/v1/supervision/signing-statistics/submit', youxian, {
        presaleNumber: P1,
        months: [month],
      }),
      200,
    );
    expect(submitted.statistics).toEqual([
      expect.objectContaining({ presaleNumber: P1, month, ...right, state: 'SUBMITTED', version: 3 }),
    ]);

    await expectProblem(await putStatistic(youxian, P1, month, wrong), 409, 'RECORD_LOCKED');
    await expectProblem(await putStatistic(province, P1, month, wrong), 409, 'RECORD_LOCKED');
    await expectProblem(
      await staffWrite('POST', '/api/v1/supervision/signing-statistics/withdraw', youxian, {
        presaleNumber: P1,
        month,
      }),
      409,
      'RECORD_LOCKED',
    );
    await expectProblem(
      await staffWrite('POST', '/api/v1/supervision/signing-statistics/submit', youxian, {
        presaleNumber: P1,
        months: [month],
      }),
      409,
      'RECORD_LOCKED',
    );
    const listed = await listStatistics(youxian, `?presaleNumber=${P1}&month=${month}&state=SUBMITTED`);
    expect(listed.items).toEqual([expect.objectContaining({ ...right, state: 'SUBMITTED' })]);
  });

  it("keeps each county to its own statistics: another county's are absent from lists and 403 to change", async () => {
    const mine = await listStatistics(youxian, '?pageSize=100');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((s) => s.regionCode === YX)).toBe(true);
    const theirs = await listStatistics(furong, '?pageSize=100');
    expect(theirs.items.map((s) => s.presaleNumber)).toEqual(theirs.items.map(() => P3));
    const all = await listStatistics(province, '?pageSize=100');
    expect(all.total).toBe(ours.statistics.length);
    expect(all.items.every((s) => s.state === 'SUBMITTED')).toBe(true);

    await expectProblem(
      await api(`/api/v1/supervision/signing-statistics?presaleNumber=${P1}`, { token: furong }),
      403,
      'REGION_FORBIDDEN',
      'presaleNumber',
    );
    await expectProblem(
      await putStatistic(furong, P1, '2024-09', { contractsSigned: 1, floorArea: 90, amountFen: 100 }),
      403,
      'REGION_FORBIDDEN',
      'presaleNumber',
    );
    await expectProblem(
      await staffWrite('POST', '/api/v1/supervision/signing-statistics/withdraw', furong, {
        presaleNumber: P1,
        month: '2024-08',
      }),
      403,
      'REGION_FORBIDDEN',
      'presaleNumber',
    );
    await expectProblem(
      await staffWrite('POST', '/api/v1/supervision/signing-statistics/submit', youxian, {
        presaleNumber: P3,
        months: ['2024-08'],
      }),
      403,
      'REGION_FORBIDDEN',
      'presaleNumber',
    );
  });

  it('province runs the reconciliation: it finds every planted difference and reports no others', async () => {
    await expectProblem(
      await api('/api/v1/supervision/reconciliation/runs', { method: 'POST', token: youxian }),
      403,
      'ROLE_FORBIDDEN',
    );
    const run = await expectStatus<{
      runId: string;
      pulled: { items: number; badItems: number };
      newDifferences: number;
      differences: Difference[];
      differencesTruncated: boolean;
    }>(await staffWrite('POST', '/api/v1/supervision/reconciliation/runs', province), 201);
    expect(run).not.toHaveProperty('audit');
    expect(run.pulled.badItems).toBe(badItems.length);
    expect(run.differencesTruncated).toBe(false);
    expect(run.newDifferences).toBe(planted.length);
    expect(byKey(run.differences.map(shape))).toEqual(
      byKey(planted.map((p) => shape({ presaleNumber: p.presaleNumber, month: p.month, ...p.expected }))),
    );
    expect(run.differences.every((d) => d.state === 'OPEN' && d.regionCode === d.presaleNumber.slice(0, 6))).toBe(true);
    runDifferences = run.differences;
  });

  it('lists to each county only the differences of its region', async () => {
    expect(runDifferences.length).toBeGreaterThan(0);
    for (const [token, region] of [
      [youxian, YX],
      [furong, FR],
    ] as const) {
      const page = await listDifferences(token, '?pageSize=100');
      const expected = planted.filter((p) => p.presaleNumber.startsWith(region));
      expect(page.total).toBe(expected.length);
      expect(page.items.every((d) => d.regionCode === region)).toBe(true);
      expect(byKey(page.items.map(shape))).toEqual(
        byKey(expected.map((p) => shape({ presaleNumber: p.presaleNumber, month: p.month, ...p.expected }))),
      );
    }
    expect((await listDifferences(province, `?regionCode=${FR}&pageSize=100`)).total).toBe(
      planted.filter((p) => p.presaleNumber.startsWith(FR)).length,
    );
    await expectProblem(
      await api(`/api/v1/supervision/reconciliation?regionCode=${FR}`, { token: youxian }),
      403,
      'REGION_FORBIDDEN',
      'regionCode',
    );
  });

  it('a county acknowledges a difference of its region with an explanation; a second acknowledgement is 409', async () => {
    const region = runDifferences.some((d) => d.regionCode === YX) ? YX : FR;
    const [owner, other] = region === YX ? [youxian, furong] : [furong, youxian];
    const target = runDifferences.find((d) => d.regionCode === region)!;
    const path = `/api/v1/supervision/reconciliation/${target.id}/acknowledge`;
    await expectProblem(
      await staffWrite('POST', path, other, { explanation: '不是本区划的差异' }),
      403,
      'REGION_FORBIDDEN',
    );
    await expectProblem(
      await staffWrite('POST', path, owner, { explanation: '   ' }),
      422,
      'INCOMPLETE_SUBMISSION',
      'explanation',
    );
    await expectProblem(await staffWrite('POST', path, owner, {}), 422, 'INCOMPLETE_SUBMISSION', 'explanation');
    const explanation = '经核实，差异系市网签系统推送省平台失败所致，已补推并更正。';
    const acked = await expectStatus<Difference>(await staffWrite('POST', path, owner, { explanation }), 200);
    expect(acked).toMatchObject({
      id: target.id,
      state: 'ACKNOWLEDGED',
      explanation,
      acknowledgedBy: region === YX ? 'youxian.rec' : 'furong.rec',
    });
    const listed = await listDifferences(owner, '?state=ACKNOWLEDGED');
    expect(listed.items.map((d) => d.id)).toEqual([target.id]);
    expect((await listDifferences(owner, '?state=OPEN&pageSize=100')).items.map((d) => d.id)).not.toContain(target.id);
    await expectProblem(
      await staffWrite('POST', path, owner, { explanation: '再次说明' }),
      409,
      'ALREADY_ACKNOWLEDGED',
    );
    await expectProblem(
      await staffWrite(
        'POST',
        '/api/v1/supervision/reconciliation/00000000-0000-4000-8000-000000000000/acknowledge',
        owner,
        { explanation: '无此差异' },
      ),
      404,
      'DIFFERENCE_NOT_FOUND',
    );
  });

  it('a second run finds the same differences unchanged (the acknowledged one keeps its state)', async () => {
    const run = await expectStatus<{
      newDifferences: number;
      unchangedDifferences: number;
      resolvedDifferences: number;
    }>(await staffWrite('POST', '/api/v1/supervision/reconciliation/runs', province), 201);
    expect(run).toMatchObject({ newDifferences: 0, unchangedDifferences: planted.length, resolvedDifferences: 0 });
    expect((await listDifferences(province, '?state=ACKNOWLEDGED')).total).toBe(1);
  });

  it('every staff write is in the audit trail (province token), with real before / after states', async () => {
    const entries: AuditEntry[] = [];
    for (const method of ['PUT', 'POST']) {
      for (let page = 1; ; page++) {
        const res = await expectStatus<Page<AuditEntry>>(
          await api(
            `/api/v1/audit?action=${encodeURIComponent(`${method} /api/v1/supervision/`)}&pageSize=200&page=${page}`,
            { token: province },
          ),
          200,
        );
        entries.push(...res.items);
        if (res.items.length < 200) break;
      }
    }
    expect(entries).toHaveLength(auditedWrites);
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'PUT /api/v1/supervision/signing-statistics/:presaleNumber/:month',
      'POST /api/v1/supervision/signing-statistics/withdraw',
      'POST /api/v1/supervision/signing-statistics/submit',
      'POST /api/v1/supervision/reconciliation/runs',
      'POST /api/v1/supervision/reconciliation/:differenceId/acknowledge',
    ]) {
      expect(actions).toContain(action);
    }
    const ack = entries.find((e) => e.action.endsWith('/acknowledge') && e.status === 200)!;
    expect(ack).toMatchObject({
      role: expect.stringMatching(/COUNTY/),
      before: { state: 'OPEN' },
      after: { state: 'ACKNOWLEDGED' },
    });
    const locked = entries.filter((e) => e.action.startsWith('PUT') && e.status === 409);
    expect(locked.length).toBeGreaterThanOrEqual(2);
    const withdrawn = entries.find((e) => e.action.endsWith('/withdraw') && e.status === 200)!;
    expect(withdrawn.target).toBe(`presaleNumber=${P1}&month=2024-08`);
    expect(withdrawn.before).toMatchObject({ presaleNumber: P1, version: 1 });
    expect(withdrawn.after).toMatchObject({ outcome: 'REMOVED' });
    expect(entries.some((e) => e.action.endsWith('/runs') && e.actor === 'province.rec' && e.status === 201)).toBe(
      true,
    );
  });
});

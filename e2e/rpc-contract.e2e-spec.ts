import { Principal, Rpc, RpcDef, RpcKind } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}

const COUNTY = '430223';
const PASSWORD = 'Supervise2024x';

/**
 * One contract per message, per service: an Rpc map entry carries its request class
 * (`rpcDef(subject, RequestClass, { invalid, sort })`), the gateway validates the HTTP body or query
 * with it (`rpcBodyPipe`) and the owning service's `@RpcHandler` validates the RPC body with it again
 * before the method runs. An invalid body sent straight over NATS is refused with the same status,
 * code and field list (with reasons) as the same body sent through the gateway.
 */
describe('an invalid body is refused the same way over NATS as through the gateway, in every service', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let staffToken: string;
  let readerToken: string;
  const staff: Principal = {
    kind: 'staff',
    id: 'rpc-contract-staff',
    regions: [COUNTY],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };
  const reader: Principal = {
    kind: 'integrator',
    id: 'rpc-contract-reader',
    regions: [COUNTY],
    scopes: ['statistics:read'],
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow', 'alerts']);
    await platform.createStaff('youxian.contract', PASSWORD, 'COUNTY', COUNTY);
    staffToken = await platform.staffToken('youxian.contract', PASSWORD, '10.41.0.1');
    readerToken = await platform.token(await platform.createIntegrator([COUNTY], ['statistics:read']));
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const viaGateway = async (method: 'GET' | 'POST', path: string, token: string | null, body?: unknown) => {
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as Problem;
  };

  const viaNats = async (def: RpcDef<never, unknown, RpcKind>, principal: Principal | null, body: unknown) => {
    try {
      await rpc.request(def.subject, def.kind === 'public' ? body : { principal, body });
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error(`the service accepted an invalid ${def.subject} payload`);
  };

  const shape = (p: Problem) => ({ status: p.status, code: p.code, errors: p.errors ?? [] });

  const expectSame = async (
    gateway: Promise<Problem>,
    service: Promise<Problem>,
    expected: { status: number; code: string; fields: string[] },
  ): Promise<void> => {
    const [g, s] = [shape(await gateway), shape(await service)];
    expect(s).toEqual(g);
    expect({ status: g.status, code: g.code, fields: [...new Set(g.errors.map((e) => e.field))].sort() }).toEqual({
      ...expected,
      fields: [...expected.fields].sort(),
    });
  };

  it('permits: 批量提交 marking (422 INCOMPLETE_SUBMISSION)', async () => {
    const body = { permitNumbers: ['430223202406200101', 'x'], extra: 1 };
    await expectSame(
      viaGateway('POST', '/api/v1/supervision/marking/submit', staffToken, body),
      viaNats(Rpc.markingSubmit, staff, body),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'permitNumbers[1]'] },
    );
  });

  it('presale: the public search (400 VALIDATION_FAILED) and the backfill submit (400 VALIDATION_FAILED)', async () => {
    await expectSame(
      viaGateway('GET', '/public/v1/presale-permits?by=nope&q=x&page=0', null),
      viaNats(Rpc.publicSearch, null, { by: 'nope', q: 'x', page: 0 }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['by', 'page'] },
    );
    const body = { presaleNumbers: 'x', extra: 1 };
    await expectSame(
      viaGateway('POST', '/api/v1/supervision/backfill/presale-permits/submit', staffToken, body),
      viaNats(Rpc.backfillSubmit, staff, body),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['extra', 'presaleNumbers'] },
    );
  });

  it('contracts: 网签统计提交 (422 INCOMPLETE_SUBMISSION)', async () => {
    const body = { presaleNumber: 'bad', months: [], extra: 1 };
    const gateway = await viaGateway('POST', '/api/v1/supervision/signing-statistics/submit', staffToken, body);
    await expectSame(Promise.resolve(gateway), viaNats(Rpc.statisticSubmit, staff, body), {
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      fields: gateway.errors!.map((e) => e.field),
    });
    expect(gateway.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['extra', 'months']));
  });

  it('escrow: the record list (400 VALIDATION_FAILED, as the gateway’s query class answers)', async () => {
    await expectSame(
      viaGateway('GET', '/api/v1/supervision/escrow?state=NOPE&regionCode=12', staffToken),
      viaNats(Rpc.escrowList, staff, { state: 'NOPE', regionCode: '12', page: 1, pageSize: 20 }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['regionCode', 'state'] },
    );
  });

  it('contracts: the reconciliation and signing-statistic lists (400 VALIDATION_FAILED on both paths)', async () => {
    await expectSame(
      viaGateway('GET', '/api/v1/supervision/reconciliation?state=CLOSED&pageSize=101', staffToken),
      viaNats(Rpc.reconciliationList, staff, { state: 'CLOSED', page: 1, pageSize: 101 }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['pageSize', 'state'] },
    );
    await expectSame(
      viaGateway('GET', '/api/v1/supervision/signing-statistics?month=2024-13&state=NOPE', staffToken),
      viaNats(Rpc.statisticList, staff, { month: '2024-13', state: 'NOPE', page: 1, pageSize: 20 }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['month', 'state'] },
    );
  });

  it('escrow: its consistency recount refuses a bad region and date as the statistics route does (422 INVALID_FILTER)', async () => {
    const gateway = await viaGateway(
      'GET',
      '/api/v1/statistics/consistency?regionCode=12&asOf=2020-13-01',
      readerToken,
    );
    const service = await viaNats(Rpc.escrowRecount, reader, { regionCode: '12', asOf: '2020-13-01' });
    expect({ status: service.status, code: service.code, errors: service.errors }).toEqual({
      status: gateway.status,
      code: gateway.code,
      errors: gateway.errors,
    });
    expect(gateway).toMatchObject({ status: 422, code: 'INVALID_FILTER' });
    expect(gateway.errors!.map((e) => e.field).sort()).toEqual(['asOf', 'regionCode']);
  });

  it('alerts: the alert list (sort first, then filters) and the statistics summary (422 INVALID_FILTER)', async () => {
    await expectSame(
      viaGateway('GET', '/api/v1/supervision/alerts?sort=bogus', staffToken),
      viaNats(Rpc.alertList, staff, { sort: 'bogus' }),
      { status: 422, code: 'INVALID_FILTER', fields: ['sort'] },
    );
    await expectSame(
      viaGateway('GET', '/api/v1/supervision/alerts?state=NOPE&pageSize=0', staffToken),
      viaNats(Rpc.alertList, staff, { state: 'NOPE', pageSize: 0 }),
      { status: 422, code: 'INVALID_FILTER', fields: ['pageSize', 'state'] },
    );
    await expectSame(
      viaGateway('GET', '/api/v1/statistics/summary?regionCode=12&asOf=2020-13-01', readerToken),
      viaNats(Rpc.statisticsSummary, reader, { regionCode: '12', asOf: '2020-13-01' }),
      { status: 422, code: 'INVALID_FILTER', fields: ['asOf', 'regionCode'] },
    );
  });
});

/**
 * Presale reads, backfill and 已办预售未办施工许可 (Issue 9, h9b): the entries' request classes. A path
 * presale number is checked first (400 INVALID_PRESALE_NUMBER naming the value), as the gateway's pipe
 * checks it before the query; list queries are 400 VALIDATION_FAILED on both paths.
 */
describe('presale reads, backfill and unpermitted bodies: the same refusal over NATS as through the gateway', () => {
  const COUNTY_CODE = '430223';
  const STAFF_PASSWORD = 'Backfill2024ok';
  let platform: TestPlatform;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let readerToken: string;
  let staffToken: string;
  let issuerToken: string;
  let adminToken: string;
  const reader: Principal = {
    kind: 'integrator',
    id: 'rpc-contract-presale-reader',
    regions: [COUNTY_CODE],
    scopes: ['permits:read'],
  };
  const issuer: Principal = {
    kind: 'integrator',
    id: 'rpc-contract-presale-issuer',
    regions: [COUNTY_CODE],
    scopes: ['presale:issue'],
  };
  const admin: Principal = {
    kind: 'staff',
    id: 'rpc-contract-backfill-admin',
    regions: ['430000'],
    scopes: ['supervision:read', 'supervision:write', 'supervision:correct'],
    role: 'ADMIN',
  };
  const staff: Principal = {
    kind: 'staff',
    id: 'rpc-contract-backfill-staff',
    regions: [COUNTY_CODE],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale']);
    readerToken = await platform.token(await platform.createIntegrator([COUNTY_CODE], ['permits:read']));
    await platform.createStaff('youxian.rpc.backfill', STAFF_PASSWORD, 'COUNTY', COUNTY_CODE);
    staffToken = await platform.staffToken('youxian.rpc.backfill', STAFF_PASSWORD, '10.43.0.1');
    issuerToken = await platform.token(await platform.createIntegrator([COUNTY_CODE], ['presale:issue']));
    await platform.createStaff('sheng.rpc.admin', STAFF_PASSWORD, 'ADMIN', '430000');
    adminToken = await platform.staffToken('sheng.rpc.admin', STAFF_PASSWORD, '10.43.0.2');
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  interface FullProblem extends Problem {
    detail: string;
  }

  const viaGateway = async (path: string, token: string): Promise<FullProblem> => {
    const res = await fetch(`${platform.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { ...((await res.json()) as FullProblem), status: res.status };
  };

  /** a multipart write: the `data` part and a small PDF scan */
  const viaGatewayForm = async (path: string, data: unknown, token = staffToken): Promise<FullProblem> => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    form.append('scan', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'scan.pdf');
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { ...((await res.json()) as FullProblem), status: res.status };
  };
  // the body rules run before the staged scan is read, so any well-formed reference does
  const scan = {
    stagingKey: '3f0c1b5e-8a7d-4c2b-9e1f-0a1b2c3d4e5f',
    sha256: '0'.repeat(64),
    contentType: 'application/pdf',
    size: 16,
    fileName: 'scan.pdf',
  };

  const viaNats = async (def: RpcDef<never, unknown, RpcKind>, principal: Principal, body: unknown) => {
    try {
      await rpc.request(def.subject, { principal, body });
    } catch (err) {
      return (err as DomainException).problem as FullProblem;
    }
    throw new Error(`the service accepted an invalid ${def.subject} payload`);
  };

  const byField = (p: Problem) =>
    [...(p.errors ?? [])].sort((a, b) => a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason));

  /** same status, code, detail, fields and reasons; the gateway's answer as expected */
  const expectSame = async (
    gateway: Promise<FullProblem>,
    service: Promise<FullProblem>,
    expected: { status: number; code: string; fields: string[] },
  ): Promise<void> => {
    const [g, s] = [await gateway, await service];
    const shape = (p: FullProblem) => ({ status: p.status, code: p.code, detail: p.detail, errors: byField(p) });
    expect(shape(s)).toEqual(shape(g));
    expect({ status: g.status, code: g.code, fields: [...new Set(byField(g).map((e) => e.field))].sort() }).toEqual({
      ...expected,
      fields: [...expected.fields].sort(),
    });
  };

  it('presale reads: a bad path number first (400 INVALID_PRESALE_NUMBER), then the paper (400 VALIDATION_FAILED)', async () => {
    for (const bad of ['430223202406200101-Y00', '430223202402300101-Y01', 'x'.repeat(60)]) {
      await expectSame(
        viaGateway(`/api/v1/presale-permits/${bad}`, readerToken),
        viaNats(Rpc.presaleGet, reader, { presaleNumber: bad }),
        { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
      );
    }
    await expectSame(
      viaGateway('/api/v1/presale-permits/430223202406200101-Y00/qr.svg', readerToken),
      viaNats(Rpc.presaleQr, reader, { presaleNumber: '430223202406200101-Y00', format: 'gif' }),
      { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
    );
    await expectSame(
      viaGateway('/api/v1/presale-permits/430223202406200101-Y00/print-layout.pdf?paper=A6', readerToken),
      viaNats(Rpc.presalePrintLayout, reader, { presaleNumber: '430223202406200101-Y00', paper: 'A6' }),
      { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
    );
    await expectSame(
      viaGateway('/api/v1/presale-permits/430223202406200101-Y01/print-layout.pdf?paper=A6', readerToken),
      viaNats(Rpc.presalePrintLayout, reader, { presaleNumber: '430223202406200101-Y01', paper: 'A6' }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['paper'] },
    );
  });

  it('backfill and unpermitted lists: the query classes (400 VALIDATION_FAILED on both paths)', async () => {
    await expectSame(
      viaGateway('/api/v1/supervision/backfill/candidates?pageSize=101&regionCode=12', staffToken),
      viaNats(Rpc.backfillCandidates, staff, { page: 1, pageSize: 101, regionCode: '12' }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['pageSize', 'regionCode'] },
    );
    await expectSame(
      viaGateway('/api/v1/supervision/backfill/presale-permits?state=NOPE&page=0', staffToken),
      viaNats(Rpc.backfillList, staff, { state: 'NOPE', page: 0, pageSize: 20 }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['page', 'state'] },
    );
    const keyword = 'x'.repeat(101);
    await expectSame(
      viaGateway(`/api/v1/supervision/presale-without-permit?keyword=${keyword}&extra=1`, staffToken),
      viaNats(Rpc.unpermittedList, staff, { keyword, extra: '1', page: 1, pageSize: 20 }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['extra', 'keyword'] },
    );
  });

  it('unpermitted registration: the data part’s field list, unprefixed (422 INCOMPLETE_SUBMISSION)', async () => {
    const data = {
      projectName: ' ',
      regionCode: '439999',
      developer: { name: '攸县滨江置业有限公司', creditCode: '91430223MA4Q0ABC10' },
      issueDate: '2023-11-20',
      extra: 1,
    };
    await expectSame(
      viaGatewayForm('/api/v1/supervision/presale-without-permit', data),
      viaNats(Rpc.unpermittedRegister, staff, { submission: data, scan }),
      {
        status: 422,
        code: 'INCOMPLETE_SUBMISSION',
        fields: ['developer.creditCode', 'extra', 'localCertificateNumber', 'projectName', 'regionCode'],
      },
    );
  });

  it('取号: the submission’s field list unprefixed; the key over NATS alone, named as the gateway names it', async () => {
    const body = presaleSubmission({ unitCount: 0, projectName: ' ', extra: 1 });
    const res = await fetch(`${platform.gatewayUrl}/api/v1/presale-permits`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${issuerToken}`,
        'content-type': 'application/json',
        'idempotency-key': 'rpc-contract-1',
      },
      body: JSON.stringify(body),
    });
    await expectSame(
      Promise.resolve({ ...((await res.json()) as FullProblem), status: res.status }),
      viaNats(Rpc.presaleIssue, issuer, { idempotencyKey: 'rpc-contract-2', submission: body }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'projectName', 'unitCount'] },
    );
    const noKey = await viaNats(Rpc.presaleIssue, issuer, { idempotencyKey: 'has spaces', submission: body });
    expect(noKey).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(noKey.errors).toEqual([{ field: 'Idempotency-Key', reason: expect.any(String) }]);
  });

  it('补录 and 更正: the data part’s field list; a correction’s Y number first (400 INVALID_PRESALE_NUMBER)', async () => {
    const data = presaleSubmission({ presaleArea: 1.234, buildings: [] });
    await expectSame(
      viaGatewayForm('/api/v1/supervision/backfill/presale-permits', data),
      viaNats(Rpc.backfillIssue, staff, { submission: data, scan }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['buildings', 'presaleArea'] },
    );
    const Z = '430223202406200101-Z01';
    const correction = { reason: ' ', documentNumber: '湘建房函〔2024〕12号', submission: data, extra: 1 };
    const payload = (presaleNumber: string) => ({
      presaleNumber,
      submission: data,
      extra: 1,
      report: { reason: correction.reason, documentNumber: correction.documentNumber, scan },
    });
    await expectSame(
      viaGatewayForm(`/api/v1/supervision/backfill/presale-permits/${Z}/correction`, correction, adminToken),
      viaNats(Rpc.backfillCorrect, admin, payload(Z)),
      {
        status: 422,
        code: 'INCOMPLETE_SUBMISSION',
        fields: ['extra', 'reason', 'submission.buildings', 'submission.presaleArea'],
      },
    );
    const Y = '430223202406200101-Y01';
    await expectSame(
      viaGatewayForm(`/api/v1/supervision/backfill/presale-permits/${Y}/correction`, correction, adminToken),
      viaNats(Rpc.backfillCorrect, admin, payload(Y)),
      { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
    );
  });
});

import { Principal, Rpc, RpcDef, RpcKind, StaffRole } from '@hn/messages';
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

  const viaGateway = async (method: 'GET' | 'POST' | 'PUT', path: string, token: string | null, body?: unknown) => {
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

  describe('escrow: the reads and writes by presale number (the Rpc entries’ request classes)', () => {
    const Z = '430223202306150101-Z01';
    const BAD = '430223202306150101-Z00';
    const record = (over: Record<string, unknown> = {}) => ({
      capitalGuaranteeAmount: 150_000_000,
      commitmentLetter: false,
      fundSupervision: true,
      bank: '中国建设银行攸县支行',
      account: '43050162123400000123',
      balance: 8_765_432_100,
      balanceAsOf: '2024-07-31',
      ...over,
    });
    // the body rules run before the staged scan is read, so any reference does
    const scan = {
      stagingKey: '3f0c1b5e-8a7d-4c2b-9e1f-0a1b2c3d4e5f',
      sha256: 'a'.repeat(64),
      contentType: 'application/pdf',
      size: 16,
      fileName: 'scan.pdf',
    };
    const admin: Principal = {
      kind: 'staff',
      id: 'rpc-contract.escrow-admin',
      regions: ['430000'],
      scopes: ['supervision:read', 'supervision:write', 'supervision:correct'],
      role: 'ADMIN',
    };
    /** a multipart upload: the optional `data` part and a small PDF scan */
    const viaUpload = async (method: 'PUT' | 'POST', path: string, token: string, data?: unknown) => {
      const form = new FormData();
      if (data !== undefined) form.append('data', JSON.stringify(data));
      form.append('scan', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'scan.pdf');
      const res = await fetch(`${platform.gatewayUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      return (await res.json()) as Problem;
    };

    it('get and versions: a bad path number (400 INVALID_PRESALE_NUMBER)', async () => {
      await expectSame(
        viaGateway('GET', `/api/v1/supervision/escrow/${BAD}`, staffToken),
        viaNats(Rpc.escrowGet, staff, { presaleNumber: BAD }),
        { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
      );
      await expectSame(
        viaGateway('GET', `/api/v1/supervision/escrow/${BAD}/versions`, staffToken),
        viaNats(Rpc.escrowVersions, staff, { presaleNumber: BAD }),
        { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
      );
    });

    it('put: the path number first (400), then the record’s fields unprefixed (422 INCOMPLETE_SUBMISSION)', async () => {
      const body = record({ capitalGuaranteeAmount: null, account: '12ab', balanceAsOf: '2024-02-30', extra: 1 });
      await expectSame(
        viaGateway('PUT', `/api/v1/supervision/escrow/${BAD}`, staffToken, body),
        viaNats(Rpc.escrowPut, staff, { presaleNumber: BAD, record: body }),
        { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
      );
      await expectSame(
        viaGateway('PUT', `/api/v1/supervision/escrow/${Z}`, staffToken, body),
        viaNats(Rpc.escrowPut, staff, { presaleNumber: Z, record: body }),
        {
          status: 422,
          code: 'INCOMPLETE_SUBMISSION',
          fields: ['extra', 'capitalGuaranteeAmount', 'account', 'balanceAsOf'],
        },
      );
    });

    it('commitment letter: a bad path number (400 INVALID_PRESALE_NUMBER)', async () => {
      await expectSame(
        viaUpload('PUT', `/api/v1/supervision/escrow/${BAD}/commitment-letter`, staffToken),
        viaNats(Rpc.escrowCommitmentLetter, staff, { presaleNumber: BAD, scan }),
        { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
      );
    });

    it('withdraw and submit: the bodies themselves (422 INCOMPLETE_SUBMISSION)', async () => {
      const withdraw = { presaleNumber: 'x', extra: 1 };
      await expectSame(
        viaGateway('POST', '/api/v1/supervision/escrow/withdraw', staffToken, withdraw),
        viaNats(Rpc.escrowWithdraw, staff, withdraw),
        { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'presaleNumber'] },
      );
      for (const submit of [
        { presaleNumbers: [Z, 'x'], extra: 1 },
        { presaleNumbers: [Z, Z] },
        { presaleNumbers: [] },
      ]) {
        const gateway = await viaGateway('POST', '/api/v1/supervision/escrow/submit', staffToken, submit);
        await expectSame(Promise.resolve(gateway), viaNats(Rpc.escrowSubmit, staff, submit), {
          status: 422,
          code: 'INCOMPLETE_SUBMISSION',
          fields: 'extra' in submit ? ['extra', 'presaleNumbers[1]'] : ['presaleNumbers'],
        });
      }
    });

    it('correction: the path number first (400), then the data part’s fields (422; the report unprefixed, record.…)', async () => {
      await platform.createStaff(admin.id, PASSWORD, 'ADMIN', '430000');
      const adminToken = await platform.staffToken(admin.id, PASSWORD, '10.41.0.3');
      const data = { reason: '', documentNumber: '湘建房函〔2024〕12号', record: record({ balance: 1.5 }), extra: 1 };
      const payload = (presaleNumber: string) => ({
        presaleNumber,
        record: data.record,
        report: { reason: data.reason, documentNumber: data.documentNumber, scan },
        extra: 1,
      });
      await expectSame(
        viaUpload('POST', `/api/v1/supervision/escrow/${BAD}/correction`, adminToken, data),
        viaNats(Rpc.escrowCorrect, admin, payload(BAD)),
        { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
      );
      await expectSame(
        viaUpload('POST', `/api/v1/supervision/escrow/${Z}/correction`, adminToken, data),
        viaNats(Rpc.escrowCorrect, admin, payload(Z)),
        { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'reason', 'record.balance'] },
      );
    });
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

  it('contracts: 网签备案取号, the submission wrapped with its Idempotency-Key (422 INCOMPLETE_SUBMISSION)', async () => {
    const filer: Principal = {
      kind: 'integrator',
      id: 'rpc-contract-filer',
      regions: [COUNTY],
      scopes: ['contracts:issue'],
    };
    const filerToken = await platform.token(await platform.createIntegrator([COUNTY], ['contracts:issue']));
    const body = {
      presaleNumber: '430223202406200101-X01',
      building: '',
      rooms: [{ roomNumber: '1-101', floor: 0, floorArea: 89.5 }],
      address: '攸县',
      buyers: [{ type: 'ORGANIZATION', name: '公司', creditCode: '91430223MA4R0DEF20' }],
      contractAmount: 100,
      payment: { method: 'FULL', downPayment: 100 },
      filingDate: '2024-02-30',
      document: { sha256: 'xyz', fileName: 'c.pdf' },
      extra: true,
    };
    const gateway = fetch(`${platform.gatewayUrl}/api/v1/contract-filings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${filerToken}`,
        'content-type': 'application/json',
        'idempotency-key': 'rpc-contract-filing-1',
      },
      body: JSON.stringify(body),
    }).then(async (res) => (await res.json()) as Problem);
    await expectSame(
      gateway,
      viaNats(Rpc.contractFilingIssue, filer, { idempotencyKey: 'rpc-contract-filing-1', submission: body }),
      {
        status: 422,
        code: 'INCOMPLETE_SUBMISSION',
        fields: [
          'buyers[0].creditCode',
          'building',
          'document.sha256',
          'extra',
          'filingDate',
          'presaleNumber',
          'rooms[0].floor',
        ],
      },
    );
    // the key is checked by the same class over NATS, under the header's name
    const badKey = await viaNats(Rpc.contractFilingIssue, filer, { idempotencyKey: '键', submission: body });
    expect(badKey.errors?.[0]).toEqual({ field: 'Idempotency-Key', reason: expect.stringContaining('1–128') });
  });

  it('contracts: a path number or id is answered alone, before the body (get, cancel, acknowledge)', async () => {
    const reader: Principal = {
      kind: 'integrator',
      id: 'rpc-contract-cf',
      regions: [COUNTY],
      scopes: ['contracts:issue'],
    };
    const readerToken = await platform.token(await platform.createIntegrator([COUNTY], ['contracts:issue']));
    const bad = '430223202406200101-Y01-B0000';
    await expectSame(
      viaGateway('GET', `/api/v1/contract-filings/${bad}`, readerToken),
      viaNats(Rpc.contractFilingGet, reader, { contractNumber: bad }),
      { status: 400, code: 'INVALID_CONTRACT_NUMBER', fields: ['contractNumber'] },
    );
    await expectSame(
      viaGateway('POST', `/api/v1/contract-filings/${bad}/cancel`, readerToken, { reason: '' }),
      viaNats(Rpc.contractFilingCancel, reader, { contractNumber: bad, reason: '' }),
      { status: 400, code: 'INVALID_CONTRACT_NUMBER', fields: ['contractNumber'] },
    );
    const good = '430223202406200101-Y01-B0001';
    await expectSame(
      viaGateway('POST', `/api/v1/contract-filings/${good}/cancel`, readerToken, { reason: '', extra: 1 }),
      viaNats(Rpc.contractFilingCancel, reader, { contractNumber: good, reason: '', extra: 1 }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'reason'] },
    );
    await expectSame(
      viaGateway('POST', '/api/v1/supervision/reconciliation/not-a-uuid/acknowledge', staffToken, { explanation: '' }),
      viaNats(Rpc.reconciliationAcknowledge, staff, { differenceId: 'not-a-uuid', explanation: '' }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['differenceId'] },
    );
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

  /** h9a: the empty bodies (health, public log), the reads by path number, public verification, marking and approval reads. */
  describe('empty bodies, reads by number, public verification, marking and approval reads', () => {
    let permitsToken: string;
    const permitsReader: Principal = {
      kind: 'integrator',
      id: 'rpc-contract-permits-reader',
      regions: [COUNTY],
      scopes: ['permits:read'],
    };

    beforeAll(async () => {
      permitsToken = await platform.token(await platform.createIntegrator([COUNTY], ['permits:read']));
    });

    const viaPut = async (path: string, token: string, body: unknown) =>
      (await (
        await fetch(`${platform.gatewayUrl}${path}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as Problem & { detail?: string };

    /** the same problem on both paths, its detail included */
    const expectSameProblem = async (
      gateway: Promise<Problem & { detail?: string }>,
      service: Promise<Problem & { detail?: string }>,
      expected: { status: number; code: string; fields: string[] },
    ): Promise<void> => {
      const [g, s] = [await gateway, await service];
      expect(s.detail).toEqual(g.detail);
      await expectSame(Promise.resolve(g), Promise.resolve(s), expected);
    };

    it('health, checkpoint and keys take nothing: a field sent over NATS is refused by name (400 VALIDATION_FAILED)', async () => {
      const empty = [
        Rpc.permitsHealth,
        Rpc.presaleHealth,
        Rpc.contractsHealth,
        Rpc.escrowHealth,
        Rpc.alertsHealth,
        Rpc.publicCheckpoint,
        Rpc.publicKeys,
      ];
      for (const def of empty) {
        expect(shape(await viaNats(def, null, { extra: 1 }))).toEqual({
          status: 400,
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'extra', reason: expect.any(String) }],
        });
      }
      // the gateway sends them {}: its /health sees every service up, the public log answers
      const health = (await (await fetch(`${platform.gatewayUrl}/health`)).json()) as {
        checks: Record<string, { status: string }>;
      };
      for (const service of ['permits', 'presale', 'contracts', 'escrow'])
        expect(health.checks[service]?.status).toBe('up');
      expect((await fetch(`${platform.gatewayUrl}/public/v1/log/checkpoint`)).status).toBe(200);
      expect((await fetch(`${platform.gatewayUrl}/public/v1/keys`)).status).toBe(200);
    });

    it('permits: the reads by path number (400 INVALID_PERMIT_NUMBER naming the reason)', async () => {
      const reads = [
        ['', Rpc.permitGet],
        ['/units', Rpc.permitUnits],
        ['/e-license', Rpc.permitELicense],
      ] as const;
      for (const [tail, def] of reads) {
        await expectSameProblem(
          viaGateway('GET', `/api/v1/construction-permits/43022320240620010A${tail}`, permitsToken),
          viaNats(def, permitsReader, { permitNumber: '43022320240620010A' }),
          { status: 400, code: 'INVALID_PERMIT_NUMBER', fields: ['permitNumber'] },
        );
      }
      // the search by project name (400 VALIDATION_FAILED, every reason of a field as the gateway's pipe gives)
      await expectSameProblem(
        viaGateway('GET', '/api/v1/construction-permits?projectName=%20a%20&pageSize=100000', permitsToken),
        viaNats(Rpc.permitSearch, permitsReader, { projectName: ' a ', page: 1, pageSize: 100000 }),
        { status: 400, code: 'VALIDATION_FAILED', fields: ['pageSize', 'projectName'] },
      );
      // the approval-system push: its body beside the path number (400 VALIDATION_FAILED, the one wording)
      const pushToken = await platform.token(await platform.createIntegrator([COUNTY], ['approval:write']));
      const pusher: Principal = { ...permitsReader, id: 'rpc-contract-pusher', scopes: ['approval:write'] };
      const permit = { projectCode: '2024-43', regionCode: '430224', units: 'none', extra: 1 };
      await expectSameProblem(
        viaPut(`/api/v1/approval/construction-permits/430223202406200101`, pushToken, permit),
        viaNats(Rpc.permitUpsert, pusher, { permitNumber: '430223202406200101', permit }),
        {
          status: 400,
          code: 'VALIDATION_FAILED',
          fields: [
            'extra',
            'projectCode',
            'projectName',
            'regionCode',
            'projectType',
            'developerName',
            'developerCreditCode',
            'issueDate',
            'startDate',
            'plannedCompletionDate',
            'fivePartyAcceptanceDate',
            'completionFilingDate',
            'units',
          ],
        },
      );
    });

    it('presale: public verification — the number, the token and the proof sizes (400, the same codes)', async () => {
      await expectSameProblem(
        viaGateway('GET', '/public/v1/presale-permits/430223202406200101-Y00', null),
        viaNats(Rpc.publicPermit, null, { presaleNumber: '430223202406200101-Y00' }),
        { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
      );
      await expectSameProblem(
        viaGateway('GET', '/public/v1/presale-permits/439999202406200101-Y01', null),
        viaNats(Rpc.publicPermit, null, { presaleNumber: '439999202406200101-Y01' }),
        { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] },
      );
      await expectSameProblem(
        viaGateway('GET', '/public/v1/verify?token=not%20base64', null),
        viaNats(Rpc.publicVerify, null, { token: 'not base64' }),
        { status: 400, code: 'VALIDATION_FAILED', fields: ['token'] },
      );
      await expectSameProblem(
        viaGateway('GET', '/public/v1/log/inclusion-proof?index=1.5&treeSize=x', null),
        viaNats(Rpc.publicInclusionProof, null, { index: 1.5, treeSize: 'x' }),
        { status: 400, code: 'VALIDATION_FAILED', fields: ['index', 'treeSize'] },
      );
      await expectSameProblem(
        viaGateway('GET', '/public/v1/log/inclusion-proof?index=5&treeSize=3', null),
        viaNats(Rpc.publicInclusionProof, null, { index: 5, treeSize: 3 }),
        { status: 400, code: 'INVALID_PROOF_REQUEST', fields: ['index'] },
      );
      await expectSameProblem(
        viaGateway('GET', '/public/v1/log/consistency-proof?first=3&second=2', null),
        viaNats(Rpc.publicConsistencyProof, null, { first: 3, second: 2 }),
        { status: 400, code: 'INVALID_PROOF_REQUEST', fields: ['first'] },
      );
    });

    it('permits: the marking list (400 VALIDATION_FAILED), withdraw (no body) and the correction data (422)', async () => {
      await expectSameProblem(
        viaGateway(
          'GET',
          '/api/v1/supervision/marking?projectType=SOLD&pageSize=101&issueDateFrom=2024-02-30',
          staffToken,
        ),
        viaNats(Rpc.markingList, staff, { projectType: 'SOLD', page: 1, pageSize: 101, issueDateFrom: '2024-02-30' }),
        { status: 400, code: 'VALIDATION_FAILED', fields: ['issueDateFrom', 'pageSize', 'projectType'] },
      );
      expect(shape(await viaNats(Rpc.markingWithdraw, staff, { stepId: 'x' }))).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'stepId', reason: expect.any(String) }],
      });
      await platform.createStaff('rpc-contract.admin', PASSWORD, 'ADMIN', '430000');
      const adminToken = await platform.staffToken('rpc-contract.admin', PASSWORD, '10.41.0.2');
      const data = { projectCode: '2024-43', projectType: 'UNMARKED', reason: '', documentNumber: 'x'.repeat(101) };
      const form = new FormData();
      form.append('data', JSON.stringify(data));
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 7)]);
      form.append('scan', new Blob([pdf], { type: 'application/pdf' }), 'report.pdf');
      const gateway = fetch(`${platform.gatewayUrl}/api/v1/supervision/marking/correction`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
        body: form,
      }).then(async (res) => (await res.json()) as Problem);
      const scan = {
        stagingKey: '3f0c1b5e-8a7d-4c2b-9e1f-0a1b2c3d4e5f',
        sha256: 'a'.repeat(64),
        contentType: 'application/pdf',
        size: pdf.length,
        fileName: 'report.pdf',
      };
      const { projectCode, projectType, reason, documentNumber } = data;
      const admin: Principal = {
        kind: 'staff',
        id: 'rpc-contract.admin',
        regions: ['430000'],
        scopes: ['supervision:correct'],
        role: 'ADMIN',
      };
      await expectSameProblem(
        gateway,
        viaNats(Rpc.markingCorrect, admin, { projectCode, projectType, report: { reason, documentNumber, scan } }),
        {
          status: 422,
          code: 'INCOMPLETE_SUBMISSION',
          fields: ['projectCode', 'projectType', 'reason', 'documentNumber'],
        },
      );
    });

    it('permits: the application reads by path id (422 INCOMPLETE_SUBMISSION naming applicationId)', async () => {
      const applicant = await platform.token(await platform.createIntegrator([COUNTY], ['approval:write']));
      const writer: Principal = { ...permitsReader, id: 'rpc-contract-applicant', scopes: ['approval:write'] };
      await expectSameProblem(
        viaGateway('GET', '/api/v1/approval/permit-applications/not-a-uuid', applicant),
        viaNats(Rpc.approvalApplicationStatus, writer, { applicationId: 'not-a-uuid' }),
        { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['applicationId'] },
      );
      await expectSameProblem(
        viaGateway('GET', '/api/v1/supervision/permit-applications/not-a-uuid', staffToken),
        viaNats(Rpc.approvalApplicationGet, staff, { applicationId: 'not-a-uuid' }),
        { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['applicationId'] },
      );
      // Issue 14: the staff download of the 承诺函
      await expectSameProblem(
        viaGateway('GET', '/api/v1/supervision/permit-applications/not-a-uuid/commitment-letter', staffToken),
        viaNats(Rpc.approvalCommitmentLetter, staff, { applicationId: 'not-a-uuid' }),
        { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['applicationId'] },
      );
      // Issue 14: a 承诺函 with an applicant action other than RESUBMIT, as the multipart scan part (refused
      // by the gateway before the scan is staged) and as a staged reference over NATS
      const applicationId = '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b';
      const form = new FormData();
      form.append('data', JSON.stringify({ action: 'WITHDRAW', opinion: '撤回' }));
      form.append('scan', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), '承诺函.pdf');
      await expectSameProblem(
        fetch(`${platform.gatewayUrl}/api/v1/approval/permit-applications/${applicationId}/actions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${applicant}` },
          body: form,
        }).then(async (res) => (await res.json()) as Problem & { detail?: string }),
        viaNats(Rpc.approvalApplicantAction, writer, {
          applicationId,
          action: 'WITHDRAW',
          opinion: '撤回',
          commitmentLetter: {
            stagingKey: '00000000-0000-4000-8000-000000000000',
            sha256: '0'.repeat(64),
            contentType: 'application/pdf',
            size: 1,
            fileName: 'pending',
          },
        }),
        { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['commitmentLetter'] },
      );
    });
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

/**
 * Issue 9, the alerts, assessment-appeal and exchange entries: their bodies carry ids the gateway takes
 * from the path (refused as its path pipe answers, 400, naming only the id) beside a body the gateway
 * validates on its own (a follow-up, an upload's `data` part) whose fields are reported unprefixed.
 */
describe('alerts actions, assessment appeals and the exchange: the same refusal over NATS as through the gateway', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const tokens = { county: '', province: '', admin: '' };
  const principal = (role: StaffRole, region: string): Principal => ({
    kind: 'staff',
    id: `rpc-contract-${role.toLowerCase()}`,
    regions: [region],
    scopes: ['supervision:read', 'supervision:write', 'statistics:read'],
    role,
  });
  const county = principal('COUNTY', COUNTY);
  const province = principal('PROVINCE', '430000');
  const admin = principal('ADMIN', '430000');
  const puller: Principal = {
    kind: 'integrator',
    id: 'rpc-contract-puller',
    regions: [COUNTY],
    scopes: ['exchange:read'],
  };
  let pullerToken = '';
  const ALERT = '9c1e7a52-3b4d-4f6a-8e2c-1d0b9a8f7e6d';
  const PDF = Buffer.from('%PDF-1.4\n% rpc contract\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
  const SCAN = { stagingKey: 'k', sha256: 'a'.repeat(64), contentType: 'application/pdf', size: 10, fileName: 'x.pdf' };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'alerts', 'exchange']);
    for (const [name, role, region] of [
      ['county', 'COUNTY', COUNTY],
      ['province', 'PROVINCE', '430000'],
      ['admin', 'ADMIN', '430000'],
    ] as const) {
      await platform.createStaff(`contract.${name}`, PASSWORD, role, region);
      tokens[name] = await platform.staffToken(`contract.${name}`, PASSWORD, '10.42.0.1');
    }
    pullerToken = await platform.token(await platform.createIntegrator([COUNTY], ['exchange:read']));
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const viaGateway = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as Problem;
  };
  const viaUpload = async (path: string, token: string, data: unknown) => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    form.append('scan', new Blob([PDF], { type: 'application/pdf' }), 'scan.pdf');
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return (await res.json()) as Problem;
  };
  const viaNats = async (def: RpcDef<never, unknown, RpcKind>, who: Principal, body: unknown) => {
    try {
      await rpc.request(def.subject, { principal: who, body });
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error(`the service accepted an invalid ${def.subject} payload`);
  };
  const same = async (
    gateway: Promise<Problem>,
    service: Promise<Problem>,
    expected: { status: number; code: string; fields: string[] },
  ): Promise<void> => {
    const [g, s] = [await gateway, await service];
    expect({ status: s.status, code: s.code, errors: s.errors }).toEqual({
      status: g.status,
      code: g.code,
      errors: g.errors,
    });
    expect({ status: g.status, code: g.code, fields: (g.errors ?? []).map((e) => e.field).sort() }).toEqual({
      ...expected,
      fields: [...expected.fields].sort(),
    });
  };

  it('alerts: a bad alertId is refused as the path pipe answers (400), on reads and actions alike', async () => {
    const badId = { status: 400, code: 'VALIDATION_FAILED', fields: ['alertId'] };
    await same(
      viaGateway('GET', '/api/v1/supervision/alerts/not-a-uuid', tokens.county),
      viaNats(Rpc.alertGet, county, { alertId: 'not-a-uuid' }),
      badId,
    );
    // a bad id and a bad body: the path is refused first, naming the id only
    const followUp = { reason: '', phone: 'call me', extra: 1 };
    await same(
      viaGateway('POST', '/api/v1/supervision/alerts/not-a-uuid/follow-ups', tokens.county, followUp),
      viaNats(Rpc.alertFollowUp, county, { alertId: 'not-a-uuid', followUp }),
      badId,
    );
    await same(
      viaGateway('POST', '/api/v1/supervision/alerts/not-a-uuid/permit-link', tokens.county, { permitNumber: '1' }),
      viaNats(Rpc.alertLinkPermit, county, { alertId: 'not-a-uuid', permitNumber: '1' }),
      badId,
    );
  });

  it('alerts: follow-ups, dismissals and permit links report the body’s fields unprefixed (422)', async () => {
    const followUp = {
      reason: '长'.repeat(1001),
      measures: '约谈\t复工',
      responsiblePerson: '张伟',
      phone: 'call me',
      plannedDate: '2027-03-31',
      extra: 1,
    };
    await same(
      viaGateway('POST', `/api/v1/supervision/alerts/${ALERT}/follow-ups`, tokens.county, followUp),
      viaNats(Rpc.alertFollowUp, county, { alertId: ALERT, followUp }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'measures', 'phone', 'reason'] },
    );
    await same(
      viaUpload(`/api/v1/supervision/alerts/${ALERT}/dismissal`, tokens.county, { reason: ' ', extra: 1 }),
      viaNats(Rpc.alertRequestDismissal, county, { alertId: ALERT, reason: ' ', extra: 1, scan: SCAN }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'reason'] },
    );
    await same(
      viaGateway('POST', `/api/v1/supervision/alerts/${ALERT}/dismissal/reject`, tokens.county, {
        note: '长'.repeat(1001),
      }),
      viaNats(Rpc.alertDecideDismissal, county, { alertId: ALERT, decision: 'REJECT', note: '长'.repeat(1001) }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['note'] },
    );
    await same(
      viaGateway('POST', `/api/v1/supervision/alerts/${ALERT}/permit-link`, tokens.county, {
        permitNumber: '12',
        extra: 1,
      }),
      viaNats(Rpc.alertLinkPermit, county, { alertId: ALERT, permitNumber: '12', extra: 1 }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'permitNumber'] },
    );
  });

  it('alerts: acceptance backfills, the submission unprefixed and the backfillId as its path pipe answers', async () => {
    const submission = { permitNumber: '12', kind: 'NOPE', date: '2024-02-30', extra: 1 };
    await same(
      viaUpload('/api/v1/supervision/acceptance-backfills', tokens.county, submission),
      viaNats(Rpc.acceptanceBackfillSubmit, county, { submission, scan: SCAN }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['date', 'extra', 'kind', 'permitNumber'] },
    );
    await same(
      viaGateway('POST', '/api/v1/supervision/acceptance-backfills/nope/return', tokens.province, { note: 'x' }),
      viaNats(Rpc.acceptanceBackfillDecide, province, { backfillId: 'nope', decision: 'RETURN', note: 'x' }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['backfillId'] },
    );
    await same(
      viaGateway('POST', `/api/v1/supervision/acceptance-backfills/${ALERT}/return`, tokens.province, {
        note: '长'.repeat(1001),
      }),
      viaNats(Rpc.acceptanceBackfillDecide, province, {
        backfillId: ALERT,
        decision: 'RETURN',
        note: '长'.repeat(1001),
      }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['note'] },
    );
  });

  it('assessment appeals: the submission (422) and the decision’s appealId as its path pipe answers (400)', async () => {
    const appeal = { regionCode: COUNTY, ruleId: 'no such rule', itemId: '', extra: 1 };
    await same(
      viaGateway('POST', '/api/v1/statistics/assessment/appeals', tokens.county, appeal),
      viaNats(Rpc.assessmentAppealSubmit, county, appeal),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'itemId', 'reason', 'ruleId'] },
    );
    const decision = { decision: 'MAYBE', opinion: '' };
    await same(
      viaGateway('POST', '/api/v1/statistics/assessment/appeals/nope/decision', tokens.province, decision),
      viaNats(Rpc.assessmentAppealDecide, province, { appealId: 'nope', ...decision }),
      { status: 400, code: 'VALIDATION_FAILED', fields: ['appealId'] },
    );
    await same(
      viaGateway('POST', `/api/v1/statistics/assessment/appeals/${ALERT}/decision`, tokens.province, decision),
      viaNats(Rpc.assessmentAppealDecide, province, { appealId: ALERT, ...decision }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['decision', 'opinion'] },
    );
  });

  it('exchange: subscriber bodies list every problem (422), a bad path id is 404 naming the parameter', async () => {
    const base = '/api/v1/admin/exchange/subscribers';
    const subscriber = {
      name: '省政务数据共享交换平台',
      kind: 'BANK',
      delivery: { mode: 'PULL' },
      eventTypes: ['x'],
      dataView: ['presaleNumber'],
      extra: 1,
    };
    await same(
      viaGateway('POST', base, tokens.admin, subscriber),
      viaNats(Rpc.exchangeSubscriberCreate, admin, subscriber),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['eventTypes[0]', 'extra', 'kind'] },
    );
    await same(
      viaGateway('GET', `${base}/nope`, tokens.admin),
      viaNats(Rpc.exchangeSubscriberGet, admin, { subscriberId: 'nope' }),
      { status: 404, code: 'NOT_FOUND', fields: ['subscriberId'] },
    );
    await same(
      viaGateway('PATCH', `${base}/${ALERT}`, tokens.admin, { state: 'GONE', extra: 1 }),
      viaNats(Rpc.exchangeSubscriberUpdate, admin, { subscriberId: ALERT, patch: { state: 'GONE', extra: 1 } }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['extra', 'state'] },
    );
    await same(
      viaGateway('POST', `${base}/${ALERT}/deliveries/nope/redeliver`, tokens.admin),
      viaNats(Rpc.exchangeRedeliver, admin, { subscriberId: ALERT, eventId: 'nope' }),
      { status: 404, code: 'NOT_FOUND', fields: ['eventId'] },
    );
  });

  it('exchange: deliveries, replay, requeue and the pull API (422 naming each field)', async () => {
    const base = `/api/v1/admin/exchange/subscribers/${ALERT}`;
    await same(
      viaGateway('GET', `${base}/deliveries?limit=0&offset=1`, tokens.admin),
      viaNats(Rpc.exchangeDeliveryList, admin, { subscriberId: ALERT, limit: '0', offset: '1' }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['limit', 'offset'] },
    );
    const range = { from: 'yesterday', to: '2099-01-01T00:00:00Z' };
    await same(
      viaGateway('POST', `${base}/replay`, tokens.admin, range),
      viaNats(Rpc.exchangeReplay, admin, { subscriberId: ALERT, ...range }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['from', 'to'] },
    );
    await same(
      viaGateway('POST', `${base}/dead-letters/requeue`, tokens.admin, { eventIds: [] }),
      viaNats(Rpc.exchangeDeadLetterRequeue, admin, { subscriberId: ALERT, eventIds: [] }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['eventIds'] },
    );
    await same(
      viaGateway('GET', '/api/v1/exchange/events?cursor=x&limit=501', pullerToken),
      viaNats(Rpc.exchangeEventsPull, puller, { cursor: 'x', limit: 501 }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['cursor', 'limit'] },
    );
    await same(
      viaGateway('GET', '/api/v1/exchange/manifests?date=2026-02-30', pullerToken),
      viaNats(Rpc.exchangeManifestPull, puller, { date: '2026-02-30' }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['date'] },
    );
    await same(
      viaGateway('GET', `${base}/manifests?date=2099-01-01`, tokens.admin),
      viaNats(Rpc.exchangeManifestGet, admin, { subscriberId: ALERT, date: '2099-01-01' }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['date'] },
    );
    const sequences = { fromSequence: 9, toSequence: 0, stream: 'HN_OTHER' };
    await same(
      viaGateway('POST', `${base}/replay`, tokens.admin, sequences),
      viaNats(Rpc.exchangeReplay, admin, { subscriberId: ALERT, ...sequences }),
      { status: 422, code: 'INCOMPLETE_SUBMISSION', fields: ['fromSequence', 'toSequence', 'stream'] },
    );
  });
});

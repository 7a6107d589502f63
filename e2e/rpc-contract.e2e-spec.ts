import { Principal, Rpc, RpcDef, RpcKind } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
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
    });
  });
});

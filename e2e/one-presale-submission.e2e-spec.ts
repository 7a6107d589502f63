import { Principal, Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { creditCode, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}

/**
 * One contract per message: the 取号 body is the message class PresaleSubmission of @hn/messages,
 * validated by the gateway on the HTTP body and again by the presale service on its RPC payload
 * (validateMessage), so a body sent straight over NATS is refused with the same code, fields and
 * wording as through the gateway.
 */
describe('presale submission rules are the same at the gateway and in the service', () => {
  let platform: TestPlatform;
  let token: string;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const principal: Principal = {
    kind: 'integrator',
    id: 'direct-nats-caller',
    regions: ['430223'],
    scopes: ['presale:issue'],
  };
  const key = (): string => `k-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale']);
    token = await platform.token(await platform.createIntegrator(['430223'], ['presale:issue']));
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const viaGateway = async (body: unknown): Promise<Problem> => {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/presale-permits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key() },
      body: JSON.stringify(body),
    });
    const problem = (await res.json()) as Problem;
    return { ...problem, status: res.status };
  };

  const viaNats = async (body: unknown): Promise<Problem> => {
    try {
      await rpc.call(Rpc.presaleIssue, principal, { idempotencyKey: key(), submission: body as never });
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error('the service accepted an invalid submission');
  };

  const byField = (p: Problem): Array<{ field: string; reason: string }> =>
    [...(p.errors ?? [])].sort((a, b) => a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason));

  const bad: Array<[string, unknown]> = [
    [
      'every field wrong at once',
      presaleSubmission({
        constructionPermitNumbers: ['123', '430223202406200101', '430223202406200101'],
        unitCodes: ['', 'bad code!', 'U1', 'U1'],
        localCertificateNumber: '',
        issuingAuthority: 42,
        issueDate: '2099-01-01',
        developer: { name: ' ', creditCode: '91430223MA4Q0ABC10' },
        projectName: '   ',
        address: 'x'.repeat(301),
        buildings: [],
        presaleArea: 1.234,
        unitCount: 0,
        plannedUse: null,
        fundSupervision: { bank: '', account: '12' },
        location: { lat: 40, lng: 200 },
      }),
    ],
    ['an empty body: every required field', {}],
    [
      'unknown fields, wrong nested types',
      {
        ...presaleSubmission({
          developer: 'x',
          location: null,
          fundSupervision: { bank: '银行', account: '123456', iban: 'x' },
        }),
        extra: 1,
      },
    ],
    ['an array instead of an object', [presaleSubmission()]],
    [
      'a line break in official text, a non-date',
      presaleSubmission({ projectName: '锦绣\n星城', buildings: ['22#', 'x'.repeat(51)], issueDate: '2024-02-30' }),
    ],
  ];

  it.each(bad)('%s: same status, problem code, field list and reasons', async (_name, body) => {
    const [gateway, service] = [await viaGateway(body), await viaNats(body)];
    expect(gateway).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(gateway.errors!.length).toBeGreaterThan(0);
    expect({ status: service.status, code: service.code, errors: byField(service) }).toEqual({
      status: gateway.status,
      code: gateway.code,
      errors: byField(gateway),
    });
  });

  describe('staff payloads: UnpermittedPresaleSubmission, BackfillSubmitRequest, BackfillWithdrawRequest on both sides', () => {
    const staff: Principal = {
      kind: 'staff',
      id: 'direct-nats-staff',
      regions: ['430223'],
      scopes: ['supervision:read', 'supervision:write'],
      role: 'COUNTY',
    };
    let staffToken: string;
    const unpermitted = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
      projectName: '攸县滨江花园一期',
      regionCode: '430223',
      developer: { name: '攸县滨江置业有限公司', creditCode: creditCode() },
      localCertificateNumber: '攸住建预字〔2023〕第021号',
      issueDate: '2023-11-20',
      ...overrides,
    });

    beforeAll(async () => {
      await platform.createStaff('youxian.one', 'OneContract2024ok', 'COUNTY', '430223');
      staffToken = await platform.staffToken('youxian.one', 'OneContract2024ok', '10.40.0.1');
    });

    const unpermittedViaGateway = async (data: unknown): Promise<Problem> => {
      const form = new FormData();
      form.append('data', JSON.stringify(data));
      form.append('scan', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'scan.pdf');
      const res = await fetch(`${platform.gatewayUrl}/api/v1/supervision/presale-without-permit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staffToken}` },
        body: form,
      });
      const problem = (await res.json()) as Problem;
      return { ...problem, status: res.status };
    };

    const unpermittedViaNats = async (data: unknown): Promise<Problem> => {
      // the payload rules run before the staged scan is read, so any scan reference does
      const scan = { sha256: '0'.repeat(64), contentType: 'application/pdf', size: 16, fileName: 'scan.pdf' };
      try {
        await rpc.call(Rpc.unpermittedRegister, staff, { submission: data as never, scan: scan as never });
      } catch (err) {
        return (err as DomainException).problem as Problem;
      }
      throw new Error('the service accepted an invalid registration');
    };

    // (control characters and a non-object data part are refused earlier by the gateway's body guard)
    const badRegistrations: Array<[string, unknown]> = [
      [
        'every field wrong at once',
        unpermitted({
          projectName: ' ',
          regionCode: '43',
          developer: { name: '', creditCode: '91430223MA4Q0ABC10' },
          localCertificateNumber: '',
          issueDate: '2099-01-01',
          address: 'x'.repeat(301),
        }),
      ],
      ['an empty data part: every required field', {}],
      ['unknown fields, wrong nested types', { ...unpermitted({ developer: 'x', address: 42 }), extra: 1 }],
      [
        'a region not in force on the issue date, with a missing field',
        unpermitted({ regionCode: '439999', localCertificateNumber: '' }),
      ],
    ];

    it.each(badRegistrations)('%s: same status, problem code, field list and reasons', async (_name, data) => {
      const [gateway, service] = [await unpermittedViaGateway(data), await unpermittedViaNats(data)];
      expect(gateway).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
      expect(gateway.errors!.length).toBeGreaterThan(0);
      expect({ status: service.status, code: service.code, errors: byField(service) }).toEqual({
        status: gateway.status,
        code: gateway.code,
        errors: byField(gateway),
      });
    });

    const viaGatewayJson = async (path: string, body: unknown): Promise<Problem> => {
      const res = await fetch(`${platform.gatewayUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const problem = (await res.json()) as Problem;
      return { ...problem, status: res.status };
    };
    const problemOf = async (call: Promise<unknown>): Promise<Problem> => {
      try {
        await call;
      } catch (err) {
        return (err as DomainException).problem as Problem;
      }
      throw new Error('the service accepted an invalid body');
    };

    // submit bodies the class refuses are 400 VALIDATION_FAILED at the gateway (its global pipe checks the body type)
    const badLifecycle: Array<[string, 'submit' | 'withdraw', unknown, number, string]> = [
      ['submit: no list', 'submit', {}, 400, 'VALIDATION_FAILED'],
      ['submit: an empty list', 'submit', { presaleNumbers: [] }, 400, 'VALIDATION_FAILED'],
      [
        'submit: not a list of strings, an unknown field',
        'submit',
        { presaleNumbers: [1], extra: 1 },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'submit: a number twice',
        'submit',
        { presaleNumbers: ['430223202406200101-Z01', '430223202406200101-Z01'] },
        422,
        'INCOMPLETE_SUBMISSION',
      ],
      ['withdraw: a non-string number', 'withdraw', { presaleNumber: 5 }, 422, 'INCOMPLETE_SUBMISSION'],
      ['withdraw: an unknown field', 'withdraw', { extra: 1 }, 422, 'INCOMPLETE_SUBMISSION'],
    ];
    const fieldsOf = (p: Problem): string[] => [...new Set((p.errors ?? []).map((e) => e.field))].sort();

    it.each(badLifecycle)(
      '%s: same status, problem code and fields (BackfillSubmitRequest / BackfillWithdrawRequest)',
      async (_name, op, body, status, code) => {
        const gateway = await viaGatewayJson(`/api/v1/supervision/backfill/presale-permits/${op}`, body);
        const service = await problemOf(
          op === 'submit'
            ? rpc.call(Rpc.backfillSubmit, staff, body as never)
            : rpc.call(Rpc.backfillWithdraw, staff, body as never),
        );
        expect(gateway).toMatchObject({ status, code });
        expect(fieldsOf(gateway).length).toBeGreaterThan(0);
        // the gateway's global pipe may give several reasons for one field; the fields are the same
        expect({ status: service.status, code: service.code, fields: fieldsOf(service) }).toEqual({
          status: gateway.status,
          code: gateway.code,
          fields: fieldsOf(gateway),
        });
      },
    );
  });

  it('padded text is trimmed on both sides: the same (non-validation) outcome', async () => {
    const body = presaleSubmission({
      projectName: '  锦绣星城三期  ',
      unitCodes: [' 2024-430223-70-03-012345-DT022 '],
      developer: { name: ' 攸县锦绣置业有限公司 ', creditCode: ` ${creditCode()} ` },
    });
    const [gateway, service] = [await viaGateway(body), await viaNats(body)];
    expect(gateway.code).not.toBe('INCOMPLETE_SUBMISSION');
    expect({ status: service.status, code: service.code }).toEqual({ status: gateway.status, code: gateway.code });
  });
});

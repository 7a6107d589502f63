import { ESCROW_MAX_FEN, PresaleBackfillEvents, PresaleEvents, Principal, Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { presalePermitFixture } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}

const PASSWORD = 'Escrow2024pass';
const YX = '430223'; // 攸县
const STOCK = '430223202306150101-Z01'; // backfilled below (issued 2023-06-15)
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 0x20), Buffer.from('\n%%EOF\n')]);

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

/**
 * One contract per message: the escrow record (资金监管信息) is the message class EscrowRecordInput
 * of @hn/messages, validated by the gateway on the PUT body (and the corrected record of a
 * correction) and again by the escrow service on its RPC payload (validateMessage), so a record
 * sent straight over NATS is refused with the same code, fields and wording as through the gateway.
 */
describe('escrow record rules are the same at the gateway and in the service', () => {
  let platform: TestPlatform;
  let clerk: string;
  let admin: string;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const county: Principal = {
    kind: 'staff',
    id: 'direct-nats-clerk',
    regions: [YX],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };
  const province: Principal = {
    ...county,
    id: 'direct-nats-admin',
    regions: ['430000'],
    scopes: [...county.scopes, 'supervision:correct'],
    role: 'ADMIN',
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['escrow']);
    await platform.createStaff('youxian.one', PASSWORD, 'COUNTY', YX);
    await platform.createStaff('admin.one', PASSWORD, 'ADMIN', '430000');
    clerk = await platform.staffToken('youxian.one', PASSWORD, '10.41.0.1');
    admin = await platform.staffToken('admin.one', PASSWORD, '10.41.0.2');
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
    // a backfilled Z permit, so the checks after validation (issue date, outcome) are the same too
    await platform.publishEvent(
      { name: PresaleEvents.stream, subjects: PresaleEvents.streamSubjects },
      {
        source: '/hn/presale',
        type: PresaleBackfillEvents.permitBackfilled,
        subject: STOCK,
        data: {
          permit: presalePermitFixture(STOCK, {
            projectCode: `2023-${YX}-70-03-000001`,
            projectName: '锦绣星城一期',
            developer: { name: '攸县锦绣置业有限公司', creditCode: '91430223MA4Q0ABC1X' },
            issueDate: '2023-06-15',
          }),
          backfilledBy: 'seed',
        },
      },
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await fetch(`${platform.gatewayUrl}/api/v1/supervision/escrow`, {
        headers: { authorization: `Bearer ${clerk}` },
      });
      if (res.status === 200 && ((await res.json()) as { total: number }).total >= 1) break;
      if (Date.now() > deadline) throw new Error(`replica not filled:\n${platform.logs()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const putViaGateway = async (body: unknown): Promise<Problem & { outcome?: string }> => {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/supervision/escrow/${STOCK}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { ...((await res.json()) as Problem), status: res.status };
  };

  const viaNats = async (call: () => Promise<unknown>): Promise<Problem> => {
    try {
      await call();
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error('the service accepted an invalid record');
  };
  const putViaNats = (body: unknown): Promise<Problem> =>
    viaNats(() => rpc.call(Rpc.escrowPut, county, { presaleNumber: STOCK, record: body as never }));

  const byField = (p: Problem): Array<{ field: string; reason: string }> =>
    [...(p.errors ?? [])].sort((a, b) => a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason));
  const same = (gateway: Problem, service: Problem): void => {
    expect(gateway).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(gateway.errors!.length).toBeGreaterThan(0);
    expect({ status: service.status, code: service.code, errors: byField(service) }).toEqual({
      status: gateway.status,
      code: gateway.code,
      errors: byField(gateway),
    });
  };

  const bad: Array<[string, unknown]> = [
    [
      'every field wrong at once',
      record({
        capitalGuaranteeAmount: -1,
        commitmentLetter: 'yes',
        fundSupervision: true,
        bank: '建行\n攸县',
        account: '12--34',
        balance: 1.5,
        balanceAsOf: '2024-02-30',
      }),
    ],
    ['an empty body: every required field', {}],
    [
      'a guarantee left out without a commitment letter, an unknown field',
      record({ capitalGuaranteeAmount: null, extra: 1 }),
    ],
    ['bank and account given without fund supervision', record({ fundSupervision: false })],
    ['blank bank, short account with fund supervision', record({ bank: '   ', account: '12' })],
    ['money not in integer fen', record({ capitalGuaranteeAmount: '100', balance: ESCROW_MAX_FEN + 1 })],
    ['a balance date in the future', record({ balanceAsOf: '2999-01-01' })],
    ['an array instead of an object', [record()]],
    [
      'the balance date before the permit was issued (checked against the permit)',
      record({ balanceAsOf: '2023-06-14' }),
    ],
  ];

  it.each(bad)('PUT %s: same status, problem code, field list and reasons', async (_name, body) => {
    same(await putViaGateway(body), await putViaNats(body));
  });

  it.each(bad.filter(([, body]) => !Array.isArray(body)))(
    'correction record, %s: same field list and reasons under record.',
    async (_name, body) => {
      const data = { reason: '监管账号余额录入错误', documentNumber: '湘建房函〔2024〕12号', record: body };
      const form = new FormData();
      form.append('data', JSON.stringify(data));
      form.append('scan', new Blob([PDF], { type: 'application/pdf' }), '书面报告.pdf');
      const res = await fetch(`${platform.gatewayUrl}/api/v1/supervision/escrow/${STOCK}/correction`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
        body: form,
      });
      const gateway = { ...((await res.json()) as Problem), status: res.status };
      const service = await viaNats(() =>
        rpc.call(Rpc.escrowCorrect, province, {
          presaleNumber: STOCK,
          record: body as never,
          report: {
            reason: data.reason,
            documentNumber: data.documentNumber,
            scan: { sha256: '0'.repeat(64), contentType: 'application/pdf', fileName: '书面报告.pdf' } as never,
          },
        }),
      );
      same(gateway, service);
      expect(gateway.errors!.every((e) => e.field.startsWith('record'))).toBe(true);
    },
  );

  it('a padded bank is trimmed on both sides: the same record (the NATS put is unchanged)', async () => {
    const body = record({ bank: '  中国建设银行攸县支行 ', account: ' 43050162123400000123 ' });
    const gateway = await putViaGateway(body);
    expect(gateway).toMatchObject({ status: 201, outcome: 'created' });
    const service = await rpc.call(Rpc.escrowPut, county, { presaleNumber: STOCK, record: body });
    expect(service.outcome).toBe('unchanged');
    expect(service.record).toMatchObject({ bank: '中国建设银行攸县支行', account: '43050162123400000123' });
  });
});

import { Principal, Rpc } from '@hn/messages';
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

/**
 * The `data` parts of the ADMIN corrections (书面报告: multipart `data` + `scan`) are the message
 * classes MarkingCorrectionData / PresaleCorrectionData of @hn/messages, validated by the gateway and
 * again by the permits / presale service on the RPC payload: an invalid correction sent straight over
 * NATS is refused with the same status, code, fields and reasons as through the gateway.
 */
describe('correction data is checked alike at the gateway and in the services', () => {
  const PASSWORD = 'Correct2024ok';
  const Z = '430223202406200101-Z01';
  let platform: TestPlatform;
  let token: string;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const admin: Principal = {
    kind: 'staff',
    id: 'sheng.direct.admin',
    regions: ['430000'],
    scopes: ['supervision:read', 'supervision:write', 'supervision:correct'],
    role: 'ADMIN',
  };
  // the data rules run before the staged scan is read, so any well-formed scan reference does
  const scan = {
    stagingKey: '3f0c1b5e-8a7d-4c2b-9e1f-0a1b2c3d4e5f',
    sha256: '0'.repeat(64),
    contentType: 'application/pdf' as const,
    size: 16,
    fileName: 'report.pdf',
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale']);
    await platform.createStaff('sheng.correct.admin', PASSWORD, 'ADMIN', '430000');
    token = await platform.staffToken('sheng.correct.admin', PASSWORD, '10.92.0.1');
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const viaGateway = async (path: string, data: unknown): Promise<Problem> => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    form.append('scan', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'report.pdf');
    const res = await fetch(`${platform.gatewayUrl}/api/v1/supervision/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { ...((await res.json()) as Problem), status: res.status };
  };
  const problemOf = async (call: Promise<unknown>): Promise<Problem> => {
    try {
      await call;
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error('the service accepted an invalid correction');
  };
  const byField = (p: Problem) =>
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

  /** The RPC payload the gateway builds from a marking correction's `data` part and the staged scan. */
  const markingPayload = (data: Record<string, unknown>) => {
    const { reason, documentNumber, ...rest } = data;
    return { ...rest, report: { reason, documentNumber, scan } };
  };
  const markingCases: Array<[string, Record<string, unknown>]> = [
    [
      'every field wrong at once',
      { projectCode: '2024-43', projectType: 'SOLD', reason: 'x'.repeat(501), documentNumber: '  ' },
    ],
    ['an empty data part: every required field', {}],
    [
      'an unknown field, wrong types',
      { projectCode: 2024, projectType: 'OTHER', reason: 7, documentNumber: '湘建房函〔2024〕12号', extra: 1 },
    ],
  ];

  it.each(markingCases)('marking 纠错, %s: same status, code, fields and reasons', async (_name, data) => {
    const gateway = await viaGateway('marking/correction', data);
    const service = await problemOf(rpc.call(Rpc.markingCorrect, admin, markingPayload(data) as never));
    same(gateway, service);
  });

  const presalePayload = (data: Record<string, unknown>) => {
    const { reason, documentNumber, ...rest } = data;
    return { presaleNumber: Z, ...rest, report: { reason, documentNumber, scan } };
  };
  const presaleCases: Array<[string, Record<string, unknown>]> = [
    [
      'report fields and the nested submission wrong',
      {
        reason: '',
        documentNumber: 'x'.repeat(101),
        submission: presaleSubmission({ unitCount: 0, projectName: ' ', issueDate: '2024-02-30' }),
      },
    ],
    ['an empty data part: every required field', {}],
    [
      'an unknown field, a submission that is not an object',
      { reason: '面积错误', documentNumber: '湘建房函〔2024〕12号', submission: 'x', extra: 1 },
    ],
  ];

  it.each(presaleCases)('backfill 更正, %s: same status, code, fields and reasons', async (_name, data) => {
    const gateway = await viaGateway(`backfill/presale-permits/${Z}/correction`, data);
    const service = await problemOf(rpc.call(Rpc.backfillCorrect, admin, presalePayload(data) as never));
    same(gateway, service);
  });
});

import { Principal, Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}

/**
 * 批量标记 / 提交 bodies are the message classes MarkingBatchRequest / MarkingSubmitRequest of
 * @hn/messages, validated by the gateway and again by the permits service: a body sent straight over
 * NATS is refused with the same status, code, fields and reasons as through the gateway.
 */
describe('marking bodies are checked alike at the gateway and in the permits service', () => {
  let platform: TestPlatform;
  let token: string;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const principal: Principal = {
    kind: 'staff',
    id: 'youxian.direct',
    regions: ['430223'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    await platform.createStaff('youxian.mark', 'Marking2024ok', 'COUNTY', '430223');
    token = await platform.staffToken('youxian.mark', 'Marking2024ok', '10.91.0.1');
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const viaGateway = async (path: 'batch' | 'submit', body: unknown): Promise<Problem> => {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/supervision/marking/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { ...((await res.json()) as Problem), status: res.status };
  };
  const viaNats = async (path: 'batch' | 'submit', body: unknown): Promise<Problem> => {
    try {
      if (path === 'batch') await rpc.call(Rpc.markingBatch, principal, body as never);
      else await rpc.call(Rpc.markingSubmit, principal, body as never);
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error('the service accepted an invalid body');
  };
  const byField = (p: Problem) =>
    [...(p.errors ?? [])].sort((a, b) => a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason));

  const cases: Array<[string, 'batch' | 'submit', unknown]> = [
    [
      'malformed, repeated numbers and an unknown type',
      'batch',
      { permitNumbers: ['430223202406200101', 'x', 7, '430223202406200101'], projectType: 'SOLD' },
    ],
    ['an empty body', 'batch', {}],
    ['an unknown field', 'submit', { permitNumbers: ['430223202406200101'], extra: 1 }],
    ['too many numbers', 'submit', { permitNumbers: Array.from({ length: 1001 }, () => '430223202406200101') }],
    ['a string instead of a list', 'submit', { permitNumbers: '430223202406200101' }],
  ];

  it.each(cases)('%s: same status, code, fields and reasons', async (_name, path, body) => {
    const [gateway, service] = [await viaGateway(path, body), await viaNats(path, body)];
    expect(gateway).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(gateway.errors!.length).toBeGreaterThan(0);
    expect({ status: service.status, code: service.code, errors: byField(service) }).toEqual({
      status: gateway.status,
      code: gateway.code,
      errors: byField(gateway),
    });
  });
});

import { ContractsRpc, Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { contractFiling } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}

/**
 * One contract per message: a contract filing is validated by the same class (@hn/messages
 * ContractFilingSubmission, the part of Rpc.contractFilingIssue's ContractFilingIssueRequest) at the gateway and again in the
 * contracts service, so a body sent straight over NATS is refused with the same code, fields and
 * wording as through the gateway.
 */
describe('contract filing rules are the same at the gateway and in the service', () => {
  let platform: TestPlatform;
  let token: string;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const principal: Principal = {
    kind: 'integrator',
    id: 'direct-nats-caller',
    regions: ['430223'],
    scopes: ['contracts:issue'],
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['contracts']);
    token = await platform.token(await platform.createIntegrator(['430223'], ['contracts:issue']));
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const viaGateway = async (body: unknown): Promise<Problem> => {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/contract-filings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `k-${Math.random().toString(36).slice(2)}`,
      },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Problem;
  };

  const viaNats = async (body: unknown): Promise<Problem> => {
    try {
      await rpc.request(ContractsRpc.filingIssue, {
        principal,
        body: { idempotencyKey: `k-${Math.random().toString(36).slice(2)}`, submission: body },
      });
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error('the service accepted an invalid filing');
  };

  const bad: Array<[string, Record<string, unknown>]> = [
    [
      'every field wrong at once',
      {
        presaleNumber: '430223202406200101-X01',
        building: '',
        rooms: [
          { roomNumber: '', floor: 0, floorArea: 1.234 },
          { roomNumber: 'A', floor: 1, floorArea: 10 },
          { roomNumber: 'A', floor: 2, floorArea: 10 },
        ],
        address: ' ',
        buyers: [
          { type: 'PERSON', name: '李四', idType: 'RESIDENT_ID', idNumber: '110105194912310021', phone: '123' },
          { type: 'ORGANIZATION', name: '公司', creditCode: '91430223MA4Q0ABC10', phone: '13912345678' },
        ],
        contractAmount: -1,
        payment: { method: 'COMBINED', downPayment: 1.5 },
        filingDate: '2024-08-31',
        document: { sha256: 'xyz', fileName: '../etc/passwd' },
      },
    ],
    ['payment parts not adding up', { payment: { method: 'FULL', downPayment: 1 } }],
    [
      'no rooms, too many buyers',
      {
        rooms: [],
        buyers: Array.from({ length: 21 }, () => ({
          type: 'ORGANIZATION',
          name: '公司',
          creditCode: '91430223MA4Q0ABC1F',
        })),
      },
    ],
    // NUL, ESC and other C0 characters are refused earlier by the gateway's body guard (400); a line break passes it
    ['a line break in official text', { building: '22#\n1', address: '攸县\r\n联星街道' }],
  ];

  it.each(bad)('%s: same problem code, field list and reasons', async (_name, overrides) => {
    const body = { ...contractFiling(), ...overrides };
    const [gateway, service] = [await viaGateway(body), await viaNats(body)];
    expect(gateway.status).toBe(422);
    expect(gateway.errors!.length).toBeGreaterThan(0);
    // the same problems; the gateway lists a cross-field check (duplicates, cut-over) after the per-field ones
    const byField = (p: Problem) =>
      [...(p.errors ?? [])].sort((a, b) => a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason));
    expect({ status: service.status, code: service.code, errors: byField(service) }).toEqual({
      status: gateway.status,
      code: gateway.code,
      errors: byField(gateway),
    });
  });
});

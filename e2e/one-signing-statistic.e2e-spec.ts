import { ContractsRpc, ContractsStatisticsRpc, Principal, ReconciliationRpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}

const PRESALE = '430223202406200101-Y01';
const CONTRACT = `${PRESALE}-B0001`;
const DIFFERENCE = '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11';
const PASSWORD = 'Supervise2024x';

/**
 * One contract per message: the signing-statistic, acknowledgement and cancellation payloads are
 * message classes of @hn/messages (SigningStatisticFigures / Put / Withdrawal / Submission,
 * DifferenceAcknowledgement, ContractFilingCancellation). The gateway validates the HTTP body with
 * the class and the contracts service validates its RPC payload with it again, so an invalid body
 * sent straight over NATS is refused with the same code and field list as through the gateway.
 */
describe('signing-statistic, acknowledgement and cancellation rules are the same at the gateway and in the service', () => {
  let platform: TestPlatform;
  let staffToken: string;
  let signerToken: string;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const staff: Principal = {
    kind: 'staff',
    id: 'direct-nats-staff',
    regions: ['430223'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };
  const signer: Principal = {
    kind: 'integrator',
    id: 'direct-nats-caller',
    regions: ['430223'],
    scopes: ['contracts:issue'],
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['contracts']);
    await platform.createStaff('youxian.one', PASSWORD, 'COUNTY', '430223');
    staffToken = await platform.staffToken('youxian.one', PASSWORD, '10.40.0.1');
    signerToken = await platform.token(await platform.createIntegrator(['430223'], ['contracts:issue']));
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const viaGateway = async (method: 'PUT' | 'POST', path: string, token: string, body: unknown): Promise<Problem> => {
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Problem;
  };

  const viaNats = async (subject: string, principal: Principal, body: unknown): Promise<Problem> => {
    try {
      await rpc.request(subject, { principal, body });
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error(`the service accepted an invalid ${subject} payload`);
  };

  const same = (gateway: Problem, service: Problem): void => {
    expect(gateway.status).toBe(422);
    expect(gateway.code).toBe('INCOMPLETE_SUBMISSION');
    expect(gateway.errors!.length).toBeGreaterThan(0);
    const byField = (p: Problem) =>
      [...(p.errors ?? [])].sort((a, b) => a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason));
    expect({ status: service.status, code: service.code, errors: byField(service) }).toEqual({
      status: gateway.status,
      code: gateway.code,
      errors: byField(gateway),
    });
  };

  const badFigures: Array<[string, Record<string, unknown>]> = [
    ['every figure missing', {}],
    ['every figure wrong at once', { contractsSigned: 1.5, floorArea: -1, amountFen: '9' }],
    ['zero contracts with an amount', { contractsSigned: 0, floorArea: 0, amountFen: 5 }],
    ['three decimals of area, an unknown field', { contractsSigned: 1, floorArea: 10.001, amountFen: 5, other: true }],
  ];

  it.each(badFigures)('statistic put, %s: same code and field list', async (_name, figures) => {
    same(
      await viaGateway('PUT', `/api/v1/supervision/signing-statistics/${PRESALE}/2024-08`, staffToken, figures),
      await viaNats(ContractsStatisticsRpc.put, staff, { presaleNumber: PRESALE, month: '2024-08', ...figures }),
    );
  });

  const badWithdrawals: unknown[] = [
    {},
    { presaleNumber: '430223202406200101-Y00', month: '2024-8' },
    { presaleNumber: PRESALE, month: '1999-12', extra: 1 },
    [PRESALE],
  ];

  it.each(badWithdrawals)('statistic withdraw %j: same code and field list', async (body) => {
    same(
      await viaGateway('POST', '/api/v1/supervision/signing-statistics/withdraw', staffToken, body),
      await viaNats(ContractsStatisticsRpc.withdraw, staff, body),
    );
  });

  const badSubmissions: unknown[] = [
    {},
    { presaleNumber: PRESALE, months: [] },
    { presaleNumber: PRESALE, months: '2024-08' },
    { presaleNumber: PRESALE, months: ['2024-08', '2024-08'] },
    { presaleNumber: 'x', months: ['2024-08', '2024-8', '2024-13'] },
  ];

  it.each(badSubmissions)('statistic submit %j: same code and field list', async (body) => {
    same(
      await viaGateway('POST', '/api/v1/supervision/signing-statistics/submit', staffToken, body),
      await viaNats(ContractsStatisticsRpc.submit, staff, body),
    );
  });

  const badExplanations: Array<[string, Record<string, unknown>]> = [
    ['missing', {}],
    ['blank', { explanation: '   ' }],
    ['1001 characters', { explanation: 'x'.repeat(1001) }],
    ['a number', { explanation: 5 }],
    ['with an unknown field', { explanation: '已核实', extra: 1 }],
  ];

  it.each(badExplanations)('difference acknowledgement, explanation %s: same code and field list', async (_n, body) => {
    same(
      await viaGateway('POST', `/api/v1/supervision/reconciliation/${DIFFERENCE}/acknowledge`, staffToken, body),
      await viaNats(ReconciliationRpc.acknowledge, staff, { differenceId: DIFFERENCE, ...body }),
    );
  });

  const badCancellations: Array<[string, Record<string, unknown>]> = [
    ['missing', {}],
    ['empty', { reason: '' }],
    ['blank', { reason: '   ' }],
    ['501 characters', { reason: 'x'.repeat(501) }],
    ['a number', { reason: 7 }],
    ['with an unknown field', { reason: '协商解除', extra: 1 }],
  ];

  it.each(badCancellations)('contract filing cancellation, reason %s: same code and field list', async (_n, body) => {
    same(
      await viaGateway('POST', `/api/v1/contract-filings/${CONTRACT}/cancel`, signerToken, body),
      await viaNats(ContractsRpc.filingCancel, signer, { contractNumber: CONTRACT, ...body }),
    );
  });
});

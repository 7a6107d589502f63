import { Principal, Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}

const PERMIT = '430223202406200101';
const unit = (i: number): Record<string, unknown> => ({
  unitCode: `U${i}`,
  name: `${i}#栋`,
  floors: 3,
  floorArea: 100,
});

/**
 * One contract per message: the approval-system permit upsert body is the message class PermitUpsert
 * of @hn/messages, checked by the gateway on the HTTP body (with the path number) and again by the
 * permits service on its RPC payload (checkPermitUpsert), so a push sent straight over NATS is
 * refused with the same code, fields and wording as through the gateway.
 */
describe('permit upsert rules are the same at the gateway and in the service', () => {
  let platform: TestPlatform;
  let token: string;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const principal: Principal = {
    kind: 'integrator',
    id: 'direct-nats-caller',
    regions: ['430223'],
    scopes: ['approval:write'],
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    token = await platform.token(await platform.createIntegrator(['430223'], ['approval:write']));
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  const viaGateway = async (body: unknown): Promise<{ status: number; body: Problem & { outcome?: string } }> => {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/approval/construction-permits/${PERMIT}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Problem & { outcome?: string } };
  };
  const problemViaGateway = async (body: unknown): Promise<Problem> => {
    const res = await viaGateway(body);
    return { ...res.body, status: res.status };
  };

  const viaNats = async (body: unknown): Promise<Problem> => {
    try {
      await rpc.call(Rpc.permitUpsert, principal, { permitNumber: PERMIT, permit: body as never });
    } catch (err) {
      return (err as DomainException).problem as Problem;
    }
    throw new Error('the service accepted an invalid permit');
  };

  const bad: Array<[string, unknown]> = [
    [
      'every field wrong at once, disagreeing with the number',
      permitBody({
        projectCode: '2024-43',
        projectName: '   ',
        regionCode: '430224',
        projectType: 'SOLD',
        category: '',
        developerName: 42,
        developerCreditCode: '91430223MA4Q0ABC10',
        issueDate: '2024-06-21',
        startDate: '2027-01-01',
        plannedCompletionDate: '2026-12-31',
        fivePartyAcceptanceDate: '2024-02-30',
        completionFilingDate: 'soon',
        units: [
          { unitCode: 'A', name: '', floors: 0, floorArea: 0 },
          { unitCode: 'A', name: 'x', floors: 1, floorArea: 1.005 },
          { unitCode: 'bad code!', name: 'x'.repeat(101), floors: 201, floorArea: 10_000_001 },
          7,
        ],
      }),
    ],
    ['an empty body: every required field', {}],
    [
      'unknown fields, wrong nested types',
      permitBody({ hacker: true, units: [{ unitCode: 'A1', name: '1#', floors: 'three', floorArea: -1, extra: 1 }] }),
    ],
    ['units not an array', permitBody({ units: { unitCode: 'A1' } })],
    ['over 500 units', permitBody({ units: Array.from({ length: 501 }, (_, i) => unit(i)) })],
    ['an array instead of an object', [permitBody()]],
  ];

  it.each(bad)('%s: same status, problem code, field list and reasons', async (_name, body) => {
    const [gateway, service] = [await problemViaGateway(body), await viaNats(body)];
    expect(gateway).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(gateway.errors!.length).toBeGreaterThan(0);
    // one check in field order on both sides: the lists are equal as they come, not only as sets
    expect({ status: service.status, code: service.code, errors: service.errors }).toEqual({
      status: gateway.status,
      code: gateway.code,
      errors: gateway.errors,
    });
  });

  it('names every rule of the class and of the number in the one list', async () => {
    const problem = await problemViaGateway(bad[0]![1]);
    expect(problem.errors!.map((e) => e.field)).toEqual([
      'projectCode',
      'projectName',
      'regionCode',
      'projectType',
      'category',
      'developerName',
      'developerCreditCode',
      'issueDate',
      'plannedCompletionDate',
      'fivePartyAcceptanceDate',
      'completionFilingDate',
      'units[0].name',
      'units[0].floors',
      'units[0].floorArea',
      'units[1].floorArea',
      'units[1].unitCode',
      'units[2].unitCode',
      'units[2].name',
      'units[2].floors',
      'units[2].floorArea',
      'units[3]',
    ]);
    expect(problem.errors).toContainEqual({
      field: 'regionCode',
      reason: "区划须与证号前六位 430223 一致 (must match the number's region)",
    });
    expect(problem.errors).toContainEqual({
      field: 'units[1].unitCode',
      reason: '单体编码重复 A (duplicate unit code)',
    });
  });

  it('a valid body is accepted on both sides: created through the gateway, then unchanged over NATS', async () => {
    const body = permitBody();
    const created = await viaGateway(body);
    expect({ status: created.status, outcome: created.body.outcome }).toEqual({ status: 201, outcome: 'created' });
    const again = await rpc.call(Rpc.permitUpsert, principal, { permitNumber: PERMIT, permit: body as never });
    expect(again.outcome).toBe('unchanged');
  });
});

import { INestApplication } from '@nestjs/common';
import { PermitUpsertV1, Principal, Rpc, RpcDef } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createPermitsApp } from '../bootstrap';
import { validatePermitsConfig } from '../config/permits.config';
import { SandboxPermitsService } from './sandbox-permits.service';

const REAL = '430223202406200101';
const SANDBOX_ONLY = '430223202406209901';
const body = (overrides: Partial<PermitUpsertV1> = {}): PermitUpsertV1 => ({
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期（22#栋）',
  regionCode: '430223',
  projectType: 'PRESALE',
  developerName: '攸县锦绣置业有限公司',
  developerCreditCode: '91430223MA4Q0ABC1F',
  issueDate: '2024-06-20',
  startDate: '2024-07-01',
  plannedCompletionDate: '2026-12-31',
  fivePartyAcceptanceDate: null,
  completionFilingDate: null,
  units: [{ unitCode: '2024-430223-70-03-012345-DT022', name: '22#栋', floors: 33, floorArea: 12345.67 }],
  ...overrides,
});

describe(SandboxPermitsService.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const writer: Principal = {
    kind: 'integrator',
    id: 'approval-system',
    regions: ['430200'],
    scopes: ['approval:write', 'permits:read'],
  };
  const sandbox: Principal = {
    kind: 'integrator',
    id: 'vendor-sandbox',
    regions: ['430223'],
    scopes: ['approval:write', 'permits:read'],
    sandbox: true,
  };
  const sandboxElsewhere: Principal = { ...sandbox, id: 'changsha-sandbox', regions: ['430102'] };
  const reader: Principal = { kind: 'integrator', id: 'vendor-real', regions: ['430223'], scopes: ['permits:read'] };
  const call = <Res>(def: RpcDef<never, Res, 'principal'>, b: unknown, principal: Principal): Promise<Res> =>
    rpc.call(def, principal, b as never);
  const upsert = (permitNumber: string, b: PermitUpsertV1, principal: Principal) =>
    call(Rpc.permitUpsert, { permitNumber, permit: b }, principal);
  const get = (permitNumber: string, principal: Principal) => call(Rpc.permitGet, { permitNumber }, principal);
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: unknown }
    ).problem;
  /** count and checksum of every real table a push could touch, and of the outbox */
  const production = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const [table, order] of [
      ['project', 'project_code'],
      ['construction_permit', 'permit_number'],
      ['building_unit', 'permit_number, unit_code'],
      ['e_license_file', 'permit_number'],
      ['outbox_event', 'id'],
    ] as const) {
      const value = table === 'outbox_event' ? '(t.id, t.stream_subject, t.payload)::text' : 't::text'; // not the relay's published_at
      const [row] = (await dataSource.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(${value}, '|' ORDER BY ${order}), '')) AS sum FROM ${table} t`,
      )) as Array<{ n: number; sum: string }>;
      out[table] = `${row!.n}:${row!.sum}`;
    }
    return out;
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_permits_sandbox');
    dropDb = db.drop;
    app = await createPermitsApp(
      validatePermitsConfig({
        DATABASE_URL: db.serverUrl,
        PERMITS_DB_NAME: db.name,
        NATS_URL: nats.url,
        PERMITS_PORT: '0',
        LOG_LEVEL: 'warn',
      }),
    );
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    expect((await upsert(REAL, body(), writer)).outcome).toBe('created');
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('writes a sandbox push of a real number into the sandbox space only: no real row, no event', async () => {
    const before = await production();
    const pushed = await upsert(
      REAL,
      body({
        projectName: '沙箱改名',
        projectType: 'OTHER',
        units: [{ unitCode: 'SANDBOX-UNIT-1', name: '1#', floors: 2, floorArea: 10 }],
      }),
      sandbox,
    );
    expect(pushed.outcome).toBe('created');
    expect(pushed.permit).toMatchObject({
      permitNumber: REAL,
      projectName: '沙箱改名',
      projectType: 'OTHER',
      sandbox: true,
    });
    expect(await production()).toEqual(before);
    // the real permit is unchanged for real credentials, and carries no sandbox field
    const real = await get(REAL, reader);
    expect(real).toMatchObject({ projectName: '锦绣星城三期（22#栋）', projectType: 'PRESALE' });
    expect(real).not.toHaveProperty('sandbox');
    // the sandbox sees its own version (the overlay wins for the number), units included
    expect(await get(REAL, sandbox)).toMatchObject({ projectName: '沙箱改名', projectType: 'OTHER', sandbox: true });
    expect(await call(Rpc.permitUnits, { permitNumber: REAL }, sandbox)).toEqual([
      { unitCode: 'SANDBOX-UNIT-1', name: '1#', floors: 2, floorArea: 10 },
    ]);
    expect(await call(Rpc.permitUnits, { permitNumber: REAL }, reader)).toEqual([body().units[0]]);
  });

  it('creates, repeats and updates sandbox-only permits, invisible to real credentials', async () => {
    const before = await production();
    const sandboxBody = body({
      projectCode: '2024-430223-70-03-099001',
      projectName: '联调测试项目',
      units: [{ unitCode: 'SB-DT001', name: '1#栋', floors: 18, floorArea: 9000.5 }],
    });
    expect(await upsert(SANDBOX_ONLY, sandboxBody, sandbox)).toMatchObject({
      outcome: 'created',
      permit: { sandbox: true, projectType: 'PRESALE' },
    });
    expect((await upsert(SANDBOX_ONLY, sandboxBody, sandbox)).outcome).toBe('unchanged');
    expect(
      (await upsert(SANDBOX_ONLY, { ...sandboxBody, fivePartyAcceptanceDate: '2025-01-02' }, sandbox)).outcome,
    ).toBe('updated');
    expect(await get(SANDBOX_ONLY, sandbox)).toMatchObject({
      permitNumber: SANDBOX_ONLY,
      fivePartyAcceptanceDate: '2025-01-02',
      sandbox: true,
    });
    expect(await problemOf(get(SANDBOX_ONLY, reader))).toMatchObject({ status: 404, code: 'PERMIT_NOT_FOUND' });
    expect(await problemOf(call(Rpc.permitUnits, { permitNumber: SANDBOX_ONLY }, reader))).toMatchObject({
      status: 404,
    });
    const pdf = await call(Rpc.permitELicense, { permitNumber: SANDBOX_ONLY }, sandbox);
    expect(Buffer.from(pdf.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await problemOf(call(Rpc.permitELicense, { permitNumber: SANDBOX_ONLY }, reader))).toMatchObject({
      status: 404,
    });
    expect(await production()).toEqual(before);
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE payload::text LIKE '%${SANDBOX_ONLY}%'`,
    )) as Array<{ n: number }>;
    expect(n).toBe(0);
  });

  it('searches real permits with the sandbox laid over them for sandbox credentials only', async () => {
    await upsert(
      '430223202406209801',
      body({ projectCode: '2024-430223-70-03-099002', projectName: '锦绣星城沙箱期' }),
      sandbox,
    );
    const search = (projectName: string, principal: Principal) =>
      call(Rpc.permitSearch, { projectName, page: 1, pageSize: 20 }, principal);
    const real = await search('锦绣', reader);
    expect(real.items.map((p) => p.permitNumber)).toEqual([REAL]);
    expect(real.items[0]).not.toHaveProperty('sandbox');
    const seen = await search('锦绣', sandbox);
    expect(seen.total).toBe(1); // REAL is shadowed by its sandbox version (沙箱改名), which does not match
    expect(seen.items.map((p) => [p.permitNumber, p.sandbox])).toEqual([['430223202406209801', true]]);
    const renamed = await search('沙箱', sandbox);
    expect(renamed.items.map((p) => p.permitNumber).sort()).toEqual(['430223202406209801', REAL].sort());
    expect(renamed.items.every((p) => p.sandbox === true)).toBe(true);
    expect((await search('沙箱', reader)).total).toBe(0);
    expect((await search('联调测试', sandbox)).items.map((p) => p.permitNumber)).toEqual([SANDBOX_ONLY]);
  });

  it('keeps region scope for sandbox credentials', async () => {
    const before = await production();
    expect(await problemOf(upsert('430223202406209701', body(), sandboxElsewhere))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await problemOf(get(SANDBOX_ONLY, sandboxElsewhere))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await production()).toEqual(before);
  });
});

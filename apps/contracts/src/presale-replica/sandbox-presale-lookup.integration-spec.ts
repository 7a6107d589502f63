import { INestApplication } from '@nestjs/common';
import { ContractFilingSubmissionV1, ErrorCode, PresalePermitV1, Principal, Rpc, RpcRequest } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, JSONCodec, NatsConnection, Subscription } from 'nats';
import { DataSource } from 'typeorm';
import { createContractsApp } from '../bootstrap';
import { validateContractsConfig } from '../config/contracts.config';
import { PRESALE, submission } from '../../test/contract-filing.fixtures';
import { SandboxPresaleLookup } from './sandbox-presale-lookup';

/** a presale number the sandbox issued and the real platform never did */
const SANDBOX_ONLY = '430223202406209901-Y01';

/**
 * Sandbox filings against the presale service's sandbox numbers. The presale service is stood in for
 * by a responder on the same (real) NATS subject, in its queue group, answering like the real one:
 * sandbox principals see sandbox records only.
 */
describe(SandboxPresaleLookup.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  let presaleService: Subscription | null = null;
  const county: Principal = {
    kind: 'integrator',
    id: 'signing-vendor-a',
    regions: ['430223'],
    scopes: ['contracts:issue'],
  };
  const sandboxed: Principal = { ...county, id: 'signing-vendor-sandbox', sandbox: true };
  /** the sandbox's presale permits, as the presale service answers a sandbox principal */
  const sandboxPermits = new Map<string, Partial<PresalePermitV1>>();
  const asked: Principal[] = [];
  const file = (body: ContractFilingSubmissionV1, principal = county) =>
    rpc.call(Rpc.contractFilingIssue, principal, { idempotencyKey: randomUUID(), submission: body });
  const cancel = (contractNumber: string, principal = county) =>
    rpc.call(Rpc.contractFilingCancel, principal, { contractNumber, reason: '联调注销' });
  const get = (contractNumber: string, principal = county) =>
    rpc.call(Rpc.contractFilingGet, principal, { contractNumber });
  const room = (roomNumber: string, presaleNumber = PRESALE) =>
    submission({ presaleNumber, rooms: [{ roomNumber, floor: 1, floorArea: 89.5 }] });
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: unknown }
    ).problem;
  /** count and checksum of the real (sandbox = false) rows and of the outbox (its rows, not their relay state) */
  const production = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const [table, where, order] of [
      ['contract_filing', 'NOT sandbox', 'contract_number'],
      ['contract_room', 'NOT sandbox', 'contract_number, position'],
      ['contract_buyer', 'NOT sandbox', 'contract_number, position'],
      ['contract_serial_counter', 'NOT sandbox', 'presale_number'],
      ['presale_replica', 'true', 'presale_number'],
      ['outbox_event', 'true', 'id'],
    ] as const) {
      const value = table === 'outbox_event' ? '(t.id, t.stream_subject, t.payload)::text' : 't::text';
      const [row] = (await dataSource.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(${value}, '|' ORDER BY ${order}), '')) AS sum FROM ${table} t WHERE ${where}`,
      )) as Array<{ n: number; sum: string }>;
      out[table] = `${row!.n}:${row!.sum}`;
    }
    return out;
  };

  const startPresaleStandIn = (): void => {
    const codec = JSONCodec<{ id: string; data: RpcRequest<{ presaleNumber: string }> }>();
    const reply = JSONCodec<unknown>();
    presaleService = nc.subscribe(Rpc.presaleGet.subject, {
      queue: 'presale',
      callback: (_err, msg) => {
        const packet = codec.decode(msg.data);
        asked.push(packet.data.principal);
        const found =
          packet.data.principal.sandbox === true ? sandboxPermits.get(packet.data.body.presaleNumber) : undefined;
        const notFound = { status: 404, code: ErrorCode.PRESALE_NOT_FOUND, title: 'Not Found', detail: 'not found' };
        msg.respond(
          reply.encode(
            found
              ? { id: packet.id, response: found, isDisposed: true }
              : { id: packet.id, err: notFound, isDisposed: true },
          ),
        );
      },
    });
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_contracts_sandbox');
    dropDb = db.drop;
    app = await createContractsApp(
      validateContractsConfig({
        DATABASE_URL: db.serverUrl,
        CONTRACTS_DB_NAME: db.name,
        NATS_URL: nats.url,
        CONTRACTS_PORT: '0',
        CONTRACTS_PII_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      }),
    );
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    // the real replica (normally fed by hn.presale.* events) knows the real PRESALE only
    await dataSource.query(
      `INSERT INTO presale_replica (presale_number, region_code, project_code, project_name, buildings, issue_date, status, source_time)
       VALUES ($1, '430223', 'P1', '锦绣星城三期', ARRAY['22#'], '2024-08-15', 'VALID', now())`,
      [PRESALE],
    );
    const sandboxPermit = {
      regionCode: '430223',
      projectCode: 'P1',
      projectName: '锦绣星城三期',
      buildings: [' 22# '],
      issueDate: '2024-08-15',
      status: 'VALID' as const,
      sandbox: true,
    };
    sandboxPermits.set(SANDBOX_ONLY, { ...sandboxPermit, presaleNumber: SANDBOX_ONLY });
    startPresaleStandIn();
  });

  afterAll(async () => {
    presaleService?.unsubscribe();
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('refuses a sandbox filing on a real presale number the sandbox never issued (404), leaving every real row alone', async () => {
    const before = await production();
    expect(await problemOf(file(room('1-101'), sandboxed))).toMatchObject({ status: 404, code: 'PRESALE_NOT_FOUND' });
    expect(await production()).toEqual(before);
    expect(asked.every((p) => p.sandbox === true)).toBe(true);
  });

  it('files against sandbox-only presale numbers in their own serial and room space, without events; real filings never see them', async () => {
    const before = await production();
    const first = await file(room('1-101', SANDBOX_ONLY), sandboxed);
    expect(first).toMatchObject({
      contractNumber: `${SANDBOX_ONLY}-B0001`,
      sandbox: true,
      filing: { sandbox: true, serial: 1, regionCode: '430223', projectCode: 'P1' },
    });
    expect(await problemOf(file(room('1-101', SANDBOX_ONLY), sandboxed))).toMatchObject({
      status: 409,
      code: 'ROOM_ALREADY_FILED',
    });
    expect(await problemOf(file(submission({ presaleNumber: SANDBOX_ONLY, building: '9#' }), sandboxed))).toMatchObject(
      { status: 422, code: 'BUILDING_NOT_IN_PRESALE' },
    );
    expect((await cancel(first.contractNumber, sandboxed)).status).toBe('CANCELLED');
    expect((await file(room('1-101', SANDBOX_ONLY), sandboxed)).contractNumber).toBe(`${SANDBOX_ONLY}-B0002`);
    expect(await production()).toEqual(before);
    // a real credential: the sandbox number is unknown, the sandbox filing does not exist
    expect(await problemOf(file(room('1-101', SANDBOX_ONLY)))).toMatchObject({
      status: 404,
      code: 'PRESALE_NOT_FOUND',
    });
    expect(await problemOf(get(first.contractNumber))).toMatchObject({ status: 404, code: 'CONTRACT_NOT_FOUND' });
    expect(await problemOf(cancel(first.contractNumber))).toMatchObject({ status: 404, code: 'CONTRACT_NOT_FOUND' });
    expect(await production()).toEqual(before);
  });

  it('keeps real filings on the local replica with no round trip, and sandbox cancellation away from real filings', async () => {
    const askedBefore = asked.length;
    const real = await file(room('2-201'));
    expect(real).toMatchObject({ contractNumber: `${PRESALE}-B0001`, sandbox: false });
    expect(asked.length).toBe(askedBefore);
    const before = await production();
    expect(await problemOf(cancel(real.contractNumber, sandboxed))).toMatchObject({
      status: 404,
      code: 'CONTRACT_NOT_FOUND',
    });
    expect(await production()).toEqual(before);
    expect((await get(real.contractNumber)).status).toBe('ACTIVE');
  });

  it('answers 503 for sandbox filings while presale is down; real filings go on', async () => {
    presaleService?.unsubscribe();
    try {
      expect(await problemOf(file(room('3-301', SANDBOX_ONLY), sandboxed))).toMatchObject({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
      });
      expect((await file(room('3-301'))).sandbox).toBe(false);
    } finally {
      startPresaleStandIn();
    }
  });
});

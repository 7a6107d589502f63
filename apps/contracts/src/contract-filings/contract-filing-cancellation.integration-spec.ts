import { INestApplication } from '@nestjs/common';
import {
  CloudEvent,
  ContractFilingCancelledEvent,
  ContractFilingFiledEvent,
  ContractFilingSubmissionV1,
  ContractFilingV1,
  ContractsEvents,
  PresaleEvents,
  PresalePermitIssuedV1,
  PresalePermitV1,
  Principal,
  Rpc,
  validateEvent,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess, presalePermitFixture, waitFor } from '@hn/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createContractsApp } from '../bootstrap';
import { validateContractsConfig } from '../config/contracts.config';
import { maskIdNumber } from '@hn/pii';
import { BUYER_ID, BUYER_PHONE, PRESALE, submission } from '../../test/contract-filing.fixtures';
import { ContractFilingCancellationService } from './contract-filing-cancellation.service';

describe(ContractFilingCancellationService.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const county: Principal = {
    kind: 'integrator',
    id: 'signing-vendor-a',
    regions: ['430223'],
    scopes: ['contracts:issue'],
  };
  const city: Principal = { kind: 'staff', id: 'zhuzhou-staff', regions: ['430200'], scopes: ['pii:read'] };
  const elsewhere: Principal = { ...county, id: 'changsha-vendor', regions: ['430102'] };
  const sandboxed: Principal = { ...county, id: 'signing-vendor-sandbox', sandbox: true };
  const file = (body: ContractFilingSubmissionV1, principal = county) =>
    rpc.call(Rpc.contractFilingIssue, principal, { idempotencyKey: randomUUID(), submission: body });
  const get = (contractNumber: unknown, principal = county) =>
    rpc.call(Rpc.contractFilingGet, principal, { contractNumber } as never);
  const cancel = (contractNumber: string, reason: unknown, principal = county) =>
    rpc.call(Rpc.contractFilingCancel, principal, { contractNumber, reason } as never);
  const room = (roomNumber: string, presaleNumber = PRESALE) =>
    submission({ presaleNumber, rooms: [{ roomNumber, floor: 1, floorArea: 89.5 }] });
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: unknown }
    ).problem;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_contracts_cancel');
    dropDb = db.drop;
    const config = validateContractsConfig({
      DATABASE_URL: db.serverUrl,
      CONTRACTS_DB_NAME: db.name,
      NATS_URL: nats.url,
      CONTRACTS_PORT: '0',
      CONTRACTS_PII_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
    });
    app = await createContractsApp(config);
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    await dataSource.query(
      `INSERT INTO presale_replica VALUES ($1, '430223', 'P1', '锦绣星城三期', ARRAY['22#'], '2024-08-15', 'VALID', now())`,
      [PRESALE],
    );
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('reads a filing region-scoped, masked unless pii:read', async () => {
    const { contractNumber } = await file(room('1-101'));
    const masked = await get(contractNumber);
    expect(masked).toMatchObject({
      contractNumber,
      status: 'ACTIVE',
      piiMasked: true,
      cancellation: null,
      buyers: [{ idNumber: maskIdNumber(BUYER_ID) }, { type: 'ORGANIZATION' }],
    });
    expect(JSON.stringify(masked)).not.toContain(BUYER_ID);
    expect(await get(contractNumber, city)).toMatchObject({
      piiMasked: false,
      buyers: [{ idNumber: BUYER_ID, phone: BUYER_PHONE }, { type: 'ORGANIZATION' }],
    });
    expect(await problemOf(get(contractNumber, elsewhere))).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
    expect(await problemOf(get(`${PRESALE}-B0999`))).toMatchObject({ status: 404, code: 'CONTRACT_NOT_FOUND' });
    for (const bad of ['nope', `${PRESALE}-B0000`, `${PRESALE}-B12345`, 42, undefined])
      expect(await problemOf(get(bad))).toMatchObject({ status: 400, code: 'INVALID_CONTRACT_NUMBER' });
    expect(await problemOf(get(contractNumber, sandboxed))).toMatchObject({ status: 404, code: 'CONTRACT_NOT_FOUND' });
  });

  it('cancels: the number is kept, the room is free again under the NEXT number, a second cancel is 409', async () => {
    const first = await file(room('2-201'));
    const cancelled = await cancel(first.contractNumber, '买受人与开发企业协商一致解除合同');
    expect(cancelled).toMatchObject({
      contractNumber: first.contractNumber,
      status: 'CANCELLED',
      cancellation: { reason: '买受人与开发企业协商一致解除合同', cancelledBy: county.id },
      piiMasked: true,
    });
    expect(await get(first.contractNumber)).toMatchObject({
      status: 'CANCELLED',
      serial: first.filing.serial,
      cancellation: { reason: '买受人与开发企业协商一致解除合同' },
    });
    const again = await file(room('2-201'));
    expect(again.filing.serial).toBe(first.filing.serial + 1);
    expect(await problemOf(cancel(first.contractNumber, '再次注销'))).toMatchObject({
      status: 409,
      code: 'ALREADY_CANCELLED',
    });
    expect(await problemOf(file(room('2-201')))).toMatchObject({ status: 409, code: 'ROOM_ALREADY_FILED' });
  });

  it('validates the cancellation request', async () => {
    const { contractNumber } = await file(room('3-301'));
    for (const reason of ['', '   ', 'x'.repeat(501), undefined, 7])
      expect(await problemOf(cancel(contractNumber, reason))).toMatchObject({
        status: 422,
        code: 'INCOMPLETE_SUBMISSION',
        errors: [{ field: 'reason' }],
      });
    expect(await problemOf(cancel(contractNumber, '原因', elsewhere))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await problemOf(cancel('bad', '原因'))).toMatchObject({ status: 400, code: 'INVALID_CONTRACT_NUMBER' });
    expect(await problemOf(cancel(`${PRESALE}-B0999`, '原因'))).toMatchObject({
      status: 404,
      code: 'CONTRACT_NOT_FOUND',
    });
    expect(await get(contractNumber)).toMatchObject({ status: 'ACTIVE' });
  });

  it('cancels concurrently exactly once', async () => {
    const { contractNumber } = await file(room('4-401'));
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => cancel(contractNumber, '重复提交')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((x) => x.status === 'rejected'))
      expect((o as PromiseRejectedResult).reason).toMatchObject({
        problem: { status: 409, code: 'ALREADY_CANCELLED' },
      });
  });

  it('publishes filed and cancelled events (CloudEvents, masked) to HN_CONTRACTS', async () => {
    const { contractNumber } = await file(room('5-501'));
    await cancel(contractNumber, '网签撤销');
    const jsm = await nc.jetstreamManager();
    const codec = JSONCodec<CloudEvent<{ filing: ContractFilingV1 }>>();
    const seen = new Map<string, CloudEvent<{ filing: ContractFilingV1 }>>();
    await waitFor(
      async () => {
        const info = await jsm.streams.info(ContractsEvents.stream);
        for (let seq = 1; seq <= info.state.last_seq; seq++) {
          const m = await jsm.streams.getMessage(ContractsEvents.stream, { seq });
          const e = codec.decode(m.data);
          if (e.subject === contractNumber) seen.set(e.type, e);
        }
        return seen.size === 2;
      },
      { timeoutMs: 10_000, description: 'both events relayed' },
    );
    expect(seen.get(ContractsEvents.filingFiled)).toMatchObject({
      specversion: '1.0',
      source: '/hn/contracts',
      data: { filing: { contractNumber, status: 'ACTIVE', piiMasked: true } },
    });
    expect(seen.get(ContractsEvents.filingCancelled)).toMatchObject({
      data: { filing: { contractNumber, status: 'CANCELLED', cancellation: { reason: '网签撤销' } } },
    });
    // exactly the message classes a consumer validates with
    expect((await validateEvent(ContractFilingFiledEvent, seen.get(ContractsEvents.filingFiled)!.data)).errors).toEqual(
      [],
    );
    expect(
      (await validateEvent(ContractFilingCancelledEvent, seen.get(ContractsEvents.filingCancelled)!.data)).errors,
    ).toEqual([]);
    expect(JSON.stringify([...seen.values()])).not.toContain(BUYER_ID);
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE payload->'data'->'filing'->>'sandbox' = 'true'`,
    )) as Array<{ n: number }>;
    expect(n).toBe(0);
  });

  it('builds the presale replica from hn.presale.permit.issued.v1, ignoring sandbox permits and invalid events', async () => {
    const js = nc.jetstream();
    const permit = (presaleNumber: string, over: Partial<PresalePermitV1> = {}): PresalePermitV1 =>
      presalePermitFixture(presaleNumber, {
        projectCode: 'P9',
        projectName: '新项目',
        buildings: ['1#', '2#'],
        issueDate: '2024-08-20',
        ...over,
      });
    const publish = async (p: PresalePermitV1) => {
      const event: CloudEvent<PresalePermitIssuedV1> = {
        specversion: '1.0',
        id: randomUUID(),
        source: '/hn/presale',
        type: PresaleEvents.permitIssued,
        subject: p.presaleNumber,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        data: { permit: p },
      };
      await js.publish(PresaleEvents.permitIssued, JSON.stringify(event), { msgID: event.id });
    };
    await publish(permit('430223202407010101-Y02', { sandbox: true }));
    // skipped whole: its buildings are no list
    await publish(permit('430223202407010101-Y03', { buildings: '1#' as unknown as string[] }));
    await publish(permit('430223202407010101-Y01'));
    await waitFor(
      async () =>
        (
          (await dataSource.query(
            `SELECT 1 FROM presale_replica WHERE presale_number = '430223202407010101-Y01'`,
          )) as unknown[]
        ).length === 1,
      { timeoutMs: 10_000, description: 'replica row' },
    );
    expect(
      await dataSource.query(`SELECT buildings FROM presale_replica WHERE presale_number LIKE '430223202407010101-%'`),
    ).toEqual([{ buildings: ['1#', '2#'] }]);
    const issued = await file(submission({ presaleNumber: '430223202407010101-Y01', building: '2#' }));
    expect(issued.contractNumber).toBe('430223202407010101-Y01-B0001');
  });

  it('answers health over NATS', async () => {
    expect(await rpc.callPublic(Rpc.contractsHealth, {})).toMatchObject({ service: 'contracts', status: 'ok' });
  });
});

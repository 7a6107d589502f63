import { INestApplication } from '@nestjs/common';
import { ContractFilingIssuedV1, ContractFilingSubmissionV1, ContractsEvents, Principal, Rpc } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess, waitFor } from '@hn/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createContractsApp } from '../bootstrap';
import { validateContractsConfig } from '../config/contracts.config';
import { maskIdNumber, maskPhone } from '@hn/pii';
import { BUYER_ID, BUYER_PHONE, PRESALE, submission } from '../../test/contract-filing.fixtures';
import { ContractFilingIssuanceService } from './contract-filing-issuance.service';

const HOT = '430223202406200101-Y02'; // 50 concurrent filings
const RACE = '430223202406200101-Y03'; // concurrent filings of one room
const FULL = '430223202406200101-Y04'; // serial exhaustion
const LATE = '430223202406200101-Y05'; // issued after some filing dates
const HELD = '430223202406200101-Y06'; // a filing held open in another transaction

describe(ContractFilingIssuanceService.name, () => {
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
  const reader: Principal = { ...county, id: 'signing-vendor-pii', scopes: ['contracts:issue', 'pii:read'] };
  const file = (key: string, body: ContractFilingSubmissionV1 = submission(), principal = county) =>
    rpc.call(Rpc.contractFilingIssue, principal, { idempotencyKey: key, submission: body });
  const room = (roomNumber: string, presaleNumber = PRESALE) =>
    submission({ presaleNumber, rooms: [{ roomNumber, floor: 1, floorArea: 89.5 }] });
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: { status: number; code: string; errors?: Array<{ field: string }> } | null }
    ).problem;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_contracts');
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
    rpc = new RpcClient(nc, { timeoutMs: 20_000 });
    // The replica is normally fed by presale events; seed it directly here.
    await dataSource.query(
      `INSERT INTO presale_replica VALUES ($1, '430223', 'P1', '锦绣星城三期', ARRAY['22#','23#'], '2024-08-15', 'VALID', now()),
         ($2, '430223', 'P1', '锦绣星城三期', ARRAY['22#'], '2024-08-15', 'VALID', now()),
         ($3, '430223', 'P1', '锦绣星城三期', ARRAY['22#'], '2024-08-15', 'VALID', now()),
         ($4, '430223', 'P1', '锦绣星城三期', ARRAY['22#'], '2024-08-15', 'VALID', now()),
         ($5, '430223', 'P1', '锦绣星城三期', ARRAY['22#'], '2024-09-10', 'VALID', now()),
         ($6, '430223', 'P1', '锦绣星城三期', ARRAY['22#'], '2024-08-15', 'VALID', now())`,
      [PRESALE, HOT, RACE, FULL, LATE, HELD],
    );
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('files B0001 with masked buyers and a masked filed event', async () => {
    const issued = await file(randomUUID());
    expect(issued.contractNumber).toBe(`${PRESALE}-B0001`);
    expect(issued.filing).toMatchObject({
      contractNumber: `${PRESALE}-B0001`,
      serial: 1,
      status: 'ACTIVE',
      sandbox: false,
      regionCode: '430223',
      projectCode: 'P1',
      piiMasked: true,
      payment: { method: 'COMBINED' },
    });
    expect(issued.filing.buyers[0]).toMatchObject({ idNumber: maskIdNumber(BUYER_ID), phone: maskPhone(BUYER_PHONE) });
    expect(maskIdNumber(BUYER_ID)).toMatch(/^430223\*{8}\d{3}[\dX]$/);
    const [event] = (await dataSource.query(
      `SELECT stream_subject, payload FROM outbox_event WHERE payload->>'subject' = $1`,
      [issued.contractNumber],
    )) as Array<{
      stream_subject: string;
      payload: { type: string; data: { filing: { contractNumber: string; buyers: Array<{ idNumber?: string }> } } };
    }>;
    expect(event).toMatchObject({
      stream_subject: ContractsEvents.filingFiled,
      payload: { type: ContractsEvents.filingFiled, data: { filing: { contractNumber: issued.contractNumber } } },
    });
    expect(event!.payload.data.filing.buyers[0]!.idNumber).toBe(maskIdNumber(BUYER_ID));
  });

  it('keeps ID and phone numbers only encrypted at rest, clear for pii:read callers', async () => {
    const issued = await file(randomUUID(), room('2-201'), reader);
    expect(issued.filing.piiMasked).toBe(false);
    expect(issued.filing.buyers[0]).toMatchObject({ idNumber: BUYER_ID, phone: BUYER_PHONE });
    for (const table of ['contract_buyer', 'contract_filing', 'contract_room', 'idempotency_key', 'outbox_event']) {
      const [{ text }] = (await dataSource.query(
        `SELECT coalesce(string_agg(t::text, E'\\n'), '') AS text FROM ${table} t`,
      )) as Array<{ text: string }>;
      expect(text).not.toContain(BUYER_ID);
      expect(text).not.toContain(BUYER_PHONE);
    }
    const [row] = (await dataSource.query(
      `SELECT id_number_ct, id_number_iv, id_number_tag, id_number_hmac, pii_key_id FROM contract_buyer WHERE contract_number = $1 AND position = 0`,
      [issued.contractNumber],
    )) as Array<Record<string, Buffer>>;
    expect(row!['id_number_iv']).toHaveLength(12);
    expect(row!['id_number_tag']).toHaveLength(16);
    expect(row!['id_number_hmac']).toHaveLength(32);
  });

  it('gives 50 concurrent filings on one presale permit B0001..B0050 without a gap', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => file(randomUUID(), room(`5-${i + 1}`, HOT))),
    );
    const serials = results.map((r) => Number(r.contractNumber.slice(-4))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.every((r) => r.contractNumber === `${HOT}-B${String(r.filing.serial).padStart(4, '0')}`)).toBe(true);
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM contract_filing WHERE presale_number = $1`,
      [HOT],
    )) as Array<{ n: number }>;
    expect(n).toBe(50);
  });

  it('replays the same key and body, refuses the same key with another body', async () => {
    const key = randomUUID();
    const first = await file(key, room('3-301'));
    expect(await file(key, room('3-301'))).toEqual(first);
    const clear = await file(key, room('3-301'), { ...county, scopes: ['contracts:issue', 'pii:read'] });
    expect(clear.contractNumber).toBe(first.contractNumber);
    expect(clear.filing.buyers[0]).toMatchObject({ idNumber: BUYER_ID });
    expect(await problemOf(file(key, room('3-302')))).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    // keys are scoped to the client: another client's same key files anew
    expect((await file(key, room('3-303'), { ...county, id: 'other-vendor' })).contractNumber).not.toBe(
      first.contractNumber,
    );
  });

  it('answers 409 for a key still in flight', async () => {
    const key = randomUUID();
    const outcomes = await Promise.allSettled([
      file(key, room('3-401')),
      file(key, room('3-401')),
      file(key, room('3-401')),
    ]);
    const numbers = new Set(
      outcomes
        .filter((o) => o.status === 'fulfilled')
        .map((o) => (o as PromiseFulfilledResult<ContractFilingIssuedV1>).value.contractNumber),
    );
    expect(numbers.size).toBe(1);
    for (const o of outcomes.filter((x) => x.status === 'rejected'))
      expect((o as PromiseRejectedResult).reason).toMatchObject({
        problem: { status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' },
      });
  });

  it('rejects each bad-input class with 4xx naming the field, consuming no serial', async () => {
    const before = await file(randomUUID(), room('4-100'));
    const bad: Array<[Partial<ContractFilingSubmissionV1>, string]> = [
      [{ presaleNumber: 'nope' }, 'presaleNumber'],
      [{ building: '' }, 'building'],
      [{ rooms: [] }, 'rooms'],
      [{ rooms: [{ roomNumber: '4-1', floor: 0, floorArea: 80 }] }, 'rooms[0].floor'],
      [{ address: '' }, 'address'],
      [
        {
          buyers: [
            {
              type: 'PERSON',
              name: '张三',
              idType: 'RESIDENT_ID',
              idNumber: BUYER_ID.slice(0, 17) + (BUYER_ID.endsWith('1') ? '2' : '1'),
              phone: BUYER_PHONE,
            },
          ],
        },
        'buyers[0].idNumber',
      ],
      [
        { buyers: [{ type: 'PERSON', name: '张三', idType: 'PASSPORT', idNumber: 'E1', phone: BUYER_PHONE }] },
        'buyers[0].idNumber',
      ],
      [
        { buyers: [{ type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: BUYER_ID, phone: '123' }] },
        'buyers[0].phone',
      ],
      [{ buyers: [{ type: 'ORGANIZATION', name: '公司', creditCode: '91430223MA4Q0ABC1Z' }] }, 'buyers[0].creditCode'],
      [{ contractAmount: 0 }, 'contractAmount'],
      [{ payment: { method: 'FULL', downPayment: 123_456_699, commercialLoan: 1 } }, 'payment.commercialLoan'],
      [{ payment: { method: 'FULL', downPayment: 100 } }, 'payment'],
      [{ filingDate: '2024-08-31' }, 'filingDate'],
      [{ filingDate: '2999-01-01' }, 'filingDate'],
      [{ document: { sha256: 'abc', fileName: 'c.pdf' } }, 'document.sha256'],
    ];
    for (const [override, field] of bad) {
      const problem = await problemOf(
        file(randomUUID(), submission({ rooms: [{ roomNumber: '4-1', floor: 4, floorArea: 80 }], ...override })),
      );
      expect(problem).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
      expect(problem!.errors!.map((e) => e.field)).toContain(field);
      expect(JSON.stringify(problem)).not.toContain(BUYER_ID);
    }
    expect(await problemOf(file(randomUUID(), submission({ presaleNumber: '430223202406200101-Y09' })))).toMatchObject({
      status: 404,
      code: 'PRESALE_NOT_FOUND',
    });
    expect(await problemOf(file(randomUUID(), submission({ building: '99#' })))).toMatchObject({
      status: 422,
      code: 'BUILDING_NOT_IN_PRESALE',
    });
    expect(await problemOf(file(randomUUID(), room('4-2', LATE)))).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [{ field: 'filingDate' }],
    });
    expect(await problemOf(file(randomUUID(), room('4-3'), { ...county, regions: ['430102'] }))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await problemOf(file('', room('4-4')))).toMatchObject({
      status: 422,
      errors: [{ field: 'Idempotency-Key' }],
    });
    const after = await file(randomUUID(), room('4-101'));
    expect(after.filing.serial).toBe(before.filing.serial + 1);
  });

  it('refuses a second filing of the same room with 409 ROOM_ALREADY_FILED', async () => {
    const first = await file(randomUUID(), room('6-601'));
    const problem = await problemOf(
      file(
        randomUUID(),
        submission({
          rooms: [
            { roomNumber: '6-602', floor: 6, floorArea: 90 },
            { roomNumber: '6-601', floor: 6, floorArea: 90 },
          ],
        }),
      ),
    );
    expect(problem).toMatchObject({ status: 409, code: 'ROOM_ALREADY_FILED' });
    expect(JSON.stringify(problem)).toContain(first.contractNumber);
    // the same room number in another building is another room
    expect(
      (
        await file(
          randomUUID(),
          submission({ building: '23#', rooms: [{ roomNumber: '6-601', floor: 6, floorArea: 90 }] }),
        )
      ).contractNumber,
    ).toMatch(/-B\d{4}$/);
  });

  it('lets exactly one of concurrent filings of the same room win, without a gap', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () => file(randomUUID(), room('7-701', RACE))),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled') as Array<
      PromiseFulfilledResult<ContractFilingIssuedV1>
    >;
    expect(won).toHaveLength(1);
    expect(won[0]!.value.contractNumber).toBe(`${RACE}-B0001`);
    for (const o of outcomes.filter((x) => x.status === 'rejected'))
      expect((o as PromiseRejectedResult).reason).toMatchObject({
        problem: { status: 409, code: 'ROOM_ALREADY_FILED' },
      });
    expect((await file(randomUUID(), room('7-702', RACE))).contractNumber).toBe(`${RACE}-B0002`);
  });

  it('lets the active-room index decide a race the pre-check cannot see', async () => {
    // Another filing of room 7-801 is in flight: counter row, filing and room written, not committed.
    const held = dataSource.createQueryRunner();
    await held.connect();
    await held.startTransaction();
    await held.query(`INSERT INTO contract_serial_counter VALUES ($1, false, 2)`, [HELD]);
    await held.query(
      `INSERT INTO contract_filing (sandbox, contract_number, presale_number, serial, region_code, project_code, building, client_id, filing_date, contract_amount, record, filed_at)
       VALUES (false, $1 || '-B0001', $1, 1, '430223', 'P1', '22#', 'held', '2024-09-02', 1, '{}', now())`,
      [HELD],
    );
    await held.query(`INSERT INTO contract_room VALUES (false, $1 || '-B0001', 0, $1, '22#', '7-801', 7, 90, true)`, [
      HELD,
    ]);
    const pending = problemOf(file(randomUUID(), room('7-801', HELD)));
    await waitFor(
      async () =>
        (
          (await dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )) as Array<{ n: number }>
        )[0]!.n > 0,
      { description: 'the filing waits for the counter row' },
    );
    await held.commitTransaction();
    await held.release();
    expect(await pending).toMatchObject({
      status: 409,
      code: 'ROOM_ALREADY_FILED',
      errors: [{ field: 'rooms', reason: expect.stringContaining(`${HELD}-B0001`) }],
    });
    expect((await file(randomUUID(), room('7-802', HELD))).contractNumber).toBe(`${HELD}-B0002`);
  });

  it('refuses the 10 000th number with 409 SERIAL_EXHAUSTED', async () => {
    await dataSource.query(
      `INSERT INTO contract_serial_counter (presale_number, sandbox, next_serial) VALUES ($1, false, 9999)`,
      [FULL],
    );
    expect((await file(randomUUID(), room('8-1', FULL))).contractNumber).toBe(`${FULL}-B9999`);
    expect(await problemOf(file(randomUUID(), room('8-2', FULL)))).toMatchObject({
      status: 409,
      code: 'SERIAL_EXHAUSTED',
    });
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM contract_filing WHERE presale_number = $1`,
      [FULL],
    )) as Array<{ n: number }>;
    expect(n).toBe(1);
  });
});

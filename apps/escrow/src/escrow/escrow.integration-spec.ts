import { INestApplication } from '@nestjs/common';
import {
  CloudEvent,
  EscrowEvents,
  EscrowRecordCorrectedEvent,
  EscrowRecordedEvent,
  EscrowRecordInputV1,
  EscrowRecordV1,
  Headers,
  PresaleBackfillEvents,
  PresalePermitV1,
  Principal,
  RecordCorrectedV1,
  Rpc,
  RpcDef,
  validateEvent,
} from '@hn/messages';
import { ScanStaging } from '@hn/documents';
import { RpcClient } from '@hn/messaging';
import { buildCloudEvent } from '@hn/eventing';
import { createTestDatabase, NatsServerProcess, presalePermitFixture, waitFor } from '@hn/testing';
import { connect, headers, JSONCodec, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createEscrowApp } from '../bootstrap';
import { validateEscrowConfig } from '../config/escrow.config';
import { EscrowRecordsService } from './escrow-records.service';

const STOCK = '430223202306150101-Z01'; // 攸县, issued 2023-06-15
const SECOND = '430223202306150101-Z02';
const OTHER = '430102202301100101-Z01'; // 芙蓉区
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 1)]);

const permit = (
  presaleNumber: string,
  regionCode: string,
  projectName: string,
  issueDate: string,
  over: Partial<PresalePermitV1> = {},
) =>
  presalePermitFixture(presaleNumber, {
    projectCode: `2023-${regionCode}-70-03-000001`,
    projectName,
    developer: { name: `${projectName}置业有限公司`, creditCode: '91430223MA4Q0ABC1X' },
    issueDate,
    ...over,
  });

describe(EscrowRecordsService.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let staging: ScanStaging;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const clerk: Principal = {
    kind: 'staff',
    id: 'youxian-clerk',
    regions: ['430223'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };
  const colleague: Principal = { ...clerk, id: 'youxian-clerk-2' };
  const city: Principal = {
    kind: 'staff',
    id: 'zhuzhou-staff',
    regions: ['430200'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'CITY',
  };
  const changsha: Principal = {
    kind: 'staff',
    id: 'furong-staff',
    regions: ['430102'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  };
  const admin: Principal = {
    kind: 'staff',
    id: 'province-admin',
    regions: ['430000'],
    scopes: ['supervision:read', 'supervision:write', 'supervision:correct'],
    role: 'ADMIN',
  };
  const vendor: Principal = { kind: 'integrator', id: 'vendor-a', regions: ['430223'], scopes: ['permits:read'] };
  const record = (over: Partial<EscrowRecordInputV1> = {}): EscrowRecordInputV1 => ({
    capitalGuaranteeAmount: 150_000_000,
    commitmentLetter: false,
    fundSupervision: true,
    bank: '中国建设银行攸县支行',
    account: '43050162123400000123',
    balance: 8_765_432_100,
    balanceAsOf: '2024-12-31',
    ...over,
  });
  /** Bodies go out as given (some deliberately invalid): the service validates them. */
  const call = <Res>(def: RpcDef<never, Res, 'principal'>, body: unknown, principal: Principal = clerk): Promise<Res> =>
    rpc.call(def, principal, body as never);
  const put = (presaleNumber: string, body: unknown, principal = clerk) =>
    call(Rpc.escrowPut, { presaleNumber, record: body }, principal);
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: { status: number; code: string; errors?: Array<{ field: string; reason?: string }> } | null }
    ).problem;
  const publish = async (type: string, subject: string, data: unknown, time?: Date) => {
    const event = buildCloudEvent({ source: '/hn/presale', type, subject, data, ...(time ? { time } : {}) });
    const h = headers();
    h.set(Headers.msgId, event.id);
    await nc.jetstream().publish(type, JSONCodec().encode(event), { headers: h });
    return event;
  };
  const replica = (presaleNumber: string) =>
    dataSource.query(
      `SELECT region_code, project_name, developer_name, to_char(issue_date, 'YYYY-MM-DD') AS issue_date, status FROM presale_replica WHERE presale_number = $1`,
      [presaleNumber],
    ) as Promise<Array<Record<string, string>>>;
  const count = async (sql: string, params: unknown[] = []) =>
    ((await dataSource.query(sql, params)) as Array<{ n: number }>)[0]!.n;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_escrow');
    dropDb = db.drop;
    app = await createEscrowApp(
      validateEscrowConfig({
        DATABASE_URL: db.serverUrl,
        ESCROW_DB_NAME: db.name,
        NATS_URL: nats.url,
        ESCROW_PORT: '0',
        LOG_LEVEL: 'warn',
      }),
    );
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 20_000 });
    staging = new ScanStaging(nc);
    await publish(PresaleBackfillEvents.permitBackfilled, STOCK, {
      permit: permit(STOCK, '430223', '锦绣星城一期', '2023-06-15'),
      backfilledBy: 'youxian-clerk',
    });
    await publish(PresaleBackfillEvents.permitBackfilled, SECOND, {
      permit: permit(SECOND, '430223', '锦绣星城二期', '2023-06-15'),
      backfilledBy: 'youxian-clerk',
    });
    await publish(PresaleBackfillEvents.permitBackfilled, OTHER, {
      permit: permit(OTHER, '430102', '芙蓉华庭', '2023-01-10'),
      backfilledBy: 'furong-staff',
    });
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM presale_replica`)) === 3, {
      timeoutMs: 15_000,
      description: 'replica of 3 permits',
    });
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('keeps a replica of backfilled permits from presale events: corrections win, stale, duplicate and Y events do not', async () => {
    expect(await replica(STOCK)).toEqual([
      {
        region_code: '430223',
        project_name: '锦绣星城一期',
        developer_name: '锦绣星城一期置业有限公司',
        issue_date: '2023-06-15',
        status: 'VALID',
      },
    ]);
    const corrected: RecordCorrectedV1 = {
      recordType: 'PRESALE_PERMIT',
      recordKey: SECOND,
      regionCode: '430223',
      reason: '项目名称有误',
      documentNumber: '湘建房函〔2024〕3号',
      reportSha256: 'a'.repeat(64),
      correctedBy: 'province-admin',
      correctedAt: new Date().toISOString(),
      before: permit(SECOND, '430223', '锦绣星城二期', '2023-06-15'),
      after: permit(SECOND, '430223', '锦绣星城二期（更正）', '2023-06-15', { status: 'CORRECTED' }),
    };
    const event = await publish(PresaleBackfillEvents.permitCorrected, SECOND, corrected);
    await waitFor(async () => (await replica(SECOND))[0]?.status === 'CORRECTED', {
      timeoutMs: 10_000,
      description: 'correction applied',
    });
    // an older event (late redelivery) does not undo the correction; a republished id is skipped
    await publish(
      PresaleBackfillEvents.permitBackfilled,
      SECOND,
      { permit: permit(SECOND, '430223', '旧名称', '2023-06-15'), backfilledBy: 'x' },
      new Date(Date.now() - 3_600_000),
    );
    const h = headers();
    h.set(Headers.msgId, `${event.id}`);
    await nc.jetstream().publish(PresaleBackfillEvents.permitCorrected, JSONCodec().encode(event), { headers: h });
    await publish('hn.presale.permit.issued.v1', '430223202408150101-Y01', {
      permit: permit('430223202408150101-Y01', '430223', 'Y 证', '2024-08-15'),
    });
    // skipped whole (logged): a correction whose corrected permit has no issue date
    const { issueDate: _d, ...undated } = permit(SECOND, '430223', '无日期', '2023-06-15');
    await publish(PresaleBackfillEvents.permitCorrected, SECOND, { ...corrected, after: undated });
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM inbox_event`)) >= 7, {
      timeoutMs: 10_000,
      description: 'all events handled',
    });
    expect((await replica(SECOND))[0]).toMatchObject({ project_name: '锦绣星城二期（更正）', status: 'CORRECTED' });
    expect(await count(`SELECT count(*)::int AS n FROM presale_replica`)).toBe(3);
  });

  it("lists the backfilled permits of the caller's regions with their records, filtered by state and region", async () => {
    const page = await call(Rpc.escrowList, { page: 1, pageSize: 10 });
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 10 });
    expect(page.items.map((i) => [i.presaleNumber, i.record])).toEqual([
      [STOCK, null],
      [SECOND, null],
    ]);
    expect(page.items[0]).toMatchObject({
      regionCode: '430223',
      projectName: '锦绣星城一期',
      developerName: '锦绣星城一期置业有限公司',
      issueDate: '2023-06-15',
    });
    expect((await call(Rpc.escrowList, { page: 1, pageSize: 10 }, admin)).total).toBe(3);
    expect(
      (await call(Rpc.escrowList, { regionCode: '430102', page: 1, pageSize: 10 }, admin)).items.map(
        (i) => i.presaleNumber,
      ),
    ).toEqual([OTHER]);
    expect((await call(Rpc.escrowList, { regionCode: '430200', page: 1, pageSize: 10 }, city)).total).toBe(2);
    expect(await problemOf(call(Rpc.escrowList, { regionCode: '430102', page: 1, pageSize: 10 }))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    // a bad filter: 400 VALIDATION_FAILED as the gateway answers (Rpc.escrowList's class, EscrowListQuery)
    expect(await problemOf(call(Rpc.escrowList, { state: 'OPEN', page: 1, pageSize: 10 }))).toMatchObject({
      status: 400,
      errors: [{ field: 'state' }],
    });
    expect(await problemOf(call(Rpc.escrowList, { page: 1, pageSize: 10 }, vendor))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
  });

  it('refuses an invalid body of every entry before the handler runs, as the gateway answers it (the request classes)', async () => {
    const fieldsOf = async (p: Promise<unknown>) => {
      const problem = await problemOf(p);
      return { status: problem?.status, code: problem?.code, fields: (problem?.errors ?? []).map((e) => e.field) };
    };
    const badNumber = { status: 400, code: 'INVALID_PRESALE_NUMBER', fields: ['presaleNumber'] };
    const bad = '430223202306150101-Z00';
    expect(await fieldsOf(call(Rpc.escrowGet, { presaleNumber: bad }))).toEqual(badNumber);
    expect(await fieldsOf(call(Rpc.escrowVersions, { presaleNumber: bad }))).toEqual(badNumber);
    expect(await fieldsOf(call(Rpc.escrowGet, { presaleNumber: STOCK, extra: 1 }))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['extra'],
    });
    expect(await fieldsOf(put(bad, { balance: -1 }))).toEqual(badNumber);
    expect(
      await fieldsOf(put(STOCK, { ...record({ capitalGuaranteeAmount: null, account: '12ab' }), extra: 1 })),
    ).toEqual({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      fields: ['extra', 'capitalGuaranteeAmount', 'account'],
    });
    expect(await fieldsOf(call(Rpc.escrowCommitmentLetter, { presaleNumber: 'x', scan: {} }))).toEqual(badNumber);
    expect(await fieldsOf(call(Rpc.escrowWithdraw, { presaleNumber: 'x', extra: 1 }))).toEqual({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      fields: ['extra', 'presaleNumber'],
    });
    expect(await fieldsOf(call(Rpc.escrowSubmit, { presaleNumbers: [STOCK, 'x'] }))).toEqual({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      fields: ['presaleNumbers[1]'],
    });
    const correction = (presaleNumber: string) => ({
      presaleNumber,
      record: record({ balance: 1.5 }),
      report: { reason: ' ', documentNumber: '湘建房函〔2024〕12号', scan: {} },
    });
    expect(await fieldsOf(call(Rpc.escrowCorrect, correction(bad), admin))).toEqual(badNumber);
    expect(await fieldsOf(call(Rpc.escrowCorrect, correction(STOCK), admin))).toEqual({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      fields: ['reason', 'record.balance'],
    });
    // nothing was written by the refused bodies
    expect(await count(`SELECT count(*)::int AS n FROM escrow_record_version`)).toBe(0);
  });

  it('puts versions, keeps every one, ignores identical puts, and checks input, permit and region 录入与版本', async () => {
    expect(await put(STOCK, record())).toMatchObject({
      outcome: 'created',
      record: {
        presaleNumber: STOCK,
        regionCode: '430223',
        projectName: '锦绣星城一期',
        state: 'DRAFT',
        version: 1,
        enteredBy: clerk.id,
        balance: 8_765_432_100,
        commitmentLetterScan: null,
      },
    });
    expect((await put(STOCK, record())).outcome).toBe('unchanged');
    expect(
      await put(
        STOCK,
        record({
          capitalGuaranteeAmount: null,
          commitmentLetter: true,
          fundSupervision: false,
          bank: null,
          account: null,
        }),
        colleague,
      ),
    ).toMatchObject({
      outcome: 'updated',
      record: { version: 2, enteredBy: colleague.id, bank: null, capitalGuaranteeAmount: null },
    });
    const { versions } = await call(Rpc.escrowVersions, { presaleNumber: STOCK });
    expect(versions.map((v) => [v.version, v.enteredBy, v.fundSupervision, v.withdrawnAt, v.correction])).toEqual([
      [1, clerk.id, true, null, null],
      [2, colleague.id, false, null, null],
    ]);
    expect((await call(Rpc.escrowGet, { presaleNumber: STOCK })).version).toBe(2);
    expect(
      (await call(Rpc.escrowList, { state: 'DRAFT', page: 1, pageSize: 10 })).items.map((i) => i.presaleNumber),
    ).toEqual([STOCK]);
    expect(
      (await call(Rpc.escrowList, { state: 'NONE', page: 1, pageSize: 10 })).items.map((i) => i.presaleNumber),
    ).toEqual([SECOND]);

    expect(
      await problemOf(put(STOCK, record({ capitalGuaranteeAmount: null, commitmentLetter: false, balance: -1 }))),
    ).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [{ field: 'capitalGuaranteeAmount' }, { field: 'balance' }],
    });
    expect(await problemOf(put(STOCK, record({ balanceAsOf: '2023-06-14' })))).toMatchObject({
      status: 422,
      errors: [{ field: 'balanceAsOf' }],
    });
    expect(await problemOf(put('430223202306150101-Z09', record()))).toMatchObject({
      status: 404,
      code: 'PRESALE_NOT_FOUND',
    });
    expect(await problemOf(put(OTHER, record({ balanceAsOf: '2024-01-01' })))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await problemOf(put('x', record()))).toMatchObject({ status: 400, code: 'INVALID_PRESALE_NUMBER' });
    expect(await problemOf(put(STOCK, record(), vendor))).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
    expect(await problemOf(call(Rpc.escrowGet, { presaleNumber: OTHER }))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await problemOf(call(Rpc.escrowVersions, { presaleNumber: OTHER }))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    expect(await problemOf(call(Rpc.escrowGet, { presaleNumber: SECOND }))).toMatchObject({
      status: 404,
      code: 'ESCROW_NOT_FOUND',
    });
    expect((await put(OTHER, record({ balanceAsOf: '2024-01-01' }), changsha)).record.regionCode).toBe('430102');
  });

  it('stores the commitment letter scan with a new version in the same transaction 承诺函', async () => {
    const ref = await staging.stage(PDF, 'application/pdf', '承诺函.pdf');
    const result = await call(Rpc.escrowCommitmentLetter, { presaleNumber: STOCK, scan: ref }, colleague);
    expect(result).toMatchObject({
      outcome: 'updated',
      record: {
        version: 3,
        commitmentLetter: true,
        commitmentLetterScan: {
          sha256: ref.sha256,
          contentType: 'application/pdf',
          size: PDF.byteLength,
          fileName: '承诺函.pdf',
        },
      },
    });
    const stored = (await dataSource.query(
      `SELECT s.content, s.sha256, s.kind FROM escrow_record e JOIN escrow_scan s ON s.id = e.commitment_letter_scan_id WHERE e.presale_number = $1`,
      [STOCK],
    )) as Array<{ content: Buffer; sha256: string; kind: string }>;
    expect(stored[0]!.content.equals(PDF)).toBe(true);
    expect(stored[0]!.kind).toBe('COMMITMENT_LETTER');
    expect((await call(Rpc.escrowCommitmentLetter, { presaleNumber: STOCK, scan: ref }, colleague)).outcome).toBe(
      'unchanged',
    );
    // the scan stays with later versions that keep the letter; a record without one cannot take a scan
    expect(
      (
        await put(
          STOCK,
          record({
            capitalGuaranteeAmount: null,
            commitmentLetter: true,
            fundSupervision: false,
            bank: null,
            account: null,
            balance: 1,
          }),
          colleague,
        )
      ).record.commitmentLetterScan?.sha256,
    ).toBe(ref.sha256);
    const png = await staging.stage(PNG, 'image/png', 'letter.png');
    expect(await problemOf(call(Rpc.escrowCommitmentLetter, { presaleNumber: SECOND, scan: png }))).toMatchObject({
      status: 404,
      code: 'ESCROW_NOT_FOUND',
    });
    expect(
      await problemOf(
        call(Rpc.escrowCommitmentLetter, { presaleNumber: STOCK, scan: { ...png, sha256: 'b'.repeat(64) } }),
      ),
    ).toMatchObject({ status: 422, code: 'SCAN_UNAVAILABLE' });
    expect(await count(`SELECT count(*)::int AS n FROM escrow_scan`)).toBe(1);
    expect(
      (await call(Rpc.escrowVersions, { presaleNumber: STOCK })).versions.map((v) => [
        v.version,
        v.commitmentLetterScan?.sha256 ?? null,
      ]),
    ).toEqual([
      [1, null],
      [2, null],
      [3, ref.sha256],
      [4, ref.sha256],
    ]);
  });

  it("withdraws only the caller's own last version: previous restored, then the draft removed 撤回", async () => {
    await put(SECOND, record({ balanceAsOf: '2024-06-30' }));
    await put(SECOND, record({ balanceAsOf: '2024-07-31', balance: 1 }), colleague);
    expect(await problemOf(call(Rpc.escrowWithdraw, { presaleNumber: SECOND }))).toMatchObject({
      status: 409,
      code: 'NOT_OWN_VERSION',
    });
    expect(await call(Rpc.escrowWithdraw, { presaleNumber: SECOND }, colleague)).toMatchObject({
      outcome: 'RESTORED',
      withdrawnVersion: 2,
      record: { version: 1, balanceAsOf: '2024-06-30', enteredBy: clerk.id },
    });
    expect(await call(Rpc.escrowWithdraw, { presaleNumber: SECOND })).toEqual({
      presaleNumber: SECOND,
      withdrawnVersion: 1,
      outcome: 'REMOVED',
      record: null,
    });
    expect(await problemOf(call(Rpc.escrowWithdraw, { presaleNumber: SECOND }))).toMatchObject({
      status: 404,
      code: 'NOTHING_TO_WITHDRAW',
    });
    expect(await problemOf(call(Rpc.escrowWithdraw, { presaleNumber: OTHER }))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    const { versions } = await call(Rpc.escrowVersions, { presaleNumber: SECOND });
    expect(versions.map((v) => [v.version, v.withdrawnAt !== null])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect((await put(SECOND, record())).record.version).toBe(3);
  });

  it('submits all or none, locks, and publishes one event per record 提交后锁定', async () => {
    expect(
      await problemOf(call(Rpc.escrowSubmit, { presaleNumbers: [STOCK, SECOND, '430223202306150101-Z07'] })),
    ).toMatchObject({ status: 404, code: 'ESCROW_NOT_FOUND', errors: [{ reason: '430223202306150101-Z07' }] });
    expect(await problemOf(call(Rpc.escrowSubmit, { presaleNumbers: [STOCK, OTHER] }))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
    });
    for (const bad of [[], [STOCK, STOCK], 'x', ['x']])
      expect(await problemOf(call(Rpc.escrowSubmit, { presaleNumbers: bad }))).toMatchObject({ status: 422 });
    expect((await call(Rpc.escrowGet, { presaleNumber: STOCK })).state).toBe('DRAFT');
    const { records } = await call(Rpc.escrowSubmit, { presaleNumbers: [SECOND, STOCK] });
    expect(records.map((r) => [r.presaleNumber, r.state])).toEqual([
      [STOCK, 'SUBMITTED'],
      [SECOND, 'SUBMITTED'],
    ]);
    expect(await problemOf(put(STOCK, record()))).toMatchObject({ status: 409, code: 'RECORD_LOCKED' });
    expect(await problemOf(call(Rpc.escrowWithdraw, { presaleNumber: STOCK }, colleague))).toMatchObject({
      status: 409,
      code: 'RECORD_LOCKED',
    });
    expect(await problemOf(call(Rpc.escrowSubmit, { presaleNumbers: [STOCK] }))).toMatchObject({
      status: 409,
      code: 'RECORD_LOCKED',
    });
    const png = await staging.stage(PNG, 'image/png', 'letter.png');
    expect(await problemOf(call(Rpc.escrowCommitmentLetter, { presaleNumber: STOCK, scan: png }))).toMatchObject({
      status: 409,
      code: 'RECORD_LOCKED',
    });
    const events = (await dataSource.query(
      `SELECT payload FROM outbox_event WHERE stream_subject = $1 ORDER BY created_at, payload->>'subject'`,
      [EscrowEvents.recordRecorded],
    )) as Array<{ payload: CloudEvent<{ record: EscrowRecordV1 }> }>;
    expect(events.map((e) => [e.payload.subject, e.payload.source, e.payload.data.record.state]).sort()).toEqual([
      [STOCK, '/hn/escrow', 'SUBMITTED'],
      [SECOND, '/hn/escrow', 'SUBMITTED'],
    ]);
    for (const e of events) expect((await validateEvent(EscrowRecordedEvent, e.payload.data)).errors).toEqual([]);
    expect((await call(Rpc.escrowVersions, { presaleNumber: STOCK })).versions.at(-1)!.submittedAt).not.toBeNull();
  });

  it('refuses to submit a record that claims a letter without its scan', async () => {
    await put(
      OTHER,
      record({
        capitalGuaranteeAmount: null,
        commitmentLetter: true,
        fundSupervision: false,
        bank: null,
        account: null,
        balanceAsOf: '2024-01-01',
      }),
      changsha,
    );
    expect(await problemOf(call(Rpc.escrowSubmit, { presaleNumbers: [OTHER] }, changsha))).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [{ field: 'presaleNumbers[0]' }],
    });
  });

  it('corrects a submitted record as ADMIN only, with the report scan, keeping the previous version 更正', async () => {
    const report = await staging.stage(PDF, 'application/pdf', '关于更正资金监管信息的报告.pdf');
    const body = (presaleNumber: string, over: Record<string, unknown> = {}) => ({
      presaleNumber,
      record: record({ balance: 9_000_000_000 }),
      report: { reason: '余额录入错误', documentNumber: '湘建房函〔2024〕12号', scan: report, ...over },
    });
    expect(await problemOf(call(Rpc.escrowCorrect, body(STOCK), clerk))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(await problemOf(call(Rpc.escrowCorrect, body(OTHER), admin))).toMatchObject({
      status: 409,
      code: 'RECORD_NOT_SUBMITTED',
    });
    expect(await problemOf(call(Rpc.escrowCorrect, body(STOCK, { reason: '' }), admin))).toMatchObject({
      status: 422,
      errors: [{ field: 'reason' }],
    });
    const before = await call(Rpc.escrowGet, { presaleNumber: STOCK }, admin);
    const result = await call(Rpc.escrowCorrect, body(STOCK), admin);
    expect(result).toMatchObject({
      previousVersion: before.version,
      record: {
        version: before.version + 1,
        state: 'SUBMITTED',
        balance: 9_000_000_000,
        enteredBy: admin.id,
        commitmentLetter: false,
        commitmentLetterScan: null,
      },
    });
    const { versions } = await call(Rpc.escrowVersions, { presaleNumber: STOCK });
    expect(versions.at(-2)).toMatchObject({ version: before.version, balance: before.balance, correction: null });
    expect(versions.at(-1)).toMatchObject({
      version: before.version + 1,
      correction: {
        reason: '余额录入错误',
        documentNumber: '湘建房函〔2024〕12号',
        reportScan: { sha256: report.sha256, fileName: '关于更正资金监管信息的报告.pdf' },
      },
    });
    expect(
      await count(`SELECT count(*)::int AS n FROM escrow_scan WHERE kind = 'CORRECTION_REPORT' AND sha256 = $1`, [
        report.sha256,
      ]),
    ).toBe(1);
    const events = (await dataSource.query(`SELECT payload FROM outbox_event WHERE stream_subject = $1`, [
      EscrowEvents.recordCorrected,
    ])) as Array<{ payload: CloudEvent<RecordCorrectedV1> }>;
    expect(events.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({
        recordType: 'ESCROW',
        recordKey: STOCK,
        regionCode: '430223',
        reportSha256: report.sha256,
        correctedBy: admin.id,
        before: expect.objectContaining({ version: before.version }),
        after: expect.objectContaining({ version: before.version + 1 }),
      }),
    ]);
    expect((await validateEvent(EscrowRecordCorrectedEvent, events[0]!.payload.data)).errors).toEqual([]);
    expect(await problemOf(put(STOCK, record(), admin))).toMatchObject({ status: 409, code: 'RECORD_LOCKED' });
  });
});

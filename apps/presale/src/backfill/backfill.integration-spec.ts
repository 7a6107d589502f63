import { INestApplication } from '@nestjs/common';
import {
  BackfillIssuedV1,
  PresaleCorrectionResultV1,
  PresalePermitBackfilledEvent,
  PresalePermitCorrectedEvent,
  PresaleSubmissionV1,
  Principal,
  Rpc,
  ScanRefV1,
  UnpermittedProjectRegisteredEvent,
  validateEvent,
  VerifyResultV1,
} from '@hn/messages';
import { ScanStaging, sha256Hex } from '@hn/documents';
import { RpcClient } from '@hn/messaging';
import { creditCodeCheckChar } from '@hn/numbering';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createPresaleApp } from '../bootstrap';
import { validatePresaleConfig } from '../config/presale.config';

const PERMIT = '430223202406200101';
const BURST = '430223202406200501';
const OTHER_COUNTY = '430102202406200101';
const body17 = '91430223MA4Q0ABC1';
const creditCode = body17 + creditCodeCheckChar(body17);
const otherCreditCode = '91430224MA4Q0ABC1' + creditCodeCheckChar('91430224MA4Q0ABC1');
let certificates = 0;
/** Each call is another local certificate (本地证号) unless overridden: one number per certificate. */
const submission = (overrides: Partial<PresaleSubmissionV1> = {}): PresaleSubmissionV1 => ({
  constructionPermitNumbers: [PERMIT],
  unitCodes: ['U22'],
  localCertificateNumber: `攸住建预字〔2023〕第${String(++certificates).padStart(4, '0')}号`,
  issuingAuthority: '攸县住房和城乡建设局',
  issueDate: '2024-06-28',
  developer: { name: '攸县锦绣置业有限公司', creditCode },
  projectName: '锦绣星城三期（22#栋）',
  address: '攸县联星街道',
  buildings: ['22#'],
  presaleArea: 12345.67,
  unitCount: 120,
  plannedUse: '住宅',
  location: { lat: 27.0, lng: 113.3 },
  ...overrides,
});
const PDF = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`, 'latin1');

describe('Backfill of presale permits (补录, Z numbers)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let ds: DataSource;
  let staging: ScanStaging;
  let dropDb: () => Promise<void>;
  const scopes = ['supervision:read', 'supervision:write'];
  const county: Principal = { kind: 'staff', id: 'youxian.li', regions: ['430223'], scopes, role: 'COUNTY' };
  const colleague: Principal = { ...county, id: 'youxian.wang' };
  const admin: Principal = {
    kind: 'staff',
    id: 'sheng.admin',
    regions: ['430000'],
    scopes: [...scopes, 'supervision:correct', 'audit:read'],
    role: 'ADMIN',
  };
  const stage = (label: string = randomUUID()): Promise<ScanRefV1> =>
    staging.stage(PDF(label), 'application/pdf', `${label}.pdf`);
  const backfill = async (
    body = submission(),
    principal = county,
    idempotencyKey?: string,
    scan?: ScanRefV1,
  ): Promise<BackfillIssuedV1> =>
    rpc.call(Rpc.backfillIssue, principal, {
      submission: body,
      scan: scan ?? (await stage()),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  const verify = (token: string): Promise<VerifyResultV1> => rpc.callPublic(Rpc.publicVerify, { token });
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await ds.query(sql, params)) as Array<{ n: number }>)[0]!.n);
  const serial = (n: string): number => Number(n.slice(-2));

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_presale_backfill');
    dropDb = db.drop;
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    app = await createPresaleApp(
      validatePresaleConfig({
        DATABASE_URL: db.serverUrl,
        PRESALE_DB_NAME: db.name,
        NATS_URL: nats.url,
        PRESALE_PORT: '0',
        PRESALE_SIGNING_KEY: pem,
      }),
    );
    ds = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 15_000 });
    staging = new ScanStaging(nc);
    await ds.query(
      `INSERT INTO permit_replica VALUES ($1, 'P1', '锦绣星城三期', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $4),
      ('430223202406200201', 'P2', '未标记项目', '430223', NULL, 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $4),
      ('430223202406200301', 'P3', '其它项目', '430223', 'OTHER', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $4),
      ($2, 'P5', '并发测试', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $4),
      ($3, 'P9', '长沙项目', '430102', 'PRESALE', 'VALID', '2024-06-20', now(), '长沙某置业有限公司', $5)`,
      [PERMIT, BURST, OTHER_COUNTY, creditCode, otherCreditCode],
    );
    await ds.query(
      `INSERT INTO unit_replica VALUES ($1, 'U22'), ($1, 'U23'), ('430223202406200201', 'U2'), ('430223202406200301', 'U3'), ($2, 'U5'), ($3, 'U9')`,
      [PERMIT, BURST, OTHER_COUNTY],
    );
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('backfills Z01 as a DRAFT with the scan stored (sha256) and no event; its token verifies as a draft, not as valid', async () => {
    const scan = await stage('first');
    const issued = await backfill(submission(), county, undefined, scan);
    expect(issued.presaleNumber).toBe(`${PERMIT}-Z01`);
    expect(issued.backfill).toMatchObject({
      status: 'VALID',
      backfillState: 'DRAFT',
      backfilledBy: 'youxian.li',
      scan: { sha256: scan.sha256, contentType: 'application/pdf', fileName: 'first.pdf' },
    });
    expect(issued.backfill.permit).toMatchObject({ letter: 'Z', serial: 1, projectCode: 'P1', regionCode: '430223' });
    expect(issued.qrSvg).toContain('<svg');
    const [row] = (await ds.query(
      `SELECT s.sha256, s.size, s.content FROM presale_backfill b JOIN scan_file s ON s.id = b.scan_id WHERE b.presale_number = $1`,
      [issued.presaleNumber],
    )) as Array<{ sha256: string; size: number; content: Buffer }>;
    expect(row!.sha256).toBe(sha256Hex(row!.content));
    expect(row!.content.equals(PDF('first'))).toBe(true);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->>'subject' = $1`, [issued.presaleNumber]),
    ).toBe(0);
    const verified = await verify(issued.chainToken);
    expect(verified).toMatchObject({
      valid: false,
      status: 'DRAFT',
      code: 'DRAFT',
      reason: 'DRAFT',
      message: '未提交的草稿，不是有效证书',
    });
    expect(verified).not.toHaveProperty('permit');
    await expect(rpc.callPublic(Rpc.publicPermit, { presaleNumber: issued.presaleNumber })).rejects.toMatchObject({
      problem: { status: 404, code: 'PRESALE_NOT_FOUND' },
    });
  });

  it('gives 20 concurrent backfills of the same permit gap-free Z serials', async () => {
    const before = await count(
      `SELECT count(*)::int AS n FROM presale_permit WHERE permit_number = $1 AND letter = 'Z'`,
      [BURST],
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, () => backfill(submission({ constructionPermitNumbers: [BURST], unitCodes: ['U5'] }))),
    );
    expect(results.map((r) => serial(r.presaleNumber)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => before + i + 1),
    );
    expect(new Set(results.map((r) => r.log.index)).size).toBe(20);
  });

  it('refuses ineligible backfills without consuming a serial or storing a scan', async () => {
    const scans = await count(`SELECT count(*)::int AS n FROM scan_file`);
    const next = async (): Promise<number> =>
      count(
        `SELECT next_serial AS n FROM presale_serial_counter WHERE permit_number = $1 AND letter = 'Z' AND sandbox = false`,
        [PERMIT],
      );
    const counter = await next();
    await expect(backfill(submission({ issueDate: '2024-08-01' }))).rejects.toMatchObject({
      problem: { status: 422, code: 'BACKFILL_AFTER_CUTOVER' },
    });
    await expect(backfill(submission({ projectName: '', unitCount: 0 }))).rejects.toMatchObject({
      problem: { status: 422, code: 'INCOMPLETE_SUBMISSION' },
    });
    await expect(
      backfill(submission({ constructionPermitNumbers: ['430223202406200201'], unitCodes: ['U2'] })),
    ).rejects.toMatchObject({ problem: { status: 422, code: 'PROJECT_NOT_MARKED_PRESALE' } });
    await expect(
      backfill(submission({ constructionPermitNumbers: ['430223202406200301'], unitCodes: ['U3'] })),
    ).rejects.toMatchObject({ problem: { status: 422, code: 'PROJECT_NOT_MARKED_PRESALE' } });
    await expect(backfill(submission({ constructionPermitNumbers: ['430223202406209901'] }))).rejects.toMatchObject({
      problem: { status: 404, code: 'PERMIT_NOT_FOUND' },
    });
    await expect(
      backfill(submission({ constructionPermitNumbers: [OTHER_COUNTY], unitCodes: ['U9'] })),
    ).rejects.toMatchObject({ problem: { status: 403, code: 'REGION_FORBIDDEN' } });
    await expect(
      backfill(submission(), { kind: 'integrator', id: 'vendor', regions: ['430223'], scopes: ['presale:issue'] }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
    const bogus = { ...(await stage()), sha256: '0'.repeat(64) };
    await expect(backfill(submission(), county, undefined, bogus)).rejects.toMatchObject({
      problem: { status: 422, code: 'SCAN_UNAVAILABLE' },
    });
    expect(await next()).toBe(counter);
    expect(await count(`SELECT count(*)::int AS n FROM scan_file`)).toBe(scans);
  });

  it('replays an Idempotency-Key with the same body and scan, refuses it with another body', async () => {
    const scan = await stage('idem');
    const key = `bf-${randomUUID()}`;
    const body = submission();
    const first = await backfill(body, county, key, scan);
    const again = await backfill(body, county, key, await stage('idem'));
    expect(again.presaleNumber).toBe(first.presaleNumber);
    expect(again.chainToken).toBe(first.chainToken);
    await expect(backfill({ ...body, unitCount: 7 }, county, key, scan)).rejects.toMatchObject({
      problem: { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' },
    });
  });

  it("withdraws the caller's last draft: WITHDRAWN, logged, token says WITHDRAWN, number never reused", async () => {
    const mine = await backfill(submission(), colleague);
    const res = await rpc.call(Rpc.backfillWithdraw, colleague, {});
    expect(res).toEqual({ presaleNumber: mine.presaleNumber, status: 'WITHDRAWN' });
    const [entry] = (await ds.query(
      `SELECT kind, convert_from(entry, 'UTF8')::jsonb AS entry FROM log_entry WHERE presale_number = $1 AND kind = 'WITHDRAWN'`,
      [mine.presaleNumber],
    )) as Array<{ entry: { supersedesIndex: number } }>;
    expect(entry!.entry.supersedesIndex).toBe(mine.log.index);
    expect(await verify(mine.chainToken)).toMatchObject({ valid: false, reason: 'WITHDRAWN' });
    expect((await verify(mine.chainToken)).message).toMatch(/撤回/);
    await expect(rpc.call(Rpc.backfillWithdraw, colleague, {})).rejects.toMatchObject({
      problem: { status: 404, code: 'NOTHING_TO_WITHDRAW' },
    });
    const next = await backfill(submission(), colleague);
    expect(serial(next.presaleNumber)).toBe(serial(mine.presaleNumber) + 1);
    // someone else's draft cannot be withdrawn by name
    await expect(rpc.call(Rpc.backfillWithdraw, county, { presaleNumber: next.presaleNumber })).rejects.toMatchObject({
      problem: { status: 409, code: 'NOT_OWN_VERSION' },
    });
    await expect(rpc.call(Rpc.backfillSubmit, county, { presaleNumbers: [mine.presaleNumber] })).rejects.toMatchObject({
      problem: { status: 409 },
    });
  });

  it('submits all or none, publishes permit.backfilled, then locks against withdraw and non-admin correction', async () => {
    const a = await backfill();
    const b = await backfill();
    const c = await backfill();
    await rpc.call(Rpc.backfillSubmit, county, { presaleNumbers: [c.presaleNumber] });
    await expect(
      rpc.call(Rpc.backfillSubmit, county, { presaleNumbers: [a.presaleNumber, c.presaleNumber] }),
    ).rejects.toMatchObject({ problem: { status: 409, code: 'RECORD_LOCKED' } });
    expect(
      await count(`SELECT count(*)::int AS n FROM presale_backfill WHERE presale_number = $1 AND state = 'DRAFT'`, [
        a.presaleNumber,
      ]),
    ).toBe(1);
    await expect(rpc.call(Rpc.backfillSubmit, county, { presaleNumbers: [`${PERMIT}-Z98`] })).rejects.toMatchObject({
      problem: { status: 404 },
    });
    await expect(
      rpc.call(Rpc.backfillSubmit, { ...county, regions: ['430102'] }, { presaleNumbers: [a.presaleNumber] }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
    const done = await rpc.call(Rpc.backfillSubmit, colleague, { presaleNumbers: [a.presaleNumber, b.presaleNumber] });
    expect(done.items.map((i) => i.backfillState)).toEqual(['SUBMITTED', 'SUBMITTED']);
    const events = (await ds.query(
      `SELECT payload FROM outbox_event WHERE payload->>'type' = 'hn.presale.permit.backfilled.v1' AND payload->>'subject' = ANY($1::text[])`,
      [[a.presaleNumber, b.presaleNumber]],
    )) as Array<{ payload: { data: { backfilledBy: string; permit: { letter: string } } } }>;
    expect(events).toHaveLength(2);
    expect(events[0]!.payload.data).toMatchObject({ backfilledBy: 'youxian.li', permit: { letter: 'Z' } });
    // exactly the message class the consumers (contracts, escrow, alerts) validate with
    for (const e of events)
      expect((await validateEvent(PresalePermitBackfilledEvent, e.payload.data)).errors).toEqual([]);
    // submitted: now public and valid
    expect(await verify(a.chainToken)).toMatchObject({
      valid: true,
      status: 'VALID',
      code: 'VALID',
      permit: { presaleNumber: a.presaleNumber },
    });
    await expect(rpc.call(Rpc.backfillWithdraw, county, { presaleNumber: a.presaleNumber })).rejects.toMatchObject({
      problem: { status: 409, code: 'RECORD_LOCKED' },
    });
    await expect(rpc.call(Rpc.backfillWithdraw, admin, { presaleNumber: a.presaleNumber })).rejects.toMatchObject({
      problem: { status: 409, code: 'RECORD_LOCKED' },
    });
    const report = { reason: '面积错误', documentNumber: '湘建房函〔2024〕12号', scan: await stage() };
    await expect(
      rpc.call(Rpc.backfillCorrect, county, { presaleNumber: a.presaleNumber, submission: submission(), report }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
    const list = await rpc.call(Rpc.backfillList, county, { state: 'SUBMITTED', page: 1, pageSize: 100 });
    expect(list.items.map((i) => i.permit.presaleNumber)).toEqual(
      expect.arrayContaining([a.presaleNumber, b.presaleNumber, c.presaleNumber]),
    );
    expect(list.items.every((i) => i.backfillState === 'SUBMITTED')).toBe(true);
  });

  it('lets an ADMIN correct a submitted backfill in one transaction: version kept, CORRECTED entry, new token', async () => {
    const original = await backfill();
    const report = async (): Promise<{ reason: string; documentNumber: string; scan: ScanRefV1 }> => ({
      reason: '预售面积录入错误',
      documentNumber: '湘建房函〔2024〕12号',
      scan: await stage('report'),
    });
    const correct = async (body: PresaleSubmissionV1, principal = admin): Promise<PresaleCorrectionResultV1> =>
      rpc.call(Rpc.backfillCorrect, principal, {
        presaleNumber: original.presaleNumber,
        submission: { ...body, localCertificateNumber: original.backfill.permit.localCertificateNumber },
        report: await report(),
      });
    await expect(correct(submission({ presaleArea: 12300.5 }))).rejects.toMatchObject({
      problem: { status: 409, code: 'RECORD_NOT_SUBMITTED' },
    });
    await rpc.call(Rpc.backfillSubmit, county, { presaleNumbers: [original.presaleNumber] });
    const scans = await count(`SELECT count(*)::int AS n FROM scan_file`);
    const logSize = await count(`SELECT count(*)::int AS n FROM log_entry WHERE sandbox = false`);
    // a failing correction leaves nothing behind (version, scan, log entry all roll back)
    await expect(correct(submission({ unitCodes: ['U22', 'NOPE'] }))).rejects.toMatchObject({
      problem: { status: 422, code: 'UNIT_NOT_IN_PERMITS' },
    });
    await expect(correct(submission({ constructionPermitNumbers: [BURST], unitCodes: ['U5'] }))).rejects.toMatchObject({
      problem: { status: 422, code: 'INCOMPLETE_SUBMISSION' },
    });
    expect(await count(`SELECT count(*)::int AS n FROM presale_permit_version`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM scan_file`)).toBe(scans);
    expect(await count(`SELECT count(*)::int AS n FROM log_entry WHERE sandbox = false`)).toBe(logSize);

    const corrected = await correct(submission({ presaleArea: 12300.5, unitCodes: ['U22', 'U23'] }));
    expect(corrected.presaleNumber).toBe(original.presaleNumber);
    expect(corrected.chainToken).not.toBe(original.chainToken);
    expect(corrected.backfill).toMatchObject({
      status: 'CORRECTED',
      backfillState: 'SUBMITTED',
      permit: { presaleArea: 12300.5, unitCodes: ['U22', 'U23'] },
    });
    const [version] = (await ds.query(
      `SELECT v.version, v.log_index, v.record->>'presaleArea' AS area, v.document_number, s.sha256 FROM presale_permit_version v JOIN scan_file s ON s.id = v.report_scan_id WHERE v.presale_number = $1`,
      [original.presaleNumber],
    )) as Array<{ version: number; log_index: string; area: string; document_number: string; sha256: string }>;
    expect(version).toMatchObject({ version: 1, area: '12345.67', document_number: '湘建房函〔2024〕12号' });
    expect(Number(version!.log_index)).toBe(original.log.index);
    const [entry] = (await ds.query(
      `SELECT convert_from(entry, 'UTF8')::jsonb AS entry FROM log_entry WHERE sandbox = false AND log_index = $1`,
      [corrected.log.index],
    )) as Array<{ entry: { kind: string; supersedesIndex: number } }>;
    expect(entry!.entry).toMatchObject({ kind: 'CORRECTED', supersedesIndex: original.log.index });
    const [event] = (await ds.query(
      `SELECT payload FROM outbox_event WHERE payload->>'type' = 'hn.presale.permit.corrected.v1' AND payload->>'subject' = $1`,
      [original.presaleNumber],
    )) as Array<{ payload: { data: Record<string, unknown> } }>;
    expect(event!.payload.data).toMatchObject({
      recordType: 'PRESALE_PERMIT',
      recordKey: original.presaleNumber,
      correctedBy: 'sheng.admin',
      reportSha256: version!.sha256,
      before: { presaleArea: 12345.67 },
      after: { presaleArea: 12300.5 },
    });
    expect((await validateEvent(PresalePermitCorrectedEvent, event!.payload.data)).errors).toEqual([]);
    expect(await verify(original.chainToken)).toMatchObject({
      valid: false,
      status: 'CORRECTED',
      code: 'CORRECTED',
      reason: 'CORRECTED',
      message: expect.stringContaining('请以最新证书为准'),
      permit: { presaleArea: 12300.5, status: 'CORRECTED' },
      current: {
        presaleNumber: original.presaleNumber,
        verifyUrl: corrected.verifyUrl,
        verifyPath: `/V/${corrected.verifyUrl.split('/V/')[1]}`,
      },
    });
    expect(await verify(corrected.chainToken)).toMatchObject({ valid: true, permit: { presaleArea: 12300.5 } });
    // a second correction: both earlier tokens say corrected
    const again = await correct(submission({ presaleArea: 12300.75 }));
    expect(await verify(corrected.chainToken)).toMatchObject({ valid: false, reason: 'CORRECTED' });
    expect(await verify(original.chainToken)).toMatchObject({ valid: false, reason: 'CORRECTED' });
    expect(await verify(again.chainToken)).toMatchObject({ valid: true });
  });

  describe('one unified number per local certificate (本地证号), Y and Z alike', () => {
    it('refuses a second backfill of the same certificate with 409 naming the draft; a withdrawn draft frees it', async () => {
      const body = submission({ constructionPermitNumbers: [BURST], unitCodes: ['U5'] });
      const first = await backfill(body, colleague);
      const counter = await count(
        `SELECT next_serial AS n FROM presale_serial_counter WHERE permit_number = $1 AND letter = 'Z' AND sandbox = false`,
        [BURST],
      );
      await expect(
        backfill({ ...body, localCertificateNumber: ` ${body.localCertificateNumber} ` }),
      ).rejects.toMatchObject({
        problem: {
          status: 409,
          code: 'DUPLICATE_LOCAL_CERTIFICATE',
          errors: [{ field: 'localCertificateNumber', reason: first.presaleNumber }],
        },
      });
      expect(
        await count(
          `SELECT next_serial AS n FROM presale_serial_counter WHERE permit_number = $1 AND letter = 'Z' AND sandbox = false`,
          [BURST],
        ),
      ).toBe(counter);
      await rpc.call(Rpc.backfillWithdraw, colleague, { presaleNumber: first.presaleNumber });
      const again = await backfill(body);
      expect(serial(again.presaleNumber)).toBe(serial(first.presaleNumber) + 1);
    });

    it("refuses a backfill of a certificate that already has a Y number, and a correction onto another permit's certificate", async () => {
      const integrator: Principal = {
        kind: 'integrator',
        id: 'vendor-a',
        regions: ['430223'],
        scopes: ['presale:issue'],
      };
      const y = await rpc.call(Rpc.presaleIssue, integrator, {
        idempotencyKey: randomUUID(),
        submission: submission({ issueDate: '2024-08-15' }),
      });
      await expect(
        backfill(submission({ localCertificateNumber: y.permit.localCertificateNumber })),
      ).rejects.toMatchObject({
        problem: { status: 409, code: 'DUPLICATE_LOCAL_CERTIFICATE', errors: [{ reason: y.presaleNumber }] },
      });
      const target = await backfill();
      await rpc.call(Rpc.backfillSubmit, county, { presaleNumbers: [target.presaleNumber] });
      const report = {
        reason: '证号录入错误',
        documentNumber: '湘建房函〔2024〕13号',
        scan: await stage('report-dup'),
      };
      await expect(
        rpc.call(Rpc.backfillCorrect, admin, {
          presaleNumber: target.presaleNumber,
          submission: submission({ localCertificateNumber: y.permit.localCertificateNumber }),
          report,
        }),
      ).rejects.toMatchObject({
        problem: { status: 409, code: 'DUPLICATE_LOCAL_CERTIFICATE', errors: [{ reason: y.presaleNumber }] },
      });
    });

    it("refuses a developer other than the permit's with 422 DEVELOPER_MISMATCH listing both codes", async () => {
      const refused = await backfill(
        submission({ developer: { name: '茶陵别家置业有限公司', creditCode: otherCreditCode } }),
      ).catch((e: unknown) => e as { problem: { status: number; code: string; detail: string } });
      expect(refused).toMatchObject({ problem: { status: 422, code: 'DEVELOPER_MISMATCH' } });
      expect((refused as { problem: { detail: string } }).problem.detail).toContain(creditCode);
      expect((refused as { problem: { detail: string } }).problem.detail).toContain(otherCreditCode);
    });
  });

  it("lists candidates grouped by project with their Z permits, in the caller's regions", async () => {
    const page = await rpc.call(Rpc.backfillCandidates, county, { page: 1, pageSize: 50 });
    expect(page.items.map((i) => i.projectCode).sort()).toEqual(['P1', 'P5']);
    const p1 = page.items.find((i) => i.projectCode === 'P1')!;
    expect(p1.permits).toEqual([{ permitNumber: PERMIT, issueDate: '2024-06-20' }]);
    expect(p1.backfilled[0]).toMatchObject({
      presaleNumber: `${PERMIT}-Z01`,
      issueDate: '2024-06-28',
      backfillState: 'DRAFT',
      status: 'VALID',
    });
    const keyword = await rpc.call(Rpc.backfillCandidates, admin, { keyword: '长沙', page: 1, pageSize: 10 });
    expect(keyword.items.map((i) => i.projectCode)).toEqual(['P9']);
    await expect(
      rpc.call(Rpc.backfillCandidates, county, { regionCode: '430102', page: 1, pageSize: 10 }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
  });

  it('registers a presale without construction permit with its scan and an event, and lists it by region', async () => {
    const scan = await stage('unpermitted');
    const body = {
      projectName: '攸县滨江花园一期',
      regionCode: '430223',
      developer: { name: '攸县滨江置业有限公司', creditCode },
      localCertificateNumber: '攸住建预字〔2023〕第021号',
      issueDate: '2023-11-20',
    };
    const project = await rpc.call(Rpc.unpermittedRegister, county, { submission: body, scan });
    expect(project).toMatchObject({ ...body, registeredBy: 'youxian.li', scan: { sha256: scan.sha256 } });
    const [event] = (await ds.query(
      `SELECT payload FROM outbox_event WHERE payload->>'type' = 'hn.presale.unpermitted-project.registered.v1' AND payload->>'subject' = $1`,
      [project.id],
    )) as Array<{ payload: { data: { project: { id: string } } } }>;
    expect(event!.payload.data.project.id).toBe(project.id);
    expect((await validateEvent(UnpermittedProjectRegisteredEvent, event!.payload.data)).errors).toEqual([]);
    await expect(
      rpc.call(Rpc.unpermittedRegister, county, { submission: { ...body, regionCode: '430102' }, scan: await stage() }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
    await expect(
      rpc.call(Rpc.unpermittedRegister, county, {
        submission: { ...body, issueDate: '2099-01-01', developer: { name: 'x', creditCode: '91430223MA4Q0ABC10' } },
        scan: await stage(),
      }),
    ).rejects.toMatchObject({
      problem: {
        status: 422,
        errors: expect.arrayContaining([
          expect.objectContaining({ field: 'issueDate' }),
          expect.objectContaining({ field: 'developer.creditCode' }),
        ]),
      },
    });
    const mine = await rpc.call(Rpc.unpermittedList, county, { keyword: '滨江', page: 1, pageSize: 10 });
    expect(mine.items.map((i) => i.id)).toEqual([project.id]);
    const changsha = await rpc.call(Rpc.unpermittedList, { ...county, regions: ['430100'] }, { page: 1, pageSize: 10 });
    expect(changsha.total).toBe(0);
  });
});

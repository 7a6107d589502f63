import { INestApplication } from '@nestjs/common';
import {
  BuildingUnitV1,
  ConstructionPermitV1,
  ErrorCode,
  PresaleSubmissionV1,
  Principal,
  Rpc,
  RpcRequest,
} from '@hn/messages';
import { creditCodeCheckChar } from '@hn/numbering';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { connect, JSONCodec, NatsConnection, Subscription } from 'nats';
import { DataSource } from 'typeorm';
import { createPresaleApp } from '../bootstrap';
import { validatePresaleConfig } from '../config/presale.config';
import { SandboxPermitLookup } from './sandbox-permit-lookup';

const REAL = '430223202406200101';
const SANDBOX_ONLY = '430223202406209901';
const body17 = '91430223MA4Q0ABC1';
const CREDIT = body17 + creditCodeCheckChar(body17);
let certificate = 0;
const submission = (overrides: Partial<PresaleSubmissionV1> = {}): PresaleSubmissionV1 => ({
  constructionPermitNumbers: [REAL],
  unitCodes: ['U22'],
  localCertificateNumber: `攸住建预字〔2024〕第${String(++certificate).padStart(3, '0')}号`,
  issuingAuthority: '攸县住房和城乡建设局',
  issueDate: '2024-08-15',
  developer: { name: '攸县锦绣置业有限公司', creditCode: CREDIT },
  projectName: '锦绣星城三期（22#栋）',
  address: '攸县联星街道',
  buildings: ['22#'],
  presaleArea: 12345.67,
  unitCount: 120,
  plannedUse: '住宅',
  location: { lat: 27.0, lng: 113.3 },
  ...overrides,
});
const permit = (
  permitNumber: string,
  projectType: ConstructionPermitV1['projectType'],
  sandbox: boolean,
): ConstructionPermitV1 => ({
  permitNumber,
  projectCode: 'P1',
  projectName: '锦绣星城三期',
  regionCode: '430223',
  projectType,
  category: '社会投资房建类',
  developerName: '攸县锦绣置业有限公司',
  developerCreditCode: CREDIT,
  issueDate: '2024-06-20',
  startDate: null,
  plannedCompletionDate: null,
  fivePartyAcceptanceDate: null,
  completionFilingDate: null,
  status: 'VALID',
  ...(sandbox ? { sandbox: true as const } : {}),
});

/**
 * Sandbox issuance against the permits service's sandbox view. The permits service is stood in for
 * by a responder on the same (real) NATS subjects, in its queue group, answering like the real one:
 * the sandbox space over the real permits for sandbox principals.
 */
describe(SandboxPermitLookup.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  let permitsService: Subscription[] = [];
  const county: Principal = { kind: 'integrator', id: 'vendor-a', regions: ['430223'], scopes: ['presale:issue'] };
  const sandboxed: Principal = { ...county, id: 'vendor-sandbox', sandbox: true };
  /** what the permits service answers a sandbox principal: number → permit and unit codes */
  const sandboxView = new Map<string, { permit: ConstructionPermitV1; units: string[] }>();
  const asked: Array<{ subject: string; principal: Principal }> = [];
  const issue = (body: PresaleSubmissionV1, principal = county) =>
    rpc.call(Rpc.presaleIssue, principal, { idempotencyKey: randomUUID(), submission: body });
  const problemOf = async (p: Promise<unknown>) =>
    (
      (await p.then(
        () => ({ problem: null }),
        (e: { problem: unknown }) => e,
      )) as { problem: unknown }
    ).problem;
  const outboxCount = async () =>
    ((await dataSource.query(`SELECT count(*)::int AS n FROM outbox_event`)) as Array<{ n: number }>)[0]!.n;

  const startPermitsStandIn = (): void => {
    const codec = JSONCodec<{ id: string; data: RpcRequest<{ permitNumber: string }> }>();
    const reply = JSONCodec<unknown>();
    const handle = (subject: string, answer: (entry: { permit: ConstructionPermitV1; units: string[] }) => unknown) =>
      nc.subscribe(subject, {
        queue: 'permits',
        callback: (_err, msg) => {
          const packet = codec.decode(msg.data);
          asked.push({ subject, principal: packet.data.principal });
          const entry =
            packet.data.principal.sandbox === true ? sandboxView.get(packet.data.body.permitNumber) : undefined;
          const notFound = { status: 404, code: ErrorCode.PERMIT_NOT_FOUND, title: 'Not Found', detail: 'not found' };
          msg.respond(
            reply.encode(
              entry
                ? { id: packet.id, response: answer(entry), isDisposed: true }
                : { id: packet.id, err: notFound, isDisposed: true },
            ),
          );
        },
      });
    permitsService = [
      handle(Rpc.permitGet.subject, (e) => e.permit),
      handle(Rpc.permitUnits.subject, (e): BuildingUnitV1[] =>
        e.units.map((unitCode) => ({ unitCode, name: '1#', floors: 10, floorArea: 100 })),
      ),
    ];
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_presale_sandbox');
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
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    // the real replica (normally fed by hn.permits.* events) knows REAL only
    await dataSource.query(
      `INSERT INTO permit_replica (permit_number, project_code, project_name, region_code, project_type, status, issue_date, source_time, developer_name, developer_credit_code)
       VALUES ($1, 'P1', '锦绣星城三期', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $2)`,
      [REAL, CREDIT],
    );
    await dataSource.query(`INSERT INTO unit_replica (permit_number, unit_code) VALUES ($1, 'U22')`, [REAL]);
    sandboxView.set(REAL, { permit: permit(REAL, 'PRESALE', false), units: ['U22'] });
    sandboxView.set(SANDBOX_ONLY, { permit: permit(SANDBOX_ONLY, 'PRESALE', true), units: ['SU1'] });
    startPermitsStandIn();
  });

  afterAll(async () => {
    for (const s of permitsService) s.unsubscribe();
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('issues sandbox numbers for permits the sandbox pushed, which real issuance never sees', async () => {
    const before = await outboxCount();
    const issued = await issue(
      submission({ constructionPermitNumbers: [SANDBOX_ONLY], unitCodes: ['SU1'] }),
      sandboxed,
    );
    expect(issued).toMatchObject({ presaleNumber: `${SANDBOX_ONLY}-Y01`, sandbox: true, permit: { sandbox: true } });
    expect(await rpc.callPublic(Rpc.publicVerify, { token: issued.chainToken })).toMatchObject({
      valid: true,
      test: true,
    });
    expect(await outboxCount()).toBe(before);
    expect(asked.every((a) => a.principal.sandbox === true && a.principal.id === sandboxed.id)).toBe(true);
    // the real replica has no such permit
    expect(
      await problemOf(issue(submission({ constructionPermitNumbers: [SANDBOX_ONLY], unitCodes: ['SU1'] }))),
    ).toMatchObject({ status: 404, code: 'PERMIT_NOT_FOUND' });
    expect(
      await problemOf(
        issue(submission({ constructionPermitNumbers: [SANDBOX_ONLY], unitCodes: ['NOT-SU1'] }), sandboxed),
      ),
    ).toMatchObject({ status: 422, code: 'UNIT_NOT_IN_PERMITS' });
    expect(
      await problemOf(issue(submission({ constructionPermitNumbers: ['430223202406208801'] }), sandboxed)),
    ).toMatchObject({ status: 404, code: 'PERMIT_NOT_FOUND' });
  });

  it('keeps real issuance on the local replica (no round trip) and its serial apart from the sandbox', async () => {
    const askedBefore = asked.length;
    const real = await issue(submission());
    expect(asked.length).toBe(askedBefore);
    expect(real).toMatchObject({ presaleNumber: `${REAL}-Y01`, sandbox: false });
    const sandbox = await issue(submission(), sandboxed);
    expect(sandbox.presaleNumber).toBe(`${REAL}-Y01`);
    expect(asked.length).toBeGreaterThan(askedBefore);
    expect((await issue(submission())).presaleNumber).toBe(`${REAL}-Y02`);
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE payload->'data'->'permit'->>'sandbox' = 'true'`,
    )) as Array<{ n: number }>;
    expect(n).toBe(0);
  });

  it('follows the sandbox view of a real permit (a sandbox retyping), never the other way round', async () => {
    sandboxView.set(REAL, { permit: { ...permit(REAL, 'OTHER', true) }, units: ['U22'] });
    try {
      expect(await problemOf(issue(submission(), sandboxed))).toMatchObject({
        status: 422,
        code: 'PERMIT_NOT_PRESALE',
      });
      expect((await issue(submission())).sandbox).toBe(false);
    } finally {
      sandboxView.set(REAL, { permit: permit(REAL, 'PRESALE', false), units: ['U22'] });
    }
  });

  it('answers 503 for sandbox issuance while permits is down; real issuance goes on', async () => {
    for (const s of permitsService) s.unsubscribe();
    try {
      expect(await problemOf(issue(submission(), sandboxed))).toMatchObject({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
      });
      expect((await issue(submission())).sandbox).toBe(false);
    } finally {
      startPermitsStandIn();
    }
    expect((await issue(submission(), sandboxed)).sandbox).toBe(true);
  });
  it('counts local certificates apart: a sandbox issuance of a real certificate is no duplicate, nor the reverse', async () => {
    const body = submission({ localCertificateNumber: '攸住建预字〔2024〕第904号' });
    await issue(body, sandboxed);
    const real = await issue(body);
    expect(real.sandbox).toBe(false);
    expect(await problemOf(issue(body, sandboxed))).toMatchObject({ status: 409, code: 'DUPLICATE_LOCAL_CERTIFICATE' });
    expect(await problemOf(issue(body))).toMatchObject({ status: 409, code: 'DUPLICATE_LOCAL_CERTIFICATE' });
  });

  it("refuses a sandbox developer that is not the sandbox permit's (422 DEVELOPER_MISMATCH)", async () => {
    const other = '91430223000000001';
    const problem = await problemOf(
      issue(
        submission({
          constructionPermitNumbers: [SANDBOX_ONLY],
          unitCodes: ['SU1'],
          developer: { name: '茶陵别家置业有限公司', creditCode: other + creditCodeCheckChar(other) },
        }),
        sandboxed,
      ),
    );
    expect(problem).toMatchObject({ status: 422, code: 'DEVELOPER_MISMATCH' });
  });
});

import { INestApplication } from '@nestjs/common';
import {
  CloudEvent,
  PermitRegisteredV1,
  PermitsEvents,
  PresaleEvents,
  PresaleIssuedV1,
  PresalePermitIssuedEvent,
  PresaleSubmissionV1,
  Principal,
  Rpc,
  validateEvent,
} from '@hn/messages';
import { creditCodeCheckChar } from '@hn/numbering';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createPresaleApp } from '../bootstrap';
import { validatePresaleConfig } from '../config/presale.config';
import { PermitReplicaProjector } from '../permit-replica/permit-replica.projector';
import { PresaleIssuanceService } from './presale-issuance.service';

const PERMIT = '430223202406200101';
const body17 = '91430223MA4Q0ABC1';
const CREDIT_CODE = body17 + creditCodeCheckChar(body17);
const OTHER_CREDIT_CODE = '91430224MA4Q0ABC1' + creditCodeCheckChar('91430224MA4Q0ABC1');
let certificates = 0;
/** Each call is another local certificate (本地证号) unless overridden: one number per certificate. */
const submission = (overrides: Partial<PresaleSubmissionV1> = {}): PresaleSubmissionV1 => ({
  constructionPermitNumbers: [PERMIT],
  unitCodes: ['U22'],
  localCertificateNumber: `攸住建预字〔2024〕第${String(++certificates).padStart(4, '0')}号`,
  issuingAuthority: '攸县住房和城乡建设局',
  issueDate: '2024-08-15',
  developer: { name: '攸县锦绣置业有限公司', creditCode: CREDIT_CODE },
  projectName: '锦绣星城三期（22#栋）',
  address: '攸县联星街道',
  buildings: ['22#'],
  presaleArea: 12345.67,
  unitCount: 120,
  plannedUse: '住宅',
  location: { lat: 27.0, lng: 113.3 },
  ...overrides,
});

describe(PresaleIssuanceService.name, () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let app: INestApplication;
  let rpc: RpcClient;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  let configEnv: Record<string, string>;
  const county: Principal = { kind: 'integrator', id: 'vendor-a', regions: ['430223'], scopes: ['presale:issue'] };
  const issue = (key: string, body = submission(), principal = county) =>
    rpc.call(Rpc.presaleIssue, principal, { idempotencyKey: key, submission: body });

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_presale');
    dropDb = db.drop;
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    configEnv = {
      DATABASE_URL: db.serverUrl,
      PRESALE_DB_NAME: db.name,
      NATS_URL: nats.url,
      PRESALE_PORT: '0',
      PRESALE_SIGNING_KEY: pem,
    };
    app = await createPresaleApp(validatePresaleConfig(configEnv));
    dataSource = app.get(DataSource);
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    // The replica is normally fed by permits events; seed it directly here.
    await dataSource.query(
      `INSERT INTO permit_replica VALUES ($1, 'P1', '锦绣星城三期', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $2),
      ('430223202406200201', 'P1', '锦绣星城三期', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $2),
      ('430223202406200301', 'P2', '别的项目', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $2),
      ('430223202406200401', 'P3', '其它项目', '430223', 'OTHER', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $2),
      ('430223202406200501', 'P4', '耗尽测试', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $2),
      ('430223202406200601', 'P6', '重复证号测试', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '攸县锦绣置业有限公司', $2),
      ('430223202406200701', 'P7', '别家开发企业', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), '茶陵别家置业有限公司', $3),
      ('430223202406200801', 'P8', '副本缺建设单位', '430223', 'PRESALE', 'VALID', '2024-06-20', now(), NULL, NULL)`,
      [PERMIT, CREDIT_CODE, OTHER_CREDIT_CODE],
    );
    await dataSource.query(
      `INSERT INTO unit_replica VALUES ($1, 'U22'), ('430223202406200201', 'U23'), ('430223202406200501', 'U5'), ('430223202406200601', 'U6'), ('430223202406200701', 'U7'), ('430223202406200801', 'U8')`,
      [PERMIT],
    );
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  it('issues Y01 with a token that verifies', async () => {
    const issued = await issue(randomUUID());
    expect(issued.presaleNumber).toBe(`${PERMIT}-Y01`);
    expect(Buffer.from(issued.chainToken, 'base64url').length).toBeLessThanOrEqual(150);
    const verified = await rpc.callPublic(Rpc.publicVerify, { token: issued.chainToken });
    expect(verified).toMatchObject({
      valid: true,
      status: 'VALID',
      code: 'VALID',
      message: expect.stringContaining('真实有效'),
      permit: { presaleNumber: `${PERMIT}-Y01`, projectName: '锦绣星城三期（22#栋）' },
    });
    const viaQr = await rpc.callPublic(Rpc.publicVerify, { token: issued.verifyUrl.split('/V/')[1] });
    expect(viaQr.valid).toBe(true);
    // hn.presale.permit.issued.v1 exactly in the shape of the message class its consumers validate with
    const [event] = (await dataSource.query(`SELECT payload FROM outbox_event WHERE stream_subject = $1`, [
      PresaleEvents.permitIssued,
    ])) as Array<{ payload: CloudEvent<unknown> }>;
    expect(event!.payload.subject).toBe(issued.presaleNumber);
    expect((await validateEvent(PresalePermitIssuedEvent, event!.payload.data)).errors).toEqual([]);
  });

  it('gives 30 parallel issuances gap-free serials', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => issue(randomUUID())));
    const serials = results.map((r) => Number(r.presaleNumber.slice(-2))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    const logIndexes = results.map((r) => r.log.index).sort((a, b) => a - b);
    expect(new Set(logIndexes).size).toBe(30);
  });

  it('replays the same key and body, refuses the same key with another body', async () => {
    const key = randomUUID();
    const body = submission();
    const first = await issue(key, body);
    const again = await issue(key, body);
    expect(again.presaleNumber).toBe(first.presaleNumber);
    expect(again.chainToken).toBe(first.chainToken);
    await expect(issue(key, { ...body, unitCount: 121 })).rejects.toMatchObject({
      problem: { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' },
    });
  });

  it('answers 409 for a key still in flight', async () => {
    const key = randomUUID();
    const body = submission();
    const outcomes = await Promise.allSettled([issue(key, body), issue(key, body), issue(key, body)]);
    const numbers = new Set(
      outcomes
        .filter((o) => o.status === 'fulfilled')
        .map((o) => (o as PromiseFulfilledResult<PresaleIssuedV1>).value.presaleNumber),
    );
    expect(numbers.size).toBe(1);
    for (const o of outcomes.filter((x) => x.status === 'rejected'))
      expect((o as PromiseRejectedResult).reason).toMatchObject({
        problem: { status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' },
      });
  });

  it('rejects bad submissions without consuming a serial', async () => {
    const before = await issue(randomUUID());
    await expect(
      issue(randomUUID(), submission({ projectName: '', location: { lat: 40, lng: 113 }, unitCount: 0 })),
    ).rejects.toMatchObject({ problem: { status: 422, code: 'INCOMPLETE_SUBMISSION' } });
    await expect(
      issue(randomUUID(), submission({ constructionPermitNumbers: ['430223202406209901'] })),
    ).rejects.toMatchObject({ problem: { status: 404, code: 'PERMIT_NOT_FOUND' } });
    await expect(
      issue(randomUUID(), submission({ constructionPermitNumbers: ['430223202406200401'] })),
    ).rejects.toMatchObject({ problem: { status: 422, code: 'PERMIT_NOT_PRESALE' } });
    await expect(
      issue(randomUUID(), submission({ constructionPermitNumbers: [PERMIT, '430223202406200301'] })),
    ).rejects.toMatchObject({ problem: { status: 422, code: 'PERMITS_OF_DIFFERENT_PROJECTS' } });
    await expect(issue(randomUUID(), submission({ unitCodes: ['U22', 'NOPE'] }))).rejects.toMatchObject({
      problem: { status: 422, code: 'UNIT_NOT_IN_PERMITS' },
    });
    await expect(issue(randomUUID(), submission({ issueDate: '2024-07-31' }))).rejects.toMatchObject({
      problem: { status: 422, code: 'INCOMPLETE_SUBMISSION', errors: [{ field: 'issueDate' }] },
    });
    await expect(issue(randomUUID(), submission(), { ...county, regions: ['430102'] })).rejects.toMatchObject({
      problem: { status: 403, code: 'REGION_FORBIDDEN' },
    });
    const after = await issue(randomUUID());
    expect(Number(after.presaleNumber.slice(-2))).toBe(Number(before.presaleNumber.slice(-2)) + 1);
  });

  it('accepts several permits of one project, numbered by the first', async () => {
    const issued = await issue(
      randomUUID(),
      submission({ constructionPermitNumbers: ['430223202406200201', PERMIT], unitCodes: ['U23', 'U22'] }),
    );
    expect(issued.presaleNumber).toBe('430223202406200201-Y01');
  });

  it('refuses the 100th number with 409 SERIAL_EXHAUSTED', async () => {
    const s = (): PresaleSubmissionV1 =>
      submission({ constructionPermitNumbers: ['430223202406200501'], unitCodes: ['U5'] });
    for (let i = 0; i < 99; i += 10)
      await Promise.all(Array.from({ length: Math.min(10, 99 - i) }, () => issue(randomUUID(), s())));
    await expect(issue(randomUUID(), s())).rejects.toMatchObject({
      problem: { status: 409, code: 'SERIAL_EXHAUSTED' },
    });
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM presale_permit WHERE permit_number = '430223202406200501'`,
    )) as Array<{ n: number }>;
    expect(n).toBe(99);
  });

  describe('one unified number per local certificate (本地证号)', () => {
    const P6 = '430223202406200601';
    const s6 = (overrides: Partial<PresaleSubmissionV1> = {}): PresaleSubmissionV1 =>
      submission({ constructionPermitNumbers: [P6], unitCodes: ['U6'], ...overrides });

    it('gives 10 parallel issuances of one certificate with different keys exactly one number and nine 409s naming it, consuming no serial', async () => {
      const body = s6({ localCertificateNumber: '攸住建预字〔2024〕第601号' });
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => issue(randomUUID(), body)));
      const issued = outcomes
        .filter((o): o is PromiseFulfilledResult<PresaleIssuedV1> => o.status === 'fulfilled')
        .map((o) => o.value);
      expect(issued.map((i) => i.presaleNumber)).toEqual([`${P6}-Y01`]);
      const refused = outcomes
        .filter((o): o is PromiseRejectedResult => o.status === 'rejected')
        .map(
          (o) =>
            o.reason as {
              problem: {
                status: number;
                code: string;
                detail: string;
                errors: Array<{ field: string; reason: string }>;
              };
            },
        );
      expect(refused).toHaveLength(9);
      for (const r of refused) {
        expect(r.problem).toMatchObject({
          status: 409,
          code: 'DUPLICATE_LOCAL_CERTIFICATE',
          errors: [{ field: 'localCertificateNumber', reason: `${P6}-Y01` }],
        });
        expect(r.problem.detail).toContain(`${P6}-Y01`);
      }
      const next = await issue(randomUUID(), s6({ localCertificateNumber: '攸住建预字〔2024〕第602号' }));
      expect(next.presaleNumber).toBe(`${P6}-Y02`);
    });

    it('replays the same key and body (201, not 409), and matches the certificate trimmed, without inner spaces, NFKC', async () => {
      const key = randomUUID();
      const body = s6({ localCertificateNumber: '攸住建预字〔2024〕第603号' });
      const first = await issue(key, body);
      await expect(issue(key, body)).resolves.toMatchObject({
        presaleNumber: first.presaleNumber,
        chainToken: first.chainToken,
      });
      for (const variant of [
        '  攸住建预字〔2024〕第603号 ',
        '攸住建预字 〔2024〕 第603号',
        '攸住建预字〔２０２４〕第６０３号',
      ]) {
        await expect(issue(randomUUID(), s6({ localCertificateNumber: variant }))).rejects.toMatchObject({
          problem: { status: 409, code: 'DUPLICATE_LOCAL_CERTIFICATE', errors: [{ reason: first.presaleNumber }] },
        });
      }
      await expect(
        issue(
          randomUUID(),
          s6({ localCertificateNumber: '攸住建预字〔2024〕第603号', issuingAuthority: ' 攸县住房和城乡建设局 ' }),
        ),
      ).rejects.toMatchObject({ problem: { code: 'DUPLICATE_LOCAL_CERTIFICATE' } });
      // the same local number of another issuing authority is another certificate
      const other = await issue(
        randomUUID(),
        s6({ localCertificateNumber: '攸住建预字〔2024〕第603号', issuingAuthority: '株洲市住房和城乡建设局' }),
      );
      expect(other.presaleNumber).not.toBe(first.presaleNumber);
      // one certificate per number across permits too (the number is the certificate's, not the permit's)
      await expect(
        issue(randomUUID(), submission({ localCertificateNumber: '攸住建预字〔2024〕第603号' })),
      ).rejects.toMatchObject({ problem: { code: 'DUPLICATE_LOCAL_CERTIFICATE' } });
    });
  });

  describe("the developer is the construction permit's project developer", () => {
    it('refuses another credit code with 422 DEVELOPER_MISMATCH listing both, consuming no serial', async () => {
      const before = await dataSource.query(
        `SELECT count(*)::int AS n FROM presale_permit WHERE permit_number = '430223202406200701'`,
      );
      const refused = issue(
        randomUUID(),
        submission({ constructionPermitNumbers: ['430223202406200701'], unitCodes: ['U7'] }),
      );
      await expect(refused).rejects.toMatchObject({
        problem: { status: 422, code: 'DEVELOPER_MISMATCH', errors: [{ field: 'developer.creditCode' }] },
      });
      const problem = (
        (await refused.catch((e: unknown) => e)) as { problem: { detail: string; errors: Array<{ reason: string }> } }
      ).problem;
      expect(problem.detail).toContain(CREDIT_CODE);
      expect(problem.detail).toContain(OTHER_CREDIT_CODE);
      expect(problem.errors[0]!.reason).toContain(CREDIT_CODE);
      expect(problem.errors[0]!.reason).toContain(OTHER_CREDIT_CODE);
      const ok = await issue(
        randomUUID(),
        submission({
          constructionPermitNumbers: ['430223202406200701'],
          unitCodes: ['U7'],
          developer: { name: '茶陵别家置业有限公司', creditCode: OTHER_CREDIT_CODE },
        }),
      );
      expect(ok.presaleNumber).toBe('430223202406200701-Y01');
      expect(before).toEqual([{ n: 0 }]);
    });

    it('answers 503 (retry) while the replica does not know the developer; a permits event (even an older, replayed one) fills it in', async () => {
      const P8 = '430223202406200801';
      await expect(
        issue(randomUUID(), submission({ constructionPermitNumbers: [P8], unitCodes: ['U8'] })),
      ).rejects.toMatchObject({ problem: { status: 503, code: 'SERVICE_UNAVAILABLE' } });
      const projector = app.get(PermitReplicaProjector);
      const event = (time: string, creditCode: string): CloudEvent<PermitRegisteredV1> => ({
        specversion: '1.0',
        id: randomUUID(),
        source: '/hn/permits',
        type: PermitsEvents.permitUpdated,
        subject: P8,
        time,
        datacontenttype: 'application/json',
        data: {
          permit: {
            permitNumber: P8,
            projectCode: 'P8',
            projectName: '副本缺建设单位',
            regionCode: '430223',
            projectType: 'PRESALE',
            category: '01',
            developerName: '攸县锦绣置业有限公司',
            developerCreditCode: creditCode,
            issueDate: '2024-06-20',
            startDate: null,
            plannedCompletionDate: null,
            fivePartyAcceptanceDate: null,
            completionFilingDate: null,
            status: 'VALID',
          },
          units: [{ unitCode: 'U8', name: '8#', floors: 18, floorArea: 100 }],
        },
      });
      // older than the replica row (replayed after the migration): fills only the missing developer
      await dataSource.transaction((m) => projector.apply(event('2020-01-01T00:00:00.000Z', CREDIT_CODE), m));
      const issued = await issue(randomUUID(), submission({ constructionPermitNumbers: [P8], unitCodes: ['U8'] }));
      expect(issued.presaleNumber).toBe(`${P8}-Y01`);
      // a newer event replaces it
      await dataSource.transaction((m) =>
        projector.apply(event(new Date(Date.now() + 1000).toISOString(), OTHER_CREDIT_CODE), m),
      );
      await expect(
        issue(randomUUID(), submission({ constructionPermitNumbers: [P8], unitCodes: ['U8'] })),
      ).rejects.toMatchObject({ problem: { status: 422, code: 'DEVELOPER_MISMATCH' } });
    });
  });

  it('keeps verifying old tokens after a key rotation and lists both keys', async () => {
    const before = await issue(randomUUID());
    await app.close();
    const newPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    app = await createPresaleApp(validatePresaleConfig({ ...configEnv, PRESALE_SIGNING_KEY: newPem }));
    dataSource = app.get(DataSource);
    const after = await issue(randomUUID());
    expect(after.chainToken.slice(0, 8)).not.toBe(before.chainToken.slice(0, 8)); // version, flags, key id differ
    await expect(rpc.callPublic(Rpc.publicVerify, { token: before.chainToken })).resolves.toMatchObject({
      valid: true,
    });
    await expect(rpc.callPublic(Rpc.publicVerify, { token: after.chainToken })).resolves.toMatchObject({ valid: true });
    const jwks = await rpc.callPublic(Rpc.publicKeys, {});
    expect(jwks.keys).toHaveLength(2);
  });
});

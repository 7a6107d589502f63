import { INestApplication } from '@nestjs/common';
import { ScanStaging } from '@hn/documents';
import { Principal, Rpc, ScanRefV1 } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { creditCodeCheckChar } from '@hn/numbering';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createPermitsApp } from '../bootstrap';
import { validatePermitsConfig } from '../config/permits.config';

const credit = (base: string): string => `${base}${creditCodeCheckChar(base)}`;
const pdf = (text: string): Buffer => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\n%%EOF\n`, 'utf8');

/**
 * 补正时上传或更换承诺函, over NATS as the gateway calls it (rpc.permits.approval.*): a RESUBMIT naming a
 * staged letter keeps it as the application's next version in the resubmission's transaction, the reads
 * and the download show the current one, the history lists the replacement, the strict review passes on
 * it, and a letter the form after the correction cannot take is refused with 422, keeping nothing.
 */
describe('approval RESUBMIT with a commitment letter (over NATS)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let staging: ScanStaging;
  let app: INestApplication;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const writer: Principal = { kind: 'integrator', id: 'gaigai', regions: ['430200'], scopes: ['approval:write'] };
  const staff = (id: string): Principal => ({
    kind: 'staff',
    id,
    regions: ['430223'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  });
  let seq = 0;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    nc = await connect({ servers: nats.url });
    rpc = new RpcClient(nc, { timeoutMs: 10_000 });
    staging = new ScanStaging(nc);
    const db = await createTestDatabase('it_permits_resubmit_letter');
    dropDb = db.drop;
    app = await createPermitsApp(
      validatePermitsConfig({
        DATABASE_URL: db.serverUrl,
        PERMITS_DB_NAME: db.name,
        NATS_URL: nats.url,
        PERMITS_PORT: '0',
        LOG_LEVEL: 'warn',
        PERMITS_OVERDUE_SWEEP_MS: '86400000',
      }),
    );
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await dropDb?.();
    await nats?.destroy();
  });

  const party = { name: '湖南建工集团有限公司', creditCode: credit('91430000MA4L0XKJ2') };
  /** A registered project and its application, submitted over NATS (no letter). */
  const submit = async (projectType: 'PRESALE' | 'OTHER', applies = false): Promise<string> => {
    const projectCode = `2024-430223-70-03-${String(600_000 + ++seq)}`;
    await rpc.call(Rpc.approvalProjectRegister, writer, {
      projectCode,
      projectName: '补正承诺函项目',
      regionCode: '430223',
      category: '社会投资房建类',
      developer: { name: '攸县锦绣置业有限公司', creditCode: credit('91430223MA4L0XKJ1') },
      projectType,
    });
    const { applicationId } = await rpc.call(Rpc.approvalApplicationSubmit, writer, {
      projectCode,
      units: [{ unitCode: `${projectCode}-DT01`, name: '1#栋', floors: 18, floorArea: 9876.5 }],
      constructionUnit: party,
      contractor: party,
      supervisor: party,
      contractAmountFen: 35_000_000_000,
      area: 9876.5,
      plannedStartDate: '2025-01-01',
      plannedCompletionDate: '2030-12-31',
      ...(projectType === 'PRESALE'
        ? {
            capitalGuarantee: { applies, amountFen: applies ? 1_000_000 : null },
            fundSupervision: { planned: false, bank: null, account: null },
          }
        : {}),
    });
    return applicationId;
  };
  const pass = (id: string, actor: string, extra: Record<string, unknown> = {}) =>
    rpc.call(Rpc.approvalApplicationTransition, staff(actor), {
      applicationId: id,
      action: 'PASS',
      opinion: '同意',
      ...extra,
    });
  const returnForCorrection = (id: string, actor: string) =>
    rpc.call(Rpc.approvalApplicationTransition, staff(actor), {
      applicationId: id,
      action: 'RETURN_FOR_CORRECTION',
      opinion: '缺项目资本保证金',
      items: ['补充项目资本保证金承诺函'],
    });
  const resubmit = (id: string, commitmentLetter?: ScanRefV1, corrections?: Record<string, unknown>) =>
    rpc.call(Rpc.approvalApplicantAction, writer, {
      applicationId: id,
      action: 'RESUBMIT',
      opinion: '已补充承诺函',
      ...(commitmentLetter ? { commitmentLetter } : {}),
      ...(corrections ? { corrections } : {}),
    });
  const versions = async (id: string): Promise<Array<{ version: number; sha256: string; file_name: string }>> =>
    dataSource.query(
      `SELECT version, sha256, file_name FROM permit_application_commitment_letter WHERE application_id = $1
        ORDER BY version`,
      [id],
    );
  /** 受理 by A, 初审 by A, 报监 by B: the case stands at 开工条件审查. */
  const toStartConditions = async (id: string): Promise<void> => {
    await pass(id, 'clerk.a', { confirmedProjectType: 'PRESALE' });
    await pass(id, 'clerk.a');
    await pass(id, 'clerk.b');
  };

  it('a case returned for a missing guarantee takes a letter on RESUBMIT and passes to DECISION, issuing the permit', async () => {
    const id = await submit('PRESALE');
    await toStartConditions(id);
    await expect(pass(id, 'clerk.b')).rejects.toMatchObject({
      problem: { status: 422, code: 'CAPITAL_GUARANTEE_MISSING' },
    });
    await returnForCorrection(id, 'clerk.b');
    const first = pdf('承诺函 第一份');
    const ref = await staging.stage(first, 'application/pdf', '承诺函.pdf');
    const result = await resubmit(id, ref, { capitalGuarantee: { applies: true, amountFen: null } });
    expect(result).toMatchObject({ stage: 'START_CONDITIONS_REVIEW', state: 'IN_REVIEW' });
    expect(await versions(id)).toEqual([{ version: 1, sha256: ref.sha256, file_name: '承诺函.pdf' }]);

    const detail = await rpc.call(Rpc.approvalApplicationGet, staff('clerk.a'), { applicationId: id });
    expect(detail.capitalGuarantee).toEqual({
      applies: true,
      amountFen: null,
      commitmentLetter: expect.objectContaining({ sha256: ref.sha256, fileName: '承诺函.pdf', size: first.length }),
    });
    const resubmitted = detail.history.at(-1)!;
    expect(resubmitted.action).toBe('RESUBMIT');
    expect(resubmitted.changes).toEqual([
      {
        field: 'capitalGuarantee',
        before: { applies: false, amountFen: null },
        after: { applies: true, amountFen: null },
      },
      {
        field: 'capitalGuarantee.commitmentLetter',
        before: null,
        after: {
          sha256: ref.sha256,
          fileName: '承诺函.pdf',
          contentType: 'application/pdf',
          size: first.length,
          version: 1,
        },
      },
    ]);

    // the strict review sees it: 开工条件审查 and 决定 pass, the permit is issued
    await pass(id, 'clerk.b'); // 开工条件审查
    await pass(id, 'clerk.b'); // 复审
    const decided = await pass(id, 'director');
    expect(decided).toMatchObject({
      stage: 'CLOSED',
      state: 'APPROVED',
      permitNumber: expect.stringMatching(/^430223\d{12}$/),
    });
  });

  it('replaces a letter: a new version, the old one kept, the reads and the download show the new one', async () => {
    const id = await submit('PRESALE', true);
    await pass(id, 'clerk.a', { confirmedProjectType: 'PRESALE' });
    await returnForCorrection(id, 'clerk.a');
    const v1 = await staging.stage(pdf('第一份'), 'application/pdf', '承诺函-1.pdf');
    await resubmit(id, v1);
    await returnForCorrection(id, 'clerk.a');
    const second = pdf('第二份（更换）');
    const v2 = await staging.stage(second, 'application/pdf', '承诺函-2.pdf');
    await resubmit(id, v2);

    expect((await versions(id)).map((v) => [v.version, v.file_name])).toEqual([
      [1, '承诺函-1.pdf'],
      [2, '承诺函-2.pdf'],
    ]);
    const status = await rpc.call(Rpc.approvalApplicationStatus, writer, { applicationId: id });
    expect(status.commitmentLetter).toMatchObject({ sha256: v2.sha256, fileName: '承诺函-2.pdf' });
    const staged = await rpc.call(Rpc.approvalCommitmentLetter, staff('clerk.a'), { applicationId: id });
    expect(staged.fileName).toBe('承诺函-2.pdf');
    expect((await staging.take(staged)).equals(second)).toBe(true);
    const detail = await rpc.call(Rpc.approvalApplicationGet, staff('clerk.a'), { applicationId: id });
    const replaced = detail.history.at(-1)!.changes;
    expect(replaced).toEqual([
      {
        field: 'capitalGuarantee.commitmentLetter',
        before: expect.objectContaining({ sha256: v1.sha256, fileName: '承诺函-1.pdf', version: 1 }),
        after: expect.objectContaining({ sha256: v2.sha256, fileName: '承诺函-2.pdf', version: 2 }),
      },
    ]);
    // the amount is untouched by a letter alone
    expect(detail.capitalGuarantee).toMatchObject({ applies: true, amountFen: 1_000_000 });
  });

  it('refuses a letter the form cannot take (OTHER project, applies=false, not a RESUBMIT, bad scan) with 422, keeping nothing', async () => {
    const letter = (): Promise<ScanRefV1> => staging.stage(pdf('x'), 'application/pdf', 'x.pdf');
    const other = await submit('OTHER');
    await pass(other, 'clerk.a', { confirmedProjectType: 'OTHER' });
    await returnForCorrection(other, 'clerk.a');
    await expect(resubmit(other, await letter())).rejects.toMatchObject({
      problem: {
        status: 422,
        code: 'INCOMPLETE_SUBMISSION',
        errors: [{ field: 'commitmentLetter', reason: expect.stringContaining('预售商品房') }],
      },
    });

    const presale = await submit('PRESALE');
    await pass(presale, 'clerk.a', { confirmedProjectType: 'PRESALE' });
    await returnForCorrection(presale, 'clerk.a');
    // stored applies=false, not corrected: the service refuses; corrected to applies=false: the message class
    await expect(resubmit(presale, await letter())).rejects.toMatchObject({
      problem: { status: 422, errors: [{ field: 'commitmentLetter', reason: expect.stringContaining('applies') }] },
    });
    await expect(
      resubmit(presale, await letter(), { capitalGuarantee: { applies: false, amountFen: null } }),
    ).rejects.toMatchObject({
      problem: { status: 422, errors: [{ field: 'commitmentLetter', reason: expect.stringContaining('applies') }] },
    });
    await expect(
      rpc.call(Rpc.approvalApplicantAction, writer, {
        applicationId: presale,
        action: 'WITHDRAW',
        opinion: '撤回',
        commitmentLetter: await letter(),
      }),
    ).rejects.toMatchObject({
      problem: { status: 422, errors: [{ field: 'commitmentLetter', reason: expect.stringContaining('RESUBMIT') }] },
    });
    // a reference whose bytes do not match: nothing kept, the case still waits for the applicant
    const bad = { ...(await letter()), sha256: 'c'.repeat(64) };
    await expect(
      resubmit(presale, bad, { capitalGuarantee: { applies: true, amountFen: null } }),
    ).rejects.toMatchObject({
      problem: { status: 422, code: 'SCAN_UNAVAILABLE' },
    });
    expect(await versions(other)).toEqual([]);
    expect(await versions(presale)).toEqual([]);
    const status = await rpc.call(Rpc.approvalApplicationStatus, writer, { applicationId: presale });
    expect(status).toMatchObject({ state: 'RETURNED', commitmentLetter: null });
    // applies=true with neither amount nor letter after the correction: the submission's rule
    await expect(
      resubmit(presale, undefined, { capitalGuarantee: { applies: true, amountFen: null } }),
    ).rejects.toMatchObject({
      problem: { status: 422, errors: [{ field: 'corrections.capitalGuarantee.amountFen' }] },
    });
  });
});

import { INestApplication } from '@nestjs/common';
import { ScanStaging } from '@hn/documents';
import { Principal, ScanRefV1 } from '@hn/messages';
import { creditCodeCheckChar } from '@hn/numbering';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { createPermitsApp } from '../bootstrap';
import { validatePermitsConfig } from '../config/permits.config';
import { ApprovalApplicationsService } from './approval-applications.service';
import { ApprovalProjectsService } from './approval-projects.service';
import { ApprovalTransitionsService } from './approval-transitions.service';

const credit = (base: string): string => `${base}${creditCodeCheckChar(base)}`;

/**
 * 项目资本保证金承诺函 against real Postgres and NATS: the staged scan is taken (checked again) and kept
 * with the application in the submission's transaction, shown in the reads, staged again for the
 * staff download, and counts for the strict review of a PRESALE case in place of the amount.
 */
describe('approval commitment letter (staged scan kept with the application)', () => {
  let nats: NatsServerProcess;
  let nc: NatsConnection;
  let staging: ScanStaging;
  let app: INestApplication;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const writer: Principal = { kind: 'integrator', id: 'gaigai', regions: ['430200'], scopes: ['approval:write'] };
  const staff = (id: string, regions = ['430223']): Principal => ({
    kind: 'staff',
    id,
    regions,
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  });
  const letter = Buffer.from('%PDF-1.4\n% 承诺函\n1 0 obj <<>> endobj\n%%EOF\n', 'utf8');
  let seq = 0;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    nc = await connect({ servers: nats.url });
    staging = new ScanStaging(nc);
    const db = await createTestDatabase('it_permits_letter');
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

  const submit = async (commitmentLetter: ScanRefV1 | null): Promise<string> => {
    const projectCode = `2024-430223-70-03-${String(500_000 + ++seq)}`;
    await app.get(ApprovalProjectsService).register(writer, {
      projectCode,
      projectName: '承诺函项目',
      regionCode: '430223',
      category: '社会投资房建类',
      developer: { name: '攸县锦绣置业有限公司', creditCode: credit('91430223MA4L0XKJ1') },
      projectType: 'PRESALE',
    });
    const party = { name: '湖南建工集团有限公司', creditCode: credit('91430000MA4L0XKJ2') };
    const { applicationId } = await app.get(ApprovalApplicationsService).submit(writer, {
      projectCode,
      units: [{ unitCode: `${projectCode}-DT01`, name: '1#栋', floors: 18, floorArea: 9876.5 }],
      constructionUnit: party,
      contractor: party,
      supervisor: party,
      contractAmountFen: 35_000_000_000,
      area: 9876.5,
      plannedStartDate: '2025-01-01',
      plannedCompletionDate: '2030-12-31',
      capitalGuarantee: { applies: true, amountFen: null, commitmentLetter },
      fundSupervision: { planned: false, bank: null, account: null },
    });
    return applicationId;
  };

  it('keeps the letter, shows it, stages it again for the download and lets the case pass strict review', async () => {
    const ref = await staging.stage(letter, 'application/pdf', '承诺函.pdf');
    const id = await submit(ref);
    const [kept] = (await dataSource.query(
      `SELECT scan, sha256, content_type, size, file_name, uploaded_by FROM permit_application_commitment_letter
        WHERE application_id = $1`,
      [id],
    )) as Array<{
      scan: Buffer;
      sha256: string;
      content_type: string;
      size: number;
      file_name: string;
      uploaded_by: string;
    }>;
    expect(kept!.scan.equals(letter)).toBe(true);
    expect(kept).toMatchObject({
      sha256: ref.sha256,
      content_type: 'application/pdf',
      size: letter.length,
      file_name: '承诺函.pdf',
      uploaded_by: 'gaigai',
    });
    // the stored form holds no scan reference
    const [{ form }] = (await dataSource.query(`SELECT form FROM permit_application WHERE application_id = $1`, [
      id,
    ])) as Array<{
      form: { capitalGuarantee: Record<string, unknown> };
    }>;
    expect(form.capitalGuarantee).toEqual({ applies: true, amountFen: null });

    const applications = app.get(ApprovalApplicationsService);
    const shown = {
      sha256: ref.sha256,
      contentType: 'application/pdf',
      size: letter.length,
      fileName: '承诺函.pdf',
      uploadedAt: expect.any(String),
    };
    expect((await applications.get(staff('clerk.a'), id)).capitalGuarantee).toEqual({
      applies: true,
      amountFen: null,
      commitmentLetter: shown,
    });
    expect((await applications.status(writer, id)).commitmentLetter).toEqual(shown);
    const again = await applications.commitmentLetter(staff('clerk.a'), id);
    expect(again).toMatchObject({ sha256: ref.sha256, contentType: 'application/pdf', fileName: '承诺函.pdf' });
    expect((await staging.take(again)).equals(letter)).toBe(true);
    await expect(applications.commitmentLetter(staff('chaling', ['430224']), id)).rejects.toMatchObject({
      problem: { status: 403, code: 'REGION_FORBIDDEN' },
    });

    const transitions = app.get(ApprovalTransitionsService);
    const actors = ['clerk.a', 'clerk.a', 'clerk.b', 'clerk.b', 'clerk.b', 'director'];
    for (const [i, actor] of actors.entries())
      await transitions.staff(staff(actor), {
        applicationId: id,
        action: 'PASS',
        opinion: '同意',
        ...(i === 0 ? { confirmedProjectType: 'PRESALE' as const } : {}),
      });
    expect((await applications.get(staff('clerk.a'), id)).state).toBe('APPROVED');
  });

  it('refuses a staged scan that does not match its reference, keeping nothing (422 SCAN_UNAVAILABLE)', async () => {
    const ref = await staging.stage(letter, 'application/pdf', '承诺函.pdf');
    const before = (await dataSource.query(`SELECT count(*)::int AS n FROM permit_application`)) as Array<{
      n: number;
    }>;
    await expect(submit({ ...ref, sha256: 'b'.repeat(64) })).rejects.toMatchObject({
      problem: { status: 422, code: 'SCAN_UNAVAILABLE' },
    });
    const after = (await dataSource.query(`SELECT count(*)::int AS n FROM permit_application`)) as Array<{ n: number }>;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('without amount or letter a PRESALE case stops at 开工条件审查 (422 CAPITAL_GUARANTEE_MISSING naming both fields)', async () => {
    // the message class refuses this at submission; a row written so stands for an older form
    const id = await submit(null);
    // kept letters are never deleted (nor changed)
    const other = await submit(await staging.stage(letter, 'application/pdf', 'x.pdf'));
    await expect(
      dataSource.query(`DELETE FROM permit_application_commitment_letter WHERE application_id = $1`, [other]),
    ).rejects.toThrow(/kept: DELETE refused/);
    await expect(
      dataSource.query(
        `UPDATE permit_application_commitment_letter SET file_name = 'y.pdf' WHERE application_id = $1`,
        [other],
      ),
    ).rejects.toThrow(/kept: UPDATE refused/);
    const transitions = app.get(ApprovalTransitionsService);
    for (const [i, actor] of ['clerk.a', 'clerk.a', 'clerk.b'].entries())
      await transitions.staff(staff(actor), {
        applicationId: id,
        action: 'PASS',
        opinion: '同意',
        ...(i === 0 ? { confirmedProjectType: 'PRESALE' as const } : {}),
      });
    const blocked = transitions.staff(staff('clerk.b'), { applicationId: id, action: 'PASS', opinion: '同意' });
    await expect(blocked).rejects.toMatchObject({
      problem: {
        status: 422,
        code: 'CAPITAL_GUARANTEE_MISSING',
        errors: [{ field: 'capitalGuarantee.amountFen' }, { field: 'capitalGuarantee.commitmentLetter' }],
      },
    });
  });
});

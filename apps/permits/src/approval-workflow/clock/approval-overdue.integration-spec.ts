import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Principal } from '@hn/messages';
import { creditCodeCheckChar } from '@hn/numbering';
import { createTestDatabase, NatsServerProcess } from '@hn/testing';
import { DataSource } from 'typeorm';
import { createPermitsApp } from '../../bootstrap';
import { validatePermitsConfig } from '../../config/permits.config';
import { ApprovalApplicationsService } from '../approval-applications.service';
import { ApprovalProjectsService } from '../approval-projects.service';
import { ApprovalTransitionsService } from '../approval-transitions.service';
import { ApprovalOverdueService } from './approval-overdue.service';

const credit = (base: string): string => `${base}${creditCodeCheckChar(base)}`;
const cn = (local: string): string => new Date(Date.parse(`${local}:00Z`) - 8 * 3600_000).toISOString();

/**
 * 超时督办 against real Postgres: the sweep publishes hn.permits.application.overdue.v1 once per
 * stage through the outbox even when two sweeps run at once, and leaving the stage publishes
 * overdue-ended in the transition's transaction.
 */
describe('approval overdue sweep (outbox, once per stage)', () => {
  let nats: NatsServerProcess;
  let app: INestApplication;
  let dataSource: DataSource;
  let dropDb: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'hn-overdue-'));
  const clockFile = join(dir, 'now');
  const setNow = (local: string): void => writeFileSync(clockFile, cn(local));
  const writer: Principal = { kind: 'integrator', id: 'gaigai', regions: ['430200'], scopes: ['approval:write'] };
  const clerk = (id: string): Principal => ({
    kind: 'staff',
    id,
    regions: ['430223'],
    scopes: ['supervision:read', 'supervision:write'],
    role: 'COUNTY',
  });
  const outbox = async (type: string): Promise<Array<{ data: Record<string, unknown> }>> =>
    (
      (await dataSource.query(`SELECT payload FROM outbox_event WHERE payload->>'type' = $1 ORDER BY created_at`, [
        type,
      ])) as Array<{ payload: { data: Record<string, unknown> } }>
    ).map((r) => r.payload);

  beforeAll(async () => {
    setNow('2025-09-15T09:00');
    nats = await NatsServerProcess.start();
    const db = await createTestDatabase('it_permits_overdue');
    dropDb = db.drop;
    app = await createPermitsApp(
      validatePermitsConfig({
        DATABASE_URL: db.serverUrl,
        PERMITS_DB_NAME: db.name,
        NATS_URL: nats.url,
        PERMITS_PORT: '0',
        LOG_LEVEL: 'warn',
        PERMITS_CLOCK_FILE: clockFile,
        // the timer stays out of the way: the spec runs the sweep itself
        PERMITS_OVERDUE_SWEEP_MS: '86400000',
      }),
    );
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await dropDb?.();
    await nats?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a red stage once, however many sweeps run, and its end on leaving the stage', async () => {
    const projectCode = '2024-430223-70-03-400001';
    await app.get(ApprovalProjectsService).register(writer, {
      projectCode,
      projectName: '督办项目',
      regionCode: '430223',
      category: '社会投资房建类',
      developer: { name: '攸县锦绣置业有限公司', creditCode: credit('91430223MA4L0XKJ1') },
      projectType: 'OTHER',
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
    });
    const sweep = app.get(ApprovalOverdueService);
    expect(await sweep.sweep()).toBe(0); // 0 of 1 day used
    setNow('2025-09-16T09:00'); // 1 of 1 committed day: red
    const runs = await Promise.all([sweep.sweep(), sweep.sweep(), sweep.sweep()]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await sweep.sweep()).toBe(0);
    const overdue = await outbox('hn.permits.application.overdue.v1');
    expect(overdue.map((e) => e.data)).toEqual([
      {
        applicationId,
        projectCode,
        projectName: '督办项目',
        regionCode: '430223',
        stage: 'ACCEPTANCE',
        committedDays: 1,
        statutoryDays: 5,
        elapsedDays: 1,
        overdueAt: expect.stringMatching(/^2025-09-16T01:00/),
      },
    ]);
    // a 补正 round trip stays in the stage: nothing ends, nothing is published again
    const transitions = app.get(ApprovalTransitionsService);
    await transitions.staff(clerk('clerk.a'), {
      applicationId,
      action: 'RETURN_FOR_CORRECTION',
      opinion: '请补正',
      items: ['补充施工合同'],
    });
    await transitions.applicant(writer, { applicationId, action: 'RESUBMIT', opinion: '已补充' });
    expect(await sweep.sweep()).toBe(0);
    expect(await outbox('hn.permits.application.overdue-ended.v1')).toEqual([]);
    await transitions.staff(clerk('clerk.a'), {
      applicationId,
      action: 'PASS',
      opinion: '受理',
      confirmedProjectType: 'OTHER',
    });
    expect((await outbox('hn.permits.application.overdue-ended.v1')).map((e) => e.data)).toEqual([
      { applicationId, regionCode: '430223', stage: 'ACCEPTANCE', action: 'PASS', endedAt: expect.any(String) },
    ]);
    expect(await sweep.sweep()).toBe(0); // 初审 entered today: green
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@hn/testing';
import { creditCode } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}
interface StageClock {
  stage: string;
  elapsedDays: number;
  pausedDays: number;
  committedDays: number;
  level: string;
  leftAt: string | null;
}
interface Detail {
  applicationId: string;
  state: string;
  stage: string;
  capitalGuarantee: unknown;
  history: Array<{ action: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
  clock: {
    paused: boolean;
    stages: StageClock[];
    total: { elapsedDays: number; pausedDays: number };
    pauses: Array<{ kind: string; noticeNumber: string; reason: string; noticeDate: string; endedAt: string | null }>;
  };
}
interface Alert {
  id: string;
  type: string;
  state: string;
  regionCode: string;
  facts: Record<string, unknown>;
}

const PASSWORD = 'Approval2024ok';
const COUNTY = '430223'; // 攸县

/** A China-time instant (UTC+8) as the permits clock file takes it. */
const cn = (local: string): string => new Date(Date.parse(`${local}:00Z`) - 8 * 3600_000).toISOString();

describe('施工许可审批时限 approval clocks, pauses, overdue alerts, stage roles and corrections through the gateway', () => {
  let platform: TestPlatform;
  const dir = mkdtempSync(join(tmpdir(), 'hn-approval-clock-'));
  const clockFile = join(dir, 'now');
  /** moves the permits service's "now" (PERMITS_CLOCK_FILE, tests only) */
  const setNow = (local: string): void => writeFileSync(clockFile, cn(local));
  const tokens: Record<string, string> = {};
  let writer = '';

  const call = async (method: string, path: string, token: string, body?: unknown): Promise<Response> =>
    fetch(`${platform.gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const problem = async (res: Response, status: number, code: string): Promise<Problem> => {
    const text = await res.text();
    expect({ status: res.status, text }).toMatchObject({ status });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = JSON.parse(text) as Problem;
    expect(p).toMatchObject({ status, code });
    return p;
  };

  let seq = 0;
  const party = (name: string) => ({ name, creditCode: creditCode() });
  const newCase = async (projectType: 'PRESALE' | 'OTHER', extra: Record<string, unknown> = {}): Promise<string> => {
    const code = `2024-${COUNTY}-70-03-${String(300_000 + ++seq).padStart(6, '0')}`;
    await ok(
      await call('POST', '/api/v1/approval/projects', writer, {
        projectCode: code,
        projectName: `时限项目${seq}`,
        regionCode: COUNTY,
        category: '社会投资房建类',
        developer: { name: '攸县锦绣置业有限公司', creditCode: creditCode() },
        projectType,
      }),
      201,
    );
    const receipt = await ok<{ applicationId: string }>(
      await call('POST', '/api/v1/approval/permit-applications', writer, {
        projectCode: code,
        units: [{ unitCode: `${code}-DT01`, name: '1#栋', floors: 18, floorArea: 9876.5 }],
        constructionUnit: party('攸县锦绣置业有限公司'),
        contractor: party('湖南建工集团有限公司'),
        supervisor: party('湖南长顺项目管理有限公司'),
        contractAmountFen: 35_000_000_000,
        area: 9876.5,
        plannedStartDate: '2025-01-01',
        plannedCompletionDate: '2030-12-31',
        ...extra,
      }),
      201,
    );
    return receipt.applicationId;
  };
  const step = (id: string, token: string, action = 'PASS', extra: Record<string, unknown> = {}) =>
    call('POST', `/api/v1/supervision/permit-applications/${id}/transitions`, token, {
      action,
      opinion: '经审查，符合要求',
      ...extra,
    });
  const detail = async (id: string): Promise<Detail> =>
    ok<Detail>(await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['clerkA']!));
  const stageClock = (d: Detail, stage: string): StageClock => d.clock.stages.find((s) => s.stage === stage)!;
  const alerts = async (query: string): Promise<Alert[]> =>
    (
      await ok<{ items: Alert[] }>(
        await call('GET', `/api/v1/supervision/alerts?type=APPROVAL_OVERDUE&pageSize=100&${query}`, tokens['clerkA']!),
      )
    ).items;
  const overdueIds = async (overdue: boolean): Promise<string[]> =>
    (
      await ok<{ items: Array<{ applicationId: string }> }>(
        await call('GET', `/api/v1/supervision/permit-applications?overdue=${overdue}&pageSize=100`, tokens['clerkA']!),
      )
    ).items.map((i) => i.applicationId);

  beforeAll(async () => {
    setNow('2025-09-15T09:00');
    platform = await TestPlatform.start(['permits', 'alerts'], {
      env: {
        PERMITS_CLOCK_FILE: clockFile,
        PERMITS_OVERDUE_SWEEP_MS: '300',
        // 株洲市 (攸县's city): Tuesday 2025-11-04 off, Saturday 2025-11-08 on; no earlier case is affected
        PERMITS_CALENDAR_OVERRIDES: '430200(株政办发〔2025〕9号):2025-11-04=HOLIDAY,2025-11-08=WORKDAY',
      },
    });
    writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    const staff: Array<[string, string, string]> = [
      ['clerkA', 'COUNTY', COUNTY],
      ['clerkB', 'COUNTY', COUNTY],
      ['director', 'COUNTY', COUNTY],
      ['city', 'CITY', '430200'],
    ];
    for (const [name, role, region] of staff) {
      await platform.createStaff(`${name.toLowerCase()}.clock`, PASSWORD, role, region);
      tokens[name] = await platform.staffToken(`${name.toLowerCase()}.clock`, PASSWORD, '10.40.0.2');
    }
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not count paused days (勘验 with its notice); red past the limit raises APPROVAL_OVERDUE, leaving the stage clears it', async () => {
    setNow('2025-09-15T09:00'); // Monday
    const id = await newCase('OTHER');
    setNow('2025-09-15T10:00');
    await ok(await step(id, tokens['clerkA']!, 'PASS', { confirmedProjectType: 'OTHER' })); // 受理 the same day: 0 days used
    setNow('2025-09-16T10:00');
    // PAUSE needs the written notice; then the clock stops
    await problem(await step(id, tokens['clerkA']!, 'PAUSE'), 422, 'INCOMPLETE_SUBMISSION');
    const notice = {
      kind: 'INSPECTION',
      noticeNumber: '攸建勘告〔2025〕12号',
      reason: '需现场勘验施工场地',
      date: '2025-09-16',
    };
    expect(await ok<{ state: string }>(await step(id, tokens['clerkA']!, 'PAUSE', { notice }))).toMatchObject({
      state: 'PAUSED',
      stage: 'PRELIMINARY_REVIEW',
    });
    await problem(await step(id, tokens['clerkA']!), 409, 'INVALID_TRANSITION'); // no PASS while paused

    setNow('2025-09-19T10:00'); // Friday: 17, 18, 19 paused
    const paused = await detail(id);
    expect(paused.state).toBe('PAUSED');
    expect(paused.clock.paused).toBe(true);
    expect(stageClock(paused, 'ACCEPTANCE')).toMatchObject({ elapsedDays: 0, level: 'GREEN' });
    expect(stageClock(paused, 'PRELIMINARY_REVIEW')).toMatchObject({ elapsedDays: 1, pausedDays: 3, level: 'GREEN' });
    expect(paused.clock.pauses).toEqual([
      expect.objectContaining({
        kind: 'INSPECTION',
        noticeNumber: notice.noticeNumber,
        reason: notice.reason,
        noticeDate: '2025-09-16',
        endedAt: null,
      }),
    ]);
    await ok(await step(id, tokens['clerkA']!, 'RESUME', { opinion: '勘验完毕，恢复计时' }));
    expect(await overdueIds(true)).not.toContain(id);

    setNow('2025-09-22T10:00'); // Monday: 16 and 22 count, 2 of 2 committed days → red
    const red = await detail(id);
    expect(stageClock(red, 'PRELIMINARY_REVIEW')).toMatchObject({
      elapsedDays: 2,
      pausedDays: 3,
      committedDays: 2,
      level: 'RED',
      leftAt: null,
    });
    expect(red.clock.total).toMatchObject({ elapsedDays: 2, pausedDays: 3 });
    expect(await overdueIds(true)).toContain(id);
    expect(await overdueIds(false)).not.toContain(id);

    let alert: Alert | undefined;
    await waitFor(
      async () => {
        alert = (await alerts('')).find((a) => a.facts['applicationId'] === id);
        return alert !== undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: 'APPROVAL_OVERDUE alert' },
    );
    expect(alert).toMatchObject({
      type: 'APPROVAL_OVERDUE',
      state: 'OPEN',
      regionCode: COUNTY,
      facts: { stage: 'PRELIMINARY_REVIEW', stageName: '初审', elapsedDays: 2, committedDays: 2 },
    });
    // once per stage: later sweeps do not raise a second one
    await new Promise((r) => setTimeout(r, 1000));
    expect((await alerts('')).filter((a) => a.facts['applicationId'] === id)).toHaveLength(1);

    // leaving the stage clears it
    await ok(await step(id, tokens['clerkA']!)); // 初审 passed
    await waitFor(async () => (await alerts('state=CLEARED')).some((a) => a.id === alert!.id), {
      timeoutMs: 15_000,
      intervalMs: 200,
      description: 'APPROVAL_OVERDUE cleared',
    });
    expect((await alerts('')).some((a) => a.id === alert!.id)).toBe(false);
    const after = await detail(id);
    expect(stageClock(after, 'PRELIMINARY_REVIEW').leftAt).not.toBeNull();
    expect(stageClock(after, 'QUALITY_SAFETY_FILING')).toMatchObject({ elapsedDays: 0, level: 'GREEN' });
  }, 60_000);

  it('pauses for 补正 until RESUBMIT (notice number of its own) and counts across 国庆节 with its make-up days', async () => {
    setNow('2025-09-26T09:00'); // Friday
    const id = await newCase('OTHER');
    setNow('2025-09-26T10:00');
    await ok(await step(id, tokens['clerkA']!, 'RETURN_FOR_CORRECTION', { items: ['补充施工合同扫描件'] }));
    setNow('2025-10-09T10:00'); // Sun 09-28, 09-29, 09-30, 10-09 were working days, all paused
    await ok(
      await call('POST', `/api/v1/approval/permit-applications/${id}/actions`, writer, {
        action: 'RESUBMIT',
        opinion: '已补充',
      }),
    );
    setNow('2025-10-11T10:00'); // Saturday 10-11 is a make-up working day
    const d = await detail(id);
    expect(d.clock.pauses).toEqual([
      expect.objectContaining({ kind: 'CORRECTION', noticeDate: '2025-09-26', endedAt: expect.any(String) }),
    ]);
    expect(d.clock.pauses[0]!.noticeNumber).toMatch(/^补正告知-20250926-/);
    expect(stageClock(d, 'ACCEPTANCE')).toMatchObject({ elapsedDays: 2, pausedDays: 4, level: 'RED' });
  });

  it('refuses a staff user whose role the stage does not allow: 403 STAGE_ROLE_FORBIDDEN', async () => {
    setNow('2025-10-13T09:00');
    const id = await newCase('OTHER');
    const p = await problem(await step(id, tokens['city']!), 403, 'STAGE_ROLE_FORBIDDEN');
    expect(p.detail).toContain('受理');
    expect(p.detail).toContain('COUNTY');
    expect((await detail(id)).state).toBe('SUBMITTED');
  });

  it('lets the applicant correct the listed fields on RESUBMIT, validated like the submission, the history showing the change', async () => {
    setNow('2025-10-13T09:00');
    const id = await newCase('PRESALE', {
      capitalGuarantee: { applies: false, amountFen: null },
      fundSupervision: { planned: false, bank: null, account: null },
    });
    await ok(await step(id, tokens['clerkA']!, 'PASS', { confirmedProjectType: 'PRESALE' })); // 受理
    for (const who of ['clerkA', 'clerkB']) await ok(await step(id, tokens[who]!));
    await problem(await step(id, tokens['clerkB']!), 422, 'CAPITAL_GUARANTEE_MISSING');
    await ok(await step(id, tokens['clerkB']!, 'RETURN_FOR_CORRECTION', { items: ['补充项目资本保证金'] }));
    const resubmit = (corrections: unknown) =>
      call('POST', `/api/v1/approval/permit-applications/${id}/actions`, writer, {
        action: 'RESUBMIT',
        opinion: '已补充项目资本保证金',
        corrections,
      });
    const bad = await problem(
      await resubmit({
        capitalGuarantee: { applies: true, amountFen: -5 },
        fundSupervision: { planned: true, bank: '中国建设银行攸县支行', account: 'ABC' },
      }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(bad.errors!.map((e) => e.field).sort()).toEqual([
      'corrections.capitalGuarantee.amountFen',
      'corrections.fundSupervision.account',
    ]);
    await problem(await resubmit({ projectCode: 'x' }), 422, 'INCOMPLETE_SUBMISSION');
    const guarantee = { applies: true, amountFen: 1_500_000_000 };
    await ok(await resubmit({ capitalGuarantee: guarantee }));
    const d = await detail(id);
    expect(d.capitalGuarantee).toEqual({ ...guarantee, commitmentLetter: null });
    expect(d.history[d.history.length - 1]).toMatchObject({
      action: 'RESUBMIT',
      changes: [{ field: 'capitalGuarantee', before: { applies: false, amountFen: null }, after: guarantee }],
    });
    await ok(await step(id, tokens['clerkB']!)); // 开工条件审查 now passes
    await ok(await step(id, tokens['clerkB']!)); // 复审
    const { permitNumber } = await ok<{ permitNumber: string }>(await step(id, tokens['director']!)); // 决定/发证
    // the e-license of the issued PRESALE permit shows the capital guarantee and the escrow fields
    const res = await call('GET', `/api/v1/construction-permits/${permitNumber}/e-license`, writer);
    expect(res.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pdfParse = require('pdf-parse') as (b: Buffer) => Promise<{ text: string }>;
    const text = (await pdfParse(Buffer.from(await res.arrayBuffer()))).text.replace(/\s+/g, '');
    expect(text).toContain('资本保证金：实行，总额15,000,000.00元');
    expect(text).toContain('资金监管：不计划实行');
  });

  it("counts a case's days with its city's calendar (PERMITS_CALENDAR_OVERRIDES)", async () => {
    setNow('2025-11-03T09:00'); // Monday
    const id = await newCase('OTHER');
    setNow('2025-11-04T10:00'); // a day off in 株洲市 only: nationally 1 of 1 committed day used (red)
    expect(stageClock(await detail(id), 'ACCEPTANCE')).toMatchObject({
      elapsedDays: 0,
      level: 'GREEN',
      dueDate: '2025-11-05',
    });
    setNow('2025-11-05T10:00');
    expect(stageClock(await detail(id), 'ACCEPTANCE')).toMatchObject({ elapsedDays: 1, level: 'RED' });
    await ok(await step(id, tokens['clerkA']!, 'PASS', { confirmedProjectType: 'OTHER' })); // 受理
    setNow('2025-11-08T10:00'); // Saturday, a working day in 株洲市: 初审 has used 06, 07, 08
    const d = await detail(id);
    expect(stageClock(d, 'PRELIMINARY_REVIEW')).toMatchObject({ elapsedDays: 3, level: 'RED' });
    expect(d.clock.total).toMatchObject({ elapsedDays: 4, pausedDays: 0 });
  });
});

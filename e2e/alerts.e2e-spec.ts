import {
  AlertDetailV1,
  AlertPageV1,
  AlertV1,
  ContractsEvents,
  EscrowEvents,
  PermitsEvents,
  PresaleEvents,
  ReconciliationEvents,
} from '@hn/messages';
import { escrowRecordFixture, presalePermitFixture, reconciliationDifferenceFixture, waitFor } from '@hn/testing';
import { randomUUID } from 'node:crypto';
import { creditCode, permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

const PASSWORD = 'Alerts2024ok';
// 攸县 (430223) permits, all of PRESALE projects typed at registration unless said otherwise
const OVERDUE = '430223202406200101';
const FOLLOWED = '430223202406200201';
const GOVERNED = '430223202406200301';
const NOT_YET = '430223202406200401'; // planned completion in the future
const OTHER_TYPE = '430223202406200501'; // a project typed OTHER
const CHALING = '430224202406200101'; // 茶陵县, same city
const LILING = '430281'; // 醴陵市: the export's 120 permits
const PDF = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\n%%EOF\n`, 'latin1');

/** China "today" as the alerts service counts it. */
const chinaToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const daysSince = (date: string): number =>
  Math.round((Date.parse(`${chinaToday()}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);

describe('预警 alerts through the gateway', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  let writer: string;

  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const post = (path: string, token: string, body?: unknown): Promise<Response> =>
    api(path, {
      method: 'POST',
      token,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const multipart = (path: string, token: string, data: unknown, scan: Buffer): Promise<Response> => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    form.append('scan', new Blob([scan], { type: 'application/pdf' }), 'evidence.pdf');
    return api(path, { method: 'POST', token, body: form });
  };
  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const problem = async (res: Response, status: number, code: string): Promise<Problem> => {
    const text = await res.text();
    expect({ status: res.status, text }).toMatchObject({ status });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = JSON.parse(text) as Problem;
    expect(body.code).toBe(code);
    return body;
  };
  const list = async (token: string, query = ''): Promise<AlertPageV1> =>
    ok<AlertPageV1>(await api(`/api/v1/supervision/alerts?pageSize=100${query ? `&${query}` : ''}`, { token }));
  const detail = async (token: string, id: string): Promise<AlertDetailV1> =>
    ok<AlertDetailV1>(await api(`/api/v1/supervision/alerts/${id}`, { token }));
  /** Waits until the county's open list holds an alert about `subject`; returns it. */
  const awaitAlert = async (
    token: string,
    match: (a: AlertV1) => boolean,
    query = '',
    timeoutMs = 10_000,
  ): Promise<AlertV1> => {
    let found: AlertV1 | undefined;
    await waitFor(
      async () => {
        found = (await list(token, query)).items.find(match);
        return found !== undefined;
      },
      { timeoutMs, intervalMs: 100, description: 'alert in the list' },
    );
    return found!;
  };
  const awaitState = async (token: string, id: string, state: string): Promise<AlertDetailV1> => {
    let current: AlertDetailV1 | undefined;
    await waitFor(
      async () => {
        current = await detail(token, id);
        return current.state === state;
      },
      { timeoutMs: 10_000, intervalMs: 100, description: `alert ${id} ${state}` },
    );
    return current!;
  };
  const putPermit = async (number: string, over: Record<string, unknown> = {}): Promise<void> => {
    const res = await api(`/api/v1/approval/construction-permits/${number}`, {
      method: 'PUT',
      token: writer,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        permitBody({
          projectCode: `2024-${number.slice(0, 6)}-70-03-${number.slice(-6)}`,
          regionCode: number.slice(0, 6),
          projectName: `测试项目 ${number.slice(-6)}`,
          plannedCompletionDate: '2025-06-30',
          units: [],
          ...over,
        }),
      ),
    });
    expect([200, 201]).toContain(res.status);
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'escrow', 'alerts']);
    writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    const staff: Array<[string, string, string]> = [
      ['youxian.a', 'COUNTY', '430223'],
      ['youxian.b', 'COUNTY', '430223'],
      ['chaling.c', 'COUNTY', '430224'],
      ['zhuzhou.d', 'CITY', '430200'],
      ['province.e', 'PROVINCE', '430000'],
    ];
    for (const [username, role, region] of staff) {
      await platform.createStaff(username, PASSWORD, role, region);
      tokens[username] = await platform.staffToken(username, PASSWORD, `10.30.0.${Object.keys(tokens).length + 1}`);
    }
    for (const n of [OVERDUE, FOLLOWED, GOVERNED]) await putPermit(n);
    await putPermit(NOT_YET, { plannedCompletionDate: '2099-12-31' });
    await putPermit(OTHER_TYPE, { projectType: 'OTHER' });
    await putPermit(CHALING);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('raises OVERDUE_ACCEPTANCE for its county within seconds, visible to its city and the province, not to another county', async () => {
    const started = Date.now();
    const alert = await awaitAlert(tokens['youxian.a']!, (a) => a.permitNumber === OVERDUE, 'type=OVERDUE_ACCEPTANCE');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(alert).toMatchObject({
      type: 'OVERDUE_ACCEPTANCE',
      state: 'OPEN',
      scope: 'INCREMENT',
      regionCode: '430223',
      daysOverdue: daysSince('2025-06-30'),
      facts: { plannedCompletionDate: '2025-06-30' },
      followUps: [],
    });
    // overdue from the China day after the planned completion, but never before the platform knew the permit
    expect(Date.parse(alert.raisedAt)).toBeGreaterThan(Date.now() - 300_000);

    const county = await list(tokens['youxian.a']!, 'type=OVERDUE_ACCEPTANCE');
    expect(county.items.map((a) => a.permitNumber).sort()).toEqual([FOLLOWED, GOVERNED, OVERDUE].sort());
    expect(county.items.every((a) => a.regionCode === '430223')).toBe(true);
    // not the future planned date, not a project typed OTHER
    expect(county.items.map((a) => a.permitNumber)).not.toContain(NOT_YET);
    expect(county.items.map((a) => a.permitNumber)).not.toContain(OTHER_TYPE);

    await awaitAlert(tokens['chaling.c']!, (a) => a.permitNumber === CHALING);
    const chaling = await list(tokens['chaling.c']!);
    expect(chaling.items.map((a) => a.permitNumber)).toEqual([CHALING]);
    await problem(
      await api(`/api/v1/supervision/alerts/${alert.id}`, { token: tokens['chaling.c']! }),
      403,
      'REGION_FORBIDDEN',
    );
    await problem(
      await api('/api/v1/supervision/alerts?regionCode=430223', { token: tokens['chaling.c']! }),
      403,
      'REGION_FORBIDDEN',
    );

    const city = await list(tokens['zhuzhou.d']!, 'type=OVERDUE_ACCEPTANCE');
    expect(city.items.map((a) => a.permitNumber)).toEqual(expect.arrayContaining([OVERDUE, CHALING]));
    const cityCounty = await list(tokens['zhuzhou.d']!, 'type=OVERDUE_ACCEPTANCE&regionCode=430224');
    expect(cityCounty.items.map((a) => a.permitNumber)).toEqual([CHALING]);
    const province = await list(tokens['province.e']!, `keyword=${OVERDUE}`);
    expect(province.items.map((a) => a.permitNumber)).toEqual([OVERDUE]);
  });

  it('clears the alert when the approval ingest records the five-party acceptance date, with the event in its history', async () => {
    const alert = await awaitAlert(tokens['youxian.a']!, (a) => a.permitNumber === OVERDUE);
    await putPermit(OVERDUE, { fivePartyAcceptanceDate: '2025-07-15' });
    const cleared = await awaitState(tokens['youxian.a']!, alert.id, 'CLEARED');
    expect(cleared.clearedAt).not.toBeNull();
    expect(cleared.history.map((h) => [h.fromState, h.toState])).toEqual([
      [null, 'OPEN'],
      ['OPEN', 'CLEARED'],
    ]);
    expect(cleared.history[1]!.cause).toMatchObject({ kind: 'EVENT' });
    expect(['hn.permits.acceptance.recorded.v1', 'hn.permits.permit.updated.v1']).toContain(
      cleared.history[1]!.cause.eventType,
    );
    expect((await list(tokens['youxian.a']!)).items.map((a) => a.id)).not.toContain(alert.id);
    expect((await list(tokens['youxian.a']!, 'state=CLEARED')).items.map((a) => a.id)).toContain(alert.id);
    await problem(
      await post(`/api/v1/supervision/alerts/${alert.id}/follow-ups`, tokens['youxian.a']!, {
        reason: '已验收',
        measures: '无',
        responsiblePerson: '张伟',
        phone: '13807330001',
        plannedDate: '2027-03-31',
      }),
      409,
      'ALERT_CLEARED',
    );
  });

  it('records follow-ups (FOLLOWING) and dismisses only with the approval of the level above', async () => {
    const alert = await awaitAlert(tokens['youxian.a']!, (a) => a.permitNumber === FOLLOWED);
    const followUp = {
      reason: '主体结构完工后因资金紧张停工三个月',
      measures: '约谈开发企业，督促复工，加强预售资金监管拨付审核',
      responsiblePerson: '张伟',
      phone: '0731-22334455',
      plannedDate: '2027-03-31',
    };
    const bad = await problem(
      await post(`/api/v1/supervision/alerts/${alert.id}/follow-ups`, tokens['youxian.a']!, {
        ...followUp,
        reason: '长'.repeat(1001),
        measures: '约谈\t复工',
        phone: 'call me',
        extra: 1,
      }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(bad.errors!.map((e) => e.field).sort()).toEqual(['extra', 'measures', 'phone', 'reason']);
    const following = await ok<AlertDetailV1>(
      await post(`/api/v1/supervision/alerts/${alert.id}/follow-ups`, tokens['youxian.a']!, followUp),
      201,
    );
    expect(following.state).toBe('FOLLOWING');
    await ok(
      await post(`/api/v1/supervision/alerts/${alert.id}/follow-ups`, tokens['youxian.b']!, {
        ...followUp,
        measures: '复工，每周现场检查',
      }),
      201,
    );
    const listed = (await list(tokens['youxian.a']!)).items.find((a) => a.id === alert.id)!;
    expect(listed.followUps.map((f) => [f.recordedBy, f.measures])).toEqual([
      ['youxian.a', followUp.measures],
      ['youxian.b', '复工，每周现场检查'],
    ]);

    const requested = await ok<AlertDetailV1>(
      await multipart(
        `/api/v1/supervision/alerts/${alert.id}/dismissal`,
        tokens['youxian.a']!,
        { reason: '已线下完成竣工验收备案' },
        PDF('evidence'),
      ),
      201,
    );
    expect(requested.dismissal).toMatchObject({
      state: 'PENDING',
      requestedBy: 'youxian.a',
      requestedRegion: '430223',
    });
    await problem(
      await multipart(
        `/api/v1/supervision/alerts/${alert.id}/dismissal`,
        tokens['youxian.b']!,
        { reason: '重复' },
        PDF('x'),
      ),
      409,
      'DISMISSAL_PENDING',
    );
    const approve = (who: string) => post(`/api/v1/supervision/alerts/${alert.id}/dismissal/approve`, tokens[who]!, {});
    await problem(await approve('youxian.a'), 403, 'SELF_APPROVAL');
    await problem(await approve('youxian.b'), 403, 'LEVEL_FORBIDDEN');
    await problem(await approve('chaling.c'), 403, 'REGION_FORBIDDEN');
    await problem(
      await post(`/api/v1/supervision/alerts/${alert.id}/dismissal/reject`, tokens['zhuzhou.d']!, {}),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    const dismissed = await ok<AlertDetailV1>(await approve('zhuzhou.d'));
    expect(dismissed.state).toBe('DISMISSED');
    expect(dismissed.dismissal).toMatchObject({ state: 'APPROVED', decidedBy: 'zhuzhou.d' });
    expect(dismissed.history.map((h) => [h.toState, h.actor])).toEqual([
      ['OPEN', 'system'],
      ['FOLLOWING', 'youxian.a'],
      ['DISMISSED', 'zhuzhou.d'],
    ]);
    await problem(
      await post(`/api/v1/supervision/alerts/${alert.id}/follow-ups`, tokens['youxian.a']!, followUp),
      409,
      'ALERT_CLEARED',
    );
    // the same fact does not come back after an approved dismissal
    await putPermit(FOLLOWED, { projectName: '测试项目 改名' });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await list(tokens['youxian.a']!)).items.map((a) => a.permitNumber)).not.toContain(FOLLOWED);
    expect((await list(tokens['youxian.a']!, 'state=DISMISSED')).items.map((a) => a.id)).toEqual([alert.id]);
  });

  it('clears an alert by a governance backfill of the acceptance date approved by the province', async () => {
    const alert = await awaitAlert(tokens['youxian.a']!, (a) => a.permitNumber === GOVERNED);
    const data = {
      permitNumber: GOVERNED,
      kind: 'COMPLETION_FILING',
      date: '2025-08-01',
      note: '线下办理竣工验收备案',
    };
    const submitted = await ok<{ id: string; state: string; regionCode: string }>(
      await multipart('/api/v1/supervision/acceptance-backfills', tokens['youxian.a']!, data, PDF('filing')),
      201,
    );
    expect(submitted).toMatchObject({ state: 'PENDING', regionCode: '430223' });
    await problem(
      await multipart('/api/v1/supervision/acceptance-backfills', tokens['youxian.b']!, data, PDF('again')),
      409,
      'BACKFILL_PENDING',
    );
    await problem(
      await multipart(
        '/api/v1/supervision/acceptance-backfills',
        tokens['youxian.a']!,
        { ...data, permitNumber: OVERDUE },
        PDF('done'),
      ),
      409,
      'ACCEPTANCE_ALREADY_RECORDED',
    );
    await problem(
      await multipart('/api/v1/supervision/acceptance-backfills', tokens['chaling.c']!, data, PDF('other')),
      403,
      'REGION_FORBIDDEN',
    );
    await problem(
      await post(`/api/v1/supervision/acceptance-backfills/${submitted.id}/approve`, tokens['zhuzhou.d']!, {}),
      403,
      'ROLE_FORBIDDEN',
    );
    const approved = await ok<{ state: string; decidedBy: string }>(
      await post(`/api/v1/supervision/acceptance-backfills/${submitted.id}/approve`, tokens['province.e']!, {}),
    );
    expect(approved).toMatchObject({ state: 'APPROVED', decidedBy: 'province.e' });

    const cleared = await awaitState(tokens['youxian.a']!, alert.id, 'CLEARED');
    expect(cleared.history.at(-1)!.cause).toMatchObject({ kind: 'EVENT' });
    const permit = await ok<{ completionFilingDate: string | null }>(
      await api(`/api/v1/construction-permits/${GOVERNED}`, { token: writer }),
    );
    expect(permit.completionFilingDate).toBe('2025-08-01');
    // a later push from the approval system without dates keeps the approved one, and raises nothing
    await putPermit(GOVERNED, { projectName: '测试项目 再次推送' });
    await new Promise((r) => setTimeout(r, 1000));
    const pushed = await ok<{ completionFilingDate: string | null; projectName: string }>(
      await api(`/api/v1/construction-permits/${GOVERNED}`, { token: writer }),
    );
    expect(pushed).toMatchObject({ completionFilingDate: '2025-08-01', projectName: '测试项目 再次推送' });
    expect((await list(tokens['youxian.a']!)).items.map((a) => a.permitNumber)).not.toContain(GOVERNED);
    const backfills = await ok<{ items: Array<{ id: string; state: string }> }>(
      await api('/api/v1/supervision/acceptance-backfills?state=APPROVED', { token: tokens['zhuzhou.d']! }),
    );
    expect(backfills.items.map((b) => b.id)).toEqual([submitted.id]);
  });

  it('lists registered presale-without-permit projects until staff link the construction permit', async () => {
    const registered = await ok<{ id: string }>(
      await multipart(
        '/api/v1/supervision/presale-without-permit',
        tokens['youxian.a']!,
        {
          projectName: '攸县滨江花园一期',
          regionCode: '430223',
          developer: { name: '攸县滨江置业有限公司', creditCode: creditCode() },
          localCertificateNumber: '攸住建预字〔2023〕第021号',
          issueDate: '2023-11-20',
        },
        PDF('certificate'),
      ),
      201,
    );
    const alert = await awaitAlert(
      tokens['zhuzhou.d']!,
      (a) => a.type === 'PRESALE_WITHOUT_PERMIT',
      'type=PRESALE_WITHOUT_PERMIT',
    );
    expect(alert).toMatchObject({
      projectName: '攸县滨江花园一期',
      regionCode: '430223',
      facts: { localCertificateNumber: '攸住建预字〔2023〕第021号' },
    });
    expect(registered.id).toBeDefined();
    const link = (permitNumber: string, token = tokens['youxian.a']!) =>
      post(`/api/v1/supervision/alerts/${alert.id}/permit-link`, token, { permitNumber });
    await problem(await link('430223202406209901'), 404, 'PERMIT_NOT_FOUND');
    await problem(await link(CHALING), 403, 'REGION_FORBIDDEN');
    await problem(await link('12345'), 422, 'INCOMPLETE_SUBMISSION');
    const linked = await ok<AlertDetailV1>(await link(NOT_YET));
    expect(linked.state).toBe('CLEARED');
    expect(linked.history.at(-1)!.cause).toMatchObject({ kind: 'PERMIT_LINK', recordId: NOT_YET });
  });

  it('raises a reconciliation difference for the county and its city, cleared when resolved', async () => {
    // as the contracts service publishes it (every field: the alerts service skips an incomplete event)
    const difference = reconciliationDifferenceFixture({
      id: randomUUID(),
      presaleNumber: `${OVERDUE}-Y01`,
      foundAt: new Date().toISOString(),
    });
    const stream = { name: ContractsEvents.stream, subjects: ContractsEvents.streamSubjects };
    await platform.publishEvent(stream, {
      source: '/hn/contracts',
      type: ReconciliationEvents.differenceFound,
      subject: difference.presaleNumber,
      data: { difference },
    });
    const alert = await awaitAlert(tokens['youxian.a']!, (a) => a.type === 'RECONCILIATION_DIFFERENCE');
    expect(alert).toMatchObject({
      presaleNumber: difference.presaleNumber,
      facts: { countDelta: -1, month: '2026-10' },
    });
    expect((await list(tokens['zhuzhou.d']!, 'type=RECONCILIATION_DIFFERENCE')).items.map((a) => a.id)).toEqual([
      alert.id,
    ]);
    expect((await list(tokens['chaling.c']!, 'type=RECONCILIATION_DIFFERENCE')).items).toEqual([]);
    await platform.publishEvent(stream, {
      source: '/hn/contracts',
      type: ReconciliationEvents.differenceResolved,
      subject: difference.presaleNumber,
      data: { difference: { ...difference, state: 'RESOLVED' } },
    });
    await awaitState(tokens['youxian.a']!, alert.id, 'CLEARED');
  });

  it('raises ESCROW_NOT_SUPERVISED for a backfilled permit whose submitted record has no fund supervision', async () => {
    const presaleNumber = '430223201906200101-Z01';
    await platform.publishEvent(
      { name: PresaleEvents.stream, subjects: PresaleEvents.streamSubjects },
      {
        source: '/hn/presale',
        type: 'hn.presale.permit.backfilled.v1',
        subject: presaleNumber,
        data: {
          permit: presalePermitFixture(presaleNumber, {
            projectCode: '2019-430223-70-03-000001',
            projectName: '锦绣星城一期',
          }),
          backfilledBy: 'youxian.a',
        },
      },
    );
    const record = (fundSupervision: boolean) => ({
      record: escrowRecordFixture(presaleNumber, { projectName: '锦绣星城一期', fundSupervision }),
    });
    const escrow = { name: EscrowEvents.stream, subjects: EscrowEvents.streamSubjects };
    await platform.publishEvent(escrow, {
      source: '/hn/escrow',
      type: EscrowEvents.recordRecorded,
      subject: presaleNumber,
      data: record(false),
    });
    const alert = await awaitAlert(tokens['youxian.a']!, (a) => a.type === 'ESCROW_NOT_SUPERVISED');
    expect(alert).toMatchObject({ presaleNumber, scope: 'STOCK', facts: { reason: 'NOT_SUPERVISED' } });
    await platform.publishEvent(escrow, {
      source: '/hn/escrow',
      type: EscrowEvents.recordRecorded,
      subject: presaleNumber,
      data: record(true),
    });
    await awaitState(tokens['youxian.a']!, alert.id, 'CLEARED');
  });

  it('exports the whole result as CSV (UTF-8 with BOM), not only a page', async () => {
    const stream = { name: PermitsEvents.stream, subjects: PermitsEvents.streamSubjects };
    for (let i = 0; i < 120; i++) {
      const issued = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10).replace(/-/g, '');
      const permitNumber = `${LILING}${issued}0101`;
      // the permit as permits publishes it (toPermitV1): no units inside, a category; the consumer refuses extras
      const { units: _units, ...body } = permitBody({
        projectCode: `2024-${LILING}-70-03-${String(i).padStart(6, '0')}`,
        regionCode: LILING,
      });
      await platform.publishEvent(stream, {
        source: '/hn/permits',
        type: PermitsEvents.permitRegistered,
        subject: permitNumber,
        data: {
          permit: {
            ...body,
            category: '社会投资房建类',
            permitNumber,
            projectName: `醴陵项目${i}, "一期"`,
            plannedCompletionDate: '2025-01-31',
            status: 'VALID',
          },
          units: [],
        },
      });
    }
    await waitFor(async () => (await list(tokens['zhuzhou.d']!, `regionCode=${LILING}`)).total === 120, {
      timeoutMs: 20_000,
      intervalMs: 200,
      description: '120 alerts in 醴陵市',
    });
    const res = await api(`/api/v1/supervision/alerts/export?regionCode=${LILING}`, { token: tokens['zhuzhou.d']! });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="alerts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('逾期天数 daysOverdue');
    expect(lines).toHaveLength(121);
    expect(lines.filter((l) => l.includes('"醴陵项目7, ""一期"""'))).toHaveLength(1);
    await problem(
      await api('/api/v1/supervision/alerts/export?type=FOO', { token: tokens['zhuzhou.d']! }),
      422,
      'INVALID_FILTER',
    );
  });

  it('refuses bad filters and ids with the allowed values, and reproduces a past list with asOf', async () => {
    const badType = await problem(
      await api('/api/v1/supervision/alerts?type=FOO&state=bar', { token: tokens['youxian.a']! }),
      422,
      'INVALID_FILTER',
    );
    expect(badType.errors!.map((e) => e.field).sort()).toEqual(['state', 'type']);
    expect(badType.errors!.find((e) => e.field === 'type')!.reason).toContain('OVERDUE_ACCEPTANCE');
    expect(badType.errors!.find((e) => e.field === 'state')!.reason).toContain('FOLLOWING');
    await problem(
      await api('/api/v1/supervision/alerts?asOf=2026-02-30', { token: tokens['youxian.a']! }),
      422,
      'INVALID_FILTER',
    );
    await problem(
      await api('/api/v1/supervision/alerts?asOf=2999-01-01', { token: tokens['youxian.a']! }),
      422,
      'INVALID_FILTER',
    );
    await problem(
      await api('/api/v1/supervision/alerts/not-a-uuid', { token: tokens['youxian.a']! }),
      400,
      'VALIDATION_FAILED',
    );
    await problem(
      await api(`/api/v1/supervision/alerts/${randomUUID()}`, { token: tokens['youxian.a']! }),
      404,
      'ALERT_NOT_FOUND',
    );
    // every alert of this suite was recorded today: yesterday's list was empty, today's is the current one
    const yesterday = new Date(Date.parse(`${chinaToday()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await list(tokens['province.e']!, `asOf=${yesterday}`)).total).toBe(0);
    const current = await list(tokens['province.e']!);
    const asOfToday = await list(tokens['province.e']!, `asOf=${chinaToday()}`);
    expect(asOfToday.items.map((a) => [a.id, a.state])).toEqual(current.items.map((a) => [a.id, a.state]));
  });
});

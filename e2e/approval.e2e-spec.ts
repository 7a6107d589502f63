import { createHash } from 'node:crypto';
import { chinaToday } from '@hn/numbering';
import { connect, NatsConnection, Subscription } from 'nats';
import { creditCode } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

const PASSWORD = 'Approval2024ok';
const COUNTY = '430223'; // 攸县
const STAGES = [
  'ACCEPTANCE',
  'PRELIMINARY_REVIEW',
  'QUALITY_SAFETY_FILING',
  'START_CONDITIONS_REVIEW',
  'SECOND_REVIEW',
  'DECISION',
];

describe('施工许可审批 approval workflow through the gateway', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let events: Subscription;
  const received: Array<{ subject: string; data: Record<string, unknown> }> = [];
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
  const projectCode = (): string => `2024-${COUNTY}-70-03-${String(100_000 + ++seq).padStart(6, '0')}`;
  const register = (code: string, projectType: string) =>
    call('POST', '/api/v1/approval/projects', writer, {
      projectCode: code,
      projectName: `审批项目${code.slice(-4)}`,
      regionCode: COUNTY,
      category: '社会投资房建类',
      developer: { name: '攸县锦绣置业有限公司', creditCode: creditCode() },
      projectType,
    });
  const party = (name: string) => ({ name, creditCode: creditCode() });
  const form = (code: string, extra: Record<string, unknown> = {}) => ({
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
  });
  const PRESALE_FIELDS = {
    capitalGuarantee: { applies: true, amountFen: 1_500_000_000 },
    fundSupervision: { planned: true, bank: '中国建设银行攸县支行', account: '43050162360000000123' },
  };
  const apply = async (code: string, extra: Record<string, unknown> = {}): Promise<string> =>
    (
      await ok<{ applicationId: string }>(
        await call('POST', '/api/v1/approval/permit-applications', writer, form(code, extra)),
        201,
      )
    ).applicationId;
  const step = (id: string, token: string, action = 'PASS', extra: Record<string, unknown> = {}) =>
    call('POST', `/api/v1/supervision/permit-applications/${id}/transitions`, token, {
      action,
      opinion: '经审查，符合要求',
      ...extra,
    });
  /** 受理/初审/报监/开工条件审查 by clerk A and B, 复审 by B, 决定 by the director: three different users at 初审, 复审, 决定 */
  const ACTORS = ['clerkA', 'clerkA', 'clerkB', 'clerkB', 'clerkB', 'director'];
  /** 受理 PASS carries the reviewer's confirmation of the registered project type */
  const confirm = (projectType: string) => ({ confirmedProjectType: projectType });
  const runToDecision = async (id: string, projectType = 'OTHER'): Promise<void> => {
    for (let i = 0; i < 5; i++)
      await ok(await step(id, tokens[ACTORS[i]!]!, 'PASS', i === 0 ? confirm(projectType) : {}));
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits']);
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    events = nc.subscribe('hn.permits.>', {
      callback: (_e, msg) => {
        const event = JSON.parse(new TextDecoder().decode(msg.data)) as { data: Record<string, unknown> };
        received.push({ subject: msg.subject, data: event.data });
      },
    });
    writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    const staff: Array<[string, string, string]> = [
      ['clerkA', 'COUNTY', COUNTY],
      ['clerkB', 'COUNTY', COUNTY],
      ['director', 'COUNTY', COUNTY],
      ['chaling', 'COUNTY', '430224'],
    ];
    for (const [name, role, region] of staff) {
      await platform.createStaff(`${name.toLowerCase()}.approval`, PASSWORD, role, region);
      tokens[name] = await platform.staffToken(`${name.toLowerCase()}.approval`, PASSWORD, '10.40.0.1');
    }
  }, 180_000);

  afterAll(async () => {
    events?.unsubscribe();
    await nc?.close();
    await platform?.stop();
  });

  it('runs a PRESALE application from 受理 to 发证; the permit is then found by number with its type', async () => {
    const code = projectCode();
    expect((await ok<{ outcome: string }>(await register(code, 'PRESALE'), 201)).outcome).toBe('created');
    const id = await apply(code, PRESALE_FIELDS);
    // the type is locked by the first stage 2–4 item
    await problem(await register(code, 'OTHER'), 409, 'TYPE_LOCKED');

    const visited: string[] = [];
    for (let i = 0; i < 6; i++) {
      const detail = await ok<{ stage: string; capitalGuarantee: unknown; fundSupervision: unknown }>(
        await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['clerkA']!),
      );
      visited.push(detail.stage);
      // visible at every stage (no 承诺函 on this one)
      expect(detail.capitalGuarantee).toEqual({ ...PRESALE_FIELDS.capitalGuarantee, commitmentLetter: null });
      expect(detail.fundSupervision).toEqual(PRESALE_FIELDS.fundSupervision);
      const result = await ok<{ stage: string; state: string; permitNumber: string | null }>(
        await step(id, tokens[ACTORS[i]!]!, 'PASS', i === 0 ? confirm('PRESALE') : {}),
      );
      if (i === 5) {
        expect(result).toMatchObject({ stage: 'CLOSED', state: 'APPROVED' });
        const today = chinaToday().replace(/-/g, '');
        expect(result.permitNumber).toMatch(new RegExp(`^${COUNTY}${today}\\d{2}01$`));
      }
    }
    expect(visited).toEqual(STAGES);
    const detail = await ok<{
      permitNumber: string;
      history: Array<{ action: string; actor: string; fromStage: string }>;
    }>(await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['clerkA']!));
    expect(detail.history.map((h) => h.action)).toEqual(['SUBMIT', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    expect(detail.history.slice(1).map((h) => h.actor)).toEqual(ACTORS.map((a) => `${a.toLowerCase()}.approval`));
    const permit = await ok<{ projectType: string; projectCode: string; issueDate: string }>(
      await call('GET', `/api/v1/construction-permits/${detail.permitNumber}`, writer),
    );
    expect(permit).toMatchObject({ projectType: 'PRESALE', projectCode: code, issueDate: chinaToday() });
    const status = await ok<{ state: string; permitNumber: string }>(
      await call('GET', `/api/v1/approval/permit-applications/${id}`, writer),
    );
    expect(status).toMatchObject({ state: 'APPROVED', permitNumber: detail.permitNumber });
    // a closed case takes nothing more
    await problem(await step(id, tokens['clerkA']!), 409, 'INVALID_TRANSITION');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !received.some((e) => e.subject === 'hn.permits.permit.registered.v1'))
      await new Promise((r) => setTimeout(r, 50));
    expect(
      received.find((e) => e.subject === 'hn.permits.project.typed.v1' && e.data['projectCode'] === code),
    ).toBeTruthy();
    expect(
      received.find(
        (e) =>
          e.subject === 'hn.permits.permit.registered.v1' &&
          (e.data['permit'] as { permitNumber: string }).permitNumber === detail.permitNumber,
      ),
    ).toBeTruthy();
  });

  it('runs an OTHER application without guarantee fields (they are refused on it)', async () => {
    const code = projectCode();
    await ok(await register(code, 'OTHER'), 201);
    const refused = await problem(
      await call('POST', '/api/v1/approval/permit-applications', writer, form(code, PRESALE_FIELDS)),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(refused.errors!.map((e) => e.field).sort()).toEqual(['capitalGuarantee', 'fundSupervision']);
    const id = await apply(code);
    await runToDecision(id);
    const result = await ok<{ permitNumber: string }>(await step(id, tokens['director']!));
    const permit = await ok<{ projectType: string }>(
      await call('GET', `/api/v1/construction-permits/${result.permitNumber}`, writer),
    );
    expect(permit.projectType).toBe('OTHER');
  });

  it('lists every field problem at once (dates out of order, credit code, account, PRESALE fields missing)', async () => {
    const code = projectCode();
    await ok(await register(code, 'PRESALE'), 201);
    const p = await problem(
      await call('POST', '/api/v1/approval/permit-applications', writer, {
        ...form(code),
        plannedStartDate: '2031-01-01',
        contractor: { name: '某施工单位', creditCode: '91430223MA4Q0ABC10' },
        fundSupervision: { planned: true, bank: '某银行', account: 'ABC' },
      }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(p.errors!.map((e) => e.field).sort()).toEqual(
      ['contractor.creditCode', 'fundSupervision.account', 'plannedCompletionDate'].sort(),
    );
    const missing = await problem(
      await call('POST', '/api/v1/approval/permit-applications', writer, form(code)),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(missing.errors!.map((e) => e.field).sort()).toEqual(['capitalGuarantee', 'fundSupervision']);
    const unknownAction = await problem(
      await call(
        'POST',
        `/api/v1/supervision/permit-applications/00000000-0000-4000-8000-000000000000/transitions`,
        tokens['clerkA']!,
        {
          action: 'APPROVE',
          opinion: 'x',
        },
      ),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(unknownAction.errors![0]!.reason).toContain('PASS');
  });

  it('refuses another region’s reviewer (403), one person at 初审 and 复审 (409), a missing guarantee (422) and 补正 round-trips', async () => {
    const code = projectCode();
    await ok(await register(code, 'PRESALE'), 201);
    const id = await apply(code, {
      capitalGuarantee: { applies: false, amountFen: null },
      fundSupervision: { planned: false, bank: null, account: null },
    });
    await problem(await step(id, tokens['chaling']!), 403, 'REGION_FORBIDDEN');
    await problem(
      await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['chaling']!),
      403,
      'REGION_FORBIDDEN',
    );
    await ok(await step(id, tokens['clerkA']!, 'PASS', confirm('PRESALE'))); // 受理
    // 补正 at 初审, then the applicant resubmits; staff cannot act while it waits
    await ok(await step(id, tokens['clerkA']!, 'RETURN_FOR_CORRECTION', { items: ['补充施工合同扫描件'] }));
    await problem(await step(id, tokens['clerkA']!), 409, 'INVALID_TRANSITION');
    const waiting = await ok<{ state: string; correctionItems: string[] }>(
      await call('GET', `/api/v1/approval/permit-applications/${id}`, writer),
    );
    expect(waiting).toMatchObject({ state: 'RETURNED', correctionItems: ['补充施工合同扫描件'] });
    await ok(
      await call('POST', `/api/v1/approval/permit-applications/${id}/actions`, writer, {
        action: 'RESUBMIT',
        opinion: '已补充',
      }),
    );
    await ok(await step(id, tokens['clerkA']!)); // 初审 by A
    await ok(await step(id, tokens['clerkB']!)); // 报监
    const blocked = await problem(await step(id, tokens['clerkB']!), 422, 'CAPITAL_GUARANTEE_MISSING');
    expect(blocked.detail).toContain('开工条件审查');
    await ok(await step(id, tokens['clerkB']!, 'RETURN_FOR_CORRECTION', { items: ['补充项目资本保证金'] }));
    await ok(
      await call('POST', `/api/v1/approval/permit-applications/${id}/actions`, writer, {
        action: 'RESUBMIT',
        opinion: '已补充',
      }),
    );
    // a RESUBMIT without corrections (nor a letter) leaves the form as it was: still blocked; withdrawn below
    await problem(await step(id, tokens['clerkB']!), 422, 'CAPITAL_GUARANTEE_MISSING');

    // separation of duties on a clean case
    const code2 = projectCode();
    await ok(await register(code2, 'PRESALE'), 201);
    const id2 = await apply(code2, PRESALE_FIELDS);
    await ok(await step(id2, tokens['clerkA']!, 'PASS', confirm('PRESALE'))); // 受理
    for (const who of ['clerkA', 'clerkB', 'clerkB']) await ok(await step(id2, tokens[who]!));
    await problem(await step(id2, tokens['clerkA']!), 409, 'SEPARATION_OF_DUTIES'); // 初审 A at 复审
    await ok(await step(id2, tokens['clerkB']!)); // 复审 B
    await problem(await step(id2, tokens['clerkB']!), 409, 'SEPARATION_OF_DUTIES'); // 复审 B at 决定
    await problem(await step(id2, tokens['clerkA']!), 409, 'SEPARATION_OF_DUTIES'); // 初审 A at 决定
    await ok(
      await call('POST', `/api/v1/approval/permit-applications/${id}/actions`, writer, {
        action: 'WITHDRAW',
        opinion: '撤回',
      }),
    );
    await problem(await step(id, tokens['clerkB']!), 409, 'INVALID_TRANSITION');
  });

  it('受理 needs the reviewer’s confirmation of the registered type: missing 422, different 409, recorded in the history', async () => {
    const code = projectCode();
    await ok(await register(code, 'PRESALE'), 201);
    const id = await apply(code, PRESALE_FIELDS);
    const missing = await problem(await step(id, tokens['clerkA']!), 422, 'INCOMPLETE_SUBMISSION');
    expect(missing.errors!.map((e) => e.field)).toEqual(['confirmedProjectType']);
    const bad = await problem(
      await step(id, tokens['clerkA']!, 'PASS', confirm('SOMETHING')),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(bad.errors!.map((e) => e.field)).toEqual(['confirmedProjectType']);
    const mismatch = await problem(
      await step(id, tokens['clerkA']!, 'PASS', confirm('CURRENT_SALE')),
      409,
      'PROJECT_TYPE_MISMATCH',
    );
    expect(mismatch.detail).toContain('退回补正');
    expect(mismatch.errors).toEqual([{ field: 'confirmedProjectType', reason: expect.stringContaining('PRESALE') }]);
    // only with PASS (422 from the message class) and only at 受理 (422 from the service)
    await problem(
      await step(id, tokens['clerkA']!, 'RETURN_FOR_CORRECTION', { items: ['更正项目类型'], ...confirm('PRESALE') }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    const stillThere = await ok<{ stage: string; history: unknown[] }>(
      await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['clerkA']!),
    );
    expect(stillThere).toMatchObject({ stage: 'ACCEPTANCE' });
    expect(stillThere.history).toHaveLength(1); // refused attempts leave no record
    await ok(await step(id, tokens['clerkA']!, 'PASS', confirm('PRESALE')));
    const later = await problem(
      await step(id, tokens['clerkA']!, 'PASS', confirm('PRESALE')),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(later.errors!.map((e) => e.field)).toEqual(['confirmedProjectType']);
    const detail = await ok<{
      history: Array<{ action: string; fromStage: string; confirmedProjectType: string | null }>;
    }>(await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['clerkA']!));
    expect(detail.history.map((h) => [h.action, h.fromStage, h.confirmedProjectType])).toEqual([
      ['SUBMIT', 'ACCEPTANCE', null],
      ['PASS', 'ACCEPTANCE', 'PRESALE'],
    ]);
  });

  it('takes the 承诺函 as the multipart scan of the submission: kept, shown, downloaded by staff, enough for strict review', async () => {
    const letter = Buffer.from(`%PDF-1.4\n% 资本保证金承诺函 ${Date.now()}\n1 0 obj <<>> endobj\n%%EOF\n`, 'utf8');
    const submitWithLetter = (data: unknown, scan: Buffer = letter): Promise<Response> => {
      const body = new FormData();
      body.append('data', JSON.stringify(data));
      body.append('scan', new Blob([scan], { type: 'application/pdf' }), '资本保证金承诺函.pdf');
      return fetch(`${platform.gatewayUrl}/api/v1/approval/permit-applications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writer}` },
        body,
      });
    };
    const code = projectCode();
    await ok(await register(code, 'PRESALE'), 201);
    const letterOnly = {
      capitalGuarantee: { applies: true, amountFen: null },
      fundSupervision: PRESALE_FIELDS.fundSupervision,
    };
    // applies=true with neither amount nor letter: 422 naming the field
    const neither = await problem(
      await call('POST', '/api/v1/approval/permit-applications', writer, form(code, letterOnly)),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(neither.errors).toEqual([
      { field: 'capitalGuarantee.amountFen', reason: expect.stringContaining('承诺函') },
    ]);
    // a JSON body cannot name a letter: it comes as the scan part
    const named = await problem(
      await call('POST', '/api/v1/approval/permit-applications', writer, {
        ...form(code, letterOnly),
        capitalGuarantee: { applies: true, amountFen: null, commitmentLetter: { stagingKey: 'x' } },
      }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(named.errors!.map((e) => e.field)).toEqual(['capitalGuarantee.commitmentLetter']);
    // a letter with applies=false is refused; a scan that is no PDF/JPEG/PNG is 415
    await problem(
      await submitWithLetter(form(code, { ...letterOnly, capitalGuarantee: { applies: false, amountFen: null } })),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    await problem(
      await submitWithLetter(form(code, letterOnly), Buffer.from('not a scan')),
      415,
      'SCAN_TYPE_UNSUPPORTED',
    );

    const id = (await ok<{ applicationId: string }>(await submitWithLetter(form(code, letterOnly)), 201)).applicationId;
    const sha256 = createHash('sha256').update(letter).digest('hex');
    const shown = {
      sha256,
      contentType: 'application/pdf',
      size: letter.length,
      fileName: '资本保证金承诺函.pdf',
      uploadedAt: expect.any(String),
    };
    const detail = await ok<{ capitalGuarantee: unknown }>(
      await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['clerkA']!),
    );
    expect(detail.capitalGuarantee).toEqual({ applies: true, amountFen: null, commitmentLetter: shown });
    const status = await ok<{ commitmentLetter: unknown }>(
      await call('GET', `/api/v1/approval/permit-applications/${id}`, writer),
    );
    expect(status.commitmentLetter).toEqual(shown);

    // staff of the region download it; another county's staff may not; a case without one is 404
    const download = await call(
      'GET',
      `/api/v1/supervision/permit-applications/${id}/commitment-letter`,
      tokens['clerkA']!,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await download.arrayBuffer()).equals(letter)).toBe(true);
    await problem(
      await call('GET', `/api/v1/supervision/permit-applications/${id}/commitment-letter`, tokens['chaling']!),
      403,
      'REGION_FORBIDDEN',
    );
    const plainCode = projectCode();
    await ok(await register(plainCode, 'PRESALE'), 201);
    const plain = await apply(plainCode, PRESALE_FIELDS);
    await problem(
      await call('GET', `/api/v1/supervision/permit-applications/${plain}/commitment-letter`, tokens['clerkA']!),
      404,
      'COMMITMENT_LETTER_NOT_FOUND',
    );

    // the letter alone passes 开工条件审查 and 决定; the permit is issued and its e-license shows 承诺函
    for (let i = 0; i < 6; i++)
      await ok(await step(id, tokens[ACTORS[i]!]!, 'PASS', i === 0 ? confirm('PRESALE') : {}));
    const closed = await ok<{ permitNumber: string; history: Array<{ action: string }> }>(
      await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['clerkA']!),
    );
    expect(closed.permitNumber).toMatch(/^\d{18}$/);
    const pdf = await call('GET', `/api/v1/construction-permits/${closed.permitNumber}/e-license`, writer);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
  });

  it('补正 takes the 承诺函 (multipart RESUBMIT): returned for a missing guarantee → letter → DECISION issues the permit; a later RESUBMIT replaces it; bad input refused', async () => {
    const resubmitWithLetter = (
      id: string,
      data: unknown,
      scan: Buffer,
      fileName = '资本保证金承诺函.pdf',
      type = 'application/pdf',
    ): Promise<Response> => {
      const body = new FormData();
      body.append('data', JSON.stringify(data));
      body.append('scan', new Blob([scan], { type }), fileName);
      return fetch(`${platform.gatewayUrl}/api/v1/approval/permit-applications/${id}/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writer}` },
        body,
      });
    };
    const detailOf = async (id: string) =>
      ok<{
        state: string;
        capitalGuarantee: { applies: boolean; amountFen: number | null; commitmentLetter: { sha256: string } | null };
        history: Array<{ action: string; changes: Array<{ field: string; before: unknown; after: unknown }> }>;
      }>(await call('GET', `/api/v1/supervision/permit-applications/${id}`, tokens['clerkA']!));
    const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    const first = Buffer.from(`%PDF-1.4\n% 补正承诺函 ${Date.now()}\n1 0 obj <<>> endobj\n%%EOF\n`, 'utf8');
    // a PNG (signature + IHDR) as the replacement
    const second = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
      Buffer.from(`更换 ${Date.now()}`),
    ]);
    const RESUBMIT = { action: 'RESUBMIT', opinion: '已补充项目资本保证金承诺函' };
    const APPLIES = { corrections: { capitalGuarantee: { applies: true, amountFen: null } } };

    const code = projectCode();
    await ok(await register(code, 'PRESALE'), 201);
    const id = await apply(code, {
      capitalGuarantee: { applies: false, amountFen: null },
      fundSupervision: PRESALE_FIELDS.fundSupervision,
    });
    await ok(await step(id, tokens['clerkA']!, 'PASS', confirm('PRESALE'))); // 受理
    await ok(await step(id, tokens['clerkA']!)); // 初审
    await ok(await step(id, tokens['clerkB']!)); // 报监
    await problem(await step(id, tokens['clerkB']!), 422, 'CAPITAL_GUARANTEE_MISSING');
    await ok(await step(id, tokens['clerkB']!, 'RETURN_FOR_CORRECTION', { items: ['补充项目资本保证金承诺函'] }));

    // bad input: the letter is the scan part, never JSON; PDF/JPEG/PNG ≤ 20 MB; only where the form takes one
    const named = await problem(
      await call('POST', `/api/v1/approval/permit-applications/${id}/actions`, writer, {
        ...RESUBMIT,
        commitmentLetter: { stagingKey: 'x' },
      }),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(named.errors).toEqual([{ field: 'commitmentLetter', reason: expect.stringContaining('scan 部分') }]);
    const wrongType = await problem(
      await resubmitWithLetter(
        id,
        { ...RESUBMIT, ...APPLIES },
        Buffer.from('这不是扫描件'),
        'letter.txt',
        'text/plain',
      ),
      415,
      'SCAN_TYPE_UNSUPPORTED',
    );
    expect(wrongType.detail).toContain('PDF、JPEG 或 PNG');
    const big = Buffer.concat([first, Buffer.alloc(20 * 1024 * 1024)]);
    const tooLarge = await problem(
      await resubmitWithLetter(id, { ...RESUBMIT, ...APPLIES }, big),
      413,
      'SCAN_TOO_LARGE',
    );
    expect(tooLarge.detail).toContain('20 MB');
    // the stored guarantee does not apply and is not corrected: refused by the permits service
    const notApplied = await problem(await resubmitWithLetter(id, RESUBMIT, first), 422, 'INCOMPLETE_SUBMISSION');
    expect(notApplied.errors).toEqual([{ field: 'commitmentLetter', reason: expect.stringContaining('不上传承诺函') }]);
    // corrected to applies=false, or a WITHDRAW with a letter: refused by the gateway before the scan is staged
    await problem(
      await resubmitWithLetter(
        id,
        { ...RESUBMIT, corrections: { capitalGuarantee: { applies: false, amountFen: null } } },
        first,
      ),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    const withdraw = await problem(
      await resubmitWithLetter(id, { action: 'WITHDRAW', opinion: '撤回' }, first),
      422,
      'INCOMPLETE_SUBMISSION',
    );
    expect(withdraw.errors).toEqual([{ field: 'commitmentLetter', reason: expect.stringContaining('RESUBMIT') }]);
    expect((await detailOf(id)).state).toBe('RETURNED');
    expect((await detailOf(id)).capitalGuarantee.commitmentLetter).toBeNull();

    // the correction with the letter: 200, the case back in review with the letter
    expect(await ok(await resubmitWithLetter(id, { ...RESUBMIT, ...APPLIES }, first))).toMatchObject({
      stage: 'START_CONDITIONS_REVIEW',
      state: 'IN_REVIEW',
    });
    const corrected = await detailOf(id);
    expect(corrected.capitalGuarantee).toMatchObject({
      applies: true,
      amountFen: null,
      commitmentLetter: { sha256: sha(first), fileName: '资本保证金承诺函.pdf' },
    });
    expect(corrected.history.at(-1)!.changes.map((c) => c.field)).toEqual([
      'capitalGuarantee',
      'capitalGuarantee.commitmentLetter',
    ]);

    // returned once more: the letter alone is replaced (a new version), the download gives the new one
    await ok(await step(id, tokens['clerkB']!, 'RETURN_FOR_CORRECTION', { items: ['承诺函须加盖公章'] }));
    await ok(await resubmitWithLetter(id, RESUBMIT, second, '承诺函（盖章）.png', 'image/png'));
    const replaced = await detailOf(id);
    expect(replaced.capitalGuarantee.commitmentLetter).toMatchObject({
      sha256: sha(second),
      contentType: 'image/png',
      fileName: '承诺函（盖章）.png',
    });
    expect(replaced.history.at(-1)!.changes).toEqual([
      {
        field: 'capitalGuarantee.commitmentLetter',
        before: expect.objectContaining({ sha256: sha(first), version: 1 }),
        after: expect.objectContaining({ sha256: sha(second), version: 2 }),
      },
    ]);
    const download = await call(
      'GET',
      `/api/v1/supervision/permit-applications/${id}/commitment-letter`,
      tokens['clerkA']!,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(second)).toBe(true);
    const status = await ok<{ commitmentLetter: { sha256: string } }>(
      await call('GET', `/api/v1/approval/permit-applications/${id}`, writer),
    );
    expect(status.commitmentLetter.sha256).toBe(sha(second));

    // the strict review sees the letter: 开工条件审查, 复审, 决定 pass and the permit is issued
    await ok(await step(id, tokens['clerkB']!)); // 开工条件审查
    await ok(await step(id, tokens['clerkB']!)); // 复审
    const decided = await ok<{ state: string; permitNumber: string }>(await step(id, tokens['director']!));
    expect(decided.state).toBe('APPROVED');
    const permit = await ok<{ projectType: string }>(
      await call('GET', `/api/v1/construction-permits/${decided.permitNumber}`, writer),
    );
    expect(permit.projectType).toBe('PRESALE');

    // a project that is not PRESALE takes no letter
    const otherCode = projectCode();
    await ok(await register(otherCode, 'OTHER'), 201);
    const other = await apply(otherCode);
    await ok(await step(other, tokens['clerkA']!, 'PASS', confirm('OTHER')));
    await ok(await step(other, tokens['clerkA']!, 'RETURN_FOR_CORRECTION', { items: ['补充施工合同'] }));
    const notPresale = await problem(await resubmitWithLetter(other, RESUBMIT, first), 422, 'INCOMPLETE_SUBMISSION');
    expect(notPresale.errors).toEqual([{ field: 'commitmentLetter', reason: expect.stringContaining('预售商品房') }]);
    expect(notPresale.detail).toMatch(/[\u4e00-\u9fa5]/);
  }, 120_000);

  it('issues 20 concurrent decisions in one county on one day as serials without a gap', async () => {
    const before = await ok<{ items: Array<{ permitNumber: string | null }> }>(
      await call('GET', `/api/v1/supervision/permit-applications?state=APPROVED&pageSize=100`, tokens['clerkA']!),
    );
    const issuedBefore = before.items.filter((i) => i.permitNumber).length;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const code = projectCode();
      await ok(await register(code, 'OTHER'), 201);
      const id = await apply(code);
      await runToDecision(id);
      ids.push(id);
    }
    const results = await Promise.all(
      ids.map(async (id) => ok<{ permitNumber: string }>(await step(id, tokens['director']!))),
    );
    const serials = results.map((r) => Number(r.permitNumber.slice(14, 16))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => issuedBefore + i + 1));
  }, 120_000);
});

import { connect, JSONCodec } from 'nats';
import { permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * 存量预售项目 end to end across permits, presale and escrow through the gateway: a county marks an
 * unmarked project PRESALE and submits it; the project becomes a backfill candidate (event to the
 * presale replica); a Z number is backfilled with its scan and submitted; the permit appears in the
 * escrow list (event to the escrow replica) and takes signing statistics (event to the contracts replica); escrow is recorded and submitted; an ADMIN corrects the
 * presale permit, after which the old token verifies "corrected" and escrow follows the correction.
 */
const PERMIT = '430223202405100101';
const PROJECT = '2024-430223-70-03-051001';
const UNIT = `${PROJECT}-DT001`;
const PASSWORD = 'StockFlow2024ok';
const PDF = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\n%%EOF\n`, 'latin1');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Problem {
  status: number;
  code: string;
}

describe('存量预售项目: mark → backfill → escrow → correction across services (e2e)', () => {
  let platform: TestPlatform;
  let county = '';
  let admin = '';
  let province = '';

  const api = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers, body });
  };
  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 500)}`).toMatch(new RegExp(`^${status} `));
    return JSON.parse(text) as T;
  };
  const multipart = (
    path: string,
    token: string,
    data: unknown,
    scan: Buffer,
    name = 'scan.pdf',
  ): Promise<Response> => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    form.append('scan', new Blob([scan], { type: 'application/pdf' }), name);
    return api(path, { method: 'POST', token, body: form });
  };
  /** Polls until the condition holds (events travel between services asynchronously). */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value).slice(0, 500)}`);
      await sleep(200);
    }
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'escrow', 'contracts']);
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']),
    );
    // a stock project pushed by the approval system without a type: to be marked by the county
    const body = permitBody({
      projectCode: PROJECT,
      projectName: '攸县东岸华府二期',
      projectType: null,
      issueDate: '2024-05-10',
      units: [{ unitCode: UNIT, name: '1#栋', floors: 26, floorArea: 15800.25 }],
    });
    await ok(
      await api(`/api/v1/approval/construction-permits/${PERMIT}`, { method: 'PUT', token: writer, json: body }),
      201,
    );
    await platform.createStaff('youxian.flow', PASSWORD, 'COUNTY', '430223');
    await platform.createStaff('sheng.flow.admin', PASSWORD, 'ADMIN', '430000');
    await platform.createStaff('sheng.flow', PASSWORD, 'PROVINCE', '430000');
    county = await platform.staffToken('youxian.flow', PASSWORD, '10.40.0.1');
    admin = await platform.staffToken('sheng.flow.admin', PASSWORD, '10.40.0.2');
    province = await platform.staffToken('sheng.flow', PASSWORD, '10.40.0.3');
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('carries a stock project from marking through backfill and escrow to an audited correction', async () => {
    // 1. 标记: the project is listed unmarked, marked PRESALE and submitted
    const unmarked = await ok<{ items: Array<{ permitNumber: string; projectType: string | null }> }>(
      await api(`/api/v1/supervision/marking?projectType=UNMARKED&keyword=${PERMIT}`, { token: county }),
    );
    expect(unmarked.items).toEqual([expect.objectContaining({ permitNumber: PERMIT, projectType: null })]);
    // not a candidate before the marking is submitted
    const before = await ok<{ items: Array<{ projectCode: string }> }>(
      await api('/api/v1/supervision/backfill/candidates', { token: county }),
    );
    expect(before.items.map((c) => c.projectCode)).not.toContain(PROJECT);
    await ok(
      await api('/api/v1/supervision/marking/batch', {
        method: 'POST',
        token: county,
        json: { permitNumbers: [PERMIT], projectType: 'PRESALE' },
      }),
    );
    await ok(
      await api('/api/v1/supervision/marking/submit', {
        method: 'POST',
        token: county,
        json: { permitNumbers: [PERMIT] },
      }),
    );

    // 2. 补录预售许可证: the submitted marking reaches the presale service as hn.permits.project.typed.v1
    await eventually(
      async () =>
        (
          await ok<{ items: Array<{ projectCode: string }> }>(
            await api('/api/v1/supervision/backfill/candidates', { token: county }),
          )
        ).items,
      (items) => items.some((c) => c.projectCode === PROJECT),
      'project not a backfill candidate',
    );
    const submission = presaleSubmission({
      constructionPermitNumbers: [PERMIT],
      unitCodes: [UNIT],
      issueDate: '2024-06-18',
      projectName: '攸县东岸华府二期',
      presaleArea: 15000.5,
      localCertificateNumber: '攸住建预字〔2024〕第011号',
    });
    const issued = await ok<{ presaleNumber: string; chainToken: string }>(
      await multipart(
        '/api/v1/supervision/backfill/presale-permits',
        county,
        submission,
        PDF('certificate'),
        '预售许可证.pdf',
      ),
      201,
    );
    expect(issued.presaleNumber).toBe(`${PERMIT}-Z01`);
    // a draft is not public: its QR does not verify as genuine until submitted
    expect(await ok(await api(`/public/v1/verify?token=${encodeURIComponent(issued.chainToken)}`))).toMatchObject({
      valid: false,
      status: 'DRAFT',
      message: '未提交的草稿，不是有效证书',
    });
    await ok(
      await api('/api/v1/supervision/backfill/presale-permits/submit', {
        method: 'POST',
        token: county,
        json: { presaleNumbers: [issued.presaleNumber] },
      }),
    );
    expect(await ok(await api(`/public/v1/verify?token=${encodeURIComponent(issued.chainToken)}`))).toMatchObject({
      valid: true,
      status: 'VALID',
    });

    // 3. 补录资金监管: the submitted backfill reaches the escrow service as hn.presale.permit.backfilled.v1
    await eventually(
      async () =>
        (
          await ok<{ items: Array<{ presaleNumber: string; record: unknown }> }>(
            await api('/api/v1/supervision/escrow?state=NONE', { token: county }),
          )
        ).items,
      (items) => items.some((i) => i.presaleNumber === issued.presaleNumber),
      'backfilled permit not in the escrow list',
    );
    // 网签统计补录 for the backfilled permit: the contracts service learned it from the same event
    const statistic = await eventually(
      () =>
        api(`/api/v1/supervision/signing-statistics/${issued.presaleNumber}/2024-07`, {
          method: 'PUT',
          token: county,
          json: { contractsSigned: 12, floorArea: 1432.5, amountFen: 987_650_000 },
        }),
      (res) => res.status !== 404,
      'backfilled permit unknown to the contracts service',
    );
    expect(await ok(statistic, 201)).toMatchObject({
      outcome: 'created',
      statistic: { presaleNumber: issued.presaleNumber, month: '2024-07', kind: 'BACKFILL' },
    });

    const escrow = {
      capitalGuaranteeAmount: 3_000_000_000,
      commitmentLetter: false,
      fundSupervision: true,
      bank: '中国建设银行攸县支行',
      account: '43050162123400000999',
      balance: 1_250_000_00,
      balanceAsOf: '2024-07-10',
    };
    await ok(
      await api(`/api/v1/supervision/escrow/${issued.presaleNumber}`, { method: 'PUT', token: county, json: escrow }),
      201,
    );
    await ok(
      await api('/api/v1/supervision/escrow/submit', {
        method: 'POST',
        token: county,
        json: { presaleNumbers: [issued.presaleNumber] },
      }),
    );
    const locked = await api(`/api/v1/supervision/escrow/${issued.presaleNumber}`, {
      method: 'PUT',
      token: county,
      json: { ...escrow, balance: 1 },
    });
    expect(((await ok<Problem>(locked, 409)) as Problem).code).toBe('RECORD_LOCKED');

    // 4. 纠错: only an ADMIN with a written report; the old token then verifies "corrected"
    const report = {
      reason: '项目名称录入错误，按原证更正',
      documentNumber: '湘建房函〔2024〕31号',
      submission: { ...submission, projectName: '攸县东岸华府（二期）' },
    };
    expect(
      (
        await ok<Problem>(
          await multipart(
            `/api/v1/supervision/backfill/presale-permits/${issued.presaleNumber}/correction`,
            county,
            report,
            PDF('report'),
          ),
          403,
        )
      ).code,
    ).toBe('ROLE_FORBIDDEN');
    const corrected = await ok<{ chainToken: string }>(
      await multipart(
        `/api/v1/supervision/backfill/presale-permits/${issued.presaleNumber}/correction`,
        admin,
        report,
        PDF('written report'),
        '书面报告.pdf',
      ),
    );
    expect(await ok(await api(`/public/v1/verify?token=${encodeURIComponent(issued.chainToken)}`))).toMatchObject({
      valid: false,
      reason: 'CORRECTED',
      permit: { projectName: '攸县东岸华府（二期）' },
    });
    expect(await ok(await api(`/public/v1/verify?token=${encodeURIComponent(corrected.chainToken)}`))).toMatchObject({
      valid: true,
    });
    // the escrow list follows the correction (hn.presale.permit.corrected.v1)
    await eventually(
      async () =>
        (
          await ok<{ items: Array<{ presaleNumber: string; projectName: string }> }>(
            await api('/api/v1/supervision/escrow', { token: county }),
          )
        ).items,
      (items) =>
        items.some((i) => i.presaleNumber === issued.presaleNumber && i.projectName === '攸县东岸华府（二期）'),
      'escrow replica did not follow the correction',
    );

    // 5. 审计: every step of the county and the admin is in the audit trail, readable by the province
    const trail = await ok<{ items: Array<{ actor: string; action: string; status: number }> }>(
      await api('/api/v1/audit?pageSize=100', { token: province }),
    );
    const steps = trail.items
      .filter((e) => e.actor === 'youxian.flow' || e.actor === 'sheng.flow.admin')
      .map((e) => `${e.actor} ${e.action} ${e.status}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'youxian.flow POST /api/v1/supervision/marking/batch 200',
        'youxian.flow POST /api/v1/supervision/marking/submit 200',
        'youxian.flow POST /api/v1/supervision/backfill/presale-permits 201',
        'youxian.flow POST /api/v1/supervision/backfill/presale-permits/submit 200',
        'youxian.flow PUT /api/v1/supervision/escrow/:presaleNumber 201',
        'youxian.flow POST /api/v1/supervision/escrow/submit 200',
        'youxian.flow PUT /api/v1/supervision/escrow/:presaleNumber 409',
        'sheng.flow.admin POST /api/v1/supervision/backfill/presale-permits/:presaleNumber/correction 200',
      ]),
    );

    // 6. 事件: the submitted changes were published as CloudEvents for the data-sharing platform
    const published = await subjectsPublished([
      ['HN_PERMITS', 'hn.permits.project.typed.v1', PROJECT],
      ['HN_PRESALE', 'hn.presale.permit.backfilled.v1', issued.presaleNumber],
      ['HN_PRESALE', 'hn.presale.permit.corrected.v1', issued.presaleNumber],
      ['HN_ESCROW', 'hn.escrow.record.recorded.v1', issued.presaleNumber],
    ]);
    expect(published).toEqual([true, true, true, true]);
  });

  /** For each (stream, subject, CloudEvent subject): was such an event stored in JetStream? */
  async function subjectsPublished(wanted: Array<[string, string, string]>): Promise<boolean[]> {
    const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    try {
      const jsm = await nc.jetstreamManager();
      const codec = JSONCodec<{ type: string; subject: string; specversion: string }>();
      const results: boolean[] = [];
      for (const [stream, subject, key] of wanted) {
        const info = await jsm.streams.info(stream);
        let found = false;
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && !found; seq++) {
          const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
          if (!msg || msg.subject !== subject) continue;
          const event = codec.decode(msg.data);
          found = event.specversion === '1.0' && event.type === subject && event.subject === key;
        }
        results.push(found);
      }
      return results;
    } finally {
      await nc.close();
    }
  }
});

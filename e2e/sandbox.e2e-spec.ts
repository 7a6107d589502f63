import { testDatabaseUrl } from '@hn/testing';
import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';
import { contractFiling, permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * 联调测试 sandbox: a sandbox credential with every integrator scope calls every write route of the
 * gateway (taken from its OpenAPI document, so a new route is covered the day it is added) while the
 * production rows of every service database and the production streams are fingerprinted before
 * and after. Writes land in the sandbox space or are refused; nothing real changes.
 */

const REAL = {
  number: '430223202406200101',
  project: '2024-430223-70-03-012345',
  unit: '2024-430223-70-03-012345-DT022',
} as const;
const SANDBOX_ONLY = {
  number: '430223202406209901',
  project: '2024-430223-70-03-099001',
  unit: '2024-430223-70-03-099001-DT001',
} as const;
/** the real presale numbers: the sandbox issues its own Y01 of REAL, never a Y02 */
const REAL_Y01 = `${REAL.number}-Y01`;
const REAL_Y02 = `${REAL.number}-Y02`;
const STREAMS = ['HN_PERMITS', 'HN_PRESALE', 'HN_CONTRACTS', 'HN_ESCROW'];
const DATABASES = ['permits', 'presale', 'contracts', 'escrow'];
/** the write routes that have a sandbox space; every other write refuses a sandbox token */
const SANDBOX_ROUTES = new Set([
  'PUT /api/v1/approval/construction-permits/{permitNumber}',
  'POST /api/v1/presale-permits',
  'POST /api/v1/contract-filings',
  'POST /api/v1/contract-filings/{contractNumber}/cancel',
]);
/** no bearer token: nothing to do with sandbox credentials */
const PUBLIC_WRITES = new Set(['POST /api/v1/oauth/token', 'POST /api/v1/auth/login', 'POST /api/v1/auth/session']);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Fingerprint = Record<string, string>;

describe('Sandbox (联调测试) through the gateway: every write stays in the sandbox space', () => {
  let platform: TestPlatform;
  let sandbox: { clientId: string; clientSecret: string };
  let sandboxToken: string;
  let writer: string; // 株洲市, approval:write + permits:read (real)
  let issuer: string; // 攸县, presale:issue (real)
  let signer: string; // 攸县, contracts:issue (real)
  let reader: string; // 攸县, permits:read (real)
  let staff: string; // 攸县 county staff
  let keySeq = 0;
  let certificateSeq = 100;
  const matrix: Array<{ route: string; case: string; status: number; code?: string }> = [];

  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const send = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await api(path, {
      method,
      token,
      headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-sandbox-${process.pid}-${++keySeq}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { raw: text.slice(0, 200) };
    }
    return { status: res.status, json };
  };
  const permitFor = (p: { project: string; unit: string }, overrides: Record<string, unknown> = {}) =>
    permitBody({
      projectCode: p.project,
      units: [{ unitCode: p.unit, name: '22#栋', floors: 33, floorArea: 12345.67 }],
      ...overrides,
    });
  const presaleFor = (p: { number: string; unit: string }) =>
    presaleSubmission({
      constructionPermitNumbers: [p.number],
      unitCodes: [p.unit],
      localCertificateNumber: `攸住建预字〔2024〕第${++certificateSeq}号`,
    });
  const filingFor = (presaleNumber: string, roomNumber: string) =>
    contractFiling({ presaleNumber, rooms: [{ roomNumber, floor: 1, floorArea: 89.5 }] });
  const expectStatus = (r: { status: number; json: Record<string, unknown> }, status: number): void => {
    expect(`${r.status} ${JSON.stringify(r.json).slice(0, 400)}`).toMatch(new RegExp(`^${status} `));
  };

  /** counts and checksums of every production row of every service database, and the production streams */
  const fingerprint = async (): Promise<Fingerprint> => {
    const out: Fingerprint = {};
    for (const service of DATABASES) {
      const client = new Client({
        connectionString: testDatabaseUrl(
          platform.env['DATABASE_URL']!,
          platform.env[`${service.toUpperCase()}_DB_NAME`]!,
        ),
      });
      await client.connect();
      try {
        const columns = (
          await client.query<{ table_name: string; columns: string[] }>(
            `SELECT table_name, array_agg(column_name::text) AS columns FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name`,
          )
        ).rows;
        for (const { table_name: table, columns: cols } of columns) {
          if (table.startsWith('sandbox_')) continue; // the permits sandbox space itself
          const where: string[] = [];
          if (cols.includes('sandbox')) where.push('NOT t.sandbox');
          if (cols.includes('client_id')) where.push(`t.client_id <> '${sandbox.clientId}'`); // the sandbox client's own idempotency keys
          // the outbox row as written (published_at is the relay's bookkeeping)
          const value = table === 'outbox_event' ? '(t.id, t.stream_subject, t.payload)::text' : 't::text';
          const row = (
            await client.query<{ n: number; sum: string }>(
              `SELECT count(*)::int AS n, md5(coalesce(string_agg(${value}, '|' ORDER BY ${value}), '')) AS sum FROM "${table}" t${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
            )
          ).rows[0]!;
          out[`${service}.${table}`] = `${row.n}:${row.sum}`;
        }
      } finally {
        await client.end();
      }
    }
    const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    try {
      const jsm = await nc.jetstreamManager();
      for (const stream of STREAMS) {
        const info = await jsm.streams.info(stream).catch(() => null);
        out[`stream.${stream}`] = info ? `${info.state.messages}:${info.state.last_seq}` : 'absent';
      }
    } finally {
      await nc.close();
    }
    return out;
  };
  /** waits until the real setup's events are relayed and consumed: two equal fingerprints a second apart */
  const settled = async (): Promise<Fingerprint> => {
    let last = await fingerprint();
    for (let i = 0; i < 30; i++) {
      await sleep(1000);
      const next = await fingerprint();
      if (JSON.stringify(next) === JSON.stringify(last)) return next;
      last = next;
    }
    throw new Error('production data never settled');
  };
  const changedRows = (before: Fingerprint, after: Fingerprint): string[] =>
    Object.keys({ ...before, ...after }).filter((k) => !k.startsWith('stream.') && before[k] !== after[k]);
  const changedStreams = (before: Fingerprint, after: Fingerprint): string[] =>
    STREAMS.filter((s) => before[`stream.${s}`] !== after[`stream.${s}`]);

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow']);
    const fast = ['--rate-limit', '100000'];
    writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], fast),
    );
    issuer = await platform.token(await platform.createIntegrator(['430223'], ['presale:issue'], fast));
    signer = await platform.token(await platform.createIntegrator(['430223'], ['contracts:issue'], fast));
    reader = await platform.token(await platform.createIntegrator(['430223'], ['permits:read'], fast));
    sandbox = await platform.createIntegrator(
      ['430223'],
      ['permits:read', 'approval:write', 'presale:issue', 'contracts:issue', 'pii:read'],
      [...fast, '--sandbox'],
    );
    sandboxToken = await platform.token(sandbox);
    await platform.createStaff('sandbox.e2e', 'Sandbox2024ok', 'COUNTY', '430223');
    staff = await platform.staffToken('sandbox.e2e', 'Sandbox2024ok', '10.20.9.1');

    // production data in every service: a permit, two real presale numbers, a real filing on each
    expectStatus(
      await send('PUT', `/api/v1/approval/construction-permits/${REAL.number}`, writer, permitFor(REAL)),
      201,
    );
    const deadline = Date.now() + 30_000;
    let issued = 0;
    while (issued < 2) {
      const r = await send('POST', '/api/v1/presale-permits', issuer, presaleFor(REAL));
      if (r.status === 201) issued++;
      else if (r.status !== 404 || Date.now() > deadline)
        throw new Error(`real presale issuance: ${r.status} ${JSON.stringify(r.json)}`);
      else await sleep(200);
    }
    for (const presaleNumber of [REAL_Y01, REAL_Y02]) {
      for (;;) {
        const r = await send('POST', '/api/v1/contract-filings', signer, filingFor(presaleNumber, '1-101'));
        if (r.status === 201) break;
        if (r.status !== 404 || Date.now() > deadline + 30_000)
          throw new Error(`real filing: ${r.status} ${JSON.stringify(r.json)}`);
        await sleep(200);
      }
    }
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('gives staff tokens sandbox: false (staff accounts are never sandbox) and sandbox tokens sandbox: true', () => {
    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sandbox?: boolean; kind: string };
    expect(claims(staff)).toMatchObject({ kind: 'staff', sandbox: false });
    expect(claims(sandboxToken)).toMatchObject({ kind: 'integrator', sandbox: true });
  });

  it('runs every write route with a sandbox token: 0 production rows changed, 0 production events', async () => {
    const before = await settled();
    const doc = (await (await api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const integratorWrites = writes.filter((w) => !PUBLIC_WRITES.has(w) && !w.includes(' /public/'));
    expect([...SANDBOX_ROUTES].filter((r) => !integratorWrites.includes(r))).toEqual([]);
    const fill = (path: string): string =>
      path
        .replace('{permitNumber}', REAL.number)
        .replace('{presaleNumber}', REAL_Y02)
        .replace('{contractNumber}', `${REAL_Y02}-B0001`)
        .replace('{differenceId}', randomUUID())
        .replace('{month}', '2024-09')
        .replace(/\{[^}]+\}/g, 'x');
    const record = (route: string, label: string, r: { status: number; json: Record<string, unknown> }) =>
      matrix.push({ route, case: label, status: r.status, code: r.json['code'] as string | undefined });

    // 1. every write route without a sandbox space refuses the sandbox token (before any body is read)
    for (const route of integratorWrites.filter((w) => !SANDBOX_ROUTES.has(w))) {
      const [method, path] = route.split(' ') as [string, string];
      const r = await send(method, fill(path), sandboxToken, { permitNumbers: [REAL.number], projectType: 'OTHER' });
      record(route, 'refused', r);
      expect(`${route} → ${r.status} ${String(r.json['code'])}`).toMatch(/ → 403 SANDBOX_FORBIDDEN$/);
      expect(String(r.json['detail'])).toContain('沙箱（联调测试）凭据不能调用此写入接口');
    }

    // 2. approval ingest: a real number (the attack: rename + retype) and a sandbox-only number
    const approval = 'PUT /api/v1/approval/construction-permits/{permitNumber}';
    const attack = await send(
      'PUT',
      `/api/v1/approval/construction-permits/${REAL.number}`,
      sandboxToken,
      permitFor(REAL, { projectName: '沙箱改名项目', projectType: 'OTHER' }),
    );
    record(approval, 'real number, renamed and retyped', attack);
    expectStatus(attack, 201);
    expect(attack.json).toMatchObject({
      outcome: 'created',
      permit: { permitNumber: REAL.number, projectName: '沙箱改名项目', projectType: 'OTHER', sandbox: true },
    });
    // the sandbox's own view of REAL is PRESALE again, so it can take its own presale number on it
    const retyped = await send(
      'PUT',
      `/api/v1/approval/construction-permits/${REAL.number}`,
      sandboxToken,
      permitFor(REAL, { projectName: '沙箱改名项目' }),
    );
    record(approval, 'real number, sandbox update', retyped);
    expectStatus(retyped, 200);
    const created = await send(
      'PUT',
      `/api/v1/approval/construction-permits/${SANDBOX_ONLY.number}`,
      sandboxToken,
      permitFor(SANDBOX_ONLY, { projectName: '联调测试项目' }),
    );
    record(approval, 'sandbox-only number', created);
    expectStatus(created, 201);
    expect(created.json).toMatchObject({ permit: { sandbox: true } });

    // 3. presale issuance: on the real permit (sandbox Y01) and on the sandbox-only permit
    const presale = 'POST /api/v1/presale-permits';
    const onReal = await send('POST', '/api/v1/presale-permits', sandboxToken, presaleFor(REAL));
    record(presale, 'real permit', onReal);
    expectStatus(onReal, 201);
    expect(onReal.json).toMatchObject({ presaleNumber: REAL_Y01, sandbox: true, permit: { sandbox: true } });
    const onSandbox = await send('POST', '/api/v1/presale-permits', sandboxToken, presaleFor(SANDBOX_ONLY));
    record(presale, 'sandbox-only permit', onSandbox);
    expectStatus(onSandbox, 201);
    expect(onSandbox.json).toMatchObject({
      presaleNumber: `${SANDBOX_ONLY.number}-Y01`,
      sandbox: true,
      permit: { sandbox: true },
    });

    // 4. contract filings: a real Y the sandbox never issued → 404; its own Y01 of REAL and of SANDBOX_ONLY → sandbox B0001
    const filings = 'POST /api/v1/contract-filings';
    const neverIssued = await send('POST', '/api/v1/contract-filings', sandboxToken, filingFor(REAL_Y02, '2-201'));
    record(filings, 'real Y never issued in sandbox', neverIssued);
    expectStatus(neverIssued, 404);
    expect(neverIssued.json['code']).toBe('PRESALE_NOT_FOUND');
    const ownY01 = await send('POST', '/api/v1/contract-filings', sandboxToken, filingFor(REAL_Y01, '1-101'));
    record(filings, 'sandbox Y01 of the real permit', ownY01);
    expectStatus(ownY01, 201);
    expect(ownY01.json).toMatchObject({
      contractNumber: `${REAL_Y01}-B0001`,
      sandbox: true,
      filing: { sandbox: true },
    });
    const sandboxOnly = await send(
      'POST',
      '/api/v1/contract-filings',
      sandboxToken,
      filingFor(`${SANDBOX_ONLY.number}-Y01`, '1-101'),
    );
    record(filings, 'sandbox-only Y', sandboxOnly);
    expectStatus(sandboxOnly, 201);
    expect(sandboxOnly.json).toMatchObject({
      contractNumber: `${SANDBOX_ONLY.number}-Y01-B0001`,
      sandbox: true,
      filing: { sandbox: true },
    });

    // 5. cancellation: the sandbox's own B0001 of Y01 (not the real one of that number); a real filing → 404
    const cancel = 'POST /api/v1/contract-filings/{contractNumber}/cancel';
    const own = await send('POST', `/api/v1/contract-filings/${REAL_Y01}-B0001/cancel`, sandboxToken, {
      reason: '联调测试注销',
    });
    record(cancel, 'own sandbox filing (same number as a real one)', own);
    expectStatus(own, 200);
    expect(own.json).toMatchObject({ status: 'CANCELLED', sandbox: true });
    const realOnly = await send('POST', `/api/v1/contract-filings/${REAL_Y02}-B0001/cancel`, sandboxToken, {
      reason: '联调测试注销',
    });
    record(cancel, 'real filing', realOnly);
    expectStatus(realOnly, 404);

    await sleep(1500); // let any (wrongly) enqueued event reach the streams
    const after = await fingerprint();
    const rows = changedRows(before, after);
    const streams = changedStreams(before, after);
    const tables = Object.keys(after).filter((k) => !k.startsWith('stream.'));
    const refused = matrix.filter((m) => m.case === 'refused');
    process.stdout.write(
      `\nSANDBOX MATRIX: ${integratorWrites.length} integrator-callable write routes (${SANDBOX_ROUTES.size} with a sandbox space, ${refused.length} refused with 403); ` +
        `${matrix.length} sandbox requests; ${tables.length} production tables fingerprinted in ${DATABASES.length} databases; ` +
        `production rows changed: ${rows.length}; production stream messages added: ${streams.length === 0 ? 0 : streams.map((s) => `${s} ${before[`stream.${s}`]}→${after[`stream.${s}`]}`).join(', ')}\n` +
        matrix.map((m) => `  ${m.status} ${m.code ?? ''} ${m.route} [${m.case}]`).join('\n') +
        '\n',
    );
    expect(rows).toEqual([]);
    expect(streams).toEqual([]);

    // control: the same fingerprint does see a real write (rows and the production stream)
    expectStatus(
      await send(
        'PUT',
        '/api/v1/approval/construction-permits/430223202406200301',
        writer,
        permitFor({ project: '2024-430223-70-03-000301', unit: 'U-301' }),
      ),
      201,
    );
    let control = await fingerprint();
    for (let i = 0; i < 20 && changedStreams(after, control).length === 0; i++) {
      await sleep(250);
      control = await fingerprint();
    }
    expect(changedRows(after, control)).toEqual(
      expect.arrayContaining([
        'permits.project',
        'permits.construction_permit',
        'permits.building_unit',
        'permits.outbox_event',
      ]),
    );
    expect(changedStreams(after, control)).toContain('HN_PERMITS');
  });

  it('lets sandbox credentials read the real permits with their own laid over them; real credentials never see sandbox objects', async () => {
    // real credentials: the real permit unchanged, the sandbox ones unknown
    const real = await send('GET', `/api/v1/construction-permits/${REAL.number}`, reader);
    expectStatus(real, 200);
    expect(real.json).toMatchObject({ projectName: '锦绣星城三期（22#栋）', projectType: 'PRESALE' });
    expect(real.json).not.toHaveProperty('sandbox');
    expectStatus(await send('GET', `/api/v1/construction-permits/${SANDBOX_ONLY.number}`, reader), 404);
    expectStatus(await send('GET', `/api/v1/presale-permits/${SANDBOX_ONLY.number}-Y01`, reader), 404);
    const realY01 = await send('GET', `/api/v1/presale-permits/${REAL_Y01}`, reader);
    expect(realY01.json).toMatchObject({ sandbox: false });
    const realFiling = await send('GET', `/api/v1/contract-filings/${REAL_Y01}-B0001`, signer);
    expect(realFiling.json).toMatchObject({ sandbox: false, status: 'ACTIVE' });
    expectStatus(await send('GET', `/api/v1/contract-filings/${SANDBOX_ONLY.number}-Y01-B0001`, signer), 404);
    // real issuance never sees a sandbox-only permit
    expectStatus(await send('POST', '/api/v1/presale-permits', issuer, presaleFor(SANDBOX_ONLY)), 404);
    // the sandbox credential: its own version of REAL, its sandbox permit, real permits it did not push
    const seen = await send('GET', `/api/v1/construction-permits/${REAL.number}`, sandboxToken);
    expect(seen.json).toMatchObject({ projectName: '沙箱改名项目', sandbox: true });
    expect((await send('GET', `/api/v1/construction-permits/${SANDBOX_ONLY.number}/units`, sandboxToken)).json).toEqual(
      [{ unitCode: SANDBOX_ONLY.unit, name: '22#栋', floors: 33, floorArea: 12345.67 }],
    );
    const search = await send(
      'GET',
      `/api/v1/construction-permits?projectName=${encodeURIComponent('联调测试')}&page=1&pageSize=20`,
      sandboxToken,
    );
    expect(search.json).toMatchObject({ total: 1, items: [{ permitNumber: SANDBOX_ONLY.number, sandbox: true }] });
    expect(
      (
        await send(
          'GET',
          `/api/v1/construction-permits?projectName=${encodeURIComponent('联调测试')}&page=1&pageSize=20`,
          reader,
        )
      ).json,
    ).toMatchObject({ total: 0 });
    expect((await send('GET', `/api/v1/presale-permits/${SANDBOX_ONLY.number}-Y01`, sandboxToken)).json).toMatchObject({
      sandbox: true,
    });
    expect(
      (await send('GET', `/api/v1/contract-filings/${SANDBOX_ONLY.number}-Y01-B0001`, sandboxToken)).json,
    ).toMatchObject({ sandbox: true, status: 'ACTIVE' });
    // a permit the sandbox never pushed is read as it is
    expectStatus(
      await send(
        'PUT',
        '/api/v1/approval/construction-permits/430223202406200201',
        writer,
        permitFor({ project: '2024-430223-70-03-000201', unit: 'U-201' }, { projectName: '另一真实项目' }),
      ),
      201,
    );
    const untouched = await send('GET', '/api/v1/construction-permits/430223202406200201', sandboxToken);
    expect(untouched.json).toMatchObject({ projectName: '另一真实项目' });
    expect(untouched.json).not.toHaveProperty('sandbox');
  });
});

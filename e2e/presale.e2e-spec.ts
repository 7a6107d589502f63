import { chainTokenToQrText, parseCheckpoint, publicKeyFromJwk, verifyNote } from '@hn/chain';
import jsQR from 'jsqr';
import { connect, JSONCodec } from 'nats';
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { creditCode, permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

interface PresalePermit {
  presaleNumber: string;
  letter: string;
  serial: number;
  sandbox: boolean;
  projectCode: string;
  regionCode: string;
  constructionPermitNumbers: string[];
  unitCodes: string[];
  chainToken: string;
  verifyUrl: string;
  logIndex: number;
  status: string;
  issuedAt: string;
  [field: string]: unknown;
}

interface Issued {
  presaleNumber: string;
  chainToken: string;
  verifyUrl: string;
  qrSvg: string;
  log: { index: number; treeSize: number };
  sandbox: boolean;
  permit: PresalePermit;
}

interface VerifyResult {
  valid: boolean;
  status: string;
  code: string;
  reason?: string;
  message: string;
  messageEn: string;
  test?: boolean;
  permit?: Record<string, unknown>;
}

interface Checkpoint {
  size: number;
  root: Buffer;
}

// ---------------------------------------------------------------------------------------------
// Independent verifiers, written from RFC 9162 (not using @hn/chain's Merkle code).
// ---------------------------------------------------------------------------------------------

/** HASH(0x01 || left || right), RFC 9162 §2.1.1. */
function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0x01]))
    .update(left)
    .update(right)
    .digest();
}

const half = (n: number): number => Math.floor(n / 2);
const lsb = (n: number): boolean => n % 2 === 1;

/** RFC 9162 §2.1.3.2: verifying an inclusion proof. */
function verifyInclusionRfc9162(
  leafIndex: number,
  treeSize: number,
  leafHash: Buffer,
  inclusionPath: Buffer[],
  rootHash: Buffer,
): boolean {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of inclusionPath) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(rootHash);
}

/** RFC 9162 §2.1.4.2: verifying consistency between two tree heads (first ≥ 1). */
function verifyConsistencyRfc9162(
  first: number,
  second: number,
  firstHash: Buffer,
  secondHash: Buffer,
  consistencyPath: Buffer[],
): boolean {
  if (first < 1 || first > second) return false;
  if (first === second) return consistencyPath.length === 0 && firstHash.equals(secondHash);
  if (consistencyPath.length === 0) return false;
  const isPowerOfTwo = (first & (first - 1)) === 0;
  const path = isPowerOfTwo ? [firstHash, ...consistencyPath] : [...consistencyPath];
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(firstHash) && sr.equals(secondHash) && sn === 0;
}

const hex = (h: string): Buffer => Buffer.from(h, 'hex');
const flipBit = (b: Buffer, bit = 0): Buffer => {
  const copy = Buffer.from(b);
  copy[bit >> 3] = copy[bit >> 3]! ^ (1 << (bit & 7));
  return copy;
};

// ---------------------------------------------------------------------------------------------

const P = {
  /** the work-plan example: 攸县, 2024-06-20, serial 01, category 01 */
  main: { number: '430223202406200101', project: '2024-430223-70-03-012345', unit: '2024-430223-70-03-012345-DT022' },
  /** a second permit of the same project */
  mainB: { number: '430223202406200103', project: '2024-430223-70-03-012345', unit: '2024-430223-70-03-012345-DT023' },
  /** a permit of another project */
  otherProject: {
    number: '430223202406200102',
    project: '2024-430223-70-03-000102',
    unit: '2024-430223-70-03-000102-DT001',
  },
  /** a project typed OTHER (not presale housing) */
  notPresale: {
    number: '430223202406200201',
    project: '2024-430223-70-03-000201',
    unit: '2024-430223-70-03-000201-DT001',
  },
  burst: { number: '430223202406200301', project: '2024-430223-70-03-000301', unit: '2024-430223-70-03-000301-DT001' },
  exhaust: {
    number: '430223202406200401',
    project: '2024-430223-70-03-000401',
    unit: '2024-430223-70-03-000401-DT001',
  },
  sequence: {
    number: '430223202406200501',
    project: '2024-430223-70-03-000501',
    unit: '2024-430223-70-03-000501-DT001',
  },
  sandbox: {
    number: '430223202406200601',
    project: '2024-430223-70-03-000601',
    unit: '2024-430223-70-03-000601-DT001',
  },
} as const;
type PermitFixture = (typeof P)[keyof typeof P];

const PROBE_UNIT = 'E2E-PROBE-UNIT-NOT-IN-ANY-PERMIT';
const CAPTION = '湘建云APP或湖南智慧住建公众号扫码查询';
const PUBLIC_LIMIT = 300;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Unified presale permit numbers (取号) through the gateway', () => {
  let platform: TestPlatform;
  let issuer: string; // 株洲市 430200, presale:issue
  let issuer2: string; // 攸县 430223, presale:issue (another client: its own idempotency keys)
  let reader: string; // 攸县 430223, permits:read
  let changshaReader: string; // 长沙市 430100, permits:read
  let sandboxIssuer: string; // 株洲市, presale:issue, sandbox (联调测试)
  let happy: Issued;
  let earlyCheckpoint: Checkpoint;
  let keySeq = 0;
  const realIssued = new Set<string>();
  const sandboxTokens = new Set<string>();

  const newKey = (label = 'k'): string => `e2e-${label}-${process.pid}-${++keySeq}`;
  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const post = (
    body: unknown,
    options: { token?: string; key?: string | null; raw?: string } = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.key !== null) headers['idempotency-key'] = options.key ?? newKey();
    return api('/api/v1/presale-permits', {
      method: 'POST',
      token: options.token ?? issuer,
      headers,
      body: options.raw ?? JSON.stringify(body),
    });
  };
  const expectProblem = async (res: Response, status: number, code: string): Promise<Problem> => {
    const text = await res.text();
    expect(`${res.status} ${text}`).toMatch(new RegExp(`^${status} `));
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = JSON.parse(text) as Problem;
    expect(problem.code).toBe(code);
    expect(problem.status).toBe(status);
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/); // never a stack trace
    return problem;
  };
  /** Issues and expects 201; remembers real numbers (for the event check) and sandbox tokens. */
  const issueOk = async (
    body: Record<string, unknown>,
    options: { token?: string; key?: string } = {},
  ): Promise<Issued> => {
    const res = await post(body, options);
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 500)}`).toMatch(/^201 /);
    const issued = JSON.parse(text) as Issued;
    if (issued.sandbox) sandboxTokens.add(issued.chainToken);
    else realIssued.add(issued.presaleNumber);
    return issued;
  };
  let certificates = 0;
  /** Each call is another local certificate (本地证号) unless overridden: one unified number per certificate. */
  const submissionFor = (permit: PermitFixture, overrides: Record<string, unknown> = {}): Record<string, unknown> =>
    presaleSubmission({
      constructionPermitNumbers: [permit.number],
      unitCodes: [permit.unit],
      localCertificateNumber: `攸住建预字〔2024〕第${String(++certificates).padStart(4, '0')}号`,
      ...overrides,
    });
  const serialOf = (presaleNumber: string): number => Number(/-Y(\d{2})$/.exec(presaleNumber)![1]);

  /**
   * The presale service learns permits from the permits events. Poll with a request that can never
   * succeed (it names a unit of no permit), so waiting consumes no serial: 404 PERMIT_NOT_FOUND while
   * the permit is unknown, then `expected` (UNIT_NOT_IN_PERMITS naming only the probe unit, once the
   * permit's own unit is there too).
   */
  const waitReplicated = async (
    permit: PermitFixture,
    expected: 'UNIT_NOT_IN_PERMITS' | 'PERMIT_NOT_PRESALE' = 'UNIT_NOT_IN_PERMITS',
  ): Promise<void> => {
    const deadline = Date.now() + 30_000;
    let last = '';
    while (Date.now() < deadline) {
      const res = await post(submissionFor(permit, { unitCodes: [permit.unit, PROBE_UNIT] }));
      const text = await res.text();
      last = `${res.status} ${text}`;
      const problem = JSON.parse(text) as Problem;
      if (res.status === 422 && problem.code === expected && !text.includes(permit.unit)) return;
      // 404 until the permit is known; its units or project type may follow in later events
      const stillWaiting =
        res.status === 404 ||
        (res.status === 422 && (problem.code === 'UNIT_NOT_IN_PERMITS' || problem.code === 'PERMIT_NOT_PRESALE'));
      if (!stillWaiting) throw new Error(`unexpected answer while waiting for ${permit.number} to replicate: ${last}`);
      await sleep(200);
    }
    throw new Error(`permit ${permit.number} not replicated to the presale service within 30 s; last answer: ${last}`);
  };
  const fetchCheckpoint = async (): Promise<{ note: string; checkpoint: Checkpoint }> => {
    const res = await api('/public/v1/log/checkpoint');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const note = await res.text();
    const keys = (await (await api('/public/v1/keys')).json()) as {
      keys: Array<{ kty: string; crv: string; x: string; kid: string }>;
    };
    const origin = note.split('\n')[0]!;
    const verified = keys.keys
      .map((jwk) => verifyNote(note, origin, publicKeyFromJwk(jwk).publicKey))
      .find((v) => v.valid);
    expect(verified?.valid).toBe(true);
    const parsed = parseCheckpoint(verified!.body!);
    expect(parsed).not.toBeNull();
    return { note, checkpoint: { size: parsed!.size, root: parsed!.rootHash } };
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow'], {
      env: { GATEWAY_PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_LIMIT) },
    });
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']),
    );
    issuer = await platform.token(
      await platform.createIntegrator(['430200'], ['presale:issue'], ['--rate-limit', '100000']),
    );
    issuer2 = await platform.token(await platform.createIntegrator(['430223'], ['presale:issue']));
    reader = await platform.token(await platform.createIntegrator(['430223'], ['permits:read']));
    changshaReader = await platform.token(await platform.createIntegrator(['430100'], ['permits:read']));
    sandboxIssuer = await platform.token(await platform.createIntegrator(['430200'], ['presale:issue'], ['--sandbox']));

    const put = async (permit: PermitFixture, overrides: Record<string, unknown> = {}): Promise<void> => {
      const body = permitBody({
        projectCode: permit.project,
        projectName: `${permit.project} 测试项目`,
        units: [{ unitCode: permit.unit, name: '1#栋', floors: 18, floorArea: 9000.5 }],
        ...overrides,
      });
      const res = await api(`/api/v1/approval/construction-permits/${permit.number}`, {
        method: 'PUT',
        token: writer,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(`${res.status} ${await res.text()}`).toMatch(/^201 /);
    };
    await put(P.main, {
      projectName: '锦绣星城三期（22#栋）',
      units: [{ unitCode: P.main.unit, name: '22#栋', floors: 33, floorArea: 12345.67 }],
    });
    await put(P.mainB, { projectName: '锦绣星城三期（22#栋）' });
    await put(P.otherProject);
    await put(P.notPresale, { projectType: 'OTHER' });
    for (const permit of [P.burst, P.exhaust, P.sequence, P.sandbox]) await put(permit);
    for (const permit of [P.main, P.mainB, P.otherProject, P.burst, P.exhaust, P.sequence, P.sandbox])
      await waitReplicated(permit);
    await waitReplicated(P.notPresale, 'PERMIT_NOT_PRESALE');
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('issuance', () => {
    it('issues 430223202406200101-Y01 for the work-plan example with token, verify URL, QR and log position', async () => {
      happy = await issueOk(presaleSubmission());
      expect(happy.presaleNumber).toBe('430223202406200101-Y01');
      expect(happy.sandbox).toBe(false);
      expect(happy.chainToken).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(happy.chainToken, 'base64url').length).toBeLessThanOrEqual(150);
      expect(happy.verifyUrl).toBe(`${platform.gatewayUrl.toUpperCase()}/V/${chainTokenToQrText(happy.chainToken)}`);
      expect(happy.qrSvg).toMatch(/^\s*<svg/);
      expect(happy.log.index).toBeGreaterThanOrEqual(0);
      expect(happy.log.treeSize).toBeGreaterThan(happy.log.index);
      expect(happy.permit).toMatchObject({
        presaleNumber: happy.presaleNumber,
        letter: 'Y',
        serial: 1,
        sandbox: false,
        regionCode: '430223',
        projectCode: P.main.project,
        chainToken: happy.chainToken,
        logIndex: happy.log.index,
        status: 'VALID',
      });
      earlyCheckpoint = (await fetchCheckpoint()).checkpoint;
      expect(earlyCheckpoint.size).toBeGreaterThanOrEqual(happy.log.treeSize);
    });

    it('answers the record by number, region-scoped, for presale:issue or permits:read', async () => {
      const res = await api(`/api/v1/presale-permits/${happy.presaleNumber}`, { token: reader });
      expect(res.status).toBe(200);
      const permit = (await res.json()) as PresalePermit;
      const { fundSupervision, developer, location, ...rest } = presaleSubmission() as Record<string, unknown>;
      expect(permit).toMatchObject({
        ...rest,
        presaleNumber: happy.presaleNumber,
        sandbox: false,
        chainToken: happy.chainToken,
        verifyUrl: happy.verifyUrl,
        logIndex: happy.log.index,
      });
      expect(permit['fundSupervision']).toEqual(fundSupervision);
      expect(permit['developer']).toEqual(developer);
      expect(permit['location']).toEqual(location);
      expect((await api(`/api/v1/presale-permits/${happy.presaleNumber}`, { token: issuer })).status).toBe(200);
      const forbidden = await expectProblem(
        await api(`/api/v1/presale-permits/${happy.presaleNumber}`, { token: changshaReader }),
        403,
        'REGION_FORBIDDEN',
      );
      expect(forbidden.detail).toContain('430223');
      await expectProblem(
        await api('/api/v1/presale-permits/430223202406200101-Y98', { token: reader }),
        404,
        'PRESALE_NOT_FOUND',
      );
      await expectProblem(
        await api('/api/v1/presale-permits/430223202406200101-Y00', { token: reader }),
        400,
        'INVALID_PRESALE_NUMBER',
      );
      await expectProblem(await api('/api/v1/presale-permits/430223202406200101-Y01'), 401, 'UNAUTHORIZED');
    });

    it('forms the number from the first listed permit of one project', async () => {
      const issued = await issueOk(
        presaleSubmission({
          constructionPermitNumbers: [P.mainB.number, P.main.number],
          unitCodes: [P.main.unit, P.mainB.unit],
          localCertificateNumber: '攸住建预字〔2024〕第017号',
        }),
      );
      expect(issued.presaleNumber).toBe(`${P.mainB.number}-Y01`);
      expect(issued.permit.constructionPermitNumbers).toEqual([P.mainB.number, P.main.number]);
    });

    it('answers 422 INCOMPLETE_SUBMISSION listing every missing or invalid field at once', async () => {
      const body = presaleSubmission({
        constructionPermitNumbers: ['430223202406200101', '430223202402300101'],
        developer: { name: '攸县锦绣置业有限公司', creditCode: '91430223MA4Q0ABC10' },
        location: { lat: 35.1, lng: 113.3 },
        issueDate: '2024-02-30',
        presaleArea: 100.123,
        unitCount: 0,
        fundSupervision: { bank: '中国建设银行攸县支行' },
        projectName: '   ',
        unknownField: 'x',
      });
      delete body['address'];
      const problem = await expectProblem(await post(body), 422, 'INCOMPLETE_SUBMISSION');
      const fields = problem.errors?.map((e) => e.field) ?? [];
      expect(fields).toEqual(
        expect.arrayContaining([
          'constructionPermitNumbers[1]',
          'developer.creditCode',
          'location.lat',
          'issueDate',
          'presaleArea',
          'unitCount',
          'fundSupervision.account',
          'projectName',
          'address',
          'unknownField',
        ]),
      );
      expect(fields).not.toContain('constructionPermitNumbers[0]');
      expect(problem.errors!.every((e) => e.reason.length > 0)).toBe(true);
    });

    it('answers 400 IDEMPOTENCY_KEY_REQUIRED without a valid Idempotency-Key', async () => {
      const missing = await expectProblem(
        await post(presaleSubmission(), { key: null }),
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
      );
      expect(missing.errors?.[0]?.field).toBe('Idempotency-Key');
      await expectProblem(await post(presaleSubmission(), { key: 'has spaces' }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
      await expectProblem(await post(presaleSubmission(), { key: 'k'.repeat(129) }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    });

    it('answers 404 PERMIT_NOT_FOUND naming an unknown permit', async () => {
      const problem = await expectProblem(
        await post(presaleSubmission({ constructionPermitNumbers: [P.main.number, '430223202406209901'] })),
        404,
        'PERMIT_NOT_FOUND',
      );
      expect(JSON.stringify(problem)).toContain('430223202406209901');
    });

    it('answers 422 PERMIT_NOT_PRESALE for a permit whose project is not presale housing', async () => {
      const problem = await expectProblem(await post(submissionFor(P.notPresale)), 422, 'PERMIT_NOT_PRESALE');
      expect(JSON.stringify(problem)).toContain(P.notPresale.number);
    });

    it('answers 403 REGION_FORBIDDEN naming a permit of another region', async () => {
      const problem = await expectProblem(
        await post(presaleSubmission({ constructionPermitNumbers: [P.main.number, '430102202405100101'] })),
        403,
        'REGION_FORBIDDEN',
      );
      expect(problem.detail).toContain('430102202405100101');
      // a county credential cannot issue for a permit of the city outside its county either
      await expectProblem(
        await post(presaleSubmission({ constructionPermitNumbers: ['430211202303150201'] }), { token: issuer2 }),
        403,
        'REGION_FORBIDDEN',
      );
    });

    it('answers 422 PERMITS_OF_DIFFERENT_PROJECTS', async () => {
      const problem = await expectProblem(
        await post(
          presaleSubmission({
            constructionPermitNumbers: [P.main.number, P.otherProject.number],
            unitCodes: [P.main.unit, P.otherProject.unit],
          }),
        ),
        422,
        'PERMITS_OF_DIFFERENT_PROJECTS',
      );
      expect(problem.detail).toBeTruthy();
    });

    it('answers 422 naming unitCodes for a unit code that is not in the permits', async () => {
      const res = await post(presaleSubmission({ unitCodes: [P.main.unit, P.burst.unit] }));
      expect(res.status).toBe(422);
      const problem = (await res.json()) as Problem;
      expect(['UNIT_NOT_IN_PERMITS', 'INCOMPLETE_SUBMISSION']).toContain(problem.code);
      expect(problem.errors?.some((e) => e.field.startsWith('unitCodes'))).toBe(true);
      expect(JSON.stringify(problem)).toContain(P.burst.unit);
      expect(JSON.stringify(problem.errors)).not.toContain(P.main.unit);
    });

    it('refuses malformed JSON and bodies over 1 MB with a problem, never a 500', async () => {
      await expectProblem(await post(null, { raw: '{"constructionPermitNumbers": [' }), 400, 'VALIDATION_FAILED');
      await expectProblem(await post(presaleSubmission({ address: 'x'.repeat(1_100_000) })), 413, 'PAYLOAD_TOO_LARGE');
      const array = await expectProblem(await post([presaleSubmission()]), 422, 'INCOMPLETE_SUBMISSION');
      expect(array.errors?.[0]?.field).toBe('body');
      const wrongTypes = await expectProblem(
        await post(presaleSubmission({ unitCount: '120', presaleArea: '12345.67', buildings: '22#' })),
        422,
        'INCOMPLETE_SUBMISSION',
      );
      expect(wrongTypes.errors?.map((e) => e.field)).toEqual(
        expect.arrayContaining(['unitCount', 'presaleArea', 'buildings']),
      );
    });

    it('20 parallel issuances on one permit get exactly 01..20, no gap and no duplicate', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => issueOk(submissionFor(P.burst))));
      const serials = results.map((r) => serialOf(r.presaleNumber)).sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(results.map((r) => r.log.index)).size).toBe(20);
      expect(results.every((r) => r.presaleNumber.startsWith(`${P.burst.number}-Y`))).toBe(true);
    });

    it('is idempotent per client: same key and body → the same number; same key, other body → 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = newKey('idem');
      const body = submissionFor(P.sequence, { localCertificateNumber: '攸住建预字〔2024〕第101号' });
      const first = await issueOk(body, { key });
      const again = await issueOk(body, { key });
      expect(again.presaleNumber).toBe(first.presaleNumber);
      expect(again.chainToken).toBe(first.chainToken);
      expect(again.log).toEqual(first.log);
      const problem = await expectProblem(
        await post({ ...body, unitCount: 121 }, { key }),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(problem.detail).toBeTruthy();
      // keys are scoped to the client: another client's same key is a new request
      const other = await issueOk(submissionFor(P.sequence, { localCertificateNumber: '攸住建预字〔2024〕第102号' }), {
        key,
        token: issuer2,
      });
      expect(other.presaleNumber).not.toBe(first.presaleNumber);
      expect(serialOf(other.presaleNumber)).toBe(serialOf(first.presaleNumber) + 1);
    });

    it('never issues twice for one key sent in parallel: the others get the same number or 409 IDEMPOTENCY_KEY_IN_FLIGHT', async () => {
      const key = newKey('parallel');
      const body = submissionFor(P.sequence, { localCertificateNumber: '攸住建预字〔2024〕第103号' });
      const responses = await Promise.all(Array.from({ length: 6 }, () => post(body, { key })));
      const outcomes = await Promise.all(
        responses.map(async (res) => ({ status: res.status, body: (await res.json()) as Issued & Problem })),
      );
      const issued = outcomes.filter((o) => o.status === 201);
      expect(issued.length).toBeGreaterThanOrEqual(1);
      expect(new Set(issued.map((o) => o.body.presaleNumber)).size).toBe(1);
      for (const o of outcomes.filter((x) => x.status !== 201))
        expect(`${o.status} ${o.body.code}`).toBe('409 IDEMPOTENCY_KEY_IN_FLIGHT');
      realIssued.add(issued[0]!.body.presaleNumber);
      const next = await issueOk(submissionFor(P.sequence, { localCertificateNumber: '攸住建预字〔2024〕第104号' }));
      expect(serialOf(next.presaleNumber)).toBe(serialOf(issued[0]!.body.presaleNumber) + 1);
    });

    it('gives one local certificate one number: 10 parallel requests with different keys → 1 × 201 + 9 × 409 naming it, no serial consumed', async () => {
      const body = submissionFor(P.sequence, { localCertificateNumber: '攸住建预字〔2024〕第105号' });
      const responses = await Promise.all(Array.from({ length: 10 }, () => post(body)));
      const outcomes = await Promise.all(
        responses.map(async (res) => ({ status: res.status, body: (await res.json()) as Issued & Problem })),
      );
      const issued = outcomes.filter((o) => o.status === 201);
      expect(issued).toHaveLength(1);
      const number = issued[0]!.body.presaleNumber;
      realIssued.add(number);
      const refused = outcomes.filter((o) => o.status !== 201);
      expect(refused.map((o) => `${o.status} ${o.body.code}`)).toEqual(
        Array.from({ length: 9 }, () => '409 DUPLICATE_LOCAL_CERTIFICATE'),
      );
      for (const o of refused) {
        expect(o.body.detail).toContain(number);
        expect(o.body.errors).toEqual([{ field: 'localCertificateNumber', reason: number }]);
      }
      // the same certificate, written with extra spaces, is still the same certificate
      const again = await expectProblem(
        await post({ ...body, localCertificateNumber: '  攸住建预字〔2024〕 第105号 ' }),
        409,
        'DUPLICATE_LOCAL_CERTIFICATE',
      );
      expect(again.detail).toContain(number);
      const next = await issueOk(submissionFor(P.sequence));
      expect(serialOf(next.presaleNumber)).toBe(serialOf(number) + 1);
    });

    it("refuses a developer whose credit code is not the permit's developer: 422 DEVELOPER_MISMATCH listing both", async () => {
      const other = creditCode('91430224MA4Q0ABC1');
      const problem = await expectProblem(
        await post(submissionFor(P.sequence, { developer: { name: '茶陵别家置业有限公司', creditCode: other } })),
        422,
        'DEVELOPER_MISMATCH',
      );
      expect(problem.detail).toContain(other);
      expect(problem.detail).toContain(creditCode());
      expect(problem.errors).toEqual([
        { field: 'developer.creditCode', reason: expect.stringContaining(P.sequence.number) },
      ]);
      expect(problem.errors![0]!.reason).toContain(other);
      expect(problem.errors![0]!.reason).toContain(creditCode());
    });

    it('rejected requests consume no serial: the next issuance gets the next number', async () => {
      const before = await issueOk(submissionFor(P.sequence));
      const n = serialOf(before.presaleNumber);
      await expectProblem(
        await post(submissionFor(P.sequence, { unitCodes: [PROBE_UNIT] })),
        422,
        'UNIT_NOT_IN_PERMITS',
      );
      await expectProblem(
        await post(submissionFor(P.sequence, { developer: { name: '', creditCode: 'bad' } })),
        422,
        'INCOMPLETE_SUBMISSION',
      );
      await expectProblem(
        await post(
          submissionFor(P.sequence, {
            constructionPermitNumbers: [P.sequence.number, P.otherProject.number],
            unitCodes: [P.sequence.unit],
          }),
        ),
        422,
        'PERMITS_OF_DIFFERENT_PROJECTS',
      );
      await expectProblem(
        await post(submissionFor(P.sequence, { constructionPermitNumbers: [P.sequence.number, '430102202405100101'] })),
        403,
        'REGION_FORBIDDEN',
      );
      await expectProblem(await post(null, { raw: '{' }), 400, 'VALIDATION_FAILED');
      await expectProblem(await post(submissionFor(P.sequence), { key: null }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
      const after = await issueOk(submissionFor(P.sequence));
      expect(serialOf(after.presaleNumber)).toBe(n + 1);
      expect(after.log.index).toBe(before.log.index + 1);
    });

    it('answers 409 SERIAL_EXHAUSTED after 99 numbers on a permit, never wrapping', async () => {
      const serials: number[] = [];
      for (let batch = 0; batch < 9; batch++) {
        const results = await Promise.all(Array.from({ length: 11 }, () => issueOk(submissionFor(P.exhaust))));
        serials.push(...results.map((r) => serialOf(r.presaleNumber)));
      }
      expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
      const problem = await expectProblem(await post(submissionFor(P.exhaust)), 409, 'SERIAL_EXHAUSTED');
      expect(problem.detail).toContain(P.exhaust.number);
      await expectProblem(await post(submissionFor(P.exhaust)), 409, 'SERIAL_EXHAUSTED');
      // other permits are unaffected
      await issueOk(submissionFor(P.sequence));
    });

    it('keeps issuing from its replica while the permits service is stopped', async () => {
      await platform.stopService('permits');
      try {
        await expectProblem(
          await api(`/api/v1/construction-permits/${P.main.number}`, { token: reader }),
          503,
          'SERVICE_UNAVAILABLE',
        );
        const issued = await issueOk(submissionFor(P.main, { localCertificateNumber: '攸住建预字〔2024〕第016号' }));
        expect(issued.presaleNumber.startsWith(`${P.main.number}-Y`)).toBe(true);
        await expectProblem(
          await post(presaleSubmission({ constructionPermitNumbers: ['430223202406209901'] })),
          404,
          'PERMIT_NOT_FOUND',
        );
      } finally {
        await platform.startService('permits');
      }
    });
  });

  describe('sandbox (联调测试)', () => {
    it('gives sandbox numbers that never consume the real serial and verify as test data', async () => {
      const first = await issueOk(submissionFor(P.sandbox));
      expect(serialOf(first.presaleNumber)).toBe(1);
      const sandbox = await issueOk(submissionFor(P.sandbox), { token: sandboxIssuer });
      expect(sandbox.sandbox).toBe(true);
      expect(sandbox.permit.sandbox).toBe(true);
      expect(sandbox.presaleNumber.startsWith(`${P.sandbox.number}-Y`)).toBe(true);
      expect(sandbox.chainToken).not.toBe(first.chainToken);
      const second = await issueOk(submissionFor(P.sandbox));
      expect(serialOf(second.presaleNumber)).toBe(2);

      const verify = (await (await api(`/public/v1/verify?token=${sandbox.chainToken}`)).json()) as VerifyResult;
      expect(verify.test).toBe(true);
      const page = await api(new URL(sandbox.verifyUrl).pathname, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('测试数据（联调测试），非正式证书');
      const real = (await (await api(`/public/v1/verify?token=${second.chainToken}`)).json()) as VerifyResult;
      expect(real).toMatchObject({ valid: true });
      expect(real.test ?? false).toBe(false);
    });
  });

  describe('QR code and print layout', () => {
    it('qr.png decodes with a standard QR reader to the verify URL, in QR version ≤ 8', async () => {
      const res = await api(`/api/v1/presale-permits/${happy.presaleNumber}/qr.png`, { token: reader });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('image/png');
      const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
      const code = jsQR(
        new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
        png.width,
        png.height,
      );
      expect(code?.data).toBe(happy.verifyUrl);
      expect(code!.version).toBeLessThanOrEqual(8);
    });

    it('qr.svg is an SVG image', async () => {
      const res = await api(`/api/v1/presale-permits/${happy.presaleNumber}/qr.svg`, { token: issuer });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('image/svg+xml');
      expect(await res.text()).toMatch(/<svg[\s>]/);
    });

    it('print-layout.pdf is a PDF with the number and the caption, on any supported paper', async () => {
      const res = await api(`/api/v1/presale-permits/${happy.presaleNumber}/print-layout.pdf`, { token: reader });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pdfParse = require('pdf-parse') as (b: Buffer) => Promise<{ text: string; numpages: number }>;
      const parsed = await pdfParse(pdf);
      expect(parsed.numpages).toBe(1);
      expect(parsed.text).toContain(happy.presaleNumber);
      expect(parsed.text.replace(/\s/g, '')).toContain(CAPTION);
      const a3 = await api(`/api/v1/presale-permits/${happy.presaleNumber}/print-layout.pdf?paper=A3`, {
        token: reader,
      });
      expect(a3.status).toBe(200);
      expect(
        Buffer.from(await a3.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const bad = await expectProblem(
        await api(`/api/v1/presale-permits/${happy.presaleNumber}/print-layout.pdf?paper=A0`, { token: reader }),
        400,
        'VALIDATION_FAILED',
      );
      expect(bad.errors?.[0]?.field).toBe('paper');
      await expectProblem(
        await api(`/api/v1/presale-permits/${happy.presaleNumber}/print-layout.pdf`, { token: changshaReader }),
        403,
        'REGION_FORBIDDEN',
      );
    });
  });

  describe('public verification (no login)', () => {
    it('verifies the issued token with the permit summary', async () => {
      const res = await api(`/public/v1/verify?token=${happy.chainToken}`);
      expect(res.status).toBe(200);
      const result = (await res.json()) as VerifyResult;
      expect(result).toMatchObject({
        valid: true,
        status: 'VALID',
        code: 'VALID',
        message: '真实有效：本平台签发的预售许可证，签名核验通过',
      });
      expect(result.test ?? false).toBe(false);
      expect(result.permit).toMatchObject({
        presaleNumber: happy.presaleNumber,
        projectName: '锦绣星城三期（22#栋）',
        developerName: '攸县锦绣置业有限公司',
        regionCode: '430223',
        issueDate: '2024-08-15',
        status: 'VALID',
        logIndex: happy.log.index,
      });
      expect(JSON.stringify(result)).not.toContain('creditCode');
      expect(JSON.stringify(result)).not.toContain('43050162123400000123'); // no escrow account
    });

    it('rejects a token with one character changed, with a reason', async () => {
      for (const position of [10, 60, 120]) {
        const chars = happy.chainToken.split('');
        chars[position] = chars[position] === 'A' ? 'B' : 'A';
        const res = await api(`/public/v1/verify?token=${chars.join('')}`);
        expect(res.status).toBe(200);
        const result = (await res.json()) as VerifyResult;
        expect(result.valid).toBe(false);
        expect(result.reason).toBeTruthy();
        expect(result.code).toBe(result.reason);
        expect(result.status).toBe('INVALID');
        expect(result.message).toMatch(/^[^A-Za-z]+$/); // plain Chinese for people
        expect(result.messageEn).toBeTruthy();
        expect(result.permit).toBeUndefined();
      }
      const truncated = (await (
        await api(`/public/v1/verify?token=${happy.chainToken.slice(0, 100)}`)
      ).json()) as VerifyResult;
      expect(truncated).toMatchObject({ valid: false });
      expect(truncated.reason).toBeTruthy();
      await expectProblem(await api('/public/v1/verify?token=not%20base64'), 400, 'VALIDATION_FAILED');
    });

    it('opens the QR URL (/V/<base32>): JSON when asked for, a Chinese page otherwise', async () => {
      const path = new URL(happy.verifyUrl).pathname;
      expect(path).toMatch(/^\/V\/[A-Z2-7]+$/);
      const json = await api(path, { headers: { accept: 'application/json' } });
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toContain('application/json');
      expect((await json.json()) as VerifyResult).toMatchObject({
        valid: true,
        permit: { presaleNumber: happy.presaleNumber },
      });
      const html = await api(path, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const page = await html.text();
      expect(page).toContain('真实有效的预售许可证');
      expect(page).toContain(happy.presaleNumber);
      expect(page).toContain('锦绣星城三期（22#栋）');
      const tampered = `${path.slice(0, -5)}${path.slice(-5) === 'AAAAA' ? 'BBBBB' : 'AAAAA'}`;
      const bad = await (await api(tampered, { headers: { accept: 'text/html' } })).text();
      expect(bad).toContain('未通过核验');
      expect(bad).toMatch(
        /二维码内容已被篡改或不是本平台签发<\/span> <code class="code">BAD_SIGNATURE<\/code>|二维码内容不是本平台的核验码<\/span> <code class="code">MALFORMED<\/code>/,
      );
      expect(bad).not.toMatch(/does not verify|signature/);
    });

    it('answers the public summary of a permit by number', async () => {
      const res = await api(`/public/v1/presale-permits/${happy.presaleNumber}`);
      expect(res.status).toBe(200);
      const summary = (await res.json()) as Record<string, unknown>;
      expect(summary).toMatchObject({
        presaleNumber: happy.presaleNumber,
        sandbox: false,
        localCertificateNumber: '攸住建预字〔2024〕第015号',
        constructionPermitNumbers: [P.main.number],
      });
      expect(summary).not.toHaveProperty('developer');
      expect(summary).not.toHaveProperty('fundSupervision');
      await expectProblem(await api('/public/v1/presale-permits/430223202406200101-Y97'), 404, 'PRESALE_NOT_FOUND');
    });
  });

  describe('transparency log', () => {
    it('publishes a signed checkpoint; an inclusion proof of the issued permit verifies against it (RFC 9162 §2.1.3.2), a mutated one fails', async () => {
      const { checkpoint } = await fetchCheckpoint();
      expect(checkpoint.size).toBeGreaterThan(happy.log.index);
      for (const index of [happy.log.index, 0, checkpoint.size - 1, Math.floor(checkpoint.size / 2)]) {
        const res = await api(`/public/v1/log/inclusion-proof?index=${index}&treeSize=${checkpoint.size}`);
        expect(res.status).toBe(200);
        const proof = (await res.json()) as {
          leafHash: string;
          auditPath: string[];
          treeSize: number;
          rootHash: string;
        };
        expect(proof.treeSize).toBe(checkpoint.size);
        expect(hex(proof.rootHash).equals(checkpoint.root)).toBe(true);
        const leaf = hex(proof.leafHash);
        const path = proof.auditPath.map(hex);
        expect(leaf).toHaveLength(32);
        expect(verifyInclusionRfc9162(index, checkpoint.size, leaf, path, checkpoint.root)).toBe(true);

        expect(verifyInclusionRfc9162(index, checkpoint.size, flipBit(leaf, 7), path, checkpoint.root)).toBe(false);
        path.forEach((_h, i) => {
          const mutated = path.map((h, j) => (i === j ? flipBit(h, 100) : h));
          expect(verifyInclusionRfc9162(index, checkpoint.size, leaf, mutated, checkpoint.root)).toBe(false);
        });
        if (path.length > 0)
          expect(verifyInclusionRfc9162(index, checkpoint.size, leaf, path.slice(0, -1), checkpoint.root)).toBe(false);
        expect(verifyInclusionRfc9162(index, checkpoint.size, leaf, [...path, leaf], checkpoint.root)).toBe(false);
        expect(verifyInclusionRfc9162(index ^ 1, checkpoint.size, leaf, path, checkpoint.root)).toBe(false);
        expect(verifyInclusionRfc9162(index, checkpoint.size, leaf, path, flipBit(checkpoint.root, 3))).toBe(false);
      }
      await expectProblem(
        await api(`/public/v1/log/inclusion-proof?index=${checkpoint.size}&treeSize=${checkpoint.size}`),
        400,
        'INVALID_PROOF_REQUEST',
      );
      expect((await api('/public/v1/log/inclusion-proof?index=-1&treeSize=2')).status).toBe(400);
    });

    it('proves the log only grew between two signed checkpoints (RFC 9162 §2.1.4.2), a mutated proof fails', async () => {
      const { checkpoint: later } = await fetchCheckpoint();
      expect(later.size).toBeGreaterThan(earlyCheckpoint.size);
      const res = await api(`/public/v1/log/consistency-proof?first=${earlyCheckpoint.size}&second=${later.size}`);
      expect(res.status).toBe(200);
      const proof = (await res.json()) as {
        proof: string[];
        first: number;
        second: number;
        firstRootHash: string;
        secondRootHash: string;
      };
      expect(proof).toMatchObject({ first: earlyCheckpoint.size, second: later.size });
      expect(hex(proof.firstRootHash).equals(earlyCheckpoint.root)).toBe(true);
      expect(hex(proof.secondRootHash).equals(later.root)).toBe(true);
      const path = proof.proof.map(hex);
      expect(verifyConsistencyRfc9162(earlyCheckpoint.size, later.size, earlyCheckpoint.root, later.root, path)).toBe(
        true,
      );
      path.forEach((_h, i) => {
        const mutated = path.map((h, j) => (i === j ? flipBit(h, 42) : h));
        expect(
          verifyConsistencyRfc9162(earlyCheckpoint.size, later.size, earlyCheckpoint.root, later.root, mutated),
        ).toBe(false);
      });
      expect(
        verifyConsistencyRfc9162(earlyCheckpoint.size, later.size, earlyCheckpoint.root, later.root, path.slice(1)),
      ).toBe(false);
      expect(
        verifyConsistencyRfc9162(earlyCheckpoint.size, later.size, flipBit(earlyCheckpoint.root), later.root, path),
      ).toBe(false);
      expect(
        verifyConsistencyRfc9162(earlyCheckpoint.size, later.size, earlyCheckpoint.root, flipBit(later.root), path),
      ).toBe(false);

      // every other earlier size too (powers of two and not), against the roots the log states
      for (const first of [1, 2, 3, 4, 5, 7, 8, 13, 16, later.size - 1, later.size].filter(
        (m) => m >= 1 && m <= later.size,
      )) {
        const r = (await (
          await api(`/public/v1/log/consistency-proof?first=${first}&second=${later.size}`)
        ).json()) as typeof proof;
        expect(hex(r.secondRootHash).equals(later.root)).toBe(true);
        expect(verifyConsistencyRfc9162(first, later.size, hex(r.firstRootHash), later.root, r.proof.map(hex))).toBe(
          true,
        );
        if (r.proof.length > 0)
          expect(
            verifyConsistencyRfc9162(first, later.size, hex(r.firstRootHash), later.root, [
              flipBit(hex(r.proof[0]!), 9),
              ...r.proof.slice(1).map(hex),
            ]),
          ).toBe(false);
      }
      await expectProblem(await api('/public/v1/log/consistency-proof?first=3&second=2'), 400, 'INVALID_PROOF_REQUEST');
      expect((await api('/public/v1/log/consistency-proof?first=0&second=2')).status).toBe(400);
    });
  });

  describe('events', () => {
    it('publishes hn.presale.permit.issued.v1 on HN_PRESALE for every real issuance and none for sandbox ones', async () => {
      expect(realIssued.size).toBeGreaterThan(120);
      expect(sandboxTokens.size).toBe(1);
      const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
      try {
        const jsm = await nc.jetstreamManager();
        const codec = JSONCodec<{
          id: string;
          type: string;
          subject: string;
          source: string;
          time: string;
          data: { permit: PresalePermit };
        }>();
        const deadline = Date.now() + 20_000;
        let seen = new Map<string, number>();
        let sandboxEvents = 0;
        for (;;) {
          seen = new Map();
          sandboxEvents = 0;
          const info = await jsm.streams.info('HN_PRESALE');
          for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
            const msg = await jsm.streams.getMessage('HN_PRESALE', { seq });
            const event = codec.decode(msg.data);
            if (event.type !== 'hn.presale.permit.issued.v1') continue;
            expect(msg.subject).toBe('hn.presale.permit.issued.v1');
            expect(msg.header.get('Nats-Msg-Id')).toBe(event.id);
            expect(event.subject).toBe(event.data.permit.presaleNumber);
            if (event.data.permit.sandbox || sandboxTokens.has(event.data.permit.chainToken)) sandboxEvents++;
            seen.set(event.subject, (seen.get(event.subject) ?? 0) + 1);
          }
          if ([...realIssued].every((n) => seen.has(n)) || Date.now() > deadline) break;
          await sleep(300);
        }
        expect([...realIssued].filter((n) => !seen.has(n))).toEqual([]);
        expect([...seen.values()].every((count) => count === 1)).toBe(true);
        expect(sandboxEvents).toBe(0);
        expect(seen.size).toBe(realIssued.size);
      } finally {
        await nc.close();
      }
    });
  });

  describe('OpenAPI and health', () => {
    it('documents the presale and public routes', async () => {
      const doc = (await (await api('/api/openapi.json')).json()) as {
        paths: Record<
          string,
          Record<string, { summary?: string; tags?: string[]; responses: Record<string, unknown> }>
        >;
      };
      const post = doc.paths['/api/v1/presale-permits']?.['post'];
      expect(Object.keys(post?.responses ?? {})).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422', '429', '503']),
      );
      for (const path of [
        '/api/v1/presale-permits/{presaleNumber}',
        '/api/v1/presale-permits/{presaleNumber}/qr.png',
        '/api/v1/presale-permits/{presaleNumber}/qr.svg',
        '/api/v1/presale-permits/{presaleNumber}/print-layout.pdf',
      ]) {
        expect(doc.paths[path]?.['get']?.tags).toEqual(['预售许可 Presale permits']);
      }
      for (const path of [
        '/public/v1/verify',
        '/public/v1/presale-permits/{presaleNumber}',
        '/public/v1/log/checkpoint',
        '/public/v1/log/inclusion-proof',
        '/public/v1/log/consistency-proof',
        '/public/v1/keys',
        '/V/{token}',
      ]) {
        expect(doc.paths[path]?.['get']?.tags).toEqual(['公众查询 Public verification']);
      }
    });

    it('reports the presale service on /health', async () => {
      const health = (await (await api('/health')).json()) as {
        status: string;
        checks: Record<string, { status: string }>;
      };
      expect(health.checks['presale']?.status).toBe('up');
      expect(health.status).toBe('ok');
    });
  });

  describe('rate limit (last: it spends the public budget of this IP)', () => {
    it('limits the public routes per IP', async () => {
      let limited: Response | null = null;
      for (let i = 0; i <= 2 * PUBLIC_LIMIT + 1 && !limited; i++) {
        const res = await api('/public/v1/keys');
        if (res.status === 429) limited = res;
        else expect(res.status).toBe(200);
      }
      expect(limited).not.toBeNull();
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      await expectProblem(limited!, 429, 'RATE_LIMITED');
    });
  });
});

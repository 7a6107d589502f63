import { Rpc, RpcProblem } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { connect, JSONCodec } from 'nats';
import { contractFiling, creditCode, permitBody, presaleSubmission, residentId } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

interface Buyer {
  type: 'PERSON' | 'ORGANIZATION';
  name: string;
  idType?: string;
  idNumber?: string;
  phone?: string;
  creditCode?: string;
}

interface Filing {
  contractNumber: string;
  presaleNumber: string;
  serial: number;
  sandbox: boolean;
  status: 'ACTIVE' | 'CANCELLED';
  regionCode: string;
  projectCode: string;
  building: string;
  rooms: Array<{ roomNumber: string; floor: number; floorArea: number }>;
  buyers: Buyer[];
  contractAmount: number;
  payment: { method: string; downPayment: number; commercialLoan: number; providentFundLoan: number };
  filingDate: string;
  cancellation: { reason: string; cancelledAt: string; cancelledBy: string } | null;
  piiMasked: boolean;
}

interface Issued {
  contractNumber: string;
  sandbox: boolean;
  filing: Filing;
}

const PERMIT = {
  number: '430223202406200101',
  project: '2024-430223-70-03-012345',
  unit: '2024-430223-70-03-012345-DT022',
} as const;
/** first presale number of the permit: the 50-filing burst */
const BURST = `${PERMIT.number}-Y01`;
/** second presale number of the permit: every other test */
const MAIN = `${PERMIT.number}-Y02`;
const PROBE_UNIT = 'E2E-PROBE-UNIT-NOT-IN-ANY-PERMIT';
const PROBE_BUILDING = 'E2E-PROBE-BUILDING';
const BURST_SIZE = 50;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const serialOf = (contractNumber: string): number => Number(/-B(\d{4})$/.exec(contractNumber)![1]);

describe('Unified contract filing numbers (网签备案取号) through the gateway', () => {
  let platform: TestPlatform;
  let signer: string; // 攸县 430223, contracts:issue (buyers' numbers masked)
  let signer2: string; // 攸县 430223, contracts:issue, another client (its own idempotency keys)
  let piiSigner: string; // 株洲市 430200, contracts:issue + pii:read (clear numbers)
  let sandboxSigner: string; // 攸县, contracts:issue, sandbox (联调测试)
  let sandboxIssuer: string; // 攸县, presale:issue, sandbox (联调测试)
  let reader: string; // 攸县, permits:read
  let changshaSigner: string; // 长沙市 430100, contracts:issue
  let presaleIssuer: string; // 攸县, presale:issue only
  let keySeq = 0;
  let personSeq = 0;
  /** every clear ID and phone number sent in a filing that was accepted */
  const clearPii = new Set<string>();
  /** every real (non-sandbox) number issued, and those cancelled */
  const filed = new Set<string>();
  const cancelled = new Set<string>();

  const newKey = (label = 'k'): string => `e2e-${label}-${process.pid}-${++keySeq}`;
  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const postFiling = (
    body: unknown,
    options: { token?: string; key?: string | null; raw?: string } = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.key !== null) headers['idempotency-key'] = options.key ?? newKey();
    return api('/api/v1/contract-filings', {
      method: 'POST',
      token: options.token ?? signer,
      headers,
      body: options.raw ?? JSON.stringify(body),
    });
  };
  const getFiling = (contractNumber: string, token = signer): Promise<Response> =>
    api(`/api/v1/contract-filings/${contractNumber}`, { token });
  const cancelFiling = (contractNumber: string, body: unknown, token = signer): Promise<Response> =>
    api(`/api/v1/contract-filings/${contractNumber}/cancel`, {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
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
  const fieldsOf = (problem: Problem): string[] => (problem.errors ?? []).map((e) => e.field);

  /** A fresh natural-person buyer (valid GB 11643 ID, mobile number) plus an organisation co-buyer. */
  const buyers = (): Buyer[] => {
    const n = ++personSeq;
    const person: Buyer = {
      type: 'PERSON',
      name: `买受人${n}`,
      idType: 'RESIDENT_ID',
      idNumber: residentId(`43022319${String(80 + (n % 20))}0101${String(n % 1000).padStart(3, '0')}`),
      phone: `139${String(n).padStart(8, '0')}`,
    };
    return [
      person,
      { type: 'ORGANIZATION', name: '攸县星城投资有限公司', creditCode: creditCode('91430223MA4R0DEF2') },
    ];
  };
  const filingFor = (
    presaleNumber: string,
    roomNumber: string,
    overrides: Record<string, unknown> = {},
  ): Record<string, unknown> =>
    contractFiling({
      presaleNumber,
      rooms: [{ roomNumber, floor: Number(roomNumber.split('-')[0]) || 1, floorArea: 89.5 }],
      address: `锦绣星城三期 22#栋 ${roomNumber}`,
      buyers: buyers(),
      ...overrides,
    });
  const remember = (body: Record<string, unknown>, issued: Issued): void => {
    for (const b of body['buyers'] as Buyer[]) {
      if (b.idNumber) clearPii.add(b.idNumber);
      if (b.phone) clearPii.add(b.phone);
    }
    if (!issued.sandbox) filed.add(issued.contractNumber);
  };
  /**
   * Files and expects 201. A client that got no answer retries with the same key (503 after the
   * gateway's timeout, or 409 while the first attempt is still in flight): the key makes it safe.
   */
  const fileOk = async (
    body: Record<string, unknown>,
    options: { token?: string; key?: string } = {},
  ): Promise<Issued> => {
    const key = options.key ?? newKey('file');
    for (let attempt = 1; ; attempt++) {
      const res = await postFiling(body, { token: options.token, key });
      const text = await res.text();
      const retry = res.status === 503 || (res.status === 409 && text.includes('IDEMPOTENCY_KEY_IN_FLIGHT'));
      if (retry && attempt < 5) {
        await sleep(300 * attempt);
        continue;
      }
      expect(`${res.status} ${text.slice(0, 600)}`).toMatch(/^201 /);
      expect(res.headers.get('location')).toBe(
        `/api/v1/contract-filings/${(JSON.parse(text) as Issued).contractNumber}`,
      );
      const issued = JSON.parse(text) as Issued;
      remember(body, issued);
      return issued;
    }
  };

  /** Waits until the presale service knows the construction permit (a probe that can never succeed). */
  const waitPermitInPresale = async (): Promise<void> => {
    const deadline = Date.now() + 30_000;
    let last = '';
    while (Date.now() < deadline) {
      const res = await api('/api/v1/presale-permits', {
        method: 'POST',
        token: presaleIssuer,
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey('presale-probe') },
        body: JSON.stringify(presaleSubmission({ unitCodes: [PERMIT.unit, PROBE_UNIT] })),
      });
      const text = await res.text();
      last = `${res.status} ${text}`;
      if (res.status === 422 && text.includes('UNIT_NOT_IN_PERMITS') && !text.includes(PERMIT.unit)) return;
      if (res.status !== 404 && !(res.status === 422 && text.includes('UNIT_NOT_IN_PERMITS')))
        throw new Error(`unexpected answer while waiting for the permit in presale: ${last}`);
      await sleep(200);
    }
    throw new Error(`permit not replicated to the presale service within 30 s; last answer: ${last}`);
  };

  /**
   * Waits until the contracts service's replica has the presale permit: a filing for a building that
   * is not in the permit can never succeed (it consumes no serial), and answers 404 PRESALE_NOT_FOUND
   * until the permit is there, then 422 BUILDING_NOT_IN_PRESALE.
   */
  const waitPresaleInContracts = async (presaleNumber: string): Promise<void> => {
    const deadline = Date.now() + 30_000;
    let last = '';
    while (Date.now() < deadline) {
      const res = await postFiling(contractFiling({ presaleNumber, building: PROBE_BUILDING }));
      const text = await res.text();
      last = `${res.status} ${text}`;
      if (res.status === 422 && text.includes('BUILDING_NOT_IN_PRESALE')) return;
      if (!(res.status === 404 && text.includes('PRESALE_NOT_FOUND')))
        throw new Error(`unexpected answer while waiting for ${presaleNumber} in contracts: ${last}`);
      await sleep(200);
    }
    throw new Error(
      `presale permit ${presaleNumber} not replicated to the contracts service within 30 s; last answer: ${last}`,
    );
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow']);
    const fast = ['--rate-limit', '100000'];
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']),
    );
    presaleIssuer = await platform.token(await platform.createIntegrator(['430223'], ['presale:issue'], fast));
    signer = await platform.token(await platform.createIntegrator(['430223'], ['contracts:issue'], fast));
    signer2 = await platform.token(await platform.createIntegrator(['430223'], ['contracts:issue'], fast));
    piiSigner = await platform.token(
      await platform.createIntegrator(['430200'], ['contracts:issue', 'pii:read'], fast),
    );
    sandboxSigner = await platform.token(
      await platform.createIntegrator(['430223'], ['contracts:issue'], [...fast, '--sandbox']),
    );
    sandboxIssuer = await platform.token(
      await platform.createIntegrator(['430223'], ['presale:issue'], [...fast, '--sandbox']),
    );
    reader = await platform.token(await platform.createIntegrator(['430223'], ['permits:read'], fast));
    changshaSigner = await platform.token(await platform.createIntegrator(['430100'], ['contracts:issue'], fast));

    const put = await api(`/api/v1/approval/construction-permits/${PERMIT.number}`, {
      method: 'PUT',
      token: writer,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        permitBody({ units: [{ unitCode: PERMIT.unit, name: '22#栋', floors: 33, floorArea: 12345.67 }] }),
      ),
    });
    expect(`${put.status} ${await put.text()}`).toMatch(/^201 /);
    await waitPermitInPresale();
    for (const [expected, certificate] of [
      [BURST, '攸住建预字〔2024〕第015号'],
      [MAIN, '攸住建预字〔2024〕第016号'],
    ] as const) {
      const res = await api('/api/v1/presale-permits', {
        method: 'POST',
        token: presaleIssuer,
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey('presale') },
        body: JSON.stringify(presaleSubmission({ localCertificateNumber: certificate })),
      });
      const text = await res.text();
      expect(`${res.status} ${text.slice(0, 300)}`).toMatch(/^201 /);
      expect((JSON.parse(text) as { presaleNumber: string }).presaleNumber).toBe(expected);
    }
    await waitPresaleInContracts(BURST);
    await waitPresaleInContracts(MAIN);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('issuance', () => {
    it(`${BURST_SIZE} concurrent filings on one presale permit get exactly B0001..B${String(BURST_SIZE).padStart(4, '0')}, no gap and no duplicate`, async () => {
      const results = await Promise.all(
        Array.from({ length: BURST_SIZE }, (_, i) =>
          fileOk(filingFor(BURST, `${Math.floor(i / 10) + 1}-${101 + (i % 10)}`)),
        ),
      );
      const serials = results.map((r) => serialOf(r.contractNumber)).sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: BURST_SIZE }, (_, i) => i + 1));
      for (const r of results) {
        expect(r.contractNumber).toBe(`${BURST}-B${String(r.filing.serial).padStart(4, '0')}`);
        expect(r.filing).toMatchObject({
          contractNumber: r.contractNumber,
          presaleNumber: BURST,
          status: 'ACTIVE',
          sandbox: false,
          regionCode: '430223',
          projectCode: PERMIT.project,
          building: '22#',
        });
      }
      expect(new Set(results.map((r) => r.filing.rooms[0]!.roomNumber)).size).toBe(BURST_SIZE);
      // the counter went on from there: the next filing is B0051
      const next = await fileOk(filingFor(BURST, '9-901'));
      expect(next.contractNumber).toBe(`${BURST}-B${String(BURST_SIZE + 1).padStart(4, '0')}`);
    });

    it('answers the filed contract with its fields, the buyers masked for a contracts:issue credential', async () => {
      const body = filingFor(MAIN, '1-101');
      const issued = await fileOk(body);
      expect(issued.sandbox).toBe(false);
      expect(issued.filing).toMatchObject({
        presaleNumber: MAIN,
        status: 'ACTIVE',
        building: '22#',
        rooms: body['rooms'],
        contractAmount: 123_456_700,
        payment: {
          method: 'COMBINED',
          downPayment: 43_456_700,
          commercialLoan: 50_000_000,
          providentFundLoan: 30_000_000,
        },
        filingDate: '2024-09-02',
        cancellation: null,
        piiMasked: true,
      });
      const person = (body['buyers'] as Buyer[])[0]!;
      const shown = issued.filing.buyers[0]!;
      expect(shown).toMatchObject({ type: 'PERSON', name: person.name, idType: 'RESIDENT_ID' });
      expect(shown.idNumber).toBe(`${person.idNumber!.slice(0, 6)}********${person.idNumber!.slice(-4)}`);
      expect(shown.phone).toBe(`${person.phone!.slice(0, 3)}****${person.phone!.slice(-4)}`);
      expect(issued.filing.buyers[1]).toEqual((body['buyers'] as Buyer[])[1]);
      const text = JSON.stringify(issued);
      expect(text).not.toContain(person.idNumber!);
      expect(text).not.toContain(person.phone!);
    });

    it('is idempotent per client: same key and body → the same number; same key, other body → 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = newKey('idem');
      const body = filingFor(MAIN, '2-201');
      const first = await fileOk(body, { key });
      const again = await fileOk(body, { key });
      expect(again.contractNumber).toBe(first.contractNumber);
      expect(again.filing).toEqual(first.filing);
      const other = await expectProblem(
        await postFiling({ ...body, rooms: [{ roomNumber: '2-202', floor: 2, floorArea: 89.5 }] }, { key }),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(other.detail).toBeTruthy();
      // the same room again under a new key is a second filing of the room, not a replay
      await expectProblem(await postFiling(body), 409, 'ROOM_ALREADY_FILED');
      // keys are scoped to the client: another client's same key is a new request
      const second = await fileOk(filingFor(MAIN, '2-203'), { key, token: signer2 });
      expect(serialOf(second.contractNumber)).toBe(serialOf(first.contractNumber) + 1);
    });

    it('never files twice for one key sent in parallel: the others get the same number or 409 IDEMPOTENCY_KEY_IN_FLIGHT', async () => {
      const key = newKey('parallel');
      const body = filingFor(MAIN, '2-204');
      const responses = await Promise.all(Array.from({ length: 6 }, () => postFiling(body, { key })));
      const outcomes = await Promise.all(
        responses.map(async (res) => ({ status: res.status, body: (await res.json()) as Issued & Problem })),
      );
      const issued = outcomes.filter((o) => o.status === 201);
      expect(issued.length).toBeGreaterThanOrEqual(1);
      expect(new Set(issued.map((o) => o.body.contractNumber)).size).toBe(1);
      for (const o of outcomes.filter((x) => x.status !== 201))
        expect(`${o.status} ${o.body.code}`).toBe('409 IDEMPOTENCY_KEY_IN_FLIGHT');
      remember(body, issued[0]!.body);
      const next = await fileOk(filingFor(MAIN, '2-205'));
      expect(serialOf(next.contractNumber)).toBe(serialOf(issued[0]!.body.contractNumber) + 1);
    });

    it('answers 409 ROOM_ALREADY_FILED for a second filing of a room under an active filing, naming the room and its number', async () => {
      const first = await fileOk(filingFor(MAIN, '3-301'));
      const body = filingFor(MAIN, '3-302');
      body['rooms'] = [
        { roomNumber: '3-302', floor: 3, floorArea: 90 },
        { roomNumber: '3-301', floor: 3, floorArea: 89.5 },
      ];
      const problem = await expectProblem(await postFiling(body), 409, 'ROOM_ALREADY_FILED');
      expect(problem.detail).toContain('3-301');
      expect(JSON.stringify(problem)).toContain(first.contractNumber);
      expect(fieldsOf(problem)).toContain('rooms');
      // a room of the same number in another presale permit is another room
      await fileOk(filingFor(BURST, '3-301-B'));
    });

    it("answers 404 PRESALE_NOT_FOUND for an unknown presale number and 403 REGION_FORBIDDEN outside the caller's regions", async () => {
      const unknown = await expectProblem(
        await postFiling(filingFor(`${PERMIT.number}-Y98`, '1-101')),
        404,
        'PRESALE_NOT_FOUND',
      );
      expect(unknown.detail).toContain(`${PERMIT.number}-Y98`);
      const outside = await expectProblem(
        await postFiling(filingFor('430102202405100101-Y01', '1-101')),
        403,
        'REGION_FORBIDDEN',
      );
      expect(outside.detail).toContain('430102');
      expect(fieldsOf(outside)).toEqual(['presaleNumber']);
      // a city credential for another city cannot file on this permit either
      await expectProblem(
        await postFiling(filingFor(MAIN, '4-401'), { token: changshaSigner }),
        403,
        'REGION_FORBIDDEN',
      );
      // scopes: a permit reader or a presale issuer cannot file
      await expectProblem(await postFiling(filingFor(MAIN, '4-401'), { token: reader }), 403, 'SCOPE_FORBIDDEN');
      await expectProblem(await postFiling(filingFor(MAIN, '4-401'), { token: presaleIssuer }), 403, 'SCOPE_FORBIDDEN');
      await expectProblem(await postFiling(filingFor(MAIN, '4-401'), { token: '' }), 401, 'UNAUTHORIZED');
    });
  });

  describe('bad input: a clear 4xx naming the field', () => {
    const badCheckDigit = (id: string): string => `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;

    it.each<[string, (body: Record<string, unknown>) => void, string[]]>([
      [
        'a resident ID with a wrong check digit',
        (b) => void ((b['buyers'] as Buyer[])[0]!.idNumber = badCheckDigit((b['buyers'] as Buyer[])[0]!.idNumber!)),
        ['buyers[0].idNumber'],
      ],
      [
        'a resident ID with an impossible birth date',
        (b) => void ((b['buyers'] as Buyer[])[0]!.idNumber = residentId('43022319900230123')),
        ['buyers[0].idNumber'],
      ],
      [
        'a credit code with a wrong check character',
        (b) => void ((b['buyers'] as Buyer[])[1]!.creditCode = '91430223MA4R0DEF20'),
        ['buyers[1].creditCode'],
      ],
      [
        'a payment not adding up to the contract amount',
        (b) =>
          void (b['payment'] = {
            method: 'COMBINED',
            downPayment: 43_456_600,
            commercialLoan: 50_000_000,
            providentFundLoan: 30_000_000,
          }),
        ['payment'],
      ],
      [
        'a loan the payment method does not have',
        (b) => void (b['payment'] = { method: 'FULL', downPayment: 73_456_700, commercialLoan: 50_000_000 }),
        ['payment.commercialLoan'],
      ],
      ['a filing date before the 2024-09-01 cut-over', (b) => void (b['filingDate'] = '2024-08-31'), ['filingDate']],
      ['a filing date in the future', (b) => void (b['filingDate'] = '2999-01-01'), ['filingDate']],
      ['missing rooms', (b) => void delete b['rooms'], ['rooms']],
      ['an empty room list', (b) => void (b['rooms'] = []), ['rooms']],
      ['missing buyers', (b) => void delete b['buyers'], ['buyers']],
      ['an empty buyer list', (b) => void (b['buyers'] = []), ['buyers']],
      [
        'a room with floor 0 and three decimals of area',
        (b) => void (b['rooms'] = [{ roomNumber: '5-501', floor: 0, floorArea: 89.555 }]),
        ['rooms[0].floor', 'rooms[0].floorArea'],
      ],
      [
        'a room listed twice',
        (b) =>
          void (b['rooms'] = [
            { roomNumber: '5-501', floor: 5, floorArea: 90 },
            { roomNumber: '5-501', floor: 5, floorArea: 90 },
          ]),
        ['rooms[1].roomNumber'],
      ],
      ['a bad phone number', (b) => void ((b['buyers'] as Buyer[])[0]!.phone = '12345'), ['buyers[0].phone']],
      ['an unknown field', (b) => void (b['discount'] = 5), ['discount']],
      [
        'an unknown field of a buyer',
        (b) => void ((b['buyers'] as Array<Record<string, unknown>>)[0]!['nationality'] = 'CN'),
        ['buyers[0].nationality'],
      ],
      ['an amount as a string', (b) => void (b['contractAmount'] = '123456700'), ['contractAmount']],
      ['a malformed presale number', (b) => void (b['presaleNumber'] = `${PERMIT.number}-Y00`), ['presaleNumber']],
      ['a document without its digest', (b) => void (b['document'] = { fileName: '合同.pdf' }), ['document.sha256']],
    ])('%s → 422 INCOMPLETE_SUBMISSION naming it', async (_label, mutate, fields) => {
      const body = filingFor(MAIN, '5-501');
      mutate(body);
      const res = await postFiling(body);
      const problem = await expectProblem(res, 422, 'INCOMPLETE_SUBMISSION');
      expect(fieldsOf(problem)).toEqual(fields);
      expect(problem.errors!.every((e) => e.reason.length > 3)).toBe(true);
      const text = JSON.stringify(problem);
      for (const b of (body['buyers'] as Buyer[] | undefined) ?? []) {
        if (b.idNumber) expect(text).not.toContain(b.idNumber);
        if (b.phone) expect(text).not.toContain(b.phone);
      }
    });

    it('lists every problem at once', async () => {
      const body = filingFor(MAIN, '5-501');
      const [person, org] = body['buyers'] as Buyer[];
      person!.idNumber = badCheckDigit(person!.idNumber!);
      org!.creditCode = '91430223MA4R0DEF20';
      body['payment'] = {
        method: 'COMBINED',
        downPayment: 1,
        commercialLoan: 50_000_000,
        providentFundLoan: 30_000_000,
      };
      // a date that is not a date is the payload's own problem; the cut-over (configuration) is checked by
      // the contracts service once the payload is valid (its own case above)
      body['filingDate'] = '2024-02-30';
      body['extra'] = true;
      delete body['rooms'];
      const problem = await expectProblem(await postFiling(body), 422, 'INCOMPLETE_SUBMISSION');
      expect(fieldsOf(problem).sort()).toEqual([
        'buyers[0].idNumber',
        'buyers[1].creditCode',
        'extra',
        'filingDate',
        'payment',
        'rooms',
      ]);
      expect(problem.detail).toContain('6');
    });

    it('malformed JSON → 400 VALIDATION_FAILED; a JSON array → 422 naming the body; no Idempotency-Key → 400', async () => {
      const malformed = await expectProblem(
        await postFiling(null, { raw: '{"presaleNumber": "430223' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(malformed.detail).toMatch(/JSON/); // the body is named by the detail (the gateway's problem filter adds no errors[] here)
      const array = await expectProblem(await postFiling([filingFor(MAIN, '5-501')]), 422, 'INCOMPLETE_SUBMISSION');
      expect(fieldsOf(array)).toEqual(['body']);
      const noKey = await expectProblem(
        await postFiling(filingFor(MAIN, '5-501'), { key: null }),
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
      );
      expect(fieldsOf(noKey)).toEqual(['Idempotency-Key']);
      await expectProblem(
        await postFiling(filingFor(MAIN, '5-501'), { key: 'has spaces' }),
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
      );
    });

    it('the contracts service checks again whatever reaches it without the gateway (request/reply on NATS)', async () => {
      const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
      try {
        const rpc = new RpcClient(nc, { timeoutMs: 5000 });
        const principal = {
          kind: 'integrator' as const,
          id: 'e2e-direct',
          regions: ['430223'],
          scopes: ['contracts:issue'],
        };
        const problemOf = async (request: unknown): Promise<RpcProblem> => {
          try {
            await rpc.request(Rpc.contractFilingIssue.subject, request);
          } catch (err) {
            if (err instanceof DomainException) return err.problem;
            throw err;
          }
          throw new Error('the service accepted the request');
        };
        const body = filingFor(MAIN, '5-501');
        const [person, org] = body['buyers'] as Buyer[];
        person!.idNumber = badCheckDigit(person!.idNumber!);
        org!.creditCode = '91430223MA4R0DEF20';
        body['payment'] = {
          method: 'COMBINED',
          downPayment: 1,
          commercialLoan: 50_000_000,
          providentFundLoan: 30_000_000,
        };
        body['filingDate'] = '2024-02-30';
        delete body['rooms'];
        const incomplete = await problemOf({ principal, body: { idempotencyKey: newKey('direct'), submission: body } });
        expect(incomplete).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
        expect((incomplete.errors ?? []).map((e) => e.field)).toEqual(
          expect.arrayContaining(['rooms', 'buyers[0].idNumber', 'buyers[1].creditCode', 'payment', 'filingDate']),
        );
        expect(JSON.stringify(incomplete)).not.toContain(person!.idNumber!);
        const outside = await problemOf({
          principal: { ...principal, regions: ['430100'] },
          body: { idempotencyKey: newKey('direct'), submission: filingFor(MAIN, '5-501') },
        });
        expect(outside).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
        const noKey = await problemOf({ principal, body: { submission: filingFor(MAIN, '5-501') } });
        expect(noKey).toMatchObject({ status: 422, errors: [{ field: 'Idempotency-Key' }] });
      } finally {
        await nc.close();
      }
    });

    it('rejected requests consume no serial: the next filing gets the next number', async () => {
      const before = await fileOk(filingFor(MAIN, '6-601'));
      await expectProblem(
        await postFiling(filingFor(MAIN, '6-602', { filingDate: '2024-08-31' })),
        422,
        'INCOMPLETE_SUBMISSION',
      );
      await expectProblem(
        await postFiling(filingFor(MAIN, '6-602', { building: PROBE_BUILDING })),
        422,
        'BUILDING_NOT_IN_PRESALE',
      );
      await expectProblem(await postFiling(filingFor(MAIN, '6-601')), 409, 'ROOM_ALREADY_FILED');
      await expectProblem(await postFiling(filingFor(`${PERMIT.number}-Y97`, '6-602')), 404, 'PRESALE_NOT_FOUND');
      const after = await fileOk(filingFor(MAIN, '6-602'));
      expect(serialOf(after.contractNumber)).toBe(serialOf(before.contractNumber) + 1);
    });
  });

  describe('lookup and cancellation (注销)', () => {
    it('answers a filing by number for contracts:issue or permits:read, region-scoped', async () => {
      const issued = await fileOk(filingFor(MAIN, '7-701'));
      for (const token of [signer, signer2, reader]) {
        const res = await getFiling(issued.contractNumber, token);
        expect(res.status).toBe(200);
        expect((await res.json()) as Filing).toEqual(issued.filing);
      }
      await expectProblem(await getFiling(issued.contractNumber, changshaSigner), 403, 'REGION_FORBIDDEN');
      await expectProblem(await getFiling(issued.contractNumber, presaleIssuer), 403, 'SCOPE_FORBIDDEN');
      await expectProblem(await getFiling(`${MAIN}-B9999`), 404, 'CONTRACT_NOT_FOUND');
      const invalid = await expectProblem(await getFiling(`${MAIN}-B0000`), 400, 'INVALID_CONTRACT_NUMBER');
      expect(fieldsOf(invalid)).toEqual(['contractNumber']);
      await expectProblem(await getFiling('430223202406200101-Y02-X0001'), 400, 'INVALID_CONTRACT_NUMBER');
      await expectProblem(await api(`/api/v1/contract-filings/${issued.contractNumber}`), 401, 'UNAUTHORIZED');
    });

    it('keeps the number on cancellation, frees the rooms for the next serial, and refuses to cancel twice', async () => {
      const body = filingFor(MAIN, '8-801');
      const issued = await fileOk(body);
      await expectProblem(await cancelFiling(issued.contractNumber, { reason: '   ' }), 422, 'INCOMPLETE_SUBMISSION');
      await expectProblem(
        await cancelFiling(issued.contractNumber, { reason: 'x'.repeat(501) }),
        422,
        'INCOMPLETE_SUBMISSION',
      );
      await expectProblem(
        await cancelFiling(issued.contractNumber, { reason: '退房', force: true }),
        422,
        'INCOMPLETE_SUBMISSION',
      );
      await expectProblem(
        await cancelFiling(issued.contractNumber, { reason: '退房' }, reader),
        403,
        'SCOPE_FORBIDDEN',
      );
      await expectProblem(
        await cancelFiling(issued.contractNumber, { reason: '退房' }, changshaSigner),
        403,
        'REGION_FORBIDDEN',
      );
      await expectProblem(await cancelFiling(`${MAIN}-B9998`, { reason: '退房' }), 404, 'CONTRACT_NOT_FOUND');

      const res = await cancelFiling(issued.contractNumber, { reason: '买受人退房，双方协商解除合同' });
      const text = await res.text();
      expect(`${res.status} ${text.slice(0, 300)}`).toMatch(/^200 /);
      const cancelledFiling = JSON.parse(text) as Filing;
      expect(cancelledFiling).toMatchObject({
        contractNumber: issued.contractNumber,
        serial: issued.filing.serial,
        status: 'CANCELLED',
        cancellation: { reason: '买受人退房，双方协商解除合同' },
      });
      cancelled.add(issued.contractNumber);

      const looked = (await (await getFiling(issued.contractNumber)).json()) as Filing;
      expect(looked).toMatchObject({
        contractNumber: issued.contractNumber,
        status: 'CANCELLED',
        serial: issued.filing.serial,
      });
      expect(looked.cancellation?.reason).toBe('买受人退房，双方协商解除合同');

      const again = await fileOk({ ...body, buyers: buyers() });
      expect(again.contractNumber).not.toBe(issued.contractNumber);
      expect(serialOf(again.contractNumber)).toBe(serialOf(issued.contractNumber) + 1);
      expect(again.filing.status).toBe('ACTIVE');
      // the cancelled number still answers as cancelled, the room is taken again by the new one
      expect(((await (await getFiling(issued.contractNumber)).json()) as Filing).status).toBe('CANCELLED');
      const taken = await expectProblem(await postFiling({ ...body, buyers: buyers() }), 409, 'ROOM_ALREADY_FILED');
      expect(JSON.stringify(taken)).toContain(again.contractNumber);

      const twice = await expectProblem(
        await cancelFiling(issued.contractNumber, { reason: '重复注销' }),
        409,
        'ALREADY_CANCELLED',
      );
      expect(twice.detail).toContain(issued.contractNumber);
    });
  });

  describe('personal data (个人信息)', () => {
    it('shows ID and phone numbers in clear only to a credential with pii:read', async () => {
      const body = filingFor(MAIN, '9-901');
      const person = (body['buyers'] as Buyer[])[0]!;
      const masked = await fileOk(body);
      expect(masked.filing.piiMasked).toBe(true);
      expect(masked.filing.buyers[0]).toMatchObject({
        idNumber: `${person.idNumber!.slice(0, 6)}********${person.idNumber!.slice(-4)}`,
        phone: `${person.phone!.slice(0, 3)}****${person.phone!.slice(-4)}`,
      });

      const clear = (await (await getFiling(masked.contractNumber, piiSigner)).json()) as Filing;
      expect(clear.piiMasked).toBe(false);
      expect(clear.buyers[0]).toMatchObject({
        type: 'PERSON',
        name: person.name,
        idType: 'RESIDENT_ID',
        idNumber: person.idNumber,
        phone: person.phone,
      });
      expect(clear.buyers[1]).toEqual((body['buyers'] as Buyer[])[1]);
      for (const token of [signer, reader]) {
        const text = await (await getFiling(masked.contractNumber, token)).text();
        expect(text).not.toContain(person.idNumber!);
        expect(text).not.toContain(person.phone!);
        expect((JSON.parse(text) as Filing).piiMasked).toBe(true);
      }

      // filed by a pii:read credential: the answer and its idempotent replay are in clear
      const key = newKey('pii');
      const own = filingFor(MAIN, '9-902');
      const ownPerson = (own['buyers'] as Buyer[])[0]!;
      const first = await fileOk(own, { token: piiSigner, key });
      expect(first.filing.piiMasked).toBe(false);
      expect(first.filing.buyers[0]).toMatchObject({ idNumber: ownPerson.idNumber, phone: ownPerson.phone });
      const replay = await fileOk(own, { token: piiSigner, key });
      expect(replay.filing.buyers[0]).toMatchObject({ idNumber: ownPerson.idNumber, phone: ownPerson.phone });
      const seenBySigner = (await (await getFiling(first.contractNumber, signer)).json()) as Filing;
      expect(seenBySigner.buyers[0]!.idNumber).toBe(
        `${ownPerson.idNumber!.slice(0, 6)}********${ownPerson.idNumber!.slice(-4)}`,
      );
      // cancellation answers follow the same rule
      const cancelledClear = (await (
        await cancelFiling(first.contractNumber, { reason: '测试注销' }, piiSigner)
      ).json()) as Filing;
      expect(cancelledClear).toMatchObject({ status: 'CANCELLED', piiMasked: false });
      expect(cancelledClear.buyers[0]!.idNumber).toBe(ownPerson.idNumber);
      cancelled.add(first.contractNumber);
    });
  });

  describe('sandbox (联调测试)', () => {
    it('files sandbox contracts against the sandbox own presale numbers only, in their own serial space', async () => {
      // a real presale number the sandbox never issued does not exist for it
      await expectProblem(
        await postFiling(filingFor(MAIN, '10-1001'), { token: sandboxSigner }),
        404,
        'PRESALE_NOT_FOUND',
      );
      // the sandbox takes its own Y01 on the real permit: the same text as the real BURST, another space
      const presale = await api('/api/v1/presale-permits', {
        method: 'POST',
        token: sandboxIssuer,
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey('sandbox-presale') },
        body: JSON.stringify(presaleSubmission({ localCertificateNumber: '攸住建预字〔2024〕第901号' })),
      });
      const issuedPresale = (await presale.json()) as { presaleNumber: string; sandbox: boolean };
      expect(`${presale.status} ${issuedPresale.presaleNumber} ${issuedPresale.sandbox}`).toBe(`201 ${BURST} true`);
      const before = await fileOk(filingFor(MAIN, '10-1001'));
      const sandbox = await fileOk(filingFor(BURST, '10-1001'), { token: sandboxSigner });
      expect(sandbox.sandbox).toBe(true);
      expect(sandbox.filing.sandbox).toBe(true);
      expect(sandbox.contractNumber).toBe(`${BURST}-B0001`);
      const after = await fileOk(filingFor(MAIN, '10-1002'));
      expect(serialOf(after.contractNumber)).toBe(serialOf(before.contractNumber) + 1);
      // a real credential does not see the sandbox filing under that number: it sees the real B0001
      const real = (await (await getFiling(`${BURST}-B0001`)).json()) as Filing;
      expect(real.sandbox).toBe(false);
    });
  });

  describe('events', () => {
    it('publishes hn.contracts.filing.filed.v1 on HN_CONTRACTS once per real filing, with masked personal data only', async () => {
      expect(filed.size).toBeGreaterThan(BURST_SIZE + 10);
      const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
      try {
        const jsm = await nc.jetstreamManager();
        const codec = JSONCodec<{
          id: string;
          type: string;
          subject: string;
          source: string;
          time: string;
          data: { filing: Filing };
        }>();
        const deadline = Date.now() + 20_000;
        let filedEvents = new Map<string, number>();
        let cancelledEvents = new Set<string>();
        let raw: string[] = [];
        for (;;) {
          filedEvents = new Map();
          cancelledEvents = new Set();
          raw = [];
          const info = await jsm.streams.info('HN_CONTRACTS');
          for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
            const msg = await jsm.streams.getMessage('HN_CONTRACTS', { seq });
            raw.push(new TextDecoder().decode(msg.data));
            const event = codec.decode(msg.data);
            expect(msg.header.get('Nats-Msg-Id')).toBe(event.id);
            expect(event.source).toBe('/hn/contracts');
            if (event.type === 'hn.contracts.filing.filed.v1') {
              expect(msg.subject).toBe('hn.contracts.filing.filed.v1');
              expect(event.subject).toBe(event.data.filing.contractNumber);
              expect(event.data.filing.sandbox).toBe(false);
              expect(event.data.filing.piiMasked).toBe(true);
              for (const b of event.data.filing.buyers.filter((x) => x.type === 'PERSON')) {
                expect(b.idNumber).toMatch(/^\d{6}\*{8}[0-9X]{4}$/);
                expect(b.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
              }
              filedEvents.set(event.subject, (filedEvents.get(event.subject) ?? 0) + 1);
            } else if (event.type === 'hn.contracts.filing.cancelled.v1') {
              cancelledEvents.add(event.subject);
            }
          }
          if (
            ([...filed].every((n) => filedEvents.has(n)) && [...cancelled].every((n) => cancelledEvents.has(n))) ||
            Date.now() > deadline
          )
            break;
          await sleep(300);
        }
        expect([...filed].filter((n) => !filedEvents.has(n))).toEqual([]);
        expect([...filedEvents.keys()].filter((n) => !filed.has(n))).toEqual([]);
        expect([...filedEvents.values()].every((count) => count === 1)).toBe(true);
        expect([...cancelled].filter((n) => !cancelledEvents.has(n))).toEqual([]);
        const all = raw.join('\n');
        expect([...clearPii].filter((value) => all.includes(value))).toEqual([]);
      } finally {
        await nc.close();
      }
    });
  });

  describe('OpenAPI, health and logs', () => {
    it('documents the contract filing routes under 网签备案 with every error status', async () => {
      const doc = (await (await api('/api/openapi.json')).json()) as {
        paths: Record<
          string,
          Record<string, { summary?: string; tags?: string[]; responses: Record<string, unknown> }>
        >;
      };
      const issue = doc.paths['/api/v1/contract-filings']?.['post'];
      expect(Object.keys(issue?.responses ?? {})).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422', '429', '503']),
      );
      for (const [path, method] of [
        ['/api/v1/contract-filings', 'post'],
        ['/api/v1/contract-filings/{contractNumber}', 'get'],
        ['/api/v1/contract-filings/{contractNumber}/cancel', 'post'],
      ] as const) {
        expect(doc.paths[path]?.[method]?.tags).toEqual(['网签备案 Contract filings']);
        expect(doc.paths[path]?.[method]?.summary).toBeTruthy();
      }
    });

    it('reports the contracts service on /health', async () => {
      const health = (await (await api('/health')).json()) as {
        status: string;
        checks: Record<string, { status: string }>;
      };
      expect(health.checks['contracts']?.status).toBe('up');
      expect(health.status).toBe('ok');
    });

    it("never writes a clear ID or phone number to any service's log", async () => {
      expect(clearPii.size).toBeGreaterThan(2 * BURST_SIZE);
      const logs = platform.logs();
      expect(logs).toContain('/api/v1/contract-filings'); // the request lines are there
      expect(logs).toMatch(/"service":"contracts"/); // and the contracts service's own
      expect([...clearPii].filter((value) => logs.includes(value))).toEqual([]);
    });
  });
});

import 'reflect-metadata';
import { Global, INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessTokenService } from '@hn/auth';
import { CONTRACT_FILING_EXAMPLE, ContractFilingSubmissionV1, Principal, Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { creditCodeCheckChar, residentIdCheckDigit } from '@hn/numbering';
import { AccessTokenGuard } from '../auth/access-token.guard';
import { buildOpenApiDocument } from '../openapi/setup-openapi';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { validationExceptionFactory } from '../problem/validation-exception.factory';
import { GATEWAY_CONFIG, validateGatewayConfig } from '../config/gateway.config';
import { ContractFilingsModule } from './contract-filings.module';

type Handler = (data: unknown) => unknown;

class StubRpc {
  calls: Array<{ subject: string; data: unknown }> = [];
  handlers: Record<string, Handler> = {};
  // the typed calls of the real client, over this stub's request()
  call = RpcClient.prototype.call;
  callPublic = RpcClient.prototype.callPublic;
  async request<T>(subject: string, data: unknown): Promise<T> {
    this.calls.push({ subject, data });
    const handler = this.handlers[subject];
    if (!handler) throw new DomainException(503, 'SERVICE_UNAVAILABLE', '服务 contracts 暂不可用 (no responders)');
    return (await handler(data)) as T;
  }
}

const tokens = new AccessTokenService({ secret: 'y'.repeat(40), issuer: 'hn-presale-gateway', ttlSeconds: 300 });
const rpc = new StubRpc();

@Global()
@Module({
  providers: [
    { provide: AccessTokenService, useValue: tokens },
    { provide: RpcClient, useValue: rpc },
    {
      provide: GATEWAY_CONFIG,
      useValue: validateGatewayConfig({
        GATEWAY_JWT_SECRET: 'y'.repeat(40),
        GATEWAY_PII_KEY: Buffer.alloc(32, 1).fill(2, 16).toString('base64'),
      }),
    },
  ],
  exports: [AccessTokenService, RpcClient, GATEWAY_CONFIG],
})
class TestGlobalsModule {}

@Module({
  imports: [TestGlobalsModule, ContractFilingsModule],
  providers: [
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
class RootModule {}

const ID = CONTRACT_FILING_EXAMPLE.buyers[0]!.type === 'PERSON' ? CONTRACT_FILING_EXAMPLE.buyers[0]!.idNumber : '';
const PHONE = '13812345678';
const clone = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(CONTRACT_FILING_EXAMPLE)) as Record<string, unknown>;

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors: Array<{ field: string; reason: string }>;
}

describe('contract filing routes (gateway, stubbed contracts service)', () => {
  let app: NestFastifyApplication;
  let issuer: string; // 株洲市 430200, contracts:issue
  let piiIssuer: string; // 攸县 430223, contracts:issue + pii:read, sandbox
  let reader: string; // 攸县 430223, permits:read
  let presaleOnly: string; // 攸县, presale:issue only

  const sign = (p: Partial<Principal>): Promise<string> =>
    tokens.sign({ kind: 'integrator', id: 'c1', regions: ['430200'], scopes: ['contracts:issue'], ...p });
  const inject = (opts: {
    method?: string;
    url: string;
    token?: string;
    headers?: Record<string, string>;
    payload?: unknown;
  }) =>
    app.inject({
      method: (opts.method ?? 'GET') as 'GET',
      url: opts.url,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      ...(opts.payload !== undefined
        ? { payload: typeof opts.payload === 'string' ? opts.payload : JSON.stringify(opts.payload) }
        : {}),
    });
  const post = (payload: unknown, headers: Record<string, string> = { 'idempotency-key': 'k-1' }, token = issuer) =>
    inject({ method: 'POST', url: '/api/v1/contract-filings', token, headers, payload });
  const problemOf = (res: { json: () => unknown }): Problem => res.json() as Problem;
  const fieldsOf = (res: { json: () => unknown }): string[] => problemOf(res).errors.map((e) => e.field);

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(RootModule, new FastifyAdapter(), { logger: false });
    app.useGlobalPipes(
      new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        exceptionFactory: validationExceptionFactory,
      }),
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    issuer = await sign({});
    piiIssuer = await sign({ id: 'p1', regions: ['430223'], scopes: ['contracts:issue', 'pii:read'], sandbox: true });
    reader = await sign({ id: 'r1', regions: ['430223'], scopes: ['permits:read'] });
    presaleOnly = await sign({ id: 'o1', regions: ['430223'], scopes: ['presale:issue'] });
  });

  afterAll(async () => {
    await (app as INestApplication | undefined)?.close();
  });

  beforeEach(() => {
    rpc.calls = [];
    rpc.handlers = {};
  });

  describe('POST /api/v1/contract-filings', () => {
    it('sends {principal, body: {idempotencyKey, submission}} and answers 201 with a Location', async () => {
      rpc.handlers[Rpc.contractFilingIssue.subject] = () => ({
        contractNumber: '430223202406200101-Y01-B0001',
        sandbox: false,
        filing: { contractNumber: '430223202406200101-Y01-B0001' },
      });
      const body = clone();
      body['building'] = '  22#  ';
      const res = await post(body);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ contractNumber: '430223202406200101-Y01-B0001' });
      expect(res.headers['location']).toBe('/api/v1/contract-filings/430223202406200101-Y01-B0001');
      expect(rpc.calls).toHaveLength(1);
      const call = rpc.calls[0]!;
      expect(call.subject).toBe(Rpc.contractFilingIssue.subject);
      const data = call.data as {
        principal: Principal;
        body: { idempotencyKey: string; submission: ContractFilingSubmissionV1 };
      };
      expect(data.principal).toMatchObject({
        id: 'c1',
        regions: ['430200'],
        scopes: ['contracts:issue'],
        sandbox: false,
      });
      expect(data.body.idempotencyKey).toBe('k-1');
      expect(JSON.parse(JSON.stringify(data.body.submission))).toEqual(CONTRACT_FILING_EXAMPLE);
    });

    it('forwards the principal unchanged: pii:read and sandbox included', async () => {
      rpc.handlers[Rpc.contractFilingIssue.subject] = () => ({
        contractNumber: '430223202406200101-Y01-B0001',
        sandbox: true,
        filing: {},
      });
      expect((await post(CONTRACT_FILING_EXAMPLE, { 'idempotency-key': 'k-2' }, piiIssuer)).statusCode).toBe(201);
      expect((rpc.calls[0]!.data as { principal: Principal }).principal).toEqual({
        kind: 'integrator',
        id: 'p1',
        regions: ['430223'],
        scopes: ['contracts:issue', 'pii:read'],
        sandbox: true,
      });
    });

    it('accepts the other payment methods, ID types, loans left out and a lower-case x check digit', async () => {
      rpc.handlers[Rpc.contractFilingIssue.subject] = () => ({ contractNumber: 'x' });
      const first17 = '43022319850315002';
      const lowerX = `${first17}${residentIdCheckDigit(first17)}`.toLowerCase();
      expect(lowerX.endsWith('x')).toBe(true);
      const variants: Array<Record<string, unknown>> = [
        { payment: { method: 'FULL', downPayment: 123_456_700 } },
        { payment: { method: 'FULL', downPayment: 123_456_700, commercialLoan: 0, providentFundLoan: null } },
        { payment: { method: 'COMMERCIAL_LOAN', downPayment: 23_456_700, commercialLoan: 100_000_000 } },
        { payment: { method: 'PROVIDENT_FUND_LOAN', downPayment: 23_456_700, providentFundLoan: 100_000_000 } },
        { buyers: [{ type: 'PERSON', name: '李四', idType: 'RESIDENT_ID', idNumber: lowerX, phone: '0731-88889999' }] },
        {
          buyers: [
            { type: 'PERSON', name: 'John Smith', idType: 'PASSPORT', idNumber: 'E12345678', phone: '+85291234567' },
          ],
        },
        {
          buyers: [
            { type: 'PERSON', name: '陈大文', idType: 'HK_MACAO_PERMIT', idNumber: 'H12345678', phone: '13912345678' },
          ],
        },
        {
          buyers: [
            { type: 'PERSON', name: '林志明', idType: 'TAIWAN_PERMIT', idNumber: '12345678', phone: '13912345678' },
          ],
        },
        {
          buyers: [
            {
              type: 'ORGANIZATION',
              name: '某公司',
              creditCode: `91430200MA4L0XY12${creditCodeCheckChar('91430200MA4L0XY12')}`,
            },
          ],
        },
        {
          rooms: [
            { roomNumber: 'B1-01', floor: -1, floorArea: 12 },
            { roomNumber: '1-102', floor: 1, floorArea: 0.01 },
          ],
        },
      ];
      for (const [i, variant] of variants.entries()) {
        const res = await post({ ...CONTRACT_FILING_EXAMPLE, ...variant }, { 'idempotency-key': `v-${i}` });
        expect(`${i} ${res.statusCode} ${res.body}`).toMatch(new RegExp(`^${i} 201 `));
      }
      expect(rpc.calls).toHaveLength(variants.length);
    });

    it.each([
      ['missing', {}],
      ['bad characters', { 'idempotency-key': 'key with spaces' }],
      ['too long', { 'idempotency-key': 'k'.repeat(129) }],
    ])(
      'answers 400 IDEMPOTENCY_KEY_REQUIRED when the key is %s, before looking at the body',
      async (_label, headers) => {
        const res = await post({}, headers);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', errors: [{ field: 'Idempotency-Key' }] });
        expect(rpc.calls).toHaveLength(0);
      },
    );

    it('answers 422 INCOMPLETE_SUBMISSION listing every bad field at once, one reason each, never echoing ID or phone numbers', async () => {
      const badId = `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`;
      const body = {
        ...clone(),
        presaleNumber: '430223202406200101-Y00',
        building: ' ',
        rooms: [
          { roomNumber: '1-101', floor: 0, floorArea: 89.555 },
          { roomNumber: '1-101', floor: 1, floorArea: 89.5 },
          { roomNumber: '1-102', floor: 1, floorArea: 89.5, balcony: true },
        ],
        buyers: [
          { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: badId, phone: '12345' },
          { type: 'ORGANIZATION', name: '攸县星城投资有限公司', creditCode: '91430223MA4R0DEF20' },
          { type: 'ROBOT', name: 'x' },
          {
            type: 'PERSON',
            name: '王五',
            idType: 'DRIVING_LICENCE',
            idNumber: 'X',
            phone: PHONE,
            creditCode: '91430223MA4R0DEF2Y',
          },
        ],
        contractAmount: 123_456_700,
        payment: {
          method: 'COMBINED',
          downPayment: 43_456_600,
          commercialLoan: 50_000_000,
          providentFundLoan: 30_000_000,
        },
        filingDate: '2024-02-30',
        document: { sha256: 'xyz', fileName: '../etc/passwd' },
        signedBy: 'someone',
      };
      const res = await post(body);
      expect(res.statusCode).toBe(422);
      const problem = problemOf(res);
      expect(problem.code).toBe('INCOMPLETE_SUBMISSION');
      const fields = fieldsOf(res);
      expect(fields).toEqual(
        expect.arrayContaining([
          'presaleNumber',
          'building',
          'rooms[0].floor',
          'rooms[0].floorArea',
          'rooms[1].roomNumber',
          'rooms[2].balcony',
          'buyers[0].idNumber',
          'buyers[0].phone',
          'buyers[1].creditCode',
          'buyers[2].type',
          'buyers[3].idType',
          'buyers[3].creditCode',
          'payment',
          'filingDate',
          'document.sha256',
          'document.fileName',
          'signedBy',
        ]),
      );
      expect(fields).not.toContain('rooms[2].roomNumber');
      expect(fields).not.toContain('buyers[2].name');
      expect(new Set(fields).size).toBe(fields.length);
      expect(problem.errors.find((e) => e.field === 'filingDate')!.reason).toContain('real YYYY-MM-DD date');
      expect(problem.errors.find((e) => e.field === 'buyers[0].idNumber')!.reason).toContain('GB 11643');
      expect(problem.errors.find((e) => e.field === 'payment')!.reason).toContain('123456700');
      expect(res.body).not.toContain(badId);
      expect(res.body).not.toContain(PHONE);
      expect(rpc.calls).toHaveLength(0);
    });

    it('checks the loans against the payment method', async () => {
      const res = await post({
        ...CONTRACT_FILING_EXAMPLE,
        payment: { method: 'FULL', downPayment: 73_456_700, commercialLoan: 50_000_000 },
      });
      expect(res.statusCode).toBe(422);
      expect(fieldsOf(res)).toEqual(['payment.commercialLoan']);
      const combined = await post({
        ...CONTRACT_FILING_EXAMPLE,
        payment: { method: 'COMBINED', downPayment: 123_456_700 },
      });
      expect(fieldsOf(combined)).toEqual(['payment.commercialLoan', 'payment.providentFundLoan']);
      const wrong = await post({
        ...CONTRACT_FILING_EXAMPLE,
        contractAmount: '123456700',
        payment: { method: 'CASH', downPayment: -1 },
      });
      expect(fieldsOf(wrong)).toEqual(['contractAmount', 'payment.method', 'payment.downPayment']);
    });

    it('names rooms and buyers when they are missing, empty or not lists, and duplicate buyers', async () => {
      const { rooms: _r, buyers: _b, ...rest } = CONTRACT_FILING_EXAMPLE;
      expect(fieldsOf(await post(rest))).toEqual(['rooms', 'buyers']);
      expect(fieldsOf(await post({ ...rest, rooms: [], buyers: [] }))).toEqual(['rooms', 'buyers']);
      expect(fieldsOf(await post({ ...rest, rooms: '1-101', buyers: { type: 'PERSON' } }))).toEqual([
        'rooms',
        'buyers',
      ]);
      expect(fieldsOf(await post({ ...rest, rooms: ['1-101'], buyers: [null] }))).toEqual(['rooms[0]', 'buyers[0]']);
      expect(
        fieldsOf(
          await post({
            ...rest,
            rooms: [null, 7],
            buyers: [[], 'x', { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: ID, phone: PHONE }],
          }),
        ),
      ).toEqual(['rooms[0]', 'rooms[1]', 'buyers[0]', 'buyers[1]']);
      const person = CONTRACT_FILING_EXAMPLE.buyers[0]!;
      const twice = await post({ ...CONTRACT_FILING_EXAMPLE, buyers: [person, { ...person, name: '张三丰' }] });
      expect(problemOf(twice).errors).toEqual([
        { field: 'buyers[1].idNumber', reason: '同一买受人重复列出 (duplicate buyer)' },
      ]);
      const tooMany = await post({
        ...CONTRACT_FILING_EXAMPLE,
        rooms: Array.from({ length: 201 }, (_, i) => ({ roomNumber: `1-${i}`, floor: 1, floorArea: 10 })),
      });
      expect(fieldsOf(tooMany)).toEqual(['rooms']);
    });

    it('refuses filing dates in the future or not real', async () => {
      const future = await post({ ...CONTRACT_FILING_EXAMPLE, filingDate: '2999-01-01' });
      expect(problemOf(future).errors).toEqual([
        { field: 'filingDate', reason: expect.stringContaining('not be in the future') },
      ]);
      expect(fieldsOf(await post({ ...CONTRACT_FILING_EXAMPLE, filingDate: '2024-09-31' }))).toEqual(['filingDate']);
      expect(fieldsOf(await post({ ...CONTRACT_FILING_EXAMPLE, filingDate: 20240902 }))).toEqual(['filingDate']);
    });

    it('answers 422 naming the body for an array or a scalar, and every required field for an empty object', async () => {
      for (const payload of ['[]', '"text"', '42', JSON.stringify([CONTRACT_FILING_EXAMPLE])]) {
        const res = await post(payload);
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ code: 'INCOMPLETE_SUBMISSION', errors: [{ field: 'body' }] });
      }
      expect(fieldsOf(await post({}))).toEqual([
        'presaleNumber',
        'building',
        'rooms',
        'address',
        'buyers',
        'contractAmount',
        'payment',
        'filingDate',
        'document',
      ]);
      const malformed = await post('{"presaleNumber": ');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(rpc.calls).toHaveLength(0);
    });

    it("answers 403 REGION_FORBIDDEN for a presale permit outside the caller's regions, before calling the service", async () => {
      const res = await post({ ...CONTRACT_FILING_EXAMPLE, presaleNumber: '430102202405100101-Y01' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'REGION_FORBIDDEN', errors: [{ field: 'presaleNumber' }] });
      expect(problemOf(res).detail).toContain('430102');
      expect(rpc.calls).toHaveLength(0);
    });

    it('needs the contracts:issue scope', async () => {
      expect((await post(CONTRACT_FILING_EXAMPLE, { 'idempotency-key': 'k' }, reader)).json()).toMatchObject({
        status: 403,
        code: 'SCOPE_FORBIDDEN',
      });
      expect((await post(CONTRACT_FILING_EXAMPLE, { 'idempotency-key': 'k' }, presaleOnly)).json()).toMatchObject({
        status: 403,
        code: 'SCOPE_FORBIDDEN',
      });
      expect((await post(CONTRACT_FILING_EXAMPLE, { 'idempotency-key': 'k' }, '')).statusCode).toBe(401);
      expect(rpc.calls).toHaveLength(0);
    });

    it("passes the service's problems through with their status, code and fields", async () => {
      rpc.handlers[Rpc.contractFilingIssue.subject] = () => {
        throw new DomainException(409, 'ROOM_ALREADY_FILED', '房号已备案', [
          { field: 'rooms', reason: '1-101 已备案于 430223202406200101-Y01-B0001' },
        ]);
      };
      const res = await post(CONTRACT_FILING_EXAMPLE);
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 409, code: 'ROOM_ALREADY_FILED', errors: [{ field: 'rooms' }] });
      rpc.handlers = {};
      expect((await post(CONTRACT_FILING_EXAMPLE)).json()).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    });
  });

  describe('GET /api/v1/contract-filings/{contractNumber}', () => {
    it('answers the filing for either scope, region-checked on the number', async () => {
      rpc.handlers[Rpc.contractFilingGet.subject] = (d) => ({
        contractNumber: (d as { body: { contractNumber: string } }).body.contractNumber,
        status: 'ACTIVE',
      });
      const res = await inject({ url: '/api/v1/contract-filings/430223202406200101-Y01-B0001', token: reader });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ contractNumber: '430223202406200101-Y01-B0001', status: 'ACTIVE' });
      expect(rpc.calls[0]).toEqual({
        subject: Rpc.contractFilingGet.subject,
        data: {
          principal: expect.objectContaining({ id: 'r1', scopes: ['permits:read'] }),
          body: { contractNumber: '430223202406200101-Y01-B0001' },
        },
      });
      expect(
        (await inject({ url: '/api/v1/contract-filings/430223202406200101-Y01-B0001', token: issuer })).statusCode,
      ).toBe(200);
      expect(
        (await inject({ url: '/api/v1/contract-filings/430102202405100101-Y01-B0001', token: reader })).json(),
      ).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
      expect(
        (await inject({ url: '/api/v1/contract-filings/430223202406200101-Y01-B0001', token: presaleOnly })).json(),
      ).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
      expect((await inject({ url: '/api/v1/contract-filings/430223202406200101-Y01-B0001' })).statusCode).toBe(401);
      expect(rpc.calls).toHaveLength(2);
    });

    it.each([
      '430223202406200101-Y01-B0000',
      '430223202406200101-Y01-B00001',
      '430223202406200101-Y01',
      '430223202406200101-Y01-C0001',
      '430223202402300101-Y01-B0001',
      '439999202406200101-Y01-B0001',
      'x'.repeat(90),
    ])('answers 400 INVALID_CONTRACT_NUMBER for %s', async (number) => {
      const res = await inject({ url: `/api/v1/contract-filings/${number}`, token: reader });
      expect(res.json()).toMatchObject({
        status: 400,
        code: 'INVALID_CONTRACT_NUMBER',
        errors: [{ field: 'contractNumber' }],
      });
      expect(rpc.calls).toHaveLength(0);
    });
  });

  describe('POST /api/v1/contract-filings/{contractNumber}/cancel', () => {
    it('sends the trimmed reason and answers 200 with the cancelled filing', async () => {
      rpc.handlers[Rpc.contractFilingCancel.subject] = (d) => ({
        contractNumber: (d as { body: { contractNumber: string } }).body.contractNumber,
        status: 'CANCELLED',
      });
      const res = await inject({
        method: 'POST',
        url: '/api/v1/contract-filings/430223202406200101-Y01-B0001/cancel',
        token: piiIssuer,
        payload: { reason: '  退房  ' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ contractNumber: '430223202406200101-Y01-B0001', status: 'CANCELLED' });
      expect(rpc.calls[0]!.data).toEqual({
        principal: expect.objectContaining({ id: 'p1', scopes: ['contracts:issue', 'pii:read'], sandbox: true }),
        body: { contractNumber: '430223202406200101-Y01-B0001', reason: '退房' },
      });
    });

    it('answers 422 naming reason when it is missing, blank or too long, and unknown fields', async () => {
      const url = '/api/v1/contract-filings/430223202406200101-Y01-B0001/cancel';
      for (const payload of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 42 }]) {
        const res = await inject({ method: 'POST', url, token: piiIssuer, payload });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ code: 'INCOMPLETE_SUBMISSION', errors: [{ field: 'reason' }] });
      }
      const extra = await inject({ method: 'POST', url, token: piiIssuer, payload: { reason: 'ok', force: true } });
      expect(extra.json()).toMatchObject({ status: 422, errors: [{ field: 'force' }] });
      expect(
        (await inject({ method: 'POST', url, token: piiIssuer, payload: { reason: 'x'.repeat(500) } })).statusCode,
      ).toBe(503); // valid, no service
      expect(rpc.calls).toHaveLength(1);
    });

    it('needs contracts:issue, a valid number and the region', async () => {
      const payload = { reason: '退房' };
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/contract-filings/430223202406200101-Y01-B0001/cancel',
            token: reader,
            payload,
          })
        ).json(),
      ).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/contract-filings/430223202406200101-Y01-B0000/cancel',
            token: issuer,
            payload,
          })
        ).json(),
      ).toMatchObject({ status: 400, code: 'INVALID_CONTRACT_NUMBER' });
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/contract-filings/430102202405100101-Y01-B0001/cancel',
            token: issuer,
            payload,
          })
        ).json(),
      ).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
      expect(rpc.calls).toHaveLength(0);
    });
  });

  describe('OpenAPI', () => {
    it('documents the three operations under 网签备案 with summaries, the example body and every error status', () => {
      const doc = buildOpenApiDocument(app) as unknown as {
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
        paths: Record<
          string,
          Record<
            string,
            {
              summary?: string;
              tags?: string[];
              responses: Record<string, unknown>;
              requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
            }
          >
        >;
      };
      const issue = doc.paths['/api/v1/contract-filings']!['post']!;
      const get = doc.paths['/api/v1/contract-filings/{contractNumber}']!['get']!;
      const cancel = doc.paths['/api/v1/contract-filings/{contractNumber}/cancel']!['post']!;
      for (const op of [issue, get, cancel]) {
        expect(op.tags).toEqual(['网签备案 Contract filings']);
        expect(op.summary).toBeTruthy();
      }
      expect(Object.keys(issue.responses)).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422', '429', '503']),
      );
      expect(Object.keys(get.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '429', '503']),
      );
      expect(Object.keys(cancel.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422', '429', '503']),
      );
      expect(issue.requestBody!.content['application/json']!.examples!['workPlan']!.value).toEqual(
        CONTRACT_FILING_EXAMPLE,
      );
      // both kinds of buyer are described, and no validation-only class leaks into the schemas
      expect(Object.keys(doc.components.schemas['PersonBuyerDto']!.properties!)).toEqual([
        'type',
        'name',
        'idType',
        'idNumber',
        'phone',
      ]);
      expect(Object.keys(doc.components.schemas['OrganizationBuyerDto']!.properties!)).toEqual([
        'type',
        'name',
        'creditCode',
      ]);
      expect(doc.components.schemas['BuyerDto']).toBeUndefined();
    });
  });
});

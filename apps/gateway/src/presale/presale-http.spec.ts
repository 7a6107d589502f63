import 'reflect-metadata';
import { Global, INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessTokenService } from '@hn/auth';
import { CHAIN_TOKEN_EXAMPLE, PRESALE_SUBMISSION_EXAMPLE, Principal, Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { chainTokenToQrText } from '@hn/chain';
import { AccessTokenGuard } from '../auth/access-token.guard';
import { buildOpenApiDocument } from '../openapi/setup-openapi';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { validationExceptionFactory } from '../problem/validation-exception.factory';
import { PublicModule } from '../public/public.module';
import { PresaleModule } from './presale.module';

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
    if (!handler) throw new DomainException(503, 'SERVICE_UNAVAILABLE', `服务 presale 暂不可用 (no responders)`);
    return (await handler(data)) as T;
  }
}

const tokens = new AccessTokenService({ secret: 'x'.repeat(40), issuer: 'hn-presale-gateway', ttlSeconds: 300 });
const rpc = new StubRpc();

// In the real app RpcClient and AccessTokenService come from global modules; here they are stubs.
@Global()
@Module({
  providers: [
    { provide: AccessTokenService, useValue: tokens },
    { provide: RpcClient, useValue: rpc },
  ],
  exports: [AccessTokenService, RpcClient],
})
class TestGlobalsModule {}

@Module({
  imports: [TestGlobalsModule, PresaleModule, PublicModule],
  providers: [
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
class RootModule {}

describe('presale and public routes (gateway, stubbed presale service)', () => {
  let app: NestFastifyApplication;
  let issuer: string; // 株洲市 430200, presale:issue
  let reader: string; // 攸县 430223, permits:read
  let other: string; // 攸县, contracts:issue only

  const sign = (p: Partial<Principal>): Promise<string> =>
    tokens.sign({ kind: 'integrator', id: 'c1', regions: ['430200'], scopes: ['presale:issue'], ...p });
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
    inject({ method: 'POST', url: '/api/v1/presale-permits', token, headers, payload });

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(
      RootModule,
      new FastifyAdapter({ routerOptions: { maxParamLength: 512 } }),
      { logger: false },
    );
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
    reader = await sign({ id: 'r1', regions: ['430223'], scopes: ['permits:read'] });
    other = await sign({ id: 'o1', regions: ['430223'], scopes: ['contracts:issue'] });
  });

  afterAll(async () => {
    await (app as INestApplication | undefined)?.close();
  });

  beforeEach(() => {
    rpc.calls = [];
    rpc.handlers = {};
  });

  describe('POST /api/v1/presale-permits', () => {
    it('sends {principal, body: {idempotencyKey, submission}} and answers 201 with the issued permit', async () => {
      rpc.handlers[Rpc.presaleIssue.subject] = () => ({
        presaleNumber: '430223202406200101-Y01',
        chainToken: 't',
        verifyUrl: 'u',
        qrSvg: '<svg/>',
        log: { index: 0, treeSize: 1 },
        sandbox: false,
      });
      const res = await post({ ...PRESALE_SUBMISSION_EXAMPLE, projectName: '  锦绣星城三期（22#栋）  ' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ presaleNumber: '430223202406200101-Y01' });
      expect(res.headers['location']).toBe('/api/v1/presale-permits/430223202406200101-Y01');
      expect(rpc.calls).toHaveLength(1);
      const call = rpc.calls[0]!;
      expect(call.subject).toBe(Rpc.presaleIssue.subject);
      const data = call.data as {
        principal: Principal;
        body: { idempotencyKey: string; submission: Record<string, unknown> };
      };
      expect(data.principal).toMatchObject({ id: 'c1', regions: ['430200'], scopes: ['presale:issue'] });
      expect(data.body.idempotencyKey).toBe('k-1');
      expect(data.body.submission).toEqual({ ...PRESALE_SUBMISSION_EXAMPLE, projectName: '锦绣星城三期（22#栋）' });
    });

    it.each([
      ['missing', {}],
      ['empty', { 'idempotency-key': '' }],
      ['too long', { 'idempotency-key': 'k'.repeat(129) }],
      ['bad characters', { 'idempotency-key': 'key with spaces' }],
    ])(
      'answers 400 IDEMPOTENCY_KEY_REQUIRED when the key is %s, before looking at the body',
      async (_label, headers) => {
        const res = await post({}, headers);
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', errors: [{ field: 'Idempotency-Key' }] });
        expect(rpc.calls).toHaveLength(0);
      },
    );

    it('accepts a 128-character key of every allowed character class', async () => {
      rpc.handlers[Rpc.presaleIssue.subject] = () => ({ presaleNumber: '430223202406200101-Y01' });
      const key = 'Az09._:-'.repeat(16);
      expect((await post(PRESALE_SUBMISSION_EXAMPLE, { 'idempotency-key': key })).statusCode).toBe(201);
      expect((rpc.calls[0]!.data as { body: { idempotencyKey: string } }).body.idempotencyKey).toBe(key);
    });

    it('answers 422 INCOMPLETE_SUBMISSION listing every missing and invalid field at once', async () => {
      const body = {
        ...PRESALE_SUBMISSION_EXAMPLE,
        constructionPermitNumbers: ['430223202406200101', '43022320240230010X', '430223202402300101'],
        developer: { name: ' ', creditCode: '91430223MA4Q0ABC10' },
        location: { lat: 31.5, lng: '113' },
        issueDate: '2999-01-01',
        presaleArea: 12.345,
        unitCount: 0,
        buildings: [],
        fundSupervision: { bank: '中国建设银行攸县支行' },
        address: undefined,
        hacker: true,
      };
      const res = await post(body);
      expect(res.statusCode).toBe(422);
      const problem = res.json() as { code: string; errors: Array<{ field: string; reason: string }> };
      expect(problem.code).toBe('INCOMPLETE_SUBMISSION');
      const fields = problem.errors.map((e) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'hacker',
          'constructionPermitNumbers[1]',
          'constructionPermitNumbers[2]',
          'developer.name',
          'developer.creditCode',
          'location.lat',
          'location.lng',
          'issueDate',
          'presaleArea',
          'unitCount',
          'buildings',
          'fundSupervision.account',
          'address',
        ]),
      );
      expect(fields).not.toContain('constructionPermitNumbers[0]');
      expect(new Set(fields).size).toBe(fields.length); // one reason per field
      expect(problem.errors.find((e) => e.field === 'constructionPermitNumbers[1]')!.reason).toContain('NOT_DIGITS');
      expect(problem.errors.find((e) => e.field === 'constructionPermitNumbers[2]')!.reason).toContain(
        'IMPOSSIBLE_DATE',
      );
      expect(rpc.calls).toHaveLength(0);
    });

    it('answers 422 naming the body for an array or a scalar, and every field for an empty object', async () => {
      for (const payload of ['[]', '"text"', '42']) {
        const res = await post(payload);
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ code: 'INCOMPLETE_SUBMISSION', errors: [{ field: 'body' }] });
      }
      const empty = await post({});
      expect(empty.statusCode).toBe(422);
      expect((empty.json() as { errors: unknown[] }).errors.length).toBe(13);
    });

    it('accepts a submission without fundSupervision or with null', async () => {
      rpc.handlers[Rpc.presaleIssue.subject] = () => ({ presaleNumber: 'x' });
      const { fundSupervision: _omit, ...rest } = PRESALE_SUBMISSION_EXAMPLE;
      expect((await post(rest)).statusCode).toBe(201);
      expect((await post({ ...rest, fundSupervision: null })).statusCode).toBe(201);
    });

    it("answers 403 REGION_FORBIDDEN naming a permit outside the caller's regions, before calling the service", async () => {
      const res = await post({
        ...PRESALE_SUBMISSION_EXAMPLE,
        constructionPermitNumbers: ['430223202406200101', '430102202405100101'],
      });
      expect(res.statusCode).toBe(403);
      const problem = res.json() as { code: string; detail: string; errors: Array<{ field: string }> };
      expect(problem.code).toBe('REGION_FORBIDDEN');
      expect(problem.detail).toContain('430102202405100101');
      expect(problem.errors[0]!.field).toBe('constructionPermitNumbers[1]');
      expect(rpc.calls).toHaveLength(0);
    });

    it('needs the presale:issue scope', async () => {
      expect((await post(PRESALE_SUBMISSION_EXAMPLE, { 'idempotency-key': 'k' }, reader)).json()).toMatchObject({
        status: 403,
        code: 'SCOPE_FORBIDDEN',
      });
      expect((await post(PRESALE_SUBMISSION_EXAMPLE, { 'idempotency-key': 'k' }, '')).statusCode).toBe(401);
    });

    it("passes the service's problems through with their status and code", async () => {
      rpc.handlers[Rpc.presaleIssue.subject] = () => {
        throw new DomainException(409, 'SERIAL_EXHAUSTED', '已用尽');
      };
      expect((await post(PRESALE_SUBMISSION_EXAMPLE)).json()).toMatchObject({ status: 409, code: 'SERIAL_EXHAUSTED' });
    });
  });

  describe('GET /api/v1/presale-permits/{presaleNumber} and its files', () => {
    it('answers the record for either scope, region-checked on the number', async () => {
      rpc.handlers[Rpc.presaleGet.subject] = (d) => ({
        presaleNumber: (d as { body: { presaleNumber: string } }).body.presaleNumber,
      });
      expect((await inject({ url: '/api/v1/presale-permits/430223202406200101-Y01', token: reader })).json()).toEqual({
        presaleNumber: '430223202406200101-Y01',
      });
      expect((await inject({ url: '/api/v1/presale-permits/430223202406200101-Y01', token: issuer })).statusCode).toBe(
        200,
      );
      expect(rpc.calls[0]!.data).toMatchObject({
        principal: { id: 'r1' },
        body: { presaleNumber: '430223202406200101-Y01' },
      });
      const forbidden = await inject({ url: '/api/v1/presale-permits/430102202405100101-Y01', token: reader });
      expect(forbidden.json()).toMatchObject({ status: 403, code: 'REGION_FORBIDDEN' });
      expect(
        (await inject({ url: '/api/v1/presale-permits/430223202406200101-Y01', token: other })).json(),
      ).toMatchObject({ status: 403, code: 'SCOPE_FORBIDDEN' });
      expect(rpc.calls).toHaveLength(2);
    });

    it.each([
      '430223202406200101-Y00',
      '430223202406200101-X01',
      '430223202406200101Y01',
      '430223202402300101-Y01',
      '439999202406200101-Y01',
      `${'x'.repeat(300)}`,
    ])('answers 400 INVALID_PRESALE_NUMBER for %#', async (number) => {
      const res = await inject({ url: `/api/v1/presale-permits/${number}`, token: reader });
      expect(res.json()).toMatchObject({
        status: 400,
        code: 'INVALID_PRESALE_NUMBER',
        errors: [{ field: 'presaleNumber' }],
      });
    });

    it('sends QR images and the print layout with their content type', async () => {
      rpc.handlers[Rpc.presaleQr.subject] = (d) => {
        const format = (d as { body: { format: string } }).body.format;
        return format === 'png'
          ? {
              fileName: 'q.png',
              contentType: 'image/png',
              contentBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'),
            }
          : {
              fileName: 'q.svg',
              contentType: 'image/svg+xml',
              contentBase64: Buffer.from('<svg/>').toString('base64'),
            };
      };
      rpc.handlers[Rpc.presalePrintLayout.subject] = (d) => ({
        fileName: `预售-${(d as { body: { paper: string } }).body.paper}.pdf`,
        contentType: 'application/pdf',
        contentBase64: Buffer.from('%PDF-1.7').toString('base64'),
      });
      const png = await inject({ url: '/api/v1/presale-permits/430223202406200101-Y01/qr.png', token: reader });
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      const svg = await inject({ url: '/api/v1/presale-permits/430223202406200101-Y01/qr.svg', token: reader });
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.body).toBe('<svg/>');
      const pdf = await inject({
        url: '/api/v1/presale-permits/430223202406200101-Y01/print-layout.pdf',
        token: reader,
      });
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toContain("filename*=UTF-8''%E9%A2%84%E5%94%AE-A4.pdf");
      expect(pdf.body).toBe('%PDF-1.7');
      await inject({ url: '/api/v1/presale-permits/430223202406200101-Y01/print-layout.pdf?paper=A3', token: reader });
      expect(rpc.calls.map((c) => c.data)).toEqual([
        expect.objectContaining({ body: { presaleNumber: '430223202406200101-Y01', format: 'png' } }),
        expect.objectContaining({ body: { presaleNumber: '430223202406200101-Y01', format: 'svg' } }),
        expect.objectContaining({ body: { presaleNumber: '430223202406200101-Y01', paper: 'A4' } }),
        expect.objectContaining({ body: { presaleNumber: '430223202406200101-Y01', paper: 'A3' } }),
      ]);
      const bad = await inject({
        url: '/api/v1/presale-permits/430223202406200101-Y01/print-layout.pdf?paper=A0',
        token: reader,
      });
      expect(bad.json()).toMatchObject({ status: 400, errors: [{ field: 'paper' }] });
    });
  });

  describe('public routes', () => {
    it('verifies without login, passing the payload itself (no principal), base32 normalised', async () => {
      rpc.handlers[Rpc.publicVerify.subject] = () => ({ valid: true });
      const res = await inject({ url: `/public/v1/verify?token=${CHAIN_TOKEN_EXAMPLE}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ valid: true });
      await inject({ url: `/public/v1/verify?token=${chainTokenToQrText(CHAIN_TOKEN_EXAMPLE)}` });
      expect(rpc.calls.map((c) => c.data)).toEqual([{ token: CHAIN_TOKEN_EXAMPLE }, { token: CHAIN_TOKEN_EXAMPLE }]);
      for (const bad of ['', 'a'.repeat(401), 'ab%2Bcd']) {
        expect((await inject({ url: `/public/v1/verify?token=${bad}` })).json()).toMatchObject({
          status: 400,
          errors: [{ field: 'token' }],
        });
      }
      expect((await inject({ url: '/public/v1/verify' })).statusCode).toBe(400);
    });

    it('serves the public summary, the checkpoint as text and the JWKS', async () => {
      rpc.handlers[Rpc.publicPermit.subject] = (d) => ({
        presaleNumber: (d as { presaleNumber: string }).presaleNumber,
      });
      rpc.handlers[Rpc.publicCheckpoint.subject] = () => ({ note: 'origin\n1\nAAAA\n\n— origin sig\n' });
      rpc.handlers[Rpc.publicKeys.subject] = () => ({
        keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'k', use: 'sig', alg: 'EdDSA' }],
      });
      expect((await inject({ url: '/public/v1/presale-permits/430223202406200101-Y01' })).json()).toEqual({
        presaleNumber: '430223202406200101-Y01',
      });
      expect((await inject({ url: '/public/v1/presale-permits/nope' })).json()).toMatchObject({
        status: 400,
        code: 'INVALID_PRESALE_NUMBER',
      });
      const cp = await inject({ url: '/public/v1/log/checkpoint' });
      expect(cp.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(cp.body).toBe('origin\n1\nAAAA\n\n— origin sig\n');
      const keys = await inject({ url: '/public/v1/keys' });
      expect(keys.headers['content-type']).toContain('application/json');
      expect(keys.json()).toMatchObject({ keys: [{ kid: 'k' }] });
      expect(rpc.calls.map((c) => c.data)).toEqual([{ presaleNumber: '430223202406200101-Y01' }, {}, {}]);
    });

    it('checks proof parameters before asking the service', async () => {
      rpc.handlers[Rpc.publicInclusionProof.subject] = (d) => d;
      rpc.handlers[Rpc.publicConsistencyProof.subject] = (d) => d;
      expect((await inject({ url: '/public/v1/log/inclusion-proof?index=0&treeSize=1' })).json()).toEqual({
        index: 0,
        treeSize: 1,
      });
      expect((await inject({ url: '/public/v1/log/consistency-proof?first=1&second=1' })).json()).toEqual({
        first: 1,
        second: 1,
      });
      for (const q of [
        'index=1&treeSize=1',
        'index=-1&treeSize=2',
        'index=a&treeSize=2',
        'index=1.5&treeSize=2',
        'index=&treeSize=2',
        'treeSize=2',
      ]) {
        expect((await inject({ url: `/public/v1/log/inclusion-proof?${q}` })).statusCode).toBe(400);
      }
      for (const q of ['first=0&second=1', 'first=3&second=2', 'first=1', 'first=1&second=x']) {
        expect((await inject({ url: `/public/v1/log/consistency-proof?${q}` })).statusCode).toBe(400);
      }
      expect(rpc.calls).toHaveLength(2);
    });

    it('renders the /V/ page in Chinese, or JSON when asked for', async () => {
      const permit = {
        presaleNumber: '430223202406200101-Y01',
        status: 'VALID',
        sandbox: false,
        projectName: '锦绣<script>',
        developerName: 'd',
        address: 'a',
        regionCode: '430223',
        issuingAuthority: 'i',
        localCertificateNumber: 'l',
        issueDate: '2024-08-15',
        buildings: ['22#'],
        presaleArea: 12345.67,
        unitCount: 120,
        plannedUse: '住宅',
        constructionPermitNumbers: ['430223202406200101'],
        logIndex: 0,
      };
      rpc.handlers[Rpc.publicVerify.subject] = () => ({ valid: true, permit });
      const qrText = chainTokenToQrText(CHAIN_TOKEN_EXAMPLE);
      const html = await inject({
        url: `/V/${qrText}`,
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(html.body).toContain('真实有效的预售许可证');
      expect(html.body).toContain('锦绣&lt;script&gt;');
      expect(html.body).not.toContain('<script>');
      expect(html.body).toContain('攸县');
      expect(rpc.calls[0]!.data).toEqual({ token: CHAIN_TOKEN_EXAMPLE });
      const json = await inject({ url: `/V/${qrText}`, headers: { accept: 'application/json' } });
      expect(json.headers['content-type']).toContain('application/json');
      expect(json.json()).toMatchObject({ valid: true, permit: { presaleNumber: '430223202406200101-Y01' } });

      rpc.handlers[Rpc.publicVerify.subject] = () => ({
        valid: true,
        test: true,
        permit: { ...permit, sandbox: true },
      });
      expect((await inject({ url: `/V/${qrText}` })).body).toContain('测试数据（联调测试），非正式证书');
      rpc.handlers[Rpc.publicVerify.subject] = () => ({
        valid: false,
        reason: 'CORRECTED',
        permit: { ...permit, status: 'CORRECTED' },
      });
      expect((await inject({ url: `/V/${qrText}` })).body).toContain('该证书已更正，请以最新证书为准');
      rpc.handlers[Rpc.publicVerify.subject] = () => ({
        valid: false,
        reason: 'BAD_SIGNATURE',
        message: '签名无效 (signature does not verify with key 493f9a04)',
      });
      const invalid = await inject({ url: `/V/${qrText}` });
      expect(invalid.body).toContain('未通过核验');
      expect(invalid.body).toContain('二维码内容已被篡改或不是本平台签发');
      expect(invalid.body).not.toContain('does not verify');
      const junk = await inject({ url: '/V/not%20a%20token' });
      expect(junk.statusCode).toBe(200);
      expect(junk.body).toContain('未通过核验');
      expect(junk.body).toContain('<code class="code">MALFORMED</code>');
      rpc.handlers = {};
      const down = await inject({ url: `/V/${qrText}` });
      expect(down.statusCode).toBe(503);
      expect(down.body).toContain('核验服务暂不可用');
    });
  });

  it('documents the routes with summaries, tags, the example body and every error status', () => {
    const doc = buildOpenApiDocument(app) as unknown as {
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
    const post = doc.paths['/api/v1/presale-permits']!['post']!;
    expect(post.tags).toEqual(['预售许可 Presale permits']);
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '422', '429', '503']);
    expect(post.requestBody!.content['application/json']!.examples!['workPlan']!.value).toEqual(
      PRESALE_SUBMISSION_EXAMPLE,
    );
    for (const path of [
      '/public/v1/verify',
      '/public/v1/presale-permits/{presaleNumber}',
      '/public/v1/log/checkpoint',
      '/public/v1/log/inclusion-proof',
      '/public/v1/log/consistency-proof',
      '/public/v1/keys',
      '/V/{token}',
    ]) {
      expect(doc.paths[path]!['get']!.tags).toEqual(['公众查询 Public verification']);
    }
    for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) expect(op.summary).toBeTruthy();
  });
});

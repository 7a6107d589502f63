import 'reflect-metadata';
import {
  Body,
  Controller,
  Get,
  Global,
  HttpCode,
  INestApplication,
  Module,
  Param,
  Post,
  Put,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessTokenService } from '@hn/auth';
import { Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { DataSource } from 'typeorm';
import { AccessTokenGuard } from '../auth/access-token.guard';
import { RequireRoles } from '../auth/auth.decorators';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { AuditInterceptor } from './audit.interceptor';
import { AuditModule } from './audit.module';

/** Records the INSERTs the audit service sends; can be told to fail. */
class FakeDataSource {
  inserts: unknown[][] = [];
  fail = false;
  async query(sql: string, params: unknown[] = []): Promise<unknown> {
    if (sql.includes('INSERT INTO audit_entry')) {
      if (this.fail) throw new Error('connection terminated');
      this.inserts.push(params);
      return [];
    }
    if (sql.includes('count(*)')) return [{ total: 0 }];
    return [];
  }
}

@UseInterceptors(AuditInterceptor)
@Controller('t')
class TestController {
  @Post(':id')
  create(@Param('id') id: string, @Body() body: Record<string, unknown>): Record<string, unknown> {
    return { id, ...body };
  }

  @Put(':id')
  @HttpCode(200)
  update(@Param('id') id: string): Record<string, unknown> {
    return {
      id,
      ok: true,
      audit: { before: { projectType: null }, after: { projectType: 'PRESALE', phone: '13800000000' } },
    };
  }

  /** created or updated: the handler picks the status, as the escrow and statistics PUTs do */
  @Put(':id/upsert')
  upsert(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: { status(code: number): unknown },
  ): Record<string, unknown> {
    void reply.status(id === 'new' ? 201 : 200);
    return { id };
  }

  @Post(':id/locked')
  locked(): never {
    throw new DomainException(409, 'RECORD_LOCKED', '记录已提交锁定 (record locked)');
  }

  @Get(':id')
  read(@Param('id') id: string): Record<string, unknown> {
    return { id };
  }

  @Get()
  @RequireRoles('PROVINCE', 'ADMIN')
  provinceOnly(): Record<string, unknown> {
    return { ok: true };
  }
}

const tokens = new AccessTokenService({ secret: 'a'.repeat(40), issuer: 'hn-presale-gateway', ttlSeconds: 300 });
const db = new FakeDataSource();

@Global()
@Module({
  providers: [
    { provide: AccessTokenService, useValue: tokens },
    { provide: DataSource, useValue: db },
  ],
  exports: [AccessTokenService, DataSource],
})
class TestGlobalsModule {}

@Module({
  imports: [TestGlobalsModule, AuditModule],
  controllers: [TestController],
  providers: [
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
class RootModule {}

describe('audit interceptor and staff roles (gateway, fake database)', () => {
  let app: NestFastifyApplication;
  const staff = (role: Principal['role'], region: string, id = 'zhang.san'): Promise<string> =>
    tokens.sign({
      kind: 'staff',
      id,
      regions: [region],
      scopes: ['permits:read', 'supervision:read', 'supervision:write'],
      role,
    });
  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        'x-correlation-id': 'corr-1',
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  /** [actor, role, region, action, target, before, after, correlation_id, status] */
  const lastInsert = (): unknown[] => db.inserts[db.inserts.length - 1]!;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(RootModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await (app as INestApplication | undefined)?.close();
  });

  beforeEach(() => {
    db.inserts = [];
    db.fail = false;
  });

  it('records a staff POST with route, path parameters, status and the redacted body', async () => {
    const res = await inject('POST', '/t/42', await staff('COUNTY', '430223'), {
      projectType: 'PRESALE',
      password: 'Youxian2024ok',
      buyer: { idNumber: '430223199001011234' },
    });
    expect(res.statusCode).toBe(201);
    expect(db.inserts).toHaveLength(1);
    const [actor, role, region, action, target, before, after, , status] = lastInsert();
    expect({ actor, role, region, action, target, before, status }).toEqual({
      actor: 'zhang.san',
      role: 'COUNTY',
      region: '430223',
      action: 'POST /t/:id',
      target: 'id=42',
      before: null,
      status: 201,
    });
    expect(JSON.parse(after as string)).toEqual({
      projectType: 'PRESALE',
      password: '[REDACTED]',
      buyer: { idNumber: '[REDACTED]' },
    });
    expect(JSON.stringify(db.inserts)).not.toContain('Youxian2024ok');
  });

  it('uses the before / after the handler reports, and never sends them to the client', async () => {
    const res = await inject('PUT', '/t/7', await staff('CITY', '430200'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: '7', ok: true });
    const [, , , action, , before, after, , status] = lastInsert();
    expect(action).toBe('PUT /t/:id');
    expect(JSON.parse(before as string)).toEqual({ projectType: null });
    expect(JSON.parse(after as string)).toEqual({ projectType: 'PRESALE', phone: '[REDACTED]' });
    expect(status).toBe(200);
  });

  it('records the status the handler actually sent (201 created vs 200 updated)', async () => {
    const token = await staff('COUNTY', '430223');
    expect((await inject('PUT', '/t/new/upsert', token)).statusCode).toBe(201);
    expect(lastInsert()[8]).toBe(201);
    expect((await inject('PUT', '/t/old/upsert', token)).statusCode).toBe(200);
    expect(lastInsert()[8]).toBe(200);
  });

  it('records refused actions with their status', async () => {
    const res = await inject('POST', '/t/7/locked', await staff('COUNTY', '430223'), { x: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'RECORD_LOCKED' });
    expect(lastInsert()[8]).toBe(409);
  });

  it('does not record GET requests or integrator calls, and strips an audit override for integrators too', async () => {
    await inject('GET', '/t/7', await staff('COUNTY', '430223'));
    const integrator = await tokens.sign({ kind: 'integrator', id: 'hn_x', regions: ['430223'], scopes: [] });
    expect((await inject('POST', '/t/8', integrator, { a: 1 })).statusCode).toBe(201);
    const put = await inject('PUT', '/t/9', integrator);
    expect(put.json()).toEqual({ id: '9', ok: true });
    expect(db.inserts).toHaveLength(0);
  });

  it('never fails the request when the audit row cannot be written', async () => {
    db.fail = true;
    const res = await inject('POST', '/t/5', await staff('COUNTY', '430223'), { a: 1 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: '5', a: 1 });
  });

  describe('@RequireRoles', () => {
    it('lets the listed roles through', async () => {
      expect((await inject('GET', '/t', await staff('PROVINCE', '430000'))).statusCode).toBe(200);
      expect((await inject('GET', '/t', await staff('ADMIN', '430000'))).statusCode).toBe(200);
    });

    it('answers 403 ROLE_FORBIDDEN to other roles and to integrators', async () => {
      for (const token of [
        await staff('COUNTY', '430223'),
        await staff('CITY', '430200'),
        await tokens.sign({ kind: 'integrator', id: 'hn_y', regions: ['430000'], scopes: ['permits:read'] }),
      ]) {
        const res = await inject('GET', '/t', token);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ code: 'ROLE_FORBIDDEN', status: 403 });
      }
    });
  });
});

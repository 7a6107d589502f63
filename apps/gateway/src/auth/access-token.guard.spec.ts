import 'reflect-metadata';
import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessTokenService } from '@hn/auth';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { AccessTokenGuard } from './access-token.guard';
import { AllowPasswordChangePending, RequireRoles } from './auth.decorators';

@Controller('t')
class TestController {
  @Get('data')
  data(): Record<string, unknown> {
    return { ok: true };
  }

  @Get('province')
  @RequireRoles('PROVINCE')
  province(): Record<string, unknown> {
    return { ok: true };
  }

  @Post('password')
  @AllowPasswordChangePending()
  password(): Record<string, unknown> {
    return { changed: true };
  }
}

const tokens = new AccessTokenService({ secret: 'p'.repeat(40), issuer: 'hn-presale-gateway', ttlSeconds: 300 });

@Module({
  controllers: [TestController],
  providers: [
    { provide: AccessTokenService, useValue: tokens },
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
class RootModule {}

describe(AccessTokenGuard.name, () => {
  let app: NestFastifyApplication;
  const call = async (method: 'GET' | 'POST', url: string, scopes: string[], role = 'PROVINCE' as const) => {
    const token = await tokens.sign({ kind: 'staff', id: '430223.01', regions: ['430000'], scopes, role });
    return app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
  };

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(RootModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await (app as INestApplication | undefined)?.close();
  });

  it('lets a token of an unchanged one-time password call only the change-password route', async () => {
    const pending = ['password:change-required'];
    for (const url of ['/t/data', '/t/province']) {
      const res = await call('GET', url, pending);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
        detail: expect.stringContaining('修改初始密码'),
      });
    }
    expect((await call('POST', '/t/password', pending)).statusCode).toBe(201);
  });

  it('lets ordinary staff tokens through as before', async () => {
    expect((await call('GET', '/t/data', ['permits:read'])).statusCode).toBe(200);
    expect((await call('GET', '/t/province', ['permits:read'])).statusCode).toBe(200);
    expect((await call('POST', '/t/password', ['permits:read'])).statusCode).toBe(201);
  });
});

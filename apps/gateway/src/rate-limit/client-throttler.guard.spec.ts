import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Throttle } from '@nestjs/throttler';
import { ClientThrottlerGuard } from './client-throttler.guard';
import { FixedWindowThrottlerStorage } from './fixed-window-storage';

class Routes {
  read(): void {}
  issue(): void {}
  @Throttle({ default: { limit: 2, ttl: 60_000 } })
  login(): void {}
}

interface FakeResponse {
  headers: Record<string, string>;
  header(name: string, value: string | number): void;
}

describe(ClientThrottlerGuard.name, () => {
  let storage: FixedWindowThrottlerStorage;
  let guard: ClientThrottlerGuard;

  const call = async (
    handler: keyof Routes,
    method: string,
    url: string,
    principal?: { kind: string; id: string },
    ip = '10.0.0.1',
  ): Promise<{
    allowed: boolean;
    headers: Record<string, string>;
    error?: { problem: { status: number; detail: string } };
  }> => {
    const res: FakeResponse = { headers: {}, header: (n, v) => void (res.headers[n] = String(v)) };
    const req = { principal, ip, method, url, routeOptions: { url } };
    const context = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
      getHandler: () => Routes.prototype[handler],
      getClass: () => Routes,
    } as unknown as ExecutionContext;
    try {
      return { allowed: await guard.canActivate(context), headers: res.headers };
    } catch (error) {
      return { allowed: false, headers: res.headers, error: error as { problem: { status: number; detail: string } } };
    }
  };

  beforeEach(async () => {
    storage = new FixedWindowThrottlerStorage();
    guard = new ClientThrottlerGuard(
      { throttlers: [{ name: 'default', ttl: 60_000, limit: 10 }] },
      storage,
      new Reflector(),
    );
    await guard.onModuleInit();
  });
  afterEach(() => storage.onModuleDestroy());

  it('charges one budget per credential across routes, issuance 5 units, with the draft headers', async () => {
    const client = { kind: 'integrator', id: 'hn_a' };
    const first = await call('read', 'GET', '/api/v1/construction-permits/:permitNumber', client);
    expect(first.headers).toMatchObject({
      'RateLimit-Policy': '"credential";q=10;w=60',
      RateLimit: expect.stringMatching(/^"credential";r=9;t=\d+$/),
    });
    const issued = await call('issue', 'POST', '/api/v1/presale-permits', client, '10.0.0.2');
    expect(issued.headers['RateLimit']).toMatch(/;r=4;/);
    const refused = await call('issue', 'POST', '/api/v1/presale-permits', client);
    expect(refused.allowed).toBe(false);
    expect(refused.error?.problem.status).toBe(429);
    expect(refused.error?.problem.detail).toMatch(/^请求过于频繁.*本次请求需 5 单位、剩余 4.*\(rate limit exceeded/);
    expect(Number(refused.headers['Retry-After'])).toBeGreaterThan(0);
    expect(refused.headers['RateLimit']).toMatch(/;r=4;/);
    // another credential is not affected
    expect((await call('read', 'GET', '/x', { kind: 'integrator', id: 'hn_b' })).headers['RateLimit']).toMatch(/;r=9;/);
  });

  it('keeps a route with its own @Throttle limit on its own per-IP budget', async () => {
    expect((await call('login', 'POST', '/api/v1/auth/login')).headers['RateLimit-Policy']).toBe('"route-ip";q=2;w=60');
    expect((await call('login', 'POST', '/api/v1/auth/login')).allowed).toBe(true);
    expect((await call('login', 'POST', '/api/v1/auth/login')).allowed).toBe(false);
    // the public budget of the same IP is untouched
    expect((await call('read', 'GET', '/public/v1/keys')).headers['RateLimit']).toMatch(/^"public-ip";r=9;/);
  });
});

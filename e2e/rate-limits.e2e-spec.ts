import { TestPlatform } from './support/platform';

interface Problem {
  status: number;
  code: string;
  detail: string;
}

interface Limits {
  policy: string;
  quota: number;
  window: number;
  remaining: number;
  reset: number;
}

/** Small limits of this suite's platform so budgets run out in a few calls. */
const CREDENTIAL_LIMIT = 20;
const PUBLIC_LIMIT = 8;

/**
 * Issue 16 item 4 through the gateway: one budget per credential across routes, per-route costs,
 * RateLimit-Policy / RateLimit headers, 429 with Retry-After, limits set by the operator command,
 * public routes per IP.
 */
describe('rate limits (e2e)', () => {
  let platform: TestPlatform;
  let tokenA: string;
  let tokenB: string;

  const api = (path: string, init: RequestInit & { token?: string; ip?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.ip) headers.set('x-forwarded-for', init.ip);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  /** Parses RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers); fails when absent. */
  const limitsOf = (res: Response): Limits => {
    const policy = res.headers.get('ratelimit-policy');
    const current = res.headers.get('ratelimit');
    expect({ policy, current }).toEqual({ policy: expect.any(String), current: expect.any(String) });
    const p = /^"([a-z-]+)";q=(\d+);w=(\d+)$/.exec(policy!);
    const c = /^"([a-z-]+)";r=(\d+);t=(\d+)$/.exec(current!);
    expect({ policy, current, parsed: Boolean(p && c) }).toEqual({ policy, current, parsed: true });
    expect(c![1]).toBe(p![1]);
    return {
      policy: p![1]!,
      quota: Number(p![2]),
      window: Number(p![3]),
      remaining: Number(c![2]),
      reset: Number(c![3]),
    };
  };
  const notLimited = async (res: Response): Promise<Limits> => {
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 200)}`).not.toMatch(/^429 /);
    return limitsOf(res);
  };
  const expectLimited = async (
    res: Response,
    remaining = 0,
  ): Promise<{ limits: Limits; retryAfter: number; problem: Problem }> => {
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('RATE_LIMITED');
    expect(problem.detail).toMatch(/^请求过于频繁.*\(rate limit exceeded/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const limits = limitsOf(res);
    expect(limits.remaining).toBe(remaining);
    expect(limits.reset).toBe(retryAfter);
    return { limits, retryAfter, problem };
  };
  const permit = (token: string): Promise<Response> =>
    api('/api/v1/construction-permits/430223202406200101', { token });
  const search = (token: string): Promise<Response> =>
    api(`/api/v1/construction-permits?projectName=${encodeURIComponent('锦绣')}`, { token });

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits'], {
      env: {
        GATEWAY_RATE_LIMIT_PER_MINUTE: String(CREDENTIAL_LIMIT),
        GATEWAY_PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_LIMIT),
      },
    });
    tokenA = await platform.token(await platform.createIntegrator(['430223'], ['permits:read', 'presale:issue']));
    tokenB = await platform.token(await platform.createIntegrator(['430223'], ['permits:read']));
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('draws calls to different routes of one credential from one budget, issuance costing 5, until 429', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const limits = await notLimited(await permit(tokenA));
      expect(limits).toMatchObject({ policy: 'credential', quota: CREDENTIAL_LIMIT, window: 60 });
      expect(limits.reset).toBeGreaterThan(0);
      seen.push(limits.remaining);
    }
    expect(seen).toEqual([19, 18, 17, 16, 15]);
    // another route: the same budget (before issue 16 each route had its own)
    expect((await notLimited(await search(tokenA))).remaining).toBe(14);
    // an issuance attempt costs 5 units, whatever its outcome (here 400: no Idempotency-Key)
    const issuance = await api('/api/v1/presale-permits', {
      method: 'POST',
      token: tokenA,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(issuance.status).toBe(400);
    await issuance.text();
    expect(limitsOf(issuance).remaining).toBe(9);
    // a second one fits (9 → 4); a third does not: refused without spending the 4 left
    const issue = (): Promise<Response> =>
      api('/api/v1/presale-permits', {
        method: 'POST',
        token: tokenA,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    expect(await notLimited(await issue())).toMatchObject({ remaining: 4 });
    const refused = await expectLimited(await issue(), 4);
    expect(refused.problem.detail).toMatch(/本次请求需 5 单位、剩余 4/);
    for (let left = 3; left >= 0; left--) expect((await notLimited(await search(tokenA))).remaining).toBe(left);
    const limited = await expectLimited(await permit(tokenA));
    expect(limited.problem.detail).toContain(`${CREDENTIAL_LIMIT}`);
    await expectLimited(await search(tokenA));
  });

  it('leaves a second credential its own full budget', async () => {
    expect(await notLimited(await permit(tokenB))).toMatchObject({
      policy: 'credential',
      quota: CREDENTIAL_LIMIT,
      remaining: CREDENTIAL_LIMIT - 1,
    });
  });

  it('applies a limit set with npm run integrator:set-rate-limit at once, and shows it in integrator:list', async () => {
    const credential = await platform.createIntegrator(['430223'], ['permits:read']);
    const token = await platform.token(credential);
    expect(await notLimited(await permit(token))).toMatchObject({ quota: CREDENTIAL_LIMIT, remaining: 19 });

    const set = JSON.parse(
      await platform.cli('integrator:set-rate-limit', ['--client-id', credential.clientId, '--rate-limit', '3']),
    ) as { rateLimitPerMinute: number; effectiveRateLimitPerMinute: number };
    expect(set).toMatchObject({ rateLimitPerMinute: 3, effectiveRateLimitPerMinute: 3 });
    const listed = (await platform.cli('integrator:list', []))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { clientId: string; rateLimitPerMinute: number | null })
      .find((c) => c.clientId === credential.clientId);
    expect(listed).toMatchObject({ rateLimitPerMinute: 3, effectiveRateLimitPerMinute: 3 });

    // the change reaches the gateway over NATS: the next call already counts against 3 (1 used before)
    expect(await notLimited(await permit(token))).toMatchObject({ quota: 3, remaining: 1 });
    expect(await notLimited(await search(token))).toMatchObject({ quota: 3, remaining: 0 });
    await expectLimited(await permit(token));

    // back to the default
    const reset = JSON.parse(
      await platform.cli('integrator:set-rate-limit', ['--client-id', credential.clientId, '--rate-limit', 'default']),
    ) as { rateLimitPerMinute: number | null; effectiveRateLimitPerMinute: number };
    expect(reset).toEqual(expect.objectContaining({ rateLimitPerMinute: null, effectiveRateLimitPerMinute: 20 }));
    expect(await notLimited(await permit(token))).toMatchObject({ quota: CREDENTIAL_LIMIT, remaining: 16 });
  });

  it('limits the public routes per IP across routes, the token route apart', async () => {
    const ip = '10.70.0.1';
    const seen: number[] = [];
    for (let i = 0; i < PUBLIC_LIMIT; i++) {
      const path = i % 2 === 0 ? '/public/v1/keys' : '/public/v1/log/checkpoint';
      const limits = await notLimited(await api(path, { ip }));
      expect(limits).toMatchObject({ policy: 'public-ip', quota: PUBLIC_LIMIT });
      seen.push(limits.remaining);
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    await expectLimited(await api('/public/v1/keys', { ip }));
    await expectLimited(await api('/public/v1/verify?t=x', { ip }));
    // another address is not affected
    expect(await notLimited(await api('/public/v1/keys', { ip: '10.70.0.2' }))).toMatchObject({ remaining: 7 });
    // the token route has a budget of its own per IP
    const token = await api('/api/v1/oauth/token', {
      method: 'POST',
      ip,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'hn_nobody', client_secret: 'x' }),
    });
    expect(token.status).toBe(401);
    expect(limitsOf(token)).toMatchObject({ policy: 'token-ip', quota: PUBLIC_LIMIT });
  });

  it('does not limit or label /health', async () => {
    const res = await api('/health');
    expect(res.headers.get('ratelimit')).toBeNull();
  });
});

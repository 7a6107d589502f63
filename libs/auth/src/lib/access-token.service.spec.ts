import { AccessTokenService } from './access-token.service';
import { hashSecret, verifySecret } from './secret-hash';

describe(AccessTokenService.name, () => {
  const service = new AccessTokenService({ secret: 'x'.repeat(40), issuer: 'hn-test', ttlSeconds: 60 });
  const principal = {
    kind: 'integrator' as const,
    id: 'client-1',
    regions: ['430223'],
    scopes: ['permits:read'],
    sandbox: false,
  };

  it('round-trips the principal', async () => {
    const before = Date.now();
    const token = await service.sign(principal);
    const result = await service.verify(token);
    // exp has second precision: 60 s from now, rounded down
    expect(result.ok && result.expiresAt).toBeGreaterThan(before + 58_000);
    expect(result.ok && result.expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    await expect(service.verify(token)).resolves.toEqual({
      ok: true,
      principal,
      version: 1,
      expiresAt: expect.any(Number),
    });
  });

  it('gives every token its own id, so two tokens of one second differ', async () => {
    const [a, b] = await Promise.all([service.sign(principal), service.sign(principal)]);
    expect(a).not.toBe(b);
    const jti = (t: string): unknown =>
      (JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as { jti: unknown }).jti;
    expect(jti(a)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries the account token version (claim ver), 1 when absent', async () => {
    const token = await service.sign(principal, 60, 7);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { ver: number };
    expect(payload.ver).toBe(7);
    await expect(service.verify(token)).resolves.toEqual({
      ok: true,
      principal,
      version: 7,
      expiresAt: expect.any(Number),
    });
    await expect(service.verify(token)).resolves.toMatchObject({ version: 7 }); // from the verified cache
  });

  it('reports an expired token as expired', async () => {
    const token = await service.sign(principal, -10);
    await expect(service.verify(token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token signed with another key', async () => {
    const other = new AccessTokenService({ secret: 'y'.repeat(40), issuer: 'hn-test', ttlSeconds: 60 });
    await expect(service.verify(await other.sign(principal))).resolves.toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a short secret', () => {
    expect(() => new AccessTokenService({ secret: 'short', issuer: 'x', ttlSeconds: 1 })).toThrow();
  });
});

describe('hashSecret', () => {
  it('verifies the right secret only', async () => {
    const stored = await hashSecret('s3cret');
    expect(stored).not.toContain('s3cret');
    await expect(verifySecret('s3cret', stored)).resolves.toBe(true);
    await expect(verifySecret('s3cret!', stored)).resolves.toBe(false);
    await expect(verifySecret('s3cret', 'garbage')).resolves.toBe(false);
  });
});

describe('AccessTokenService cache', () => {
  afterEach(() => jest.useRealTimers());

  it('reports a cached token as expired once its exp has passed', async () => {
    const service = new AccessTokenService({ secret: 'z'.repeat(40), issuer: 'hn-test', ttlSeconds: 2 });
    const token = await service.sign({ kind: 'integrator', id: 'c', regions: ['430223'], scopes: [] });
    expect((await service.verify(token)).ok).toBe(true);
    jest.useFakeTimers({ now: Date.now() + 5000 });
    await expect(service.verify(token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });
});

describe('AccessTokenService staff role', () => {
  const service = new AccessTokenService({ secret: 'r'.repeat(40), issuer: 'hn-test', ttlSeconds: 60 });

  it('round-trips a staff principal with its role', async () => {
    const staff = {
      kind: 'staff' as const,
      id: 'zhang.san',
      regions: ['430223'],
      scopes: ['permits:read', 'supervision:read'],
      sandbox: false,
      role: 'COUNTY' as const,
    };
    await expect(service.verify(await service.sign(staff))).resolves.toEqual({
      ok: true,
      principal: staff,
      version: 1,
      expiresAt: expect.any(Number),
    });
  });

  it('puts no role claim on tokens without one', async () => {
    const token = await service.sign({ kind: 'integrator', id: 'c', regions: ['430223'], scopes: [] });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).not.toHaveProperty('role');
    const result = await service.verify(token);
    expect(result.ok && 'role' in result.principal).toBe(false);
  });

  it('ignores a role on an integrator token', async () => {
    const token = await service.sign({ kind: 'integrator', id: 'c2', regions: ['430223'], scopes: [], role: 'ADMIN' });
    const result = await service.verify(token);
    expect(result.ok).toBe(true);
    expect(result.ok ? result.principal.role : 'unverified').toBeUndefined();
  });
});

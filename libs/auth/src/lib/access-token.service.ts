import { Principal, PrincipalKind, STAFF_ROLES, StaffRole } from '@hn/messages';
import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

export interface AccessTokenOptions {
  /** HMAC key, at least 32 bytes; from a secret, never from the repo. */
  secret: string;
  issuer: string;
  ttlSeconds: number;
}

export type TokenVerification =
  /**
   * `version`: the account's token version when the token was issued (claim `ver`; 1 if absent);
   * `expiresAt`: the token's expiry (claim `exp`) in epoch milliseconds
   */
  { ok: true; principal: Principal; version: number; expiresAt: number } | { ok: false; reason: 'expired' | 'invalid' };

/** Short-lived HS256 JWTs carrying the caller's kind, regions and scopes (and a staff member's role). */
export class AccessTokenService {
  private readonly key: Uint8Array;
  /** Verified tokens until their expiry: a client reuses its token for many requests. */
  private readonly verified = new Map<string, { principal: Principal; version: number; expiresAt: number }>();

  constructor(private readonly options: AccessTokenOptions) {
    if (Buffer.byteLength(options.secret) < 32) throw new Error('access token secret must be at least 32 bytes');
    this.key = new TextEncoder().encode(options.secret);
  }

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  /**
   * `version` is the account's current token version (claim `ver`): the gateway refuses a token
   * whose version is no longer the account's (disabled, deleted).
   */
  async sign(principal: Principal, ttlSeconds = this.options.ttlSeconds, version = 1): Promise<string> {
    const claims: Record<string, unknown> = {
      kind: principal.kind,
      regions: principal.regions,
      scope: principal.scopes.join(' '),
      sandbox: principal.sandbox ?? false,
      ver: version,
    };
    if (principal.role) claims['role'] = principal.role;
    return (
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(principal.id)
        // every token its own id: two logins in one second are two tokens (a logout revokes only its own)
        .setJti(randomUUID())
        .setIssuer(this.options.issuer)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(this.key)
    );
  }

  async verify(token: string): Promise<TokenVerification> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expiresAt > Date.now())
        return { ok: true, principal: hit.principal, version: hit.version, expiresAt: hit.expiresAt };
      this.verified.delete(token);
      return { ok: false, reason: 'expired' };
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.options.issuer, algorithms: ['HS256'] });
      const regions = Array.isArray(payload['regions'])
        ? payload['regions'].filter((r): r is string => typeof r === 'string')
        : [];
      const scope = typeof payload['scope'] === 'string' ? payload['scope'] : '';
      const kind = payload['kind'] === 'staff' ? 'staff' : ('integrator' as PrincipalKind);
      if (!payload.sub) return { ok: false, reason: 'invalid' };
      const principal: Principal = {
        kind,
        id: payload.sub,
        regions,
        scopes: scope ? scope.split(' ') : [],
        sandbox: payload['sandbox'] === true,
      };
      const role = payload['role'];
      // Only staff tokens carry a role; an unknown role value is ignored (no role, no role-gated routes).
      if (kind === 'staff' && typeof role === 'string' && (STAFF_ROLES as readonly string[]).includes(role))
        principal.role = role as StaffRole;
      // tokens issued before versions existed carry no `ver`: they belong to version 1
      const version = typeof payload['ver'] === 'number' && Number.isInteger(payload['ver']) ? payload['ver'] : 1;
      if (this.verified.size >= 10_000) this.verified.clear();
      const expiresAt = (payload.exp ?? 0) * 1000;
      this.verified.set(token, { principal, version, expiresAt });
      return { ok: true, principal, version, expiresAt };
    } catch (err) {
      return { ok: false, reason: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}

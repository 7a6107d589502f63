import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import {
  clearedSessionCookies,
  CSRF_HEADER,
  csrfKeyOf,
  csrfMatches,
  csrfTokenFor,
  readCookie,
  SESSION_COOKIE,
  sessionCookies,
  tokenHash,
} from './session-cookies';
import { SessionRevocationRepository } from './session-revocation.repository';
import { SessionErrors } from './session.exception';

type Headers = Record<string, string | string[] | undefined>;

/** What the guard and the session routes need of a request (Fastify's request has all of it). */
export interface SessionRequest {
  headers: Headers;
  method: string;
  protocol?: string;
}

interface CachedRevocation {
  revoked: boolean;
  until: number;
}

const MAX_ENTRIES = 50_000;
/** Fetch metadata a browser sets itself (scripts cannot): anything else than these is another site's request. */
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * The cookie session of the staff console: reading the token from the cookie, the CSRF check of
 * unsafe requests, the cookies to set and clear, and the logout revocation list (a per-replica
 * cache in front of the table: a revocation made on another replica is seen within
 * GATEWAY_ACCOUNT_CACHE_TTL_MS, the one made here at once).
 */
@Injectable()
export class StaffSessions implements OnModuleInit, OnModuleDestroy {
  private readonly csrfKey: Buffer;
  private readonly revocations = new Map<string, CachedRevocation>();
  private pruner: NodeJS.Timeout | null = null;

  constructor(
    @Inject(GATEWAY_CONFIG)
    private readonly config: Pick<GatewayConfig, 'jwtSecret' | 'accountCacheTtlMs' | 'publicBaseUrl'>,
    private readonly repository: SessionRevocationRepository,
  ) {
    this.csrfKey = csrfKeyOf(config.jwtSecret);
  }

  onModuleInit(): void {
    this.pruner = setInterval(() => void this.repository.prune().catch(() => undefined), 3_600_000).unref();
  }

  onModuleDestroy(): void {
    if (this.pruner) clearInterval(this.pruner);
  }

  tokenFromCookie(headers: Headers): string | null {
    return readCookie(headers['cookie'], SESSION_COOKIE);
  }

  csrfFor(token: string): string {
    return csrfTokenFor(this.csrfKey, token);
  }

  /** Secure cookies when this request came over HTTPS (as the trusted proxy says) or the public address is HTTPS. */
  secure(req: Pick<SessionRequest, 'protocol'>): boolean {
    return req.protocol === 'https' || this.config.publicBaseUrl.toLowerCase().startsWith('https://');
  }

  cookiesFor(req: Pick<SessionRequest, 'protocol'>, token: string, maxAgeSeconds: number): string[] {
    return sessionCookies(token, this.csrfFor(token), maxAgeSeconds, this.secure(req));
  }

  clearedCookies(req: Pick<SessionRequest, 'protocol'>): string[] {
    return clearedSessionCookies(this.secure(req));
  }

  /** Refuses a request another site made the browser send (Fetch Metadata; absent in non-browser clients). */
  assertSameSite(req: Pick<SessionRequest, 'headers'>): void {
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && !ALLOWED_FETCH_SITES.has(site.toLowerCase())) throw SessionErrors.crossSite();
  }

  /** An unsafe request authenticated by the cookie: same site, and X-CSRF-Token equal to the session's token. */
  assertCsrf(req: Pick<SessionRequest, 'headers'>, token: string): void {
    this.assertSameSite(req);
    const presented = req.headers[CSRF_HEADER];
    if (presented === undefined || presented === '') throw SessionErrors.csrfMissing();
    if (!csrfMatches(this.csrfFor(token), presented)) throw SessionErrors.csrfInvalid();
  }

  async revoke(token: string, expiresAt: number): Promise<void> {
    const hash = tokenHash(token);
    await this.repository.add(hash, new Date(expiresAt));
    this.remember(hash, { revoked: true, until: expiresAt });
  }

  /** Throws 401 for a token ended at logout, 503 when the list cannot be read. */
  async assertNotRevoked(token: string): Promise<void> {
    const hash = tokenHash(token);
    const hit = this.revocations.get(hash);
    let revoked: boolean;
    if (hit && hit.until > Date.now()) revoked = hit.revoked;
    else {
      try {
        revoked = await this.repository.isRevoked(hash);
      } catch {
        throw SessionErrors.unavailable();
      }
      if (this.config.accountCacheTtlMs > 0 && !revoked)
        this.remember(hash, { revoked, until: Date.now() + this.config.accountCacheTtlMs });
      if (revoked) this.remember(hash, { revoked, until: Date.now() + 3_600_000 });
    }
    if (revoked) throw SessionErrors.revoked();
  }

  private remember(hash: string, entry: CachedRevocation): void {
    if (this.revocations.size >= MAX_ENTRIES) this.revocations.clear();
    this.revocations.set(hash, entry);
  }
}

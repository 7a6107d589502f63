import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokenService, StaffScopes } from '@hn/auth';
import { ErrorCode, StaffRole } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { AccountStateCache } from '../accounts/account-state.cache';
import { assertSandboxAllowed } from '../sandbox/sandbox-space';
import { isUnsafeMethod } from '../session/session-cookies';
import { StaffSessions } from '../session/staff-sessions.service';
import { StaffErrors } from '../staff/staff.exception';
import {
  ALLOW_PASSWORD_CHANGE_PENDING,
  AuthenticatedRequest,
  IS_PUBLIC,
  REQUIRED_ROLES,
  REQUIRED_SCOPES,
  ROLE_FORBIDDEN,
} from './auth.decorators';

interface RequestWithHeaders extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  protocol?: string;
}

/**
 * Global guard: a valid Bearer token (or, without an Authorization header, the staff console's
 * session cookie, whose unsafe requests also need the CSRF header) on every non-public route whose account is still active with
 * the token's version (disabled or deleted accounts: refused within GATEWAY_ACCOUNT_CACHE_TTL_MS),
 * a token of a one-time password only on the change-password route, then the route's staff roles and scopes.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    /** always present in the gateway; absent only in HTTP unit specs without a database */
    @Optional() private readonly accounts?: AccountStateCache,
    /** the console's cookie session and the logout list; absent only in HTTP unit specs */
    @Optional() private readonly sessions?: StaffSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<RequestWithHeaders>();
    const header = req.headers['authorization'];
    // the Authorization header decides when present (integrators, scripts); the console's cookie only without one
    const cookieToken = header === undefined ? (this.sessions?.tokenFromCookie(req.headers) ?? null) : null;
    const match = typeof header === 'string' ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header) : null;
    const token = match ? match[1]! : cookieToken;
    if (!token)
      throw new DomainException(
        401,
        ErrorCode.UNAUTHORIZED,
        '缺少访问令牌，请先调用 POST /api/v1/oauth/token (missing bearer token)',
      );
    const viaCookie = token === cookieToken;
    const result = await this.tokens.verify(token);
    if (!result.ok || (viaCookie && result.principal.kind !== 'staff')) {
      if (viaCookie) this.clearCookies(context);
      throw new DomainException(
        401,
        ErrorCode.UNAUTHORIZED,
        result.ok === false && result.reason === 'expired'
          ? '访问令牌已过期，请重新获取 (access token expired)'
          : '访问令牌无效 (invalid access token)',
      );
    }
    if (viaCookie && isUnsafeMethod(req.method)) this.sessions!.assertCsrf(req, token);
    if (this.sessions && result.principal.kind === 'staff') {
      try {
        await this.sessions.assertNotRevoked(token);
      } catch (err) {
        if (viaCookie) this.clearCookies(context);
        throw err;
      }
    }
    req.credential = { token, expiresAt: result.expiresAt, via: viaCookie ? 'cookie' : 'bearer' };
    if (this.accounts) await this.checkAccount(result.principal.kind, result.principal.id, result.version);
    req.principal = result.principal;
    // a one-time password not yet changed: nothing but the change-password route
    if (
      result.principal.scopes.includes(StaffScopes.passwordChangeRequired) &&
      !this.reflector.getAllAndOverride<boolean>(ALLOW_PASSWORD_CHANGE_PENDING, targets)
    )
      throw StaffErrors.passwordChangeRequired();
    assertSandboxAllowed(this.reflector, context, result.principal); // 联调测试: writes only where the route has a sandbox space
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && roles.length > 0) {
      const { kind, role } = result.principal;
      if (kind !== 'staff' || !role || !roles.includes(role)) {
        throw new DomainException(
          403,
          ROLE_FORBIDDEN,
          `此操作仅限 ${roles.join('、')} 角色的工作人员 (requires staff role ${roles.join(' or ')})`,
        );
      }
    }
    const required = this.reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES, targets) ?? [];
    const missing = required.filter((s) => !result.principal.scopes.includes(s));
    if (missing.length > 0) {
      throw new DomainException(
        403,
        ErrorCode.SCOPE_FORBIDDEN,
        `凭据缺少权限范围 ${missing.join(', ')} (missing scope)`,
      );
    }
    return true;
  }

  /** A cookie that no longer works is removed, so the browser stops sending it. */
  private clearCookies(context: ExecutionContext): void {
    const reply = context.switchToHttp().getResponse<{ header?: (name: string, value: string[]) => unknown }>();
    const req = context.switchToHttp().getRequest<{ protocol?: string }>();
    reply?.header?.('set-cookie', this.sessions!.clearedCookies(req));
  }

  private async checkAccount(kind: 'integrator' | 'staff', id: string, version: number): Promise<void> {
    let accepted: boolean;
    try {
      accepted = await this.accounts!.accepts(kind, id, version);
    } catch {
      throw new DomainException(
        503,
        ErrorCode.SERVICE_UNAVAILABLE,
        '暂时无法核验账号状态，请稍后重试 (account state unavailable, retry later)',
      );
    }
    if (!accepted) {
      throw new DomainException(
        401,
        ErrorCode.UNAUTHORIZED,
        '访问令牌已失效：账号已停用或删除 (access token revoked: the account was disabled or deleted)',
      );
    }
  }
}

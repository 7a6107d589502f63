import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AccessTokenService } from '@hn/auth';
import { ErrorCode, Principal, STAFF_ROLES } from '@hn/messages';
import { DomainException } from '@hn/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuthenticatedRequest, CurrentPrincipal, Public, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { problemExample } from '../openapi/problem-example.builders';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { SessionErrors } from '../session/session.exception';
import { StaffSessions } from '../session/staff-sessions.service';
import { LoginRequestDto } from './dto/login-request.dto';
import { StaffSessionDto } from './dto/staff-session.dto';
import { LOGIN_RATE_LIMIT_PER_MINUTE } from './staff.controller';
import { StaffLoginService } from './staff-login.service';
import { AccountLockedException, StaffErrors } from './staff.exception';

export const SESSION_LOGIN_ACTION = 'POST /api/v1/auth/session';

type SessionReq = FastifyRequest & AuthenticatedRequest;

function sessionOf(principal: Principal, expiresAt: number): StaffSessionDto {
  return {
    username: principal.id,
    role: principal.role!,
    regions: principal.regions,
    scopes: principal.scopes,
    expiresAt: new Date(expiresAt).toISOString(),
    expiresIn: Math.max(0, Math.floor((expiresAt - Date.now()) / 1000)),
  };
}

/**
 * The staff console's cookie session: the same login as POST /api/v1/auth/login (lockout, rate
 * limit, audit), but the token goes into an HttpOnly SameSite=Strict cookie scripts cannot read,
 * with a CSRF token in a second cookie for the X-CSRF-Token header. Bearer login is unchanged.
 */
@ApiTags('工作人员 Staff')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/auth/session')
export class StaffSessionController {
  constructor(
    private readonly login: StaffLoginService,
    private readonly sessions: StaffSessions,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
  ) {}

  @Post()
  @Public()
  @Throttle({ default: { limit: LOGIN_RATE_LIMIT_PER_MINUTE, ttl: 60_000 } })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '工作台登录（Cookie 会话）Console login with a cookie session',
    description:
      '与 POST /api/v1/auth/login 相同的用户名、密码、锁定与限频规则，但令牌不在响应中：网关设置 HttpOnly、SameSite=Strict（HTTPS 时 Secure）的会话 Cookie hn_session（仅发往 /api/），' +
      '以及脚本可读的 CSRF Cookie hn_csrf。之后以 Cookie 发出的 POST/PUT/PATCH/DELETE 须带请求头 X-CSRF-Token（值同 hn_csrf），否则 403 CSRF_TOKEN_MISSING / CSRF_TOKEN_INVALID；' +
      '其他网站发起的请求（Sec-Fetch-Site 非 same-origin）为 403 CROSS_SITE_REQUEST。带 Authorization: Bearer 的请求不看 Cookie，与以前完全相同。\n\n' +
      'The same login as /api/v1/auth/login; the token is set as an HttpOnly SameSite=Strict cookie (Secure over HTTPS) instead of returned, plus a readable CSRF cookie to echo in X-CSRF-Token on unsafe requests.',
  })
  @ApiBody({ type: LoginRequestDto })
  @ApiOkResponse({
    type: StaffSessionDto,
    headers: {
      'Set-Cookie': {
        description: 'hn_session=…; Path=/api/; HttpOnly; SameSite=Strict 与 hn_csrf=…; Path=/; SameSite=Strict',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblemExamples(401, '用户名或密码不正确 Invalid credentials', {
    invalidCredentials: problemExample(StaffErrors.invalidCredentials()),
  })
  @ApiProblemExamples(403, '跨站请求 Cross-site request', { crossSite: problemExample(SessionErrors.crossSite()) })
  @ApiProblems(400, 429)
  async create(
    @Body() body: LoginRequestDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StaffSessionDto> {
    this.sessions.assertSameSite(req); // login CSRF: another site cannot log the browser into an account
    let token: string;
    try {
      token = (
        await this.login.login(body.username, body.password, {
          ip: req.ip,
          correlationId: String(req.id),
          action: SESSION_LOGIN_ACTION,
        })
      ).access_token;
    } catch (err) {
      if (err instanceof AccountLockedException) void reply.header('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
    const verified = await this.tokens.verify(token);
    if (!verified.ok) throw new DomainException(500, ErrorCode.INTERNAL, '登录令牌签发失败 (token issuance failed)');
    void reply.header('set-cookie', this.sessions.cookiesFor(req, token, this.tokens.ttlSeconds));
    return sessionOf(verified.principal, verified.expiresAt);
  }

  @Get()
  @RequireRoles(...STAFF_ROLES)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '当前登录 Current session',
    description: '工作台打开新标签页时据此恢复登录信息（用户名、角色、区划、权限范围、有效期）；不返回令牌。',
  })
  @ApiOkResponse({ type: StaffSessionDto })
  @ApiProblems(401, 403)
  current(@CurrentPrincipal() principal: Principal, @Req() req: SessionReq): StaffSessionDto {
    return sessionOf(principal, req.credential!.expiresAt);
  }

  @Delete()
  @RequireRoles(...STAFF_ROLES)
  @HttpCode(204)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '退出登录 Log out',
    description:
      '吊销本次登录的访问令牌（到期前即失效，所有网关副本在 GATEWAY_ACCOUNT_CACHE_TTL_MS 内拒绝），并清除两个 Cookie。以 Cookie 调用时须带 X-CSRF-Token；以 Bearer 令牌调用时吊销该令牌。\n\n' +
      'Revokes the token of this session before its expiry and clears both cookies; with the cookie, X-CSRF-Token is required.',
  })
  @ApiNoContentResponse({ description: '已退出 Logged out' })
  @ApiProblemExamples(403, '缺少 CSRF 令牌 Missing CSRF token', {
    csrfMissing: problemExample(SessionErrors.csrfMissing()),
    csrfInvalid: problemExample(SessionErrors.csrfInvalid()),
  })
  @ApiProblems(401, 503)
  async remove(@Req() req: SessionReq, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const credential = req.credential!;
    await this.sessions.revoke(credential.token, credential.expiresAt);
    void reply.header('set-cookie', this.sessions.clearedCookies(req));
  }
}

import { Body, Controller, Header, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@hn/messages';
import {
  AllowPasswordChangePending,
  AuthenticatedRequest,
  CurrentPrincipal,
  Public,
  RequireRoles,
} from '../auth/auth.decorators';
import { StaffSessions } from '../session/staff-sessions.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginRequestDto } from './dto/login-request.dto';
import { StaffTokenResponseDto } from './dto/staff-token-response.dto';
import { StaffLoginService } from './staff-login.service';
import { StaffPasswordService } from './staff-password.service';
import { AccountLockedException, StaffErrorCode } from './staff.exception';

/** Login attempts per minute per client IP (on top of the per-account lockout). */
export const LOGIN_RATE_LIMIT_PER_MINUTE = 20;

const problem = (status: number, code: string, title: string, detail: string) => ({
  'application/problem+json': {
    schema: { $ref: '#/components/schemas/ProblemDto' },
    example: {
      type: `https://presale.hunan.gov.cn/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title,
      status,
      code,
      detail,
    },
  },
});

@ApiTags('工作人员 Staff')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/auth')
export class StaffController {
  constructor(
    private readonly login: StaffLoginService,
    private readonly passwords: StaffPasswordService,
    private readonly sessions: StaffSessions,
  ) {}

  @Post('login')
  @Public()
  @Throttle({ default: { limit: LOGIN_RATE_LIMIT_PER_MINUTE, ttl: 60_000 } })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '工作人员登录 Staff login',
    description:
      '省、市州、县市区住建部门工作人员以用户名和密码登录，获得短期 Bearer 令牌（JWT），其中带有角色、所属区划和权限范围。连续 5 次密码错误锁定 15 分钟；每个 IP 每分钟最多 ' +
      `${LOGIN_RATE_LIMIT_PER_MINUTE} 次。每次登录（成功或失败）都记入审计日志。\n\n` +
      'Province, city and county staff log in with username and password and receive a short-lived bearer JWT carrying their role, region and scopes. ' +
      `Five wrong passwords in a row lock the account for 15 minutes; at most ${LOGIN_RATE_LIMIT_PER_MINUTE} attempts per minute per IP. Every attempt is audited.`,
  })
  @ApiBody({ type: LoginRequestDto })
  @ApiOkResponse({ type: StaffTokenResponseDto })
  @ApiResponse({
    status: 400,
    description: '参数无效 Invalid input',
    content: problem(400, 'VALIDATION_FAILED', '请求无效 Bad Request', '请求参数校验失败 (request validation failed)'),
  })
  @ApiResponse({
    status: 401,
    description: '用户名或密码不正确 Invalid credentials',
    content: problem(
      401,
      StaffErrorCode.INVALID_CREDENTIALS,
      '未认证 Unauthorized',
      '用户名或密码不正确 (invalid username or password)',
    ),
  })
  @ApiResponse({
    status: 429,
    description:
      '账号已锁定（ACCOUNT_LOCKED）或请求过于频繁（RATE_LIMITED），见 Retry-After. Account locked or rate limited, see Retry-After',
    headers: { 'Retry-After': { description: '秒 seconds', schema: { type: 'integer', example: 900 } } },
    content: problem(
      429,
      StaffErrorCode.ACCOUNT_LOCKED,
      '请求过于频繁 Too Many Requests',
      '连续登录失败次数过多，账号已锁定，请 15 分钟后重试 (account locked after repeated failed logins; retry after 900 s)',
    ),
  })
  async loginStaff(
    @Body() body: LoginRequestDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StaffTokenResponseDto> {
    try {
      return await this.login.login(body.username, body.password, { ip: req.ip, correlationId: String(req.id) });
    } catch (err) {
      if (err instanceof AccountLockedException) void reply.header('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  }

  @Post('password')
  @ApiBearerAuth()
  @RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
  @AllowPasswordChangePending()
  @Throttle({ default: { limit: LOGIN_RATE_LIMIT_PER_MINUTE, ttl: 60_000 } })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '修改密码 Change the password',
    description:
      '工作人员修改本人密码，须提供当前密码（新账号为审批时显示的初始密码）。新密码 10–128 位、含字母和数字、不含用户名、不同于当前密码。' +
      '初始密码未修改前，该账号的令牌只能调用本接口，其余接口返回 403 PASSWORD_CHANGE_REQUIRED。修改后此前签发的所有令牌失效，响应带回新令牌。' +
      '当前密码错误计入登录失败次数（连续 5 次锁定 15 分钟）。记入审计日志（密码已脱敏）。\n\n' +
      "Staff change their own password, giving the current one (a new account's one-time password). Until the one-time password is changed the account's token may call only this route " +
      '(elsewhere 403 PASSWORD_CHANGE_REQUIRED). Afterwards every earlier token is refused and the reply carries a new one. A wrong current password counts towards the lockout. Audited.',
  })
  @ApiBody({ type: ChangePasswordDto })
  @ApiOkResponse({ type: StaffTokenResponseDto })
  @ApiResponse({
    status: 400,
    description: '当前密码不正确或新密码不符合要求 Wrong current password or weak new password',
    content: problem(
      400,
      'VALIDATION_FAILED',
      '请求无效 Bad Request',
      '当前密码不正确，密码未修改 (the current password is wrong; nothing changed)',
    ),
  })
  @ApiResponse({
    status: 401,
    description: '未认证 Unauthenticated',
    content: problem(401, 'UNAUTHORIZED', '未认证 Unauthorized', '访问令牌已过期，请重新获取 (access token expired)'),
  })
  @ApiResponse({
    status: 403,
    description: '仅限工作人员 Staff only',
    content: problem(
      403,
      'ROLE_FORBIDDEN',
      '无权访问 Forbidden',
      '此操作仅限 PROVINCE、CITY、COUNTY、ADMIN 角色的工作人员 (requires staff role PROVINCE or CITY or COUNTY or ADMIN)',
    ),
  })
  @ApiResponse({
    status: 429,
    description: '账号已锁定或请求过于频繁 Account locked or rate limited, see Retry-After',
    headers: { 'Retry-After': { description: '秒 seconds', schema: { type: 'integer', example: 900 } } },
    content: problem(
      429,
      StaffErrorCode.ACCOUNT_LOCKED,
      '请求过于频繁 Too Many Requests',
      '连续登录失败次数过多，账号已锁定，请 15 分钟后重试 (account locked after repeated failed logins; retry after 900 s)',
    ),
  })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest & AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StaffTokenResponseDto> {
    try {
      const changed = await this.passwords.change(principal, body.currentPassword, body.newPassword);
      // the console's cookie session: the old token is refused from now on, so the cookie carries the new one
      if (req.credential?.via === 'cookie')
        void reply.header('set-cookie', this.sessions.cookiesFor(req, changed.access_token, changed.expires_in));
      return changed;
    } catch (err) {
      if (err instanceof AccountLockedException) void reply.header('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  }
}

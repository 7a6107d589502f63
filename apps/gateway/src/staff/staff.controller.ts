import { Body, Controller, Header, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { TokenResponseDto } from '../auth/dto/token-response.dto';
import { LoginRequestDto } from './dto/login-request.dto';
import { StaffLoginService } from './staff-login.service';
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
  constructor(private readonly login: StaffLoginService) {}

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
  @ApiOkResponse({ type: TokenResponseDto })
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
  ): Promise<TokenResponseDto> {
    try {
      return await this.login.login(body.username, body.password, { ip: req.ip, correlationId: String(req.id) });
    } catch (err) {
      if (err instanceof AccountLockedException) void reply.header('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  }
}

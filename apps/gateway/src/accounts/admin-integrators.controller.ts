import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { RequireRoles } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ApiAccountProblems } from './account-problems.openapi';
import { IntegratorListDto, IntegratorSummaryDto, RotatedSecretDto } from './dto/account-responses.dto';
import { RotateSecretDto } from './dto/rotate-secret.dto';
import { IntegratorAdminService, withAudit } from './integrator-admin.service';

@ApiTags('账号管理 Account administration')
@ApiBearerAuth()
@RequireRoles('ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/admin/integrators')
export class AdminIntegratorsController {
  constructor(private readonly integrators: IntegratorAdminService) {}

  @Get()
  @ApiOperation({
    summary: '列出集成方凭据 List integrator credentials',
    description: '含已停用、已删除的凭据；不含密钥。Includes disabled and deleted credentials; never a secret.',
  })
  @ApiOkResponse({ type: IntegratorListDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems()
  async list(): Promise<IntegratorListDto> {
    return { items: await this.integrators.list() };
  }

  @Post(':clientId/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: '停用集成方凭据 Disable an integrator credential',
    description:
      '不能再获取令牌；已签发的令牌在 5 秒内于所有网关实例失效。No new tokens; issued tokens are refused on every gateway replica within 5 s.',
  })
  @ApiOkResponse({ type: IntegratorSummaryDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems({ notFound: true, conflict: true })
  async disable(@Param('clientId') clientId: string): Promise<IntegratorSummaryDto> {
    return withAudit(await this.integrators.disable(clientId));
  }

  @Post(':clientId/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: '启用集成方凭据 Enable an integrator credential',
    description: '停用前签发的令牌不会恢复，须重新获取。Tokens issued before the disable stay refused.',
  })
  @ApiOkResponse({ type: IntegratorSummaryDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems({ notFound: true, conflict: true })
  async enable(@Param('clientId') clientId: string): Promise<IntegratorSummaryDto> {
    return withAudit(await this.integrators.enable(clientId));
  }

  @Delete(':clientId')
  @ApiOperation({
    summary: '删除集成方凭据 Delete an integrator credential',
    description:
      '软删除：记录与审计引用保留，client_id 不会复用；令牌立即失效。Soft delete: the row stays, the id is never reused; tokens are refused.',
  })
  @ApiOkResponse({ type: IntegratorSummaryDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems({ notFound: true })
  async remove(@Param('clientId') clientId: string): Promise<IntegratorSummaryDto> {
    return withAudit(await this.integrators.delete(clientId));
  }

  @Post(':clientId/rotate-secret')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '轮换集成方密钥 Rotate an integrator secret',
    description:
      '返回新密钥（仅此一次）；旧密钥在过渡期（overlapHours，默认 24 小时）内仍可换取令牌，之后失效。已签发的令牌保持到各自过期。\n\nReturns the new secret once; the old secret keeps working for overlapHours (default 24), then stops. Issued tokens stay valid until they expire.',
  })
  @ApiOkResponse({ type: RotatedSecretDto })
  @ApiProblems(400, 401, 429)
  @ApiAccountProblems({ notFound: true, conflict: true })
  async rotate(@Param('clientId') clientId: string, @Body() body: RotateSecretDto): Promise<RotatedSecretDto> {
    const rotated = await this.integrators.rotateSecret(clientId, body.overlapHours);
    const result = {
      clientId,
      clientSecret: rotated.clientSecret,
      previousSecretValidUntil: rotated.account.previousSecretValidUntil,
    };
    return { ...result, audit: { before: rotated.before, after: rotated.after } } as RotatedSecretDto;
  }
}

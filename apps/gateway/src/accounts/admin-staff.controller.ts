import { Controller, Delete, Get, Header, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@hn/messages';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CurrentPrincipal, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ApiAccountProblems } from './account-problems.openapi';
import { AccountErrors } from './accounts.exception';
import { PasswordResetDto, StaffListDto, StaffSummaryDto } from './dto/account-responses.dto';
import { withAudit } from './integrator-admin.service';
import { StaffAdminService } from './staff-admin.service';

@ApiTags('账号管理 Account administration')
@ApiBearerAuth()
@RequireRoles('ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/admin/staff')
export class AdminStaffController {
  constructor(private readonly staff: StaffAdminService) {}

  @Get()
  @ApiOperation({
    summary: '列出工作人员账号 List staff accounts',
    description: '含已停用、已删除的账号；不含密码。Includes disabled and deleted accounts.',
  })
  @ApiOkResponse({ type: StaffListDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems()
  async list(): Promise<StaffListDto> {
    return { items: await this.staff.list() };
  }

  @Post(':username/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: '停用工作人员账号 Disable a staff account',
    description:
      '不能再登录；已签发的令牌在 5 秒内于所有网关实例失效。No login; issued tokens are refused on every replica within 5 s.',
  })
  @ApiOkResponse({ type: StaffSummaryDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems({ notFound: true, conflict: true })
  async disable(
    @Param('username') username: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StaffSummaryDto> {
    if (username === principal.id) throw AccountErrors.ownAccount();
    return withAudit(await this.staff.disable(username));
  }

  @Post(':username/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: '启用工作人员账号 Enable a staff account',
    description: '须重新登录，停用前的令牌不会恢复。The account logs in again; old tokens stay refused.',
  })
  @ApiOkResponse({ type: StaffSummaryDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems({ notFound: true, conflict: true })
  async enable(@Param('username') username: string): Promise<StaffSummaryDto> {
    return withAudit(await this.staff.enable(username));
  }

  @Delete(':username')
  @ApiOperation({
    summary: '删除工作人员账号 Delete a staff account',
    description:
      '软删除：账号与审计记录保留，用户名不会复用；不能再登录，令牌失效。Soft delete; the name is never reused.',
  })
  @ApiOkResponse({ type: StaffSummaryDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems({ notFound: true, conflict: true })
  async remove(
    @Param('username') username: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StaffSummaryDto> {
    if (username === principal.id) throw AccountErrors.ownAccount();
    return withAudit(await this.staff.delete(username));
  }

  @Post(':username/reset-password')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '重置工作人员密码 Reset a staff password',
    description:
      '生成新的初始密码（仅此一次显示），账号下次登录须先修改；已签发的令牌随即失效。用于初始密码遗失等情形。不能重置自己的密码（请用修改密码）。\n\n' +
      "A new one-time password, shown once; the account must change it at the next login and its tokens are refused at once. Not for one's own account (use POST /api/v1/auth/password).",
  })
  @ApiOkResponse({ type: PasswordResetDto })
  @ApiProblems(401, 429)
  @ApiAccountProblems({ notFound: true, conflict: true })
  async resetPassword(
    @Param('username') username: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PasswordResetDto> {
    if (username === principal.id) throw AccountErrors.ownAccount();
    const reset = await this.staff.resetPassword(username);
    const result: PasswordResetDto = { username, oneTimePassword: reset.oneTimePassword };
    return { ...result, audit: { before: reset.before, after: reset.after } } as PasswordResetDto;
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AUDIT_SORT, PageV1 } from '@hn/messages';
import { DomainException, sortOrder } from '@hn/errors';
import { ApiInvalidSort } from '../validation/sort-query';
import { RequireRoles, ROLE_FORBIDDEN } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { auditBound } from './audit-time';
import { AuditEntryV1, AuditService } from './audit.service';
import { AuditPageDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('工作人员 Staff')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequireRoles('PROVINCE', 'ADMIN')
  @ApiOperation({
    summary: '查询审计日志（仅省厅工作人员）Read the audit trail (province staff only)',
    description:
      '工作人员的每一次写操作（非 GET 请求）和每一次登录（成功或失败）都记录：操作人、时间、操作、对象、变更前后（密码、密钥、令牌、身份证号、电话已脱敏）、状态码。按时间倒序分页。\n\n' +
      'Every staff write (any non-GET request) and every login attempt, newest first. Passwords, secrets, tokens, ID and phone numbers are redacted. Roles PROVINCE and ADMIN only.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400, 401, 429)
  @ApiResponse({
    status: 403,
    description: '角色不符 Role forbidden',
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/ProblemDto' },
        example: {
          type: 'https://presale.hunan.gov.cn/problems/role-forbidden',
          title: '无权访问 Forbidden',
          status: 403,
          code: ROLE_FORBIDDEN,
          detail: '此操作仅限 PROVINCE、ADMIN 角色的工作人员 (requires staff role PROVINCE or ADMIN)',
        },
      },
    },
  })
  @ApiInvalidSort(AUDIT_SORT)
  async list(@Query() query: AuditQueryDto): Promise<PageV1<AuditEntryV1>> {
    const from = query.from === undefined ? undefined : auditBound(query.from, 'from');
    const to = query.to === undefined ? undefined : auditBound(query.to, 'to');
    const errors = [
      ...(from === null ? [{ field: 'from', reason: '不是有效的日期或时间 (not a valid date or date-time)' }] : []),
      ...(to === null ? [{ field: 'to', reason: '不是有效的日期或时间 (not a valid date or date-time)' }] : []),
    ];
    if (errors.length > 0) throw DomainException.validation(errors);
    const sort = await sortOrder(AUDIT_SORT, query.sort);
    return this.audit.list({
      actor: query.actor,
      action: query.action,
      from: from ?? undefined,
      to: to ?? undefined,
      page: query.page,
      pageSize: query.pageSize,
      sort,
    });
  }
}

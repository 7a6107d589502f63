import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import {
  PERMIT_UPSERT_EXAMPLE,
  PermitNumberBodyV1,
  PermitUpsert,
  PermitUpsertResultV1,
  PermitUpsertV1,
  Principal,
} from '@hn/messages';
import type { FastifyReply } from 'fastify';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { SandboxSpace } from '../sandbox/sandbox-space';
import { ConstructionPermitsGatewayService } from './construction-permits.service';
import { PermitNumberPipe } from './permit-number.pipe';

@ApiTags('工改系统推送 Approval system ingest')
@ApiBearerAuth()
@RequireScopes(Scopes.approvalWrite)
@Controller('api/v1/approval/construction-permits')
export class ApprovalController {
  constructor(private readonly permits: ConstructionPermitsGatewayService) {}

  @Put(':permitNumber')
  @SandboxSpace()
  @ApiOperation({
    summary:
      '写入或更新施工许可证（含项目与单体，幂等）Upsert a construction permit with its project and units (idempotent)',
    description:
      '沙箱（联调测试）凭据的推送只写入沙箱空间：不改动正式施工许可、不发布事件，返回的许可带 `sandbox: true`，之后仅沙箱凭据可查到（同号时沙箱数据优先）。\n\n' +
      'Pushes by sandbox credentials land in the sandbox space only: no real row changes, no event; the permit comes back with `sandbox: true` and is visible to sandbox credentials only (it shadows a real permit of the same number for them).',
  })
  @ApiParam({ name: 'permitNumber', example: '430223202406200101' })
  @ApiBody({
    type: PermitUpsert,
    examples: { workPlan: { summary: '工作方案示例：攸县 锦绣星城三期（22#栋）', value: PERMIT_UPSERT_EXAMPLE } },
  })
  @ApiCreatedResponse({ type: PermitUpsertResultV1, description: '新建 created' })
  @ApiOkResponse({ type: PermitUpsertResultV1, description: '已更新或无变化 updated / unchanged' })
  @ApiProblems(400, 401, 403, 413, 429, 503)
  async upsert(
    @CurrentPrincipal() principal: Principal,
    @Param('permitNumber', PermitNumberPipe) permit: PermitNumberBodyV1,
    // typed with the interface so the global pipe leaves it to the Rpc entry's class (PermitUpsertRequest: body + number)
    @Body() body: PermitUpsertV1,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PermitUpsertResultV1> {
    const result = await this.permits.upsert(principal, permit, body, cid);
    void reply.status(result.outcome === 'created' ? 201 : 200);
    return result;
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  OmitType,
} from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import {
  ApplicantActionRequest,
  ApplicantActionRequestV1,
  ApplicationTransitionResultV1,
  ApprovalProjectRegistration,
  ApprovalProjectRegistrationV1,
  ApprovalProjectV1,
  PermitApplicationReceiptV1,
  PermitApplicationStatusV1,
  PermitApplicationSubmission,
  PermitApplicationSubmissionV1,
  Principal,
  Rpc,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import type { FastifyReply } from 'fastify';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ApplicantActionPipe, applicationIdOf, ApprovalProjectPipe, PermitApplicationPipe } from './approval-inputs';

/** 工改系统 side of 施工许可审批: 报建 (project type), 申报, the applicant's status, 补正后重新提交 / 撤回. */
@ApiTags('工改系统施工许可审批 Approval system permit applications')
@ApiBearerAuth()
@RequireScopes(Scopes.approvalWrite)
@Controller('api/v1/approval')
export class ApprovalApplicantController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects')
  @ApiOperation({
    summary: '报建：登记项目及项目类型 Register a project with its type',
    description:
      '社会投资类项目报建后、办理二三四阶段事项前选择项目类型（预售商品房 PRESALE / 现售商品房 CURRENT_SALE / 其它 OTHER）。首个施工许可申报后类型锁定，再改为 409 TYPE_LOCKED。类型新设或变更时发布 hn.permits.project.typed.v1。',
  })
  @ApiBody({ type: ApprovalProjectRegistration })
  @ApiCreatedResponse({ type: ApprovalProjectV1, description: '新登记 created' })
  @ApiOkResponse({ type: ApprovalProjectV1, description: '已更新或无变化 updated / unchanged' })
  @ApiProblems(400, 401, 403, 409, 422, 429, 503)
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body(ApprovalProjectPipe) body: ApprovalProjectRegistrationV1,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApprovalProjectV1> {
    const result = await this.rpc.call(Rpc.approvalProjectRegister, principal, body, cid);
    void reply.status(result.outcome === 'created' ? 201 : 200);
    return result;
  }

  @Post('permit-applications')
  @ApiOperation({
    summary: '施工许可申报 Submit a construction-permit application',
    description:
      '预售商品房项目须填写 capitalGuarantee（是否实行项目资本保证金、总额）与 fundSupervision（是否计划实行预售资金监管、监管银行、监管账号），其它类型不填。所有字段问题一次列出（422 INCOMPLETE_SUBMISSION）。',
  })
  @ApiBody({ type: PermitApplicationSubmission })
  @ApiCreatedResponse({ type: PermitApplicationReceiptV1 })
  @ApiProblems(400, 401, 403, 404, 422, 429, 503)
  submit(
    @CurrentPrincipal() principal: Principal,
    @Body(PermitApplicationPipe) body: PermitApplicationSubmissionV1,
    @CorrelationId() cid: string,
  ): Promise<PermitApplicationReceiptV1> {
    return this.rpc.call(Rpc.approvalApplicationSubmit, principal, body, cid);
  }

  @Get('permit-applications/:id')
  @ApiOperation({ summary: '申请办理状态 Application status for the applicant' })
  @ApiOkResponse({ type: PermitApplicationStatusV1 })
  @ApiProblems(401, 403, 404, 422, 429, 503)
  async status(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CorrelationId() cid: string,
  ): Promise<PermitApplicationStatusV1> {
    return this.rpc.call(Rpc.approvalApplicationStatus, principal, { applicationId: await applicationIdOf(id) }, cid);
  }

  @Post('permit-applications/:id/actions')
  @HttpCode(200)
  @ApiOperation({
    summary: '补正后重新提交 / 撤回 Resubmit after correction or withdraw',
    description:
      'RESUBMIT 可带 corrections 更正表单字段（除 projectCode 外），按申报的同一规则校验（422 列出 corrections.* 字段），办理记录 changes 列出改动。',
  })
  @ApiBody({ type: OmitType(ApplicantActionRequest, ['applicationId'] as const) })
  @ApiOkResponse({ type: ApplicationTransitionResultV1 })
  @ApiProblems(400, 401, 403, 404, 409, 422, 429, 503)
  async action(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @CorrelationId() cid: string,
  ): Promise<ApplicationTransitionResultV1> {
    const checked: ApplicantActionRequestV1 = await new ApplicantActionPipe().transform({
      ...(body ?? {}),
      applicationId: await applicationIdOf(id),
    });
    return this.rpc.call(Rpc.approvalApplicantAction, principal, checked, cid);
  }
}

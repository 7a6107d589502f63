import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  OmitType,
} from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import {
  ApplicantActionRequest,
  ApplicationTransitionResultV1,
  ApprovalProjectRegistration,
  ApprovalProjectRegistrationV1,
  ApprovalProjectV1,
  PermitApplicationReceiptV1,
  PermitApplicationStatusV1,
  PermitApplicationSubmission,
  Principal,
  Rpc,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ScanUploadService } from '../scans/scan-upload.service';
import { applicationIdOf, ApprovalProjectPipe } from './approval-inputs';
import { applicantActionOf } from './applicant-action-submission';
import { permitApplicationSubmissionOf } from './permit-application-submission';

/** 工改系统 side of 施工许可审批: 报建 (project type), 申报, the applicant's status, 补正后重新提交 / 撤回. */
@ApiTags('工改系统施工许可审批 Approval system permit applications')
@ApiBearerAuth()
@RequireScopes(Scopes.approvalWrite)
@Controller('api/v1/approval')
export class ApprovalApplicantController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: ScanUploadService,
  ) {}

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
      '预售商品房项目须填写 capitalGuarantee（是否实行项目资本保证金、总额或承诺函）与 fundSupervision（是否计划实行预售资金监管、监管银行、监管账号），其它类型不填。实行项目资本保证金（applies=true）须有总额 amountFen 或承诺函其一。承诺函扫描件随申报上传：以 multipart/form-data 提交，data 部分为本表单 JSON，scan 部分为承诺函（PDF/JPEG/PNG，按内容判断，≤ 20 MB）；JSON 申报不能带 commitmentLetter。所有字段问题一次列出（422 INCOMPLETE_SUBMISSION）。\n\n' +
      'JSON, or multipart/form-data with the form as `data` and the capital-guarantee commitment letter as `scan`.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: PermitApplicationSubmission })
  @ApiCreatedResponse({ type: PermitApplicationReceiptV1 })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422, 429, 503)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<PermitApplicationReceiptV1> {
    const body = await permitApplicationSubmissionOf(request, this.uploads);
    return this.rpc.call(Rpc.approvalApplicationSubmit, principal, body, cid, { timeoutMs: 10_000 });
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
      'RESUBMIT 可带 corrections 更正表单字段（除 projectCode 外），按申报的同一规则校验（422 列出 corrections.* 字段），办理记录 changes 列出改动。' +
      '补正时上传或更换项目资本保证金承诺函：以 multipart/form-data 提交，data 部分为本请求 JSON（action 须为 RESUBMIT，可带 corrections），scan 部分为承诺函（PDF/JPEG/PNG，按内容判断，≤ 20 MB；否则 415 / 413）；JSON 请求不能带 commitmentLetter。' +
      '承诺函仅用于预售商品房项目且更正后 capitalGuarantee.applies=true（否则 422，errors 列出 commitmentLetter）；新承诺函作为新版本与重新提交在同一事务中保存，原承诺函保留，详情与下载均为最新一份，办理记录 changes 列出 capitalGuarantee.commitmentLetter 的前后摘要；更正后“总额或承诺函至少其一”照常适用。\n\n' +
      'JSON, or multipart/form-data with the action as `data` and a new capital-guarantee commitment letter as `scan` (RESUBMIT of a PRESALE case whose guarantee applies): kept as the current letter, earlier ones kept too.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: OmitType(ApplicantActionRequest, ['applicationId'] as const) })
  @ApiOkResponse({ type: ApplicationTransitionResultV1 })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422, 429, 503)
  async action(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<ApplicationTransitionResultV1> {
    const checked = await applicantActionOf(request, await applicationIdOf(id), this.uploads);
    return this.rpc.call(Rpc.approvalApplicantAction, principal, checked, cid, { timeoutMs: 10_000 });
  }
}

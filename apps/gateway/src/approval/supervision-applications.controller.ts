import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProduces, OmitType } from '@nestjs/swagger';
import { assertRegionAllowed, StaffScopes } from '@hn/auth';
import {
  ApplicationListRequestV1,
  ApplicationTransitionRequest,
  ApplicationTransitionRequestV1,
  ApplicationTransitionResultV1,
  PermitApplicationPageV1,
  PermitApplicationV1,
  Principal,
  Rpc,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { SupervisionRoute } from '../supervision/supervision-problems.openapi';
import { contentDisposition } from '../presale/file-response';
import { ScanUploadService } from '../scans/scan-upload.service';
import { applicationIdOf, ApplicationListPipe, TransitionPipe } from './approval-inputs';

/** 主管部门动态监管平台 side: 受理 → 初审 → 质量/安全报监 → 开工条件审查 → 复审 → 决定/发证 → 办结. */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@Controller('api/v1/supervision/permit-applications')
export class SupervisionApplicationsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: ScanUploadService,
  ) {}

  @Get()
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '施工许可申请清单 List applications in the caller’s regions (state, stage, regionCode, overdue)',
    description:
      'overdue=true：当前环节或全流程已红灯（已用工作日达到承诺时限）；每项带 clock（环节与全流程时限、暂停记录）。',
  })
  @ApiOkResponse({ type: PermitApplicationPageV1 })
  @ApiProblems(401, 403, 422, 429, 503)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(ApplicationListPipe) query: ApplicationListRequestV1,
    @CorrelationId() cid: string,
  ): Promise<PermitApplicationPageV1> {
    if (query.regionCode) assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
    const { state, stage, regionCode, overdue, page, pageSize } = query;
    return this.rpc.call(
      Rpc.approvalApplicationList,
      principal,
      { state, stage, regionCode, overdue, page, pageSize },
      cid,
    );
  }

  @Get(':id')
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({ summary: '申请详情（表单、资本保证金与资金监管字段、办理记录）Application detail with history' })
  @ApiOkResponse({ type: PermitApplicationV1 })
  @ApiProblems(401, 403, 404, 422, 429, 503)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CorrelationId() cid: string,
  ): Promise<PermitApplicationV1> {
    return this.rpc.call(Rpc.approvalApplicationGet, principal, { applicationId: await applicationIdOf(id) }, cid);
  }

  @Get(':id/commitment-letter')
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '下载项目资本保证金承诺函扫描件 Download the capital-guarantee commitment letter scan',
    description: '本区划工作人员下载申报时上传的承诺函（原类型、原文件名）；未上传 404 COMMITMENT_LETTER_NOT_FOUND。',
  })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: '承诺函扫描件字节 the scan bytes' })
  @ApiProblems(401, 403, 404, 422, 429, 503)
  async commitmentLetter(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CorrelationId() cid: string,
  ): Promise<StreamableFile> {
    const ref = await this.rpc.call(
      Rpc.approvalCommitmentLetter,
      principal,
      { applicationId: await applicationIdOf(id) },
      cid,
      { timeoutMs: 10_000 },
    );
    const bytes = await this.uploads.takeStaged(ref);
    return new StreamableFile(bytes, {
      type: ref.contentType,
      disposition: contentDisposition('attachment', ref.fileName),
      length: bytes.length,
    });
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary:
      '办理：通过 / 退回补正 / 不予许可 / 暂停 / 恢复计时 Take a transition (PASS | RETURN_FOR_CORRECTION | REJECT | PAUSE | RESUME)',
    description:
      'PAUSE（勘验、专家评审、听证）须附书面告知 notice{kind, noticeNumber, reason, date}，暂停期间不计时，RESUME 恢复；退回补正也暂停计时至申请方重新提交。各环节可办理的角色按配置（403 STAGE_ROLE_FORBIDDEN）。受理环节通过须带 confirmedProjectType（审查人员确认的项目类型，缺少 422，与报建类型不一致 409 PROJECT_TYPE_MISMATCH，应退回补正）。通过进入下一环节；决定环节通过即签发 18 位施工许可证编号并返回。初审、复审、决定须由三名不同人员办理（409 SEPARATION_OF_DUTIES）；预售商品房项目在开工条件审查、决定环节须有资本保证金总额（422 CAPITAL_GUARANTEE_MISSING）及监管银行、账号（422 ESCROW_ACCOUNT_MISSING）；表中没有的操作 409 INVALID_TRANSITION。',
  })
  @ApiBody({ type: OmitType(ApplicationTransitionRequest, ['applicationId'] as const) })
  @ApiOkResponse({ type: ApplicationTransitionResultV1 })
  @ApiProblems(400, 401, 403, 404, 409, 422, 429, 503)
  async transition(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @CorrelationId() cid: string,
  ): Promise<ApplicationTransitionResultV1> {
    const checked: ApplicationTransitionRequestV1 = await new TransitionPipe().transform(
      {
        ...(body ?? {}),
        applicationId: await applicationIdOf(id),
      },
      { type: 'body' },
    );
    return this.rpc.call(Rpc.approvalApplicationTransition, principal, checked, cid, { timeoutMs: 10_000 });
  }
}

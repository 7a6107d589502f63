import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiProduces } from '@nestjs/swagger';
import { StaffScopes } from '@hn/auth';
import {
  AlertDecisionInput,
  AlertDetailV1,
  AlertFollowUpInput,
  AlertFollowUpInputV1,
  AlertListRequestV1,
  AlertPageV1,
  AlertPermitLinkInput,
  Principal,
  ALERT_SORT,
} from '@hn/messages';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import {
  ApiMultipartScan,
  MultipartScanProblems,
  SCAN_UNAVAILABLE_EXAMPLE,
} from '../backfill/backfill-problems.openapi';
import { readScanRequest } from '../backfill/scan-request';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { incompleteExample, invalidSortExample } from '../openapi/problem-example.builders';
import { ScanUploadService } from '../scans/scan-upload.service';
import { Audited } from '../supervision/supervision-gateway.service';
import { CommonSupervisionProblems, SupervisionRoute } from '../supervision/supervision-problems.openapi';
import {
  AlertIdPipe,
  AlertListQueryPipe,
  DecisionPipe,
  dismissalData,
  FollowUpPipe,
  PermitLinkPipe,
} from './alert-inputs';
import { AlertsGatewayService } from './alerts-gateway.service';
import {
  ALERT_ID_EXAMPLE,
  AlertActionProblems,
  ApiAlertListQuery,
  INVALID_FILTER_EXAMPLE,
} from './alerts-problems.openapi';

/**
 * Parameters are typed with interfaces, not the message classes, so the global ValidationPipe (400)
 * leaves them to the route's message pipes (422 with the alerts service's own code and fields).
 */
type DecisionBody = Pick<AlertDecisionInput, 'note'>;
type PermitLinkBody = Pick<AlertPermitLinkInput, 'permitNumber'>;

const INCOMPLETE = incompleteExample([{ field: 'reason', reason: '最长 1000 字 (at most 1000 characters)' }]);

/**
 * 预警 (task 2(4)4, 4(2), 4(3)): county staff see their own alerts, a city its counties', the province
 * all; follow-ups, dismissals decided one level up, and the permit link that clears a
 * presale-without-permit alert.
 */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/supervision/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsGatewayService,
    private readonly uploads: ScanUploadService,
  ) {}

  @Get()
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '查询预警（本人区划内）List alerts in the caller’s region',
    description:
      '逾期验收（OVERDUE_ACCEPTANCE，分增量 INCREMENT / 存量 STOCK）、已办预售未办施工许可（PRESALE_WITHOUT_PERMIT）、网签比对差异（RECONCILIATION_DIFFERENCE）、未实行资金监管（ESCROW_NOT_SUPERVISED）、施工许可审批环节超时（APPROVAL_OVERDUE，环节红灯时出现，离开该环节解除）。' +
      '县市区看本县，市州看所辖县市区，省厅看全省。不填 state 时列出未关闭的（OPEN、FOLLOWING）；asOf=YYYY-MM-DD 重现该日（北京时间当日结束时）的列表。未知的 type/state/scope 为 422 INVALID_FILTER，列出允许的值。\n\n' +
      'Alerts are raised from events and cleared only by the fact that clears them (or an approved dismissal), never by time. asOf reproduces the list as recorded at the end of that China day.',
  })
  @ApiAlertListQuery()
  @ApiOkResponse({ type: AlertPageV1 })
  @ApiProblemExamples(422, '查询条件无效 Invalid filter', {
    invalidType: INVALID_FILTER_EXAMPLE,
    invalidSort: invalidSortExample(ALERT_SORT),
  })
  @CommonSupervisionProblems()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(AlertListQueryPipe) query: AlertListRequestV1,
    @CorrelationId() cid: string,
  ): Promise<AlertPageV1> {
    return this.alerts.list(principal, query, cid);
  }

  @Get('export')
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '导出预警（CSV，全部结果）Export alerts as CSV (the whole result)',
    description:
      "与列表相同的条件，导出全部结果（不只当前页），UTF-8 带 BOM，Excel 可直接打开；以 = + - @ 开头的内容前加 ' 防止公式注入。\n\n" +
      'Same filters as the list; every matching alert, not only one page. UTF-8 with BOM.',
  })
  @ApiAlertListQuery()
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv; charset=utf-8', schema: { type: 'string' } })
  @ApiProblemExamples(422, '查询条件无效 Invalid filter', {
    invalidType: INVALID_FILTER_EXAMPLE,
    invalidSort: invalidSortExample(ALERT_SORT),
  })
  @CommonSupervisionProblems()
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query(AlertListQueryPipe) query: AlertListRequestV1,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const chunks: string[] = [];
    for await (const chunk of this.alerts.exportCsv(principal, query, cid)) chunks.push(chunk);
    const date = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="alerts-${date}.csv"`);
    return chunks.join('');
  }

  @Get(':alertId')
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '预警详情（含全部历史）Alert with its history',
    description:
      '每次状态变化都保留：时间、操作人、引起变化的事件或记录。\n\nEvery state change with actor, time and cause.',
  })
  @ApiParam({ name: 'alertId', example: ALERT_ID_EXAMPLE })
  @ApiOkResponse({ type: AlertDetailV1 })
  @AlertActionProblems()
  @CommonSupervisionProblems()
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', AlertIdPipe) alertId: string,
    @CorrelationId() cid: string,
  ): Promise<AlertDetailV1> {
    return this.alerts.get(principal, alertId, cid);
  }

  @Post(':alertId/follow-ups')
  @HttpCode(201)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '填写跟踪记录 Record a follow-up',
    description:
      '逾期原因、采取的措施、责任人及电话、计划完成日期（任务 4(3)）；可多次填写。第一条跟踪记录后预警变为 FOLLOWING。已解除或已核销的预警为 409 ALERT_CLEARED。\n\n' +
      'Reason, measures, responsible person and phone, planned date; the first follow-up moves the alert to FOLLOWING.',
  })
  @ApiParam({ name: 'alertId', example: ALERT_ID_EXAMPLE })
  @ApiBody({ type: AlertFollowUpInput })
  @ApiOkResponse({ type: AlertDetailV1 })
  @AlertActionProblems()
  @ApiProblemExamples(422, '不完整或有误 Incomplete or invalid', { incomplete: INCOMPLETE })
  @CommonSupervisionProblems()
  followUp(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', AlertIdPipe) alertId: string,
    @Body(FollowUpPipe) body: AlertFollowUpInputV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    return this.alerts.followUp(principal, alertId, body, cid);
  }

  @Post(':alertId/dismissal')
  @HttpCode(201)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '申请误报核销（附证明材料）Request a dismissal with evidence',
    description:
      '本区划工作人员填写理由并上传证明材料扫描件；须由上一级工作人员审核（市州审核县市区，省厅审核市州，省厅管理员审核省厅），申请人不能审核本人的申请。同一预警同时只能有一个待审核申请（409 DISMISSAL_PENDING）。\n\n' +
      'A false positive: reason and evidence scan; decided one level up.',
  })
  @ApiParam({ name: 'alertId', example: ALERT_ID_EXAMPLE })
  @ApiMultipartScan(
    '核销理由（JSON）{ reason }',
    { reason: '该项目已于 2024-05-10 线下完成竣工验收备案，附备案表' },
    '证明材料扫描件 evidence',
  )
  @ApiOkResponse({ type: AlertDetailV1 })
  @MultipartScanProblems()
  @AlertActionProblems({
    pending: {
      code: 'DISMISSAL_PENDING',
      detail: `预警 ${ALERT_ID_EXAMPLE} 已有待审核的核销申请 (a dismissal request is already pending)`,
    },
  })
  @ApiProblemExamples(422, '不完整或有误 Incomplete or invalid', {
    incomplete: INCOMPLETE,
    scanUnavailable: SCAN_UNAVAILABLE_EXAMPLE,
  })
  @CommonSupervisionProblems()
  async requestDismissal(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', AlertIdPipe) alertId: string,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    const { data, scan } = await readScanRequest(this.uploads, request, dismissalData);
    return this.alerts.requestDismissal(principal, alertId, data.reason, scan, cid);
  }

  @Post(':alertId/dismissal/approve')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '同意核销（上一级）Approve a dismissal (one level up)',
    description:
      '预警变为 DISMISSED，并发布 hn.alerts.alert.dismissed.v1；同一事实不再重复预警。申请人本人审核为 403 SELF_APPROVAL；非上一级为 403 LEVEL_FORBIDDEN。\n\n' +
      'The alert becomes DISMISSED; the requester cannot approve (403 SELF_APPROVAL).',
  })
  @ApiParam({ name: 'alertId', example: ALERT_ID_EXAMPLE })
  @ApiBody({ type: AlertDecisionInput, required: false })
  @ApiOkResponse({ type: AlertDetailV1 })
  @AlertActionProblems({
    noPending: {
      code: 'NO_PENDING_DISMISSAL',
      detail: `预警 ${ALERT_ID_EXAMPLE} 没有待审核的核销申请 (no pending dismissal request)`,
    },
  })
  @CommonSupervisionProblems({
    selfApproval: {
      code: 'SELF_APPROVAL',
      detail: '申请人不能审核本人的申请，须由上一级工作人员审核 (the requester cannot decide their own request)',
    },
  })
  approveDismissal(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', AlertIdPipe) alertId: string,
    @Body(DecisionPipe) body: DecisionBody,
    @CorrelationId() cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    return this.alerts.decideDismissal(principal, alertId, 'APPROVE', body.note, cid);
  }

  @Post(':alertId/dismissal/reject')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '驳回核销（上一级，须填写意见）Reject a dismissal (one level up, with a note)',
    description: '预警保持原状态，申请记录为 REJECTED。\n\nThe alert stays as it was; the request is REJECTED.',
  })
  @ApiParam({ name: 'alertId', example: ALERT_ID_EXAMPLE })
  @ApiBody({ type: AlertDecisionInput })
  @ApiOkResponse({ type: AlertDetailV1 })
  @AlertActionProblems()
  @CommonSupervisionProblems()
  rejectDismissal(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', AlertIdPipe) alertId: string,
    @Body(DecisionPipe) body: DecisionBody,
    @CorrelationId() cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    return this.alerts.decideDismissal(principal, alertId, 'REJECT', body.note, cid);
  }

  @Post(':alertId/permit-link')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '关联已补办的施工许可证（解除已办预售未办施工许可预警）Link the construction permit obtained later',
    description:
      '仅用于 PRESALE_WITHOUT_PERMIT 预警（其他类型 409 ALERT_TYPE_MISMATCH）；施工许可证须已在平台登记（404 PERMIT_NOT_FOUND）且在本人区划内。\n\n' +
      'Clears a PRESALE_WITHOUT_PERMIT alert once the project has a construction permit on record.',
  })
  @ApiParam({ name: 'alertId', example: ALERT_ID_EXAMPLE })
  @ApiBody({ type: AlertPermitLinkInput })
  @ApiOkResponse({ type: AlertDetailV1 })
  @AlertActionProblems()
  @CommonSupervisionProblems()
  linkPermit(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', AlertIdPipe) alertId: string,
    @Body(PermitLinkPipe) body: PermitLinkBody,
    @CorrelationId() cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    return this.alerts.linkPermit(principal, alertId, body.permitNumber, cid);
  }
}

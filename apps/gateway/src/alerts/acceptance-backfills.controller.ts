import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery } from '@nestjs/swagger';
import { StaffScopes } from '@hn/auth';
import {
  AcceptanceBackfillListRequestV1,
  AcceptanceBackfillPageV1,
  AcceptanceBackfillV1,
  AlertDecisionInput,
  ACCEPTANCE_BACKFILL_SORT,
  Principal,
} from '@hn/messages';
import { invalidSortExample } from '../openapi/problem-example.builders';
import type { FastifyRequest } from 'fastify';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import {
  ApiMultipartScan,
  MultipartScanProblems,
  SCAN_UNAVAILABLE_EXAMPLE,
} from '../backfill/backfill-problems.openapi';
import { readScanRequest } from '../backfill/scan-request';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { ScanUploadService } from '../scans/scan-upload.service';
import { Audited } from '../supervision/supervision-gateway.service';
import { CommonSupervisionProblems, SupervisionRoute } from '../supervision/supervision-problems.openapi';
import { acceptanceBackfillData, BackfillIdPipe, BackfillListQueryPipe, DecisionPipe } from './alert-inputs';
import { AlertsGatewayService } from './alerts-gateway.service';
import { INVALID_FILTER_EXAMPLE } from './alerts-problems.openapi';

const BACKFILL_ID = '3f0e6f4a-8a51-4a3b-9d5b-1c2d3e4f5a6b';

/**
 * 验收日期数据治理补录 (task 4(2)): for projects that skipped online acceptance, county or city staff
 * submit the date and document; the province approves or returns it. An approved date is recorded by
 * the permits service (source GOVERNANCE) and clears the overdue-acceptance alert.
 */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/supervision/acceptance-backfills')
export class AcceptanceBackfillsController {
  constructor(
    private readonly alerts: AlertsGatewayService,
    private readonly uploads: ScanUploadService,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('COUNTY', 'CITY', 'ADMIN')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '提交验收日期补录（县市区、市州；省厅管理员可代录）Submit an acceptance date backfill',
    description:
      '验收类型（五方验收 FIVE_PARTY / 竣工验收备案 COMPLETION_FILING）、日期（不晚于今天）和证明材料扫描件。施工许可证须在本人区划内、尚无任何验收日期（409 ACCEPTANCE_ALREADY_RECORDED），且没有待审核的补录（409 BACKFILL_PENDING）。\n\n' +
      'Kind, date and document scan for a permit without any acceptance date; the province decides.',
  })
  @ApiMultipartScan(
    '补录信息（JSON）AcceptanceBackfillInput',
    { permitNumber: '430223201906200101', kind: 'COMPLETION_FILING', date: '2024-05-10', note: '线下办理竣工验收备案' },
    '验收或备案证明扫描件 document scan',
  )
  @ApiCreatedResponse({ type: AcceptanceBackfillV1 })
  @MultipartScanProblems()
  @ApiProblemExamples(409, '已有验收日期或待审核的补录 Already recorded or pending', {
    recorded: {
      code: 'ACCEPTANCE_ALREADY_RECORDED',
      detail:
        '施工许可证 430223201906200101 已有五方验收或竣工验收备案日期，无需补录 (an acceptance date is already recorded)',
    },
  })
  @ApiProblemExamples(422, '不完整或有误 Incomplete or invalid', { scanUnavailable: SCAN_UNAVAILABLE_EXAMPLE })
  @CommonSupervisionProblems()
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<AcceptanceBackfillV1>> {
    const { data, scan } = await readScanRequest(this.uploads, request, acceptanceBackfillData);
    return this.alerts.submitBackfill(principal, data, scan, cid);
  }

  @Get()
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '查询验收日期补录 List acceptance date backfills',
    description: "本人区划内的补录，可按状态、区划筛选，最新在前。\n\nThe caller's regions, newest first.",
  })
  @ApiQuery({ name: 'state', required: false, enum: ['PENDING', 'APPROVED', 'RETURNED'] })
  @ApiQuery({ name: 'regionCode', required: false, example: '430223' })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'pageSize', required: false, example: 20 })
  @ApiQuery({
    name: 'sort',
    required: false,
    enum: ACCEPTANCE_BACKFILL_SORT.values,
    description: '排序：字段名升序，前加 - 降序（以编号为次序）；不填为提交时间倒序',
  })
  @ApiOkResponse({ type: AcceptanceBackfillPageV1 })
  @ApiProblemExamples(422, '查询条件无效 Invalid filter', {
    invalidState: INVALID_FILTER_EXAMPLE,
    invalidSort: invalidSortExample(ACCEPTANCE_BACKFILL_SORT),
  })
  @CommonSupervisionProblems()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(BackfillListQueryPipe) query: AcceptanceBackfillListRequestV1,
    @CorrelationId() cid: string,
  ): Promise<AcceptanceBackfillPageV1> {
    return this.alerts.listBackfills(principal, query, cid);
  }

  @Post(':backfillId/approve')
  @HttpCode(200)
  @RequireRoles('PROVINCE', 'ADMIN')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '同意补录（省厅）Approve a backfill (province)',
    description:
      '发布 hn.alerts.acceptance-backfill.approved.v1；施工许可服务记录该日期（来源 GOVERNANCE）并发布 hn.permits.acceptance.recorded.v1，逾期验收预警随之解除，项目保留“数据治理补录”标记（计入营商环境考核）。\n\n' +
      'The permits service records the date (source GOVERNANCE); the alert clears.',
  })
  @ApiParam({ name: 'backfillId', example: BACKFILL_ID })
  @ApiBody({ type: AlertDecisionInput, required: false })
  @ApiOkResponse({ type: AcceptanceBackfillV1 })
  @CommonSupervisionProblems()
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('backfillId', BackfillIdPipe) backfillId: string,
    @Body(DecisionPipe) body: Pick<AlertDecisionInput, 'note'>,
    @CorrelationId() cid: string,
  ): Promise<Audited<AcceptanceBackfillV1>> {
    return this.alerts.decideBackfill(principal, backfillId, 'APPROVE', body.note, cid);
  }

  @Post(':backfillId/return')
  @HttpCode(200)
  @RequireRoles('PROVINCE', 'ADMIN')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '退回补录（省厅，须填写意见）Return a backfill (province, with a note)',
    description:
      '补录记录为 RETURNED，县市区可修改后重新提交。\n\nThe backfill is RETURNED; a new one may be submitted.',
  })
  @ApiParam({ name: 'backfillId', example: BACKFILL_ID })
  @ApiBody({ type: AlertDecisionInput })
  @ApiOkResponse({ type: AcceptanceBackfillV1 })
  @CommonSupervisionProblems()
  returnBackfill(
    @CurrentPrincipal() principal: Principal,
    @Param('backfillId', BackfillIdPipe) backfillId: string,
    @Body(DecisionPipe) body: Pick<AlertDecisionInput, 'note'>,
    @CorrelationId() cid: string,
  ): Promise<Audited<AcceptanceBackfillV1>> {
    return this.alerts.decideBackfill(principal, backfillId, 'RETURN', body.note, cid);
  }
}

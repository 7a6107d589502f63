import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { StaffScopes } from '@hn/auth';
import {
  DifferenceAcknowledgement,
  Principal,
  RECONCILIATION_SORT,
  ReconciliationDifferencePageV1,
  ReconciliationDifferenceV1,
  ReconciliationQuery,
  ReconciliationRunResultV1,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import { ApiInvalidSort } from '../validation/sort-query';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { AcknowledgeDifferencePipe, DifferenceIdPipe } from './supervision-inputs';
import { Audited, SupervisionGatewayService } from './supervision-gateway.service';
import { CommonSupervisionProblems, MALFORMED_JSON_EXAMPLE, SupervisionRoute } from './supervision-problems.openapi';
import { incompleteExample, validationExample } from '../openapi/problem-example.builders';

const DIFFERENCE_ID_EXAMPLE = '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11';

/** 与房地产市场监管平台比对: the province runs it, cities and counties check and explain the differences. */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/supervision/reconciliation')
export class ReconciliationController {
  constructor(private readonly supervision: SupervisionGatewayService) {}

  @Post('runs')
  @HttpCode(201)
  @RequireRoles('PROVINCE', 'ADMIN')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '立即执行一次比对（仅省厅）Run a reconciliation now (province only)',
    description:
      '从房地产市场监管平台拉取实时网签备案数据（分页、断点续传、失败重试），按预售许可证和月份比对本平台的有效备案与已提交的网签统计，保存并发布每一处差异（套数、面积、金额差，两边缺失或不一致的合同号）。' +
      '同一时间只运行一次（409 RECONCILIATION_IN_PROGRESS）；市场监管平台不可用时 503 MARKET_PLATFORM_UNAVAILABLE，不进行比对。耗时可能较长，网关等待时间单独配置（GATEWAY_RECONCILIATION_TIMEOUT_MS，默认 120 秒）。\n\n' +
      "Pulls the market platform's feed up to date, compares every (presale permit, month) and stores the differences. Roles PROVINCE and ADMIN only.",
  })
  @ApiCreatedResponse({ type: ReconciliationRunResultV1 })
  @CommonSupervisionProblems({
    roleForbidden: {
      code: 'ROLE_FORBIDDEN',
      detail: '此操作仅限 PROVINCE、ADMIN 角色的工作人员 (requires staff role PROVINCE or ADMIN)',
    },
  })
  @ApiProblemExamples(409, '比对进行中 In progress', {
    inProgress: {
      code: 'RECONCILIATION_IN_PROGRESS',
      detail: '比对任务正在进行中，请稍后再试 (a reconciliation run is in progress)',
    },
  })
  async run(
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() cid: string,
  ): Promise<Audited<ReconciliationRunResultV1>> {
    return this.supervision.runReconciliation(principal, cid);
  }

  @Get()
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: "查询比对差异（本人区划内）List reconciliation differences in the caller's region",
    description:
      '市州、县市区住建部门查看本区划的比对差异并核实。不填 state 时列出待核实（OPEN）和已说明（ACKNOWLEDGED）的差异；regionCode 须在本人区划内（市州代码含所辖县市区）。\n\n' +
      "Differences inside the caller's region; without state: OPEN and ACKNOWLEDGED.",
  })
  @ApiOkResponse({ type: ReconciliationDifferencePageV1 })
  @ApiProblemExamples(400, '查询参数无效 Invalid query', {
    invalidState: validationExample([{ field: 'state', reason: 'state 须为 OPEN / ACKNOWLEDGED / RESOLVED 之一' }]),
  })
  @CommonSupervisionProblems({
    regionForbidden: {
      code: 'REGION_FORBIDDEN',
      detail: "区划 430102 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
      errors: [{ field: 'regionCode', reason: '区划 430102 不在授权范围 (region 430102 not granted)' }],
    },
  })
  @ApiInvalidSort(RECONCILIATION_SORT)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReconciliationQuery,
    @CorrelationId() cid: string,
  ): Promise<ReconciliationDifferencePageV1> {
    await sortOrder(RECONCILIATION_SORT, query.sort);
    return this.supervision.listDifferences(
      principal,
      {
        ...(query.state ? { state: query.state } : {}),
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(query.sort ? { sort: query.sort } : {}),
        page: query.page,
        pageSize: query.pageSize,
      },
      cid,
    );
  }

  @Post(':differenceId/acknowledge')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '核实说明比对差异 Acknowledge a difference with an explanation',
    description:
      '本区划工作人员核实差异后填写说明（1–1000 字），差异变为已说明（ACKNOWLEDGED）。已说明的再次说明为 409 ALREADY_ACKNOWLEDGED，已消除的为 409 DIFFERENCE_RESOLVED。\n\n' +
      'The difference becomes ACKNOWLEDGED with the explanation; a second acknowledgement is 409.',
  })
  @ApiParam({ name: 'differenceId', example: DIFFERENCE_ID_EXAMPLE, description: '差异编号（UUID）' })
  @ApiBody({
    type: DifferenceAcknowledgement,
    examples: {
      pushed: {
        summary: '补推遗漏的备案',
        value: { explanation: '经核实，B0005 号合同已于 2024-10-12 在市网签系统备案，推送省平台失败，已补推。' },
      },
    },
  })
  @ApiOkResponse({ type: ReconciliationDifferenceV1 })
  @ApiProblemExamples(400, '编号或请求体格式错误 Invalid id or body', {
    invalidId: validationExample([{ field: 'differenceId', reason: '差异编号须为 UUID (UUID)' }]),
    malformedJson: MALFORMED_JSON_EXAMPLE,
  })
  @CommonSupervisionProblems({
    regionForbidden: {
      code: 'REGION_FORBIDDEN',
      detail: "无权访问 430102202405100101-Y01 所在区划的数据 (outside the caller's regions)",
    },
  })
  @ApiProblemExamples(404, '差异不存在 Not found', {
    differenceNotFound: {
      code: 'DIFFERENCE_NOT_FOUND',
      detail: `未找到比对差异 ${DIFFERENCE_ID_EXAMPLE} (difference not found)`,
    },
  })
  @ApiProblemExamples(409, '已说明或已消除 Already acknowledged or resolved', {
    alreadyAcknowledged: {
      code: 'ALREADY_ACKNOWLEDGED',
      detail: `比对差异 ${DIFFERENCE_ID_EXAMPLE} 已核实说明 (already acknowledged)`,
    },
    resolved: {
      code: 'DIFFERENCE_RESOLVED',
      detail: `比对差异 ${DIFFERENCE_ID_EXAMPLE} 已消除，无需说明 (difference no longer exists)`,
    },
  })
  @ApiProblemExamples(422, '说明缺失或过长 Explanation missing or too long', {
    incomplete: incompleteExample([{ field: 'explanation', reason: '必填 (required)' }]),
  })
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('differenceId', DifferenceIdPipe) differenceId: string,
    @Body(AcknowledgeDifferencePipe) body: { explanation: string },
    @CorrelationId() cid: string,
  ): Promise<Audited<ReconciliationDifferenceV1>> {
    return this.supervision.acknowledge(principal, { differenceId, explanation: body.explanation }, cid);
  }
}

import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Scopes, StaffScopes } from '@hn/auth';
import {
  ASSESSMENT_APPEAL_STATES,
  AssessmentAppeal,
  AssessmentAppealDecisionInput,
  APPEAL_SCANS_MAX,
  AssessmentAppealInput,
  AssessmentAppealDecisionRequestV1,
  AssessmentAppealListRequestV1,
  AssessmentAppealSubmitRequestV1,
  AssessmentAppealPage,
  AssessmentAppealPageV1,
  AssessmentAppealV1,
  Principal,
  StatisticsAssessment,
  StatisticsAssessmentRequestV1,
  StatisticsAssessmentV1,
} from '@hn/messages';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { MultipartScanProblems, SCAN_UNAVAILABLE_EXAMPLE } from '../backfill/backfill-problems.openapi';
import { readScanRequest } from '../backfill/scan-request';
import { ScanUploadService } from '../scans/scan-upload.service';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { Audited } from '../supervision/supervision-gateway.service';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { CommonSupervisionProblems } from '../supervision/supervision-problems.openapi';
import { AssessmentGatewayService } from './assessment-gateway.service';
import {
  AppealDecisionPipe,
  AppealIdPipe,
  AppealListQueryPipe,
  AppealPipe,
  AppealScanIdPipe,
  AppealScanPositionPipe,
  AssessmentQueryPipe,
} from './assessment-inputs';
import { ApiSummaryQuery, STATISTICS_TAG, StatisticsProblems, SUMMARY_INVALID } from './statistics-problems.openapi';

const APPEAL_ID = '6a1f0a52-1f7c-4d8e-9d2a-3b4c5d6e7f80';
/** the JSON body and the multipart upload's `data` part are checked alike (AssessmentAppealInput) */
const appealInput = new AppealPipe();
const BODY = { type: 'body' } as const;

/**
 * 营商环境考核 (issue 13 item 4): the deductions of the regions (rules in a versioned file of the alerts
 * service) with each deducted item linked to its record, and the appeals (申诉) of a region decided by
 * the province. Appeal writes are audited. Bodies and queries are typed with the interfaces so the global
 * ValidationPipe leaves them to the route pipes (422, as the alerts service answers).
 */
@ApiTags(STATISTICS_TAG)
@ApiBearerAuth()
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/statistics/assessment')
export class AssessmentController {
  constructor(
    private readonly assessment: AssessmentGatewayService,
    private readonly uploads: ScanUploadService,
  ) {}

  @Get()
  @RequireScopes(Scopes.statisticsRead)
  @ApiOperation({
    summary: '营商环境考核扣分（下级区划）Region assessment: deductions of the children',
    description:
      '按扣分规则文件（rulesVersion）计算截至 asOf（北京时间当日结束时已登记的记录、预警历史和已成立的申诉）的扣分：全省列出各市州，市州列出所辖县市区，县市区只列本县。' +
      '县市区得分 = 100 − 各规则扣分（每项扣分 × 项数，不超过该规则上限），不低于 0；市州得分 = 所辖县市区得分的平均数 − 市本级记录的扣分。每一扣分项给出记录及其接口地址（link）。同一 asOf 的结果不因其后登记的记录而改变。\n\n' +
      'Deductions as of the end of asOf per the versioned rules; every deducted item links to its record; the same asOf always gives the same result.',
  })
  @ApiSummaryQuery()
  @ApiOkResponse({ type: StatisticsAssessment })
  @StatisticsProblems(SUMMARY_INVALID)
  get(
    @CurrentPrincipal() principal: Principal,
    @Query(AssessmentQueryPipe) query: StatisticsAssessmentRequestV1,
    @CorrelationId() cid: string,
  ): Promise<StatisticsAssessmentV1> {
    return this.assessment.assessment(principal, query, cid);
  }

  @Get('appeals')
  @RequireScopes(Scopes.statisticsRead)
  @ApiOperation({
    summary: '考核申诉列表 List assessment appeals',
    description:
      '区划（含下级）内的申诉，最新在前，可按状态筛选。\n\nAppeals of the region and its children, newest first.',
  })
  @ApiQuery({ name: 'regionCode', required: true, example: '430200', description: '区划代码，须在本人区划内' })
  @ApiQuery({ name: 'state', required: false, enum: ASSESSMENT_APPEAL_STATES, description: '状态' })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'pageSize', required: false, example: 20, description: '1–100' })
  @ApiOkResponse({ type: AssessmentAppealPage })
  @StatisticsProblems(SUMMARY_INVALID)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(AppealListQueryPipe) query: AssessmentAppealListRequestV1,
    @CorrelationId() cid: string,
  ): Promise<AssessmentAppealPageV1> {
    return this.assessment.listAppeals(principal, query, cid);
  }

  @Post('appeals')
  @HttpCode(201)
  @RequireRoles('COUNTY', 'CITY')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '提交考核申诉（县市区、市州工作人员）Appeal a deducted item',
    description:
      '对本人区划内某县市区（或市本级）在某规则下的一个扣分项提出申诉，附理由和证明材料：文号或说明（evidence），以及可选的证明材料扫描件。' +
      '只有文字时用 application/json；附扫描件时用 multipart/form-data：data 部分为同样的 JSON，scan 部分为扫描件（PDF/JPEG/PNG，按内容判断，≤ 20 MB），与补录、更正的扫描件上传相同。' +
      '该项须是今天的考核结果中的扣分项（否则 422 ASSESSMENT_ITEM_NOT_FOUND）；同一项已有待审核申诉时 409 APPEAL_PENDING。由省厅审核，扫描件可在申诉的 evidenceScans[].link 下载。\n\n' +
      "An appeal of one item deducted from a region in the caller's area, as JSON, or as multipart/form-data " +
      'with the same JSON as `data` and an evidence scan as `scan`; the province decides and downloads the scan.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiExtraModels(AssessmentAppealInput)
  @ApiBody({
    description: `JSON：AssessmentAppealInput；multipart：data = AssessmentAppealInput 的 JSON，scan = 证明材料扫描件（每份申诉最多 ${APPEAL_SCANS_MAX} 份，本接口每次 1 份）`,
    schema: {
      oneOf: [
        { $ref: getSchemaPath(AssessmentAppealInput) },
        {
          type: 'object',
          required: ['data', 'scan'],
          properties: {
            data: { type: 'string', description: 'AssessmentAppealInput 的 JSON (JSON of AssessmentAppealInput)' },
            scan: { type: 'string', format: 'binary', description: '证明材料扫描件 evidence scan' },
          },
        },
      ],
    },
  })
  @ApiCreatedResponse({ type: AssessmentAppeal })
  @ApiProblemExamples(409, '已有待审核的申诉 Appeal pending', {
    pending: {
      code: 'APPEAL_PENDING',
      detail: '2024-430223-01-03-000001 已有待省厅审核的申诉 (an appeal of the item is pending)',
    },
  })
  @ApiProblemExamples(422, '不完整、不是扣分项或扫描件不可用 Incomplete, not a deducted item, or scan unavailable', {
    notDeducted: {
      code: 'ASSESSMENT_ITEM_NOT_FOUND',
      detail:
        '2024-430223-01-03-000009 不是 430223 截至 2026-11-30 在规则 PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT 下的扣分项',
      errors: [{ field: 'itemId', reason: '2024-430223-01-03-000009' }],
    },
    scanUnavailable: { ...SCAN_UNAVAILABLE_EXAMPLE, errors: [{ field: 'scans[0]', reason: 'expired' }] },
  })
  @MultipartScanProblems()
  @CommonSupervisionProblems()
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<AssessmentAppealV1>> {
    if (typeof request.isMultipart === 'function' && request.isMultipart()) {
      const { data, scan } = await readScanRequest(this.uploads, request, (raw) => appealInput.transform(raw, BODY));
      return this.assessment.submitAppeal(principal, data, scan, cid);
    }
    const body: AssessmentAppealSubmitRequestV1 = await appealInput.transform(request.body, BODY);
    return this.assessment.submitAppeal(principal, body, null, cid);
  }

  @Get('appeals/:appealId/evidence-scans/:position')
  @RequireScopes(Scopes.statisticsRead)
  @ApiOperation({
    summary: '下载申诉的证明材料扫描件 Download an evidence scan of an appeal',
    description:
      '申诉所属区划在本人或本凭据区划内（省厅：全部）即可查看；position 为提交顺序（申诉的 evidenceScans[].position）。按扫描件的类型返回原文件（inline）。\n\n' +
      "The scan's bytes with its content type, for the appeal's region and the province.",
  })
  @ApiParam({ name: 'appealId', example: APPEAL_ID })
  @ApiParam({ name: 'position', example: 1, description: `1–${APPEAL_SCANS_MAX}` })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({
    description: '扫描件原文件 the scan',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'image/jpeg': { schema: { type: 'string', format: 'binary' } },
      'image/png': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblemExamples(404, '申诉或扫描件不存在 Appeal or scan not found', {
    notFound: { code: 'APPEAL_NOT_FOUND', detail: `未找到考核申诉 ${APPEAL_ID} (appeal not found)` },
  })
  @ApiProblems(400, 401, 403, 429, 503)
  appealScan(
    @CurrentPrincipal() principal: Principal,
    @Param('appealId', AppealScanIdPipe) appealId: string,
    @Param('position', AppealScanPositionPipe) position: number,
    @CorrelationId() cid: string,
  ): Promise<StreamableFile> {
    return this.assessment.appealScan(principal, appealId, position, cid);
  }

  @Post('appeals/:appealId/decision')
  @HttpCode(200)
  @RequireRoles('PROVINCE')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '审核考核申诉（仅省厅）Decide an appeal (province only)',
    description:
      'UPHELD 申诉成立：自审核时刻起（asOf 为审核当日及以后），该项不再扣分；REJECTED 驳回。须填写审核意见；已审核的申诉 409 APPEAL_DECIDED。\n\n' +
      'UPHELD removes the item from assessments as of the decision onwards; REJECTED keeps it.',
  })
  @ApiParam({ name: 'appealId', example: APPEAL_ID })
  @ApiBody({ type: AssessmentAppealDecisionInput })
  @ApiOkResponse({ type: AssessmentAppeal })
  @ApiProblemExamples(404, '申诉不存在 Appeal not found', {
    notFound: { code: 'APPEAL_NOT_FOUND', detail: `未找到考核申诉 ${APPEAL_ID} (appeal not found)` },
  })
  @ApiProblemExamples(409, '已审核 Already decided', {
    decided: { code: 'APPEAL_DECIDED', detail: `考核申诉 ${APPEAL_ID} 已审核 (appeal already decided)` },
  })
  @CommonSupervisionProblems()
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('appealId', AppealIdPipe) appealId: string,
    @Body(AppealDecisionPipe) body: Omit<AssessmentAppealDecisionRequestV1, 'appealId'>,
    @CorrelationId() cid: string,
  ): Promise<Audited<AssessmentAppealV1>> {
    return this.assessment.decideAppeal(principal, appealId, body, cid);
  }
}

import { Body, Controller, Get, HttpCode, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { StaffScopes } from '@hn/auth';
import {
  MarkingBatchRequest,
  MarkingBatchRequestV1,
  MARKING_LIST_SORT,
  MarkingBatchResultV1,
  MarkingCorrectionData,
  MarkingCorrectionResultV1,
  MarkingListQuery,
  MarkingPageV1,
  MarkingSubmitRequest,
  MarkingSubmitRequestV1,
  MarkingSubmitResultV1,
  MarkingWithdrawResultV1,
  Principal,
  SCAN_MAX_BYTES,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import type { FastifyRequest } from 'fastify';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { ScanUploadService } from '../scans/scan-upload.service';
import { Audited } from '../supervision/supervision-gateway.service';
import {
  CommonSupervisionProblems,
  MALFORMED_JSON_EXAMPLE,
  ROLE_FORBIDDEN_EXAMPLE,
  SCOPE_FORBIDDEN_EXAMPLE,
  SupervisionRoute,
} from '../supervision/supervision-problems.openapi';
import { PERMIT_EXAMPLE, PROJECT_CODE_EXAMPLE } from './dto/marking-bodies.dto';
import { MarkingGatewayService } from './marking-gateway.service';
import { MarkingBatchPipe, MarkingSubmitPipe, validateCorrectionData } from './marking-inputs';
import { incompleteExample, invalidSortExample, validationExample } from '../openapi/problem-example.builders';
import { multipartDataSchema } from '../backfill/backfill-problems.openapi';

const FOREIGN = '430102202405100101';
const REGION_FORBIDDEN = {
  code: 'REGION_FORBIDDEN',
  detail: `${FOREIGN} 不在本人的区划范围内 (outside the caller's regions)`,
  errors: [{ field: 'permitNumbers', reason: FOREIGN }],
};
const PERMIT_NOT_FOUND = {
  code: 'PERMIT_NOT_FOUND',
  detail: '未找到施工许可证 430223202406200901 (construction permits not found)',
  errors: [{ field: 'permitNumbers', reason: '430223202406200901' }],
};
const INVALID_PERMITS = incompleteExample([
  { field: 'permitNumbers[1]', reason: `重复的施工许可证编号 ${PERMIT_EXAMPLE} (duplicate permit number)` },
]);
const RECORD_LOCKED = {
  code: 'RECORD_LOCKED',
  detail: `项目 ${PROJECT_CODE_EXAMPLE} 的标记已提交，不能再修改或撤回；确需纠错请书面报告省厅 (marking submitted and locked)`,
  errors: [{ field: 'projectCode', reason: PROJECT_CODE_EXAMPLE }],
};
const CORRECTION_DATA_EXAMPLE = {
  projectCode: PROJECT_CODE_EXAMPLE,
  projectType: 'OTHER',
  reason: '经核实该项目为企业自持，未办理预售，误标为预售商品房',
  documentNumber: '攸住建函〔2024〕12号',
};

/** 预售商品房监管-存量预售项目标记: list, batch mark (批量标记), withdraw (撤回), submit (提交, locks), ADMIN correction (纠错). */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/supervision/marking')
export class MarkingController {
  constructor(
    private readonly marking: MarkingGatewayService,
    private readonly uploads: ScanUploadService,
  ) {}

  @Get()
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '存量预售项目标记清单 List recent permits for marking',
    description:
      '系统自动筛选的近期“社会投资房建类项目”施工许可证清单：项目类别为社会投资房建类、工程类别代码 01（一般工业与民用建筑）、发证日期自 2015-01-01 起（可用 issueDateFrom 人工调整筛选条件）。' +
      '每张施工许可证一行，同一工改项目编码的许可证相邻（项目唯一性按工改项目编码区分）；含项目类型、开工时间、计划竣工时间、是否竣工验收、实际竣工时间。仅本人区划内的数据；分页（pageSize 1–100）。\n\n' +
      "Recent permits of 社会投资房建类 projects (works category 01, issued from 2015-01-01 unless issueDateFrom says otherwise) inside the caller's regions, one row per permit, a project's permits together; filtered and paged.",
  })
  @ApiOkResponse({ type: MarkingPageV1 })
  @ApiProblemExamples(400, '查询参数无效 Invalid query', {
    invalidPageSize: validationExample([{ field: 'pageSize', reason: 'pageSize 最大 100 (at most 100)' }]),
  })
  @CommonSupervisionProblems({
    regionForbidden: {
      code: 'REGION_FORBIDDEN',
      detail: "430102 不在本人的区划范围内 (outside the caller's regions)",
      errors: [{ field: 'regionCode', reason: '430102' }],
    },
  })
  @ApiProblemExamples(422, '日期区间无效 Invalid date range', {
    incomplete: incompleteExample([
      { field: 'issueDateTo', reason: '截止日期不能早于起始日期 (before issueDateFrom)' },
    ]),
    invalidSort: invalidSortExample(MARKING_LIST_SORT),
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MarkingListQuery,
    @CorrelationId() cid: string,
  ): Promise<MarkingPageV1> {
    const { regionCode, issueDateFrom, issueDateTo, projectType, keyword, page, pageSize, sort } = query;
    await sortOrder(MARKING_LIST_SORT, sort);
    return this.marking.list(
      principal,
      { regionCode, issueDateFrom, issueDateTo, projectType, keyword, page, pageSize, sort },
      cid,
    );
  }

  @Post('batch')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '批量标记项目类型 Mark the projects of permits',
    description:
      '勾选施工许可证（1–1000 张，不重复）后批量标记其所属工改项目为预售商品房（PRESALE）、现售商品房（CURRENT_SALE）或其它（OTHER）。标记为草稿，可撤回；每次请求为一“步”。' +
      '所有许可证须存在（否则 404，列出编号）且在本人区划内（否则 403，列出编号）；任一项目已提交锁定则 409 RECORD_LOCKED。出错时不做任何修改。\n\n' +
      "Marks the projects of 1..1000 permits as a DRAFT in one step (withdrawable). Every permit must exist (404) and lie in the caller's regions (403); a submitted project is locked (409). All or nothing.",
  })
  @ApiBody({
    type: MarkingBatchRequest,
    examples: {
      presale: {
        summary: '标记为预售商品房',
        value: { permitNumbers: [PERMIT_EXAMPLE, '430223202406200201'], projectType: 'PRESALE' },
      },
    },
  })
  @ApiOkResponse({ type: MarkingBatchResultV1 })
  @ApiProblemExamples(400, '请求体格式错误 Malformed body', { malformedJson: MALFORMED_JSON_EXAMPLE })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN })
  @ApiProblemExamples(404, '施工许可证不存在 Permit not found', { permitNotFound: PERMIT_NOT_FOUND })
  @ApiProblemExamples(409, '已提交锁定 Locked', { recordLocked: RECORD_LOCKED })
  @ApiProblemExamples(422, '编号或字段无效 Invalid numbers or fields', { invalidPermits: INVALID_PERMITS })
  // typed with the interface so the global pipe (400) leaves the body to the route's pipe (422)
  batch(
    @CurrentPrincipal() principal: Principal,
    @Body(MarkingBatchPipe) body: MarkingBatchRequestV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<MarkingBatchResultV1>> {
    return this.marking.batch(principal, { permitNumbers: body.permitNumbers, projectType: body.projectType }, cid);
  }

  @Post('withdraw')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '撤回上一步标记 Withdraw the last marking step',
    description:
      '撤回本人最近一次尚未提交的标记操作：其涉及的项目恢复到该步之前的类型；此后被他人重新标记的项目保留他人的标记（superseded）。该步任一项目已提交则 409 RECORD_LOCKED；没有可撤回的操作则 404 NOTHING_TO_WITHDRAW。无需请求体。\n\n' +
      "Undoes the caller's own newest unsubmitted step: its projects go back to what they were before it (a colleague's later marking stays). 409 when one of them was submitted meanwhile, 404 when there is nothing to withdraw. No body.",
  })
  @ApiOkResponse({ type: MarkingWithdrawResultV1 })
  @CommonSupervisionProblems()
  @ApiProblemExamples(404, '没有可撤回的操作 Nothing to withdraw', {
    nothingToWithdraw: {
      code: 'NOTHING_TO_WITHDRAW',
      detail: '没有可撤回的标记操作（本人未提交的最近一步）(no unsubmitted marking step of yours to withdraw)',
    },
  })
  @ApiProblemExamples(409, '已提交锁定 Locked', { recordLocked: RECORD_LOCKED })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() cid: string,
  ): Promise<Audited<MarkingWithdrawResultV1>> {
    return this.marking.withdraw(principal, cid);
  }

  @Post('submit')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '提交标记（锁定）Submit markings (lock)',
    description:
      '提交所列施工许可证所属项目的草稿标记（全部成功或全部不提交）：项目类型生效并锁定，发布 hn.permits.project.typed.v1。未标记的项目 422 INCOMPLETE_SUBMISSION；已提交的 409 RECORD_LOCKED。已提交的标记只能由省厅管理员凭书面报告纠错。\n\n' +
      "Locks the DRAFT markings of the permits' projects, all or none, and publishes hn.permits.project.typed.v1 per project. Unmarked → 422, already submitted → 409.",
  })
  @ApiBody({
    type: MarkingSubmitRequest,
    examples: { submit: { summary: '提交', value: { permitNumbers: [PERMIT_EXAMPLE] } } },
  })
  @ApiOkResponse({ type: MarkingSubmitResultV1 })
  @ApiProblemExamples(400, '请求体格式错误 Malformed body', { malformedJson: MALFORMED_JSON_EXAMPLE })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN })
  @ApiProblemExamples(404, '施工许可证不存在 Permit not found', { permitNotFound: PERMIT_NOT_FOUND })
  @ApiProblemExamples(409, '已提交 Already submitted', { recordLocked: RECORD_LOCKED })
  @ApiProblemExamples(422, '项目未标记或编号无效 Not marked or invalid numbers', {
    invalidPermits: INVALID_PERMITS,
    unmarked: {
      code: 'INCOMPLETE_SUBMISSION',
      detail: `项目 ${PROJECT_CODE_EXAMPLE} 尚未标记，不能提交 (project not marked: nothing to submit)`,
      errors: [{ field: 'projectCode', reason: PROJECT_CODE_EXAMPLE }],
    },
  })
  submit(
    @CurrentPrincipal() principal: Principal,
    @Body(MarkingSubmitPipe) body: MarkingSubmitRequestV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<MarkingSubmitResultV1>> {
    return this.marking.submit(principal, { permitNumbers: body.permitNumbers }, cid);
  }

  @Post('correction')
  @HttpCode(200)
  @RequireRoles('ADMIN')
  @RequireScopes(StaffScopes.supervisionCorrect)
  @ApiExtraModels(MarkingCorrectionData)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: '纠错已提交的标记（省厅管理员）Correct a submitted marking (ADMIN)',
    description:
      '已提交锁定的项目标记确需纠错的，凭书面报告由省厅管理员（ADMIN）修改：multipart/form-data，data 部分为 JSON（projectCode、projectType、reason 纠错原因、documentNumber 书面报告文号），' +
      `scan 部分为书面报告扫描件（PDF/JPEG/PNG，按内容判断，≤ ${SCAN_MAX_BYTES / 1024 / 1024} MB）。扫描件与纠错记录（保留更正前版本）在同一事务中保存，记入审计，发布 hn.permits.project.corrected.v1 与 hn.permits.project.typed.v1。` +
      '未提交的标记 409 RECORD_NOT_SUBMITTED（请撤回或重新标记）。\n\n' +
      'ADMIN only: changes the type of a SUBMITTED marking on a written report (document number + scan, PDF/JPEG/PNG ≤ 20 MB). Stored with the previous version, audited, and published.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['data', 'scan'],
      properties: {
        data: multipartDataSchema(
          'JSON：{"projectCode","projectType","reason","documentNumber"}',
          CORRECTION_DATA_EXAMPLE,
          MarkingCorrectionData,
        ),
        scan: { type: 'string', format: 'binary', description: '书面报告扫描件 PDF/JPEG/PNG ≤ 20 MB' },
      },
    },
  })
  @ApiOkResponse({ type: MarkingCorrectionResultV1 })
  @ApiProblemExamples(400, '上传内容无效 Invalid upload', {
    missingScan: {
      code: 'MULTIPART_INVALID',
      detail: '缺少 scan 部分 (multipart part "scan" is missing)',
      errors: [{ field: 'scan', reason: '必填 (required)' }],
    },
  })
  @ApiProblems(401)
  @ApiProblemExamples(403, '仅限省厅管理员 ADMIN only', {
    roleForbidden: { ...ROLE_FORBIDDEN_EXAMPLE, detail: '此操作仅限 ADMIN 角色的工作人员 (requires staff role ADMIN)' },
    scopeForbidden: { ...SCOPE_FORBIDDEN_EXAMPLE, detail: '凭据缺少权限范围 supervision:correct (missing scope)' },
  })
  @ApiProblemExamples(404, '项目不存在 Project not found', {
    notFound: { code: 'NOT_FOUND', detail: `未找到工改项目 ${PROJECT_CODE_EXAMPLE} (project not found)` },
  })
  @ApiProblemExamples(409, '标记未提交 Not submitted', {
    notSubmitted: {
      code: 'RECORD_NOT_SUBMITTED',
      detail: `项目 ${PROJECT_CODE_EXAMPLE} 的标记尚未提交，请撤回或重新标记，无需纠错 (marking not submitted: withdraw or mark again instead)`,
    },
  })
  @ApiProblemExamples(413, '扫描件过大 Scan too large', {
    scanTooLarge: {
      code: 'SCAN_TOO_LARGE',
      detail: '扫描件超过 20 MB 上限 (scan exceeds 20 MB)',
      errors: [{ field: 'scan', reason: '最大 20 MB (at most 20 MB)' }],
    },
  })
  @ApiProblemExamples(415, '扫描件类型不支持 Unsupported scan', {
    scanType: {
      code: 'SCAN_TYPE_UNSUPPORTED',
      detail: '扫描件须为 PDF、JPEG 或 PNG（按文件内容判断）(scan must be PDF, JPEG or PNG, judged from its content)',
      errors: [{ field: 'scan', reason: '仅支持 PDF/JPEG/PNG (PDF, JPEG or PNG only)' }],
    },
    notMultipart: {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail:
        '请使用 multipart/form-data 上传：data 部分为 JSON，scan 部分为扫描件 (use multipart/form-data with parts "data" and "scan")',
    },
  })
  @ApiProblemExamples(422, '字段无效、类型未变或扫描件不可用 Invalid data, same type or scan unavailable', {
    invalidData: incompleteExample([{ field: 'documentNumber', reason: '不能为空 (must not be empty)' }]),
    sameType: incompleteExample([{ field: 'projectType', reason: '项目类型已是 OTHER，无需纠错 (already OTHER)' }]),
  })
  @ApiProblems(429, 503)
  async correct(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<MarkingCorrectionResultV1>> {
    const { data, scan } = await this.uploads.read<MarkingCorrectionData>(request, validateCorrectionData);
    // the audit row of a refused correction shows what was asked (the scan's reference and digest, never its bytes)
    (request as { body?: unknown }).body = { ...data, scan };
    return this.marking.correct(
      principal,
      {
        projectCode: data.projectCode,
        projectType: data.projectType,
        report: { reason: data.reason, documentNumber: data.documentNumber, scan },
      },
      cid,
    );
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { StaffScopes } from '@hn/auth';
import {
  BackfillCandidatePageV1,
  BackfillCandidateQuery,
  BackfillListQuery,
  BackfillIssuedV1,
  BackfillPageV1,
  BackfillSubmitRequest,
  BackfillSubmitResultV1,
  BackfillWithdrawRequest,
  BackfillWithdrawResultV1,
  PresaleCorrectionResultV1,
  PresaleCorrectionData,
  BACKFILL_CANDIDATE_SORT,
  Principal,
  Z_PRESALE_EXAMPLE,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import type { FastifyRequest } from 'fastify';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import {
  ApiProblemExamples,
  DEVELOPER_MISMATCH_EXAMPLE,
  DUPLICATE_LOCAL_CERTIFICATE_EXAMPLE,
} from '../presale/problem-examples.openapi';
import { ParsedPresaleNumber, PresaleNumberPipe } from '../presale/presale-number.pipe';
import { ScanUploadService } from '../scans/scan-upload.service';
import { Audited } from '../supervision/supervision-gateway.service';
import {
  CommonSupervisionProblems,
  INVALID_PRESALE_EXAMPLE,
  MALFORMED_JSON_EXAMPLE,
  REGION_FORBIDDEN_EXAMPLE,
  SupervisionRoute,
} from '../supervision/supervision-problems.openapi';
import { BackfillGatewayService } from './backfill-gateway.service';
import {
  assertZNumberField,
  backfillData,
  correctionData,
  SubmitBackfillPipe,
  WithdrawBackfillPipe,
} from './backfill-inputs';
import {
  ApiMultipartScan,
  BACKFILL_LOCKED_EXAMPLE,
  BACKFILL_NOT_FOUND_EXAMPLE,
  MultipartScanProblems,
  PERMIT_REGION_FORBIDDEN_EXAMPLE,
  SCAN_UNAVAILABLE_EXAMPLE,
} from './backfill-problems.openapi';
import { BACKFILL_SUBMISSION_EXAMPLE } from './dto/backfill-bodies.dto';
import { ApiInvalidSort } from '../validation/sort-query';
import { optionalIdempotencyKey, readScanRequest } from './scan-request';
import {
  IDEMPOTENCY_IN_FLIGHT_EXAMPLE,
  IDEMPOTENCY_REUSED_EXAMPLE,
  incompleteExample,
  validationExample,
} from '../openapi/problem-example.builders';

const INCOMPLETE_EXAMPLE = incompleteExample([
  {
    field: 'developer.creditCode',
    reason: '统一社会信用代码无效：须为 18 位且校验位正确（GB 32100）(invalid unified social credit code)',
  },
  { field: 'presaleArea', reason: '预售面积须为正数，最多两位小数 (positive, at most 2 decimals)' },
]);

/** 补录预售许可证: stock presale permits issued before the cut-over get Z numbers; withdraw, submit (locks), ADMIN correction. */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/supervision/backfill')
export class BackfillController {
  constructor(
    private readonly backfill: BackfillGatewayService,
    private readonly uploads: ScanUploadService,
  ) {}

  @Get('candidates')
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '待补录项目（已标记为预售商品房）List projects to backfill (marked PRESALE)',
    description:
      '本人区划内施工许可证已标记为预售商品房（PRESALE）的项目，按项目分组，列出其施工许可证与已补录的预售许可证（Z）。可按区划、关键字（项目名称、编码或施工许可证号）筛选，分页。\n\n' +
      "Projects whose construction permits are typed PRESALE, grouped by project, with the Z permits already backfilled; caller's regions only.",
  })
  @ApiOkResponse({ type: BackfillCandidatePageV1 })
  @ApiProblemExamples(400, '查询参数无效 Invalid query', {
    invalidPageSize: validationExample([{ field: 'pageSize', reason: 'pageSize 最大 100 (at most 100)' }]),
  })
  @CommonSupervisionProblems({
    regionForbidden: {
      code: 'REGION_FORBIDDEN',
      detail: "区划 430102 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
      errors: [{ field: 'regionCode', reason: '区划 430102 不在授权范围 (region 430102 not granted)' }],
    },
  })
  @ApiInvalidSort(BACKFILL_CANDIDATE_SORT)
  async candidates(
    @CurrentPrincipal() principal: Principal,
    @Query() query: BackfillCandidateQuery,
    @CorrelationId() cid: string,
  ): Promise<BackfillCandidatePageV1> {
    await sortOrder(BACKFILL_CANDIDATE_SORT, query.sort);
    return this.backfill.candidates(
      principal,
      {
        page: query.page,
        pageSize: query.pageSize,
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(query.keyword ? { keyword: query.keyword } : {}),
        ...(query.sort ? { sort: query.sort } : {}),
      },
      cid,
    );
  }

  @Post('presale-permits')
  @HttpCode(201)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '补录预售许可证（取得 Z 编号，草稿）Backfill a stock presale permit (Z number, draft)',
    description:
      '为切换日（2024-08-01）前已核发的存量预售许可证补录信息并上传证书扫描件：data 部分与取号请求体相同（全部字段规则一致，缺项一次性列在 422 INCOMPLETE_SUBMISSION），发证日期须早于切换日（否则 422 BACKFILL_AFTER_CUTOVER）；' +
      '施工许可证须在本人区划内（403）、平台已有（404）且所属项目已标记为预售商品房（422 PROJECT_NOT_MARKED_PRESALE）。按 `<首个施工许可证编号>-Z<NN>` 发放编号（同一施工许可证可补录多个，连续不断号、不复用），' +
      '并与 Y 编号一样签发链令牌、写入透明日志、返回二维码。补录为草稿（DRAFT），提交后才发布事件；可选 Idempotency-Key：同一 key 与相同请求（含同一扫描件）返回同一结果。' +
      '扫描件类型或大小不符（415/413）时不保存任何内容、不占用序号。\n\n' +
      'Issues the next Z serial for the first permit, with chain token, log entry and QR like Y numbers; the record is a DRAFT until submitted. Optional Idempotency-Key.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '可选幂等键：1–128 位 [A-Za-z0-9._:-]，按工作人员隔离',
    example: 'yx-backfill-2024-009',
  })
  @ApiMultipartScan(
    '补录的预售许可信息（JSON，字段同取号请求体 PresaleSubmission；发证日期早于 2024-08-01）',
    BACKFILL_SUBMISSION_EXAMPLE,
    '预售许可证扫描件 certificate scan',
  )
  @ApiCreatedResponse({ type: BackfillIssuedV1, description: '已补录（草稿）backfilled as a draft' })
  @MultipartScanProblems()
  @CommonSupervisionProblems({ regionForbidden: PERMIT_REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '施工许可证不存在 Permit not found', {
    permitNotFound: {
      code: 'PERMIT_NOT_FOUND',
      detail: '未找到施工许可证 430223202406209901 (construction permit not found)',
      errors: [{ field: 'constructionPermitNumbers', reason: '430223202406209901' }],
    },
  })
  @ApiProblemExamples(409, '冲突 Conflict', {
    serialExhausted: {
      code: 'SERIAL_EXHAUSTED',
      detail: '施工许可证 430223202406200101 的 Z 序号 01–99 已用尽 (serial space exhausted)',
    },
    inFlight: IDEMPOTENCY_IN_FLIGHT_EXAMPLE,
    duplicateLocalCertificate: {
      ...DUPLICATE_LOCAL_CERTIFICATE_EXAMPLE,
      detail: DUPLICATE_LOCAL_CERTIFICATE_EXAMPLE.detail.replace(/Y01/g, 'Z01').replace('第015号', '第009号'),
    },
  })
  @ApiProblemExamples(422, '不完整或不符合补录条件 Incomplete or not eligible', {
    incomplete: INCOMPLETE_EXAMPLE,
    developerMismatch: DEVELOPER_MISMATCH_EXAMPLE,
    afterCutover: {
      code: 'BACKFILL_AFTER_CUTOVER',
      detail:
        '发证日期 2024-08-15 不早于统一编号启用日 2024-08-01，应通过取号接口取得 Y 编号，不能补录 (issued on or after the cut-over: obtain a Y number instead)',
      errors: [{ field: 'issueDate', reason: '须早于 2024-08-01 (before 2024-08-01)' }],
    },
    notMarked: {
      code: 'PROJECT_NOT_MARKED_PRESALE',
      detail:
        '施工许可证 430223202406200201 所属项目尚未标记类型，须先标记为预售商品房才能补录 (project not marked PRESALE)',
    },
    keyReused: IDEMPOTENCY_REUSED_EXAMPLE,
    scanUnavailable: SCAN_UNAVAILABLE_EXAMPLE,
  })
  async issue(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<BackfillIssuedV1>> {
    const key = optionalIdempotencyKey(request);
    const { data, scan } = await readScanRequest(this.uploads, request, (raw) => backfillData(principal, raw));
    return this.backfill.issue(principal, data, scan, key, cid);
  }

  @Get('presale-permits')
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '查询补录的预售许可证 List backfilled presale permits',
    description:
      "本人区划内补录的预售许可证（Z），可按状态（DRAFT / SUBMITTED）、区划筛选，分页；含已撤回（status=WITHDRAWN）的记录。\n\nBackfilled permits of the caller's regions, newest first.",
  })
  @ApiOkResponse({ type: BackfillPageV1 })
  @ApiProblemExamples(400, '查询参数无效 Invalid query', {
    invalidState: validationExample([{ field: 'state', reason: 'state 须为 DRAFT 或 SUBMITTED (DRAFT|SUBMITTED)' }]),
  })
  @CommonSupervisionProblems({
    regionForbidden: {
      code: 'REGION_FORBIDDEN',
      detail: "区划 430102 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
      errors: [{ field: 'regionCode', reason: '区划 430102 不在授权范围 (region 430102 not granted)' }],
    },
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: BackfillListQuery,
    @CorrelationId() cid: string,
  ): Promise<BackfillPageV1> {
    return this.backfill.list(
      principal,
      {
        page: query.page,
        pageSize: query.pageSize,
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(query.state ? { state: query.state } : {}),
      },
      cid,
    );
  }

  @Post('presale-permits/withdraw')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: "撤回本人最近一次未提交的补录 Withdraw the caller's last unsubmitted backfill",
    description:
      '撤回本人补录且未提交的预售许可证（不填 presaleNumber 时为最近一次）：状态变为 WITHDRAWN，编号作废、不再使用，透明日志追加 WITHDRAWN 条目，其二维码核验结果为“已撤回”。' +
      '没有可撤回的记录：404 NOTHING_TO_WITHDRAW；已提交锁定：409 RECORD_LOCKED（任何角色都不能撤回，只能由管理员更正）。\n\n' +
      "Retires the caller's own DRAFT backfill (status WITHDRAWN, number never reused, WITHDRAWN log entry); its token then verifies as WITHDRAWN.",
  })
  @ApiBody({
    type: BackfillWithdrawRequest,
    required: false,
    examples: {
      last: { summary: '撤回最近一次', value: {} },
      named: { summary: '撤回指定的草稿', value: { presaleNumber: Z_PRESALE_EXAMPLE } },
    },
  })
  @ApiOkResponse({ type: BackfillWithdrawResultV1 })
  @ApiProblemExamples(400, '请求体或编号格式错误 Malformed body or number', {
    malformedJson: MALFORMED_JSON_EXAMPLE,
    invalidNumber: INVALID_PRESALE_EXAMPLE,
  })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '无可撤回的记录 Nothing to withdraw', {
    nothingToWithdraw: {
      code: 'NOTHING_TO_WITHDRAW',
      detail: '没有本人录入且未提交的补录预售许可证可撤回 (no unsubmitted backfill of the caller to withdraw)',
    },
    notFound: BACKFILL_NOT_FOUND_EXAMPLE,
  })
  @ApiProblemExamples(409, '已提交锁定或非本人补录 Locked or not own', {
    recordLocked: BACKFILL_LOCKED_EXAMPLE,
    notOwn: {
      code: 'NOT_OWN_VERSION',
      detail:
        "预售许可证 430223202406200101-Z01 由 youxian.li 补录，只能撤回本人补录的记录 (only the caller's own backfill can be withdrawn)",
    },
  })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Body(WithdrawBackfillPipe) body: { presaleNumber?: string },
    @CorrelationId() cid: string,
  ): Promise<Audited<BackfillWithdrawResultV1>> {
    return this.backfill.withdraw(principal, body.presaleNumber ? { presaleNumber: body.presaleNumber } : {}, cid);
  }

  @Post('presale-permits/submit')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '提交补录的预售许可证（锁定）Submit backfilled presale permits (lock)',
    description:
      '提交若干草稿（1–100 个，不重复），全部成功或全部不提交；提交后锁定，并为每个发布 hn.presale.permit.backfilled.v1（资金监管服务据此列出已补录的预售许可证）。已提交：409 RECORD_LOCKED；不存在：404；他区：403。\n\n' +
      'Locks the listed DRAFT backfills, all or none, and publishes one hn.presale.permit.backfilled.v1 each.',
  })
  @ApiBody({
    type: BackfillSubmitRequest,
    examples: {
      two: { summary: '提交两个补录', value: { presaleNumbers: [Z_PRESALE_EXAMPLE, '430223202406200101-Z02'] } },
    },
  })
  @ApiOkResponse({ type: BackfillSubmitResultV1 })
  @ApiProblemExamples(400, '请求体或编号格式错误 Malformed body or number', {
    malformedJson: MALFORMED_JSON_EXAMPLE,
    invalidNumber: INVALID_PRESALE_EXAMPLE,
  })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '补录记录不存在 Not found', { notFound: BACKFILL_NOT_FOUND_EXAMPLE })
  @ApiProblemExamples(409, '已提交锁定或已撤回 Locked or withdrawn', {
    recordLocked: BACKFILL_LOCKED_EXAMPLE,
    withdrawn: { code: 'PRESALE_NOT_VALID', detail: '补录的预售许可证 430223202406200101-Z01 已撤回作废 (withdrawn)' },
  })
  @ApiProblemExamples(422, '字段无效 Invalid fields', {
    incomplete: incompleteExample([{ field: 'presaleNumbers', reason: '不能重复 (must be distinct)' }]),
  })
  submit(
    @CurrentPrincipal() principal: Principal,
    @Body(SubmitBackfillPipe) body: BackfillSubmitRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<BackfillSubmitResultV1>> {
    return this.backfill.submit(principal, { presaleNumbers: body.presaleNumbers }, cid);
  }

  @Post('presale-permits/:presaleNumber/correction')
  @HttpCode(200)
  @RequireRoles('ADMIN')
  @RequireScopes(StaffScopes.supervisionCorrect)
  @ApiOperation({
    summary:
      '更正已提交的补录预售许可证（仅管理员，须书面报告）Correct a submitted backfilled permit (ADMIN, written report)',
    description:
      '仅省厅管理员（ADMIN，权限范围 supervision:correct）可依书面报告更正已提交（锁定）的补录预售许可证：data 部分为 {reason, documentNumber, submission（更正后的完整信息）}，scan 部分为书面报告扫描件。' +
      '同一事务中保留原版本、更新记录、在透明日志追加 CORRECTED 条目并签发新链令牌、保存报告扫描件、发布 hn.presale.permit.corrected.v1；编号不变。此后旧二维码核验结果为“已更正”（CORRECTED），新令牌核验有效。' +
      '未提交的记录：409 RECORD_NOT_SUBMITTED（请撤回后重新补录）。该操作记入审计日志。\n\n' +
      'ADMIN-only audited correction of a SUBMITTED backfill: the previous version is kept, a CORRECTED log entry and a new chain token are written; the old token then verifies as CORRECTED.',
  })
  @ApiParam({ name: 'presaleNumber', example: Z_PRESALE_EXAMPLE, description: '补录的预售许可证号（Z）' })
  @ApiMultipartScan(
    '更正内容（JSON）{reason 更正原因, documentNumber 书面报告文号, submission 更正后的完整预售许可信息}',
    {
      reason: '预售面积录入错误，按原证更正',
      documentNumber: '湘建房函〔2024〕12号',
      submission: { ...BACKFILL_SUBMISSION_EXAMPLE, presaleArea: 12300.5 },
    },
    '书面报告扫描件 written report scan',
    PresaleCorrectionData,
  )
  @ApiOkResponse({ type: PresaleCorrectionResultV1 })
  @MultipartScanProblems()
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '补录记录不存在 Not found', { notFound: BACKFILL_NOT_FOUND_EXAMPLE })
  @ApiProblemExamples(409, '尚未提交 Not submitted', {
    notSubmitted: {
      code: 'RECORD_NOT_SUBMITTED',
      detail:
        '补录的预售许可证 430223202406200101-Z01 尚未提交，不需更正：请撤回后重新补录 (not submitted: withdraw and backfill again instead)',
    },
    duplicateLocalCertificate: {
      ...DUPLICATE_LOCAL_CERTIFICATE_EXAMPLE,
      detail: DUPLICATE_LOCAL_CERTIFICATE_EXAMPLE.detail.replace(/Y01/g, 'Z02'),
    },
  })
  @ApiProblemExamples(422, '更正内容不完整 Incomplete correction', {
    incomplete: incompleteExample([{ field: 'documentNumber', reason: '必填 (required)' }]),
    developerMismatch: DEVELOPER_MISMATCH_EXAMPLE,
    scanUnavailable: SCAN_UNAVAILABLE_EXAMPLE,
  })
  async correct(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<PresaleCorrectionResultV1>> {
    assertZNumberField(presale.value, 'presaleNumber');
    const { data, scan } = await readScanRequest(this.uploads, request, (raw) => correctionData(raw));
    return this.backfill.correct(
      principal,
      presale.value,
      { reason: data.reason, documentNumber: data.documentNumber, submission: { ...data.submission } },
      scan,
      cid,
    );
  }
}

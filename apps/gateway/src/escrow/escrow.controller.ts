import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { assertRegionAllowed, regionOf, StaffScopes } from '@hn/auth';
import {
  ESCROW_LIST_SORT,
  ESCROW_PRESALE_NUMBER_EXAMPLE as ESCROW_PRESALE_EXAMPLE,
  EscrowCorrectionResultV1,
  escrowInputOf,
  EscrowListQuery,
  EscrowPageV1,
  EscrowPutResultV1,
  EscrowRecordInput,
  EscrowRecordInputV1,
  EscrowRecordV1,
  EscrowSubmitRequest,
  EscrowSubmitRequestV1,
  EscrowSubmitResultV1,
  EscrowVersionsV1,
  EscrowWithdrawRequest,
  EscrowWithdrawRequestV1,
  EscrowWithdrawResultV1,
  Principal,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import { ApiInvalidSort } from '../validation/sort-query';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import { ApiProblemExamples, ProblemExample } from '../presale/problem-examples.openapi';
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
import { EscrowGatewayService } from './escrow-gateway.service';
import { escrowCorrectionData, EscrowRecordPipe, SubmitEscrowPipe, WithdrawEscrowPipe } from './escrow-inputs';
import { incompleteExample, validationExample } from '../openapi/problem-example.builders';

const RECORD_EXAMPLE: EscrowRecordInputV1 = {
  capitalGuaranteeAmount: 150_000_000,
  commitmentLetter: false,
  fundSupervision: true,
  bank: '中国建设银行攸县支行',
  account: '43050162123400000123',
  balance: 8_765_432_100,
  balanceAsOf: '2024-07-31',
};
const LETTER_EXAMPLE: EscrowRecordInputV1 = {
  capitalGuaranteeAmount: null,
  commitmentLetter: true,
  fundSupervision: false,
  bank: null,
  account: null,
  balance: 0,
  balanceAsOf: '2024-07-31',
};
const PRESALE_NOT_FOUND: ProblemExample = {
  code: 'PRESALE_NOT_FOUND',
  detail: '未找到已补录的预售许可证 430223202306150101-Z07 (backfilled presale permit not found)',
  errors: [{ field: 'presaleNumber', reason: '430223202306150101-Z07' }],
};
const ESCROW_NOT_FOUND: ProblemExample = {
  code: 'ESCROW_NOT_FOUND',
  detail: '预售许可证 430223202306150101-Z01 尚无资金监管信息 (no escrow record)',
  errors: [{ field: 'presaleNumber', reason: '430223202306150101-Z01' }],
};
const RECORD_LOCKED: ProblemExample = {
  code: 'RECORD_LOCKED',
  detail:
    '预售许可证 430223202306150101-Z01 的资金监管信息已提交，不能再修改或撤回；确需更正请书面报告省厅 (record submitted and locked)',
  errors: [{ field: 'presaleNumber', reason: '430223202306150101-Z01' }],
};
const INCOMPLETE = incompleteExample([
  {
    field: 'capitalGuaranteeAmount',
    reason:
      '未填资本保证金总额时须有承诺函（commitmentLetter=true）(without a guarantee amount a commitment letter is required)',
  },
  {
    field: 'account',
    reason:
      '实行资金监管时须填写监管账号：4–40 位数字，可含单个连字符 (required with fund supervision: digits and dashes)',
  },
]);
const SCAN_PROBLEMS = {
  400: {
    missingScan: {
      code: 'MULTIPART_INVALID',
      detail: '缺少 scan 部分 (multipart part "scan" is missing)',
      errors: [{ field: 'scan', reason: '必填 (required)' }],
    },
  },
  413: {
    tooLarge: {
      code: 'SCAN_TOO_LARGE',
      detail: '扫描件超过 20 MB 上限 (scan exceeds 20 MB)',
      errors: [{ field: 'scan', reason: '最大 20 MB (at most 20 MB)' }],
    },
  },
  415: {
    wrongType: {
      code: 'SCAN_TYPE_UNSUPPORTED',
      detail: '扫描件须为 PDF、JPEG 或 PNG（按文件内容判断）(scan must be PDF, JPEG or PNG, judged from its content)',
      errors: [{ field: 'scan', reason: '仅支持 PDF/JPEG/PNG (PDF, JPEG or PNG only)' }],
    },
    notMultipart: {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail:
        '请使用 multipart/form-data 上传：data 部分为 JSON，scan 部分为扫描件 (use multipart/form-data with parts "data" and "scan")',
    },
  },
  scanUnavailable: {
    code: 'SCAN_UNAVAILABLE',
    detail: '扫描件不可用：扫描件已过期或不存在，请重新上传 (staged scan expired or missing; upload again)',
    errors: [{ field: 'scan', reason: '扫描件已过期或不存在，请重新上传' }],
  },
};
const SCAN_PART = {
  type: 'string',
  format: 'binary',
  description: '扫描件：PDF、JPEG 或 PNG（按内容判断），不超过 20 MB scan: PDF, JPEG or PNG by content, at most 20 MB',
};

/** 补录预售资金监管信息: staff enter per backfilled presale permit, withdraw (撤回), submit (提交, locks); ADMIN corrects. */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/supervision/escrow')
export class EscrowController {
  constructor(
    private readonly escrow: EscrowGatewayService,
    private readonly scans: ScanUploadService,
  ) {}

  @Get()
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '查询补录预售许可证及其资金监管信息 List backfilled presale permits with their escrow records',
    description:
      '本人区划内（市州含所辖县市区，430000 为全省）已提交的补录预售许可证（Z 号），每个附当前资金监管信息（尚未录入为 null）；可按区划、状态（DRAFT 草稿 / SUBMITTED 已提交 / NONE 未录入）筛选，分页（pageSize 1–100）。\n\n' +
      "Backfilled (Z) presale permits inside the caller's regions, each with its current escrow record or null; filtered by region and state, paged.",
  })
  @ApiOkResponse({ type: EscrowPageV1 })
  @ApiProblemExamples(400, '查询参数无效 Invalid query', {
    invalidState: validationExample([
      { field: 'state', reason: 'state 须为 DRAFT、SUBMITTED 或 NONE (DRAFT|SUBMITTED|NONE)' },
    ]),
    invalidPageSize: validationExample([{ field: 'pageSize', reason: 'pageSize 最大 100 (at most 100)' }]),
  })
  @CommonSupervisionProblems({
    regionForbidden: {
      code: 'REGION_FORBIDDEN',
      detail: "区划 430102 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
      errors: [{ field: 'regionCode', reason: '区划 430102 不在授权范围 (region 430102 not granted)' }],
    },
  })
  @ApiInvalidSort(ESCROW_LIST_SORT)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: EscrowListQuery,
    @CorrelationId() cid: string,
  ): Promise<EscrowPageV1> {
    await sortOrder(ESCROW_LIST_SORT, query.sort);
    return this.escrow.list(
      principal,
      {
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.sort ? { sort: query.sort } : {}),
        page: query.page,
        pageSize: query.pageSize,
      },
      cid,
    );
  }

  @Get(':presaleNumber')
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '当前资金监管信息 Current escrow record',
    description:
      "该预售许可证当前版本的资金监管信息（含承诺函扫描件摘要）。\n\nThe current version of the escrow record, with the commitment letter scan's digest.",
  })
  @ApiParam({ name: 'presaleNumber', example: ESCROW_PRESALE_EXAMPLE, description: '统一预售许可证号（补录 Z 号）' })
  @ApiOkResponse({ type: EscrowRecordV1 })
  @ApiProblemExamples(400, '编号格式错误 Invalid number', { invalidNumber: INVALID_PRESALE_EXAMPLE })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '预售许可证或记录不存在 Not found', {
    presaleNotFound: PRESALE_NOT_FOUND,
    escrowNotFound: ESCROW_NOT_FOUND,
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @CorrelationId() cid: string,
  ): Promise<EscrowRecordV1> {
    return this.escrow.get(principal, presale.value, cid);
  }

  @Get(':presaleNumber/versions')
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '资金监管信息的全部版本 Every version of an escrow record',
    description:
      '按版本号升序列出每一个版本，含已撤回的版本和管理员更正（原因、文号、书面报告扫描件摘要）。\n\nEvery version, oldest first: withdrawn ones and corrections included.',
  })
  @ApiParam({ name: 'presaleNumber', example: ESCROW_PRESALE_EXAMPLE, description: '统一预售许可证号（补录 Z 号）' })
  @ApiOkResponse({ type: EscrowVersionsV1 })
  @ApiProblemExamples(400, '编号格式错误 Invalid number', { invalidNumber: INVALID_PRESALE_EXAMPLE })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '预售许可证不存在 Presale permit not found', { presaleNotFound: PRESALE_NOT_FOUND })
  versions(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @CorrelationId() cid: string,
  ): Promise<EscrowVersionsV1> {
    return this.escrow.versions(principal, presale.value, cid);
  }

  @Put(':presaleNumber')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '录入或修改资金监管信息（草稿）Enter or change an escrow record (draft)',
    description:
      '资本保证金总额（分，整数；以承诺函替代时为 null，此时 commitmentLetter 须为 true）、是否有承诺函、是否实行预售资金监管（是则监管银行和账号必填，否则均为 null）、监管账号余额（分）及余额日期（不晚于今天，不早于预售许可证发证日期）。' +
      '首次录入返回 201，修改生成新版本返回 200（与当前版本相同则 outcome=unchanged）。已提交的记录锁定：409 RECORD_LOCKED。仅限本人区划内已补录的预售许可证。\n\n' +
      "Creates (201) or versions (200) the DRAFT escrow record of a backfilled presale permit of the caller's regions. A submitted record is locked (409 RECORD_LOCKED).",
  })
  @ApiParam({ name: 'presaleNumber', example: ESCROW_PRESALE_EXAMPLE, description: '统一预售许可证号（补录 Z 号）' })
  @ApiBody({
    type: EscrowRecordInput,
    examples: {
      supervised: { summary: '实行资金监管 with fund supervision', value: RECORD_EXAMPLE },
      letter: { summary: '以承诺函替代资本保证金 commitment letter instead of a guarantee', value: LETTER_EXAMPLE },
    },
  })
  @ApiCreatedResponse({ type: EscrowPutResultV1, description: '新建 created' })
  @ApiOkResponse({ type: EscrowPutResultV1, description: '已修改（新版本）或未变 updated or unchanged' })
  @ApiProblemExamples(400, '编号或请求体格式错误 Invalid number or body', {
    invalidNumber: INVALID_PRESALE_EXAMPLE,
    malformedJson: MALFORMED_JSON_EXAMPLE,
  })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '预售许可证不存在 Presale permit not found', { presaleNotFound: PRESALE_NOT_FOUND })
  @ApiProblemExamples(409, '已提交锁定 Locked', { recordLocked: RECORD_LOCKED })
  @ApiProblemExamples(422, '数据无效 Invalid record', { incomplete: INCOMPLETE })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    // typed with an interface so the global pipe (400) leaves the body to the route's pipe (422)
    @Body(EscrowRecordPipe) body: EscrowRecordInputV1,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Audited<EscrowPutResultV1>> {
    assertRegionAllowed(principal, presale.regionCode, { what: `预售许可证 ${presale.value}`, field: 'presaleNumber' });
    const result = await this.escrow.put(principal, { presaleNumber: presale.value, record: escrowInputOf(body) }, cid);
    void reply.status(result.outcome === 'created' ? 201 : 200);
    return result;
  }

  @Put(':presaleNumber/commitment-letter')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '上传资本保证金承诺函扫描件 Upload the commitment letter scan',
    description:
      'multipart/form-data，scan 部分为承诺函扫描件（PDF/JPEG/PNG，按内容判断，≤ 20 MB）。扫描件与一个新版本（commitmentLetter=true）在同一事务中保存；同一扫描件重复上传 outcome=unchanged。须先录入资金监管信息；已提交的记录锁定（409）。\n\n' +
      'Stores the scan with a new version of the unsubmitted record (commitmentLetter = true), in one transaction. Type and size are checked before anything is stored.',
  })
  @ApiParam({ name: 'presaleNumber', example: ESCROW_PRESALE_EXAMPLE, description: '统一预售许可证号（补录 Z 号）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['scan'], properties: { scan: SCAN_PART } } })
  @ApiOkResponse({ type: EscrowPutResultV1, description: '已保存（新版本）或同一扫描件未变 stored or unchanged' })
  @ApiProblemExamples(400, '编号或上传内容错误 Invalid number or upload', {
    invalidNumber: INVALID_PRESALE_EXAMPLE,
    ...SCAN_PROBLEMS[400],
  })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '预售许可证或记录不存在 Not found', {
    presaleNotFound: PRESALE_NOT_FOUND,
    escrowNotFound: ESCROW_NOT_FOUND,
  })
  @ApiProblemExamples(409, '已提交锁定 Locked', { recordLocked: RECORD_LOCKED })
  @ApiProblemExamples(413, '扫描件超过 20 MB Scan too large', SCAN_PROBLEMS[413])
  @ApiProblemExamples(415, '不是 PDF/JPEG/PNG 或不是 multipart Unsupported type', SCAN_PROBLEMS[415])
  @ApiProblemExamples(422, '暂存的扫描件不可用 Staged scan unavailable', {
    scanUnavailable: SCAN_PROBLEMS.scanUnavailable,
  })
  async commitmentLetter(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<EscrowPutResultV1>> {
    assertRegionAllowed(principal, presale.regionCode, { what: `预售许可证 ${presale.value}`, field: 'presaleNumber' });
    const { scan } = await this.scans.readScan(request);
    return this.escrow.commitmentLetter(principal, { presaleNumber: presale.value, scan }, cid);
  }

  @Post('withdraw')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '撤回资金监管信息的最近版本 Withdraw the last draft version',
    description:
      '撤回本人录入的最近一个未提交版本：有上一版本则恢复（RESTORED），否则删除该草稿（REMOVED）。已提交的记录不能撤回（409 RECORD_LOCKED）；他人录入的版本不能撤回（409 NOT_OWN_VERSION）；无记录 404 NOTHING_TO_WITHDRAW。\n\n' +
      "Undoes the caller's own last unsubmitted version: the previous version becomes current again, or the draft goes.",
  })
  @ApiBody({
    type: EscrowWithdrawRequest,
    examples: { withdraw: { summary: '撤回', value: { presaleNumber: ESCROW_PRESALE_EXAMPLE } } },
  })
  @ApiOkResponse({ type: EscrowWithdrawResultV1 })
  @ApiProblemExamples(400, '请求体格式错误 Malformed body', { malformedJson: MALFORMED_JSON_EXAMPLE })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '没有可撤回的版本 Nothing to withdraw', {
    nothingToWithdraw: {
      code: 'NOTHING_TO_WITHDRAW',
      detail: '预售许可证 430223202306150101-Z01 没有可撤回的资金监管信息 (nothing to withdraw)',
      errors: [{ field: 'presaleNumber', reason: '430223202306150101-Z01' }],
    },
  })
  @ApiProblemExamples(409, '已锁定或非本人版本 Locked or not own version', {
    recordLocked: RECORD_LOCKED,
    notOwnVersion: {
      code: 'NOT_OWN_VERSION',
      detail:
        "当前版本由 youxian.li 录入，只能撤回本人录入的最近一个版本 (only the caller's own last version can be withdrawn)",
    },
  })
  @ApiProblemExamples(422, '字段无效 Invalid fields', {
    incomplete: incompleteExample([{ field: 'presaleNumber', reason: '必填 (required)' }]),
  })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    // typed with the interface so the global pipe (400) leaves the body to the route's pipe (422)
    @Body(WithdrawEscrowPipe) body: EscrowWithdrawRequestV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<EscrowWithdrawResultV1>> {
    assertRegionAllowed(principal, regionOf(body.presaleNumber), {
      what: `预售许可证 ${body.presaleNumber}`,
      field: 'presaleNumber',
    });
    return this.escrow.withdraw(principal, { presaleNumber: body.presaleNumber }, cid);
  }

  @Post('submit')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '提交资金监管信息（锁定并报送）Submit escrow records (lock and publish)',
    description:
      '一次提交若干预售许可证的资金监管信息（1–100 个，不重复，均须为草稿；选择了承诺函的须已上传扫描件），全部成功或全部不提交；提交后锁定，并为每条发布 hn.escrow.record.recorded.v1。\n\n' +
      'Locks the listed DRAFT records, all or none, and publishes hn.escrow.record.recorded.v1 for each.',
  })
  @ApiBody({
    type: EscrowSubmitRequest,
    examples: {
      two: {
        summary: '提交两个预售许可证',
        value: { presaleNumbers: [ESCROW_PRESALE_EXAMPLE, '430223202306150101-Z02'] },
      },
    },
  })
  @ApiOkResponse({ type: EscrowSubmitResultV1 })
  @ApiProblemExamples(400, '请求体格式错误 Malformed body', { malformedJson: MALFORMED_JSON_EXAMPLE })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '某预售许可证无记录 A permit has no record', { escrowNotFound: ESCROW_NOT_FOUND })
  @ApiProblemExamples(409, '已提交 Already submitted', { recordLocked: RECORD_LOCKED })
  @ApiProblemExamples(422, '字段无效或缺承诺函扫描件 Invalid fields or letter scan missing', {
    incomplete: incompleteExample([{ field: 'presaleNumbers', reason: '预售许可证号不能重复 (must be distinct)' }]),
    letterMissing: incompleteExample([
      {
        field: 'presaleNumbers[0]',
        reason: '430223202306150101-Z01: 已选择承诺函，请先上传承诺函扫描件 (commitment letter scan missing)',
      },
    ]),
  })
  submit(
    @CurrentPrincipal() principal: Principal,
    @Body(SubmitEscrowPipe) body: EscrowSubmitRequestV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<EscrowSubmitResultV1>> {
    return this.escrow.submit(principal, { presaleNumbers: body.presaleNumbers }, cid);
  }

  @Post(':presaleNumber/correction')
  @HttpCode(200)
  @RequireRoles('ADMIN')
  @RequireScopes(StaffScopes.supervisionCorrect)
  @ApiOperation({
    summary:
      '更正已提交的资金监管信息（仅管理员，凭书面报告）Correct a submitted escrow record (ADMIN, written report)',
    description:
      'multipart/form-data：data 部分为 JSON {"reason","documentNumber","record"}（更正原因、书面报告文号、更正后的完整资金监管信息），scan 部分为书面报告扫描件（PDF/JPEG/PNG，≤ 20 MB）。' +
      '仅已提交的记录可更正（否则 409 RECORD_NOT_SUBMITTED）；更正生成新版本（标记为更正，仍锁定），原版本保留；发布 hn.escrow.record.corrected.v1；记入审计日志。\n\n' +
      'ADMIN only. A new version marked as a correction (still submitted and locked); the previous version is kept; the report scan is stored in the same transaction; audited.',
  })
  @ApiParam({ name: 'presaleNumber', example: ESCROW_PRESALE_EXAMPLE, description: '统一预售许可证号（补录 Z 号）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['data', 'scan'],
      properties: {
        data: {
          type: 'string',
          description:
            'JSON：更正原因（1–500 字）、书面报告文号（1–100 字）、更正后的资金监管信息 reason, document number, corrected record',
          example: JSON.stringify({
            reason: '监管账号余额录入错误，按开户银行出具的对账单更正',
            documentNumber: '湘建房函〔2024〕12号',
            record: RECORD_EXAMPLE,
          }),
        },
        scan: { ...SCAN_PART, description: '书面报告扫描件 the written report: PDF, JPEG or PNG, at most 20 MB' },
      },
    },
  })
  @ApiOkResponse({ type: EscrowCorrectionResultV1 })
  @ApiProblemExamples(400, '编号或上传内容错误 Invalid number or upload', {
    invalidNumber: INVALID_PRESALE_EXAMPLE,
    missingData: {
      code: 'MULTIPART_INVALID',
      detail: '缺少 data 部分 (multipart part "data" is missing)',
      errors: [{ field: 'data', reason: '必填 (required)' }],
    },
    ...SCAN_PROBLEMS[400],
  })
  @CommonSupervisionProblems({
    roleForbidden: { code: 'ROLE_FORBIDDEN', detail: '此操作仅限 ADMIN 角色的工作人员 (requires staff role ADMIN)' },
    scopeForbidden: { code: 'SCOPE_FORBIDDEN', detail: '凭据缺少权限范围 supervision:correct (missing scope)' },
  })
  @ApiProblemExamples(404, '预售许可证或记录不存在 Not found', {
    presaleNotFound: PRESALE_NOT_FOUND,
    escrowNotFound: ESCROW_NOT_FOUND,
  })
  @ApiProblemExamples(409, '记录尚未提交 Not submitted', {
    notSubmitted: {
      code: 'RECORD_NOT_SUBMITTED',
      detail:
        '预售许可证 430223202306150101-Z01 的资金监管信息尚未提交，请直接修改或撤回 (record not submitted: edit or withdraw it instead)',
    },
  })
  @ApiProblemExamples(413, '扫描件超过 20 MB Scan too large', SCAN_PROBLEMS[413])
  @ApiProblemExamples(415, '不是 PDF/JPEG/PNG 或不是 multipart Unsupported type', SCAN_PROBLEMS[415])
  @ApiProblemExamples(422, 'data 无效或扫描件不可用 Invalid data or scan unavailable', {
    incomplete: incompleteExample([
      { field: 'record.balance', reason: '监管账号余额须为非负整数，单位为分 (non-negative integer in fen)' },
    ]),
    scanUnavailable: SCAN_PROBLEMS.scanUnavailable,
  })
  async correct(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @Req() request: FastifyRequest,
    @CorrelationId() cid: string,
  ): Promise<Audited<EscrowCorrectionResultV1>> {
    assertRegionAllowed(principal, presale.regionCode, { what: `预售许可证 ${presale.value}`, field: 'presaleNumber' });
    const { data, scan } = await this.scans.read(request, escrowCorrectionData);
    return this.escrow.correct(
      principal,
      {
        presaleNumber: presale.value,
        record: escrowInputOf(data.record),
        report: { reason: data.reason, documentNumber: data.documentNumber, scan },
      },
      cid,
    );
  }
}

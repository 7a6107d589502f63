import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import {
  PRESALE_SUBMISSION_EXAMPLE,
  PresaleIssuedV1,
  PresalePermitV1,
  PresaleSubmission,
  PresaleSubmissionV1,
  Principal,
} from '@hn/messages';
import type { FastifyReply } from 'fastify';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { SandboxSpace } from '../sandbox/sandbox-space';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { RequireAnyScope } from './any-scope.guard';
import { PrintLayoutQuery } from './dto/print-layout.query';
import { fileResponse } from './file-response';
import { IdempotencyKey, IdempotencyKeyGuard } from './idempotency-key.guard';
import { PresaleGatewayService } from './presale-gateway.service';
import { ParsedPresaleNumber, PresaleNumberPipe } from './presale-number.pipe';
import { PresaleSubmissionPipe } from './presale-submission.pipe';
import {
  ApiProblemExamples,
  PRESALE_NOT_FOUND,
  PRESALE_NUMBER_INVALID,
  DEVELOPER_MISMATCH_EXAMPLE,
  DUPLICATE_LOCAL_CERTIFICATE_EXAMPLE,
} from './problem-examples.openapi';
import {
  IDEMPOTENCY_IN_FLIGHT_EXAMPLE,
  IDEMPOTENCY_REUSED_EXAMPLE,
  incompleteExample,
  validationExample,
} from '../openapi/problem-example.builders';

export const PRESALE_NUMBER_PARAM = {
  name: 'presaleNumber',
  example: '430223202406200101-Y01',
  description: '统一预售许可证号：<首个施工许可证编号>-<Y|Z><两位序号>',
};

/** Reading an issued permit is open to the issuing systems and to permit readers. */
const READ_SCOPES = [Scopes.presaleIssue, Scopes.permitsRead];

@ApiTags('预售许可 Presale permits')
@ApiBearerAuth()
@Controller('api/v1/presale-permits')
export class PresalePermitsController {
  constructor(private readonly presale: PresaleGatewayService) {}

  @Post()
  @HttpCode(201)
  @RequireScopes(Scopes.presaleIssue)
  @SandboxSpace()
  @UseGuards(IdempotencyKeyGuard)
  @ApiOperation({
    summary:
      '预售许可取号：返回统一预售许可证号、链令牌与二维码 Issue a unified presale permit number with chain token and QR',
    description:
      '市县预售许可系统在本地审批通过后上传施工许可证编号、单体编码与预售信息，省级平台校验完整性后按 `<首个施工许可证编号>-Y<NN>` 发放统一编号（每个施工许可证 01–99，连续不断号、不复用），' +
      '并返回 Ed25519 签名的链令牌（加密区块链字符串）、核验地址与二维码 SVG；记录同时写入公开的透明日志（RFC 9162）。\n\n' +
      '必须携带 `Idempotency-Key` 请求头：同一 key 与相同请求体重试返回同一结果（201）；同一 key 配不同请求体返回 422 IDEMPOTENCY_KEY_REUSED；同一 key 的请求仍在处理时返回 409 IDEMPOTENCY_KEY_IN_FLIGHT。' +
      '缺项或无效字段一次性全部列在 422 INCOMPLETE_SUBMISSION 的 `errors[]` 中；被拒绝的请求不占用序号。沙箱（联调测试）凭据取得的编号 `sandbox: true`，使用独立序号空间。\n\n' +
      'Issues the next Y serial for the first construction permit. Requires the Idempotency-Key header; every missing or invalid field is listed at once (422 INCOMPLETE_SUBMISSION); rejected requests consume no serial.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '幂等键：1–128 位 [A-Za-z0-9._:-]，按客户端隔离；重试时使用同一个值',
    example: 'yx-presale-2024-015',
  })
  @ApiBody({
    type: PresaleSubmission,
    examples: { workPlan: { summary: '工作方案示例：攸县 锦绣星城三期（22#栋）', value: PRESALE_SUBMISSION_EXAMPLE } },
  })
  @ApiCreatedResponse({
    type: PresaleIssuedV1,
    description: '已取号（幂等重放同样返回 201 与相同内容）issued, or the stored response of an idempotent retry',
  })
  @ApiProblemExamples(400, '请求头或请求体格式错误 Bad request', {
    idempotencyKeyRequired: {
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      detail:
        '取号请求须带 Idempotency-Key 请求头，重试时使用同一个值 (the Idempotency-Key header is required; reuse it when retrying)',
      errors: [{ field: 'Idempotency-Key', reason: '必填 (required)' }],
    },
    malformedJson: {
      code: 'VALIDATION_FAILED',
      detail: '请求体不是合法的 JSON (malformed JSON body)',
      errors: [{ field: 'body', reason: 'malformed JSON' }],
    },
  })
  @ApiProblems(401)
  @ApiProblemExamples(403, '权限范围或区划不符 Outside scope or region', {
    regionForbidden: {
      code: 'REGION_FORBIDDEN',
      detail: "施工许可证 430102202405100101 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
      errors: [
        { field: 'constructionPermitNumbers[0]', reason: '区划 430102 不在授权范围 (region 430102 not granted)' },
      ],
    },
    scopeForbidden: { code: 'SCOPE_FORBIDDEN', detail: '凭据缺少权限范围 presale:issue (missing scope)' },
  })
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
      detail: '施工许可证 430223202406200101 的 Y 序号 01–99 已用尽 (serial space exhausted)',
    },
    inFlight: IDEMPOTENCY_IN_FLIGHT_EXAMPLE,
    duplicateLocalCertificate: DUPLICATE_LOCAL_CERTIFICATE_EXAMPLE,
  })
  @ApiProblemExamples(422, '提交不完整或不符合取号条件 Incomplete or ineligible', {
    developerMismatch: DEVELOPER_MISMATCH_EXAMPLE,
    incomplete: incompleteExample([
      {
        field: 'developer.creditCode',
        reason: '统一社会信用代码无效：须为 18 位且校验位正确（GB 32100）(invalid unified social credit code)',
      },
      { field: 'location.lat', reason: '纬度须在湖南范围内 24.6–30.2 (latitude outside Hunan)' },
      {
        field: 'constructionPermitNumbers[0]',
        reason: 'IMPOSSIBLE_DATE: 日期不存在 (not a calendar date: 2024-02-30)',
      },
    ]),
    notPresale: {
      code: 'PERMIT_NOT_PRESALE',
      detail: '施工许可证 430223202406200201 所属项目类型为 OTHER，不是预售商品房 (project type is not PRESALE)',
    },
    differentProjects: {
      code: 'PERMITS_OF_DIFFERENT_PROJECTS',
      detail: '施工许可证分属不同项目，一个预售许可只能对应一个项目 (permits belong to different projects)',
    },
    unitNotInPermits: {
      code: 'UNIT_NOT_IN_PERMITS',
      detail: '单体 2024-430223-70-03-012345-DT099 不属于所列施工许可证 (units not in the listed permits)',
      errors: [{ field: 'unitCodes', reason: '2024-430223-70-03-012345-DT099 不属于所列施工许可证' }],
    },
    keyReused: IDEMPOTENCY_REUSED_EXAMPLE,
  })
  @ApiProblems(429, 503)
  async issue(
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() idempotencyKey: string,
    @Body(PresaleSubmissionPipe) submission: PresaleSubmissionV1,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PresaleIssuedV1> {
    const issued = await this.presale.issue(principal, idempotencyKey, submission, cid);
    void reply.header('location', `/api/v1/presale-permits/${encodeURIComponent(issued.presaleNumber)}`);
    return issued;
  }

  @Get(':presaleNumber')
  @RequireAnyScope(...READ_SCOPES)
  @ApiOperation({
    summary: '按统一编号查询预售许可证 Look up a presale permit by its unified number',
    description: '需 presale:issue 或 permits:read 权限范围之一；仅限本凭据区划内的许可证。',
  })
  @ApiParam(PRESALE_NUMBER_PARAM)
  @ApiOkResponse({ type: PresalePermitV1 })
  @ApiProblemExamples(400, '编号格式错误 Invalid number', { invalidNumber: PRESALE_NUMBER_INVALID })
  @ApiProblems(401, 403)
  @ApiProblemExamples(404, '预售许可证不存在 Not found', { presaleNotFound: PRESALE_NOT_FOUND })
  @ApiProblems(429, 503)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @CorrelationId() cid: string,
  ): Promise<PresalePermitV1> {
    return this.presale.get(principal, presale, cid);
  }

  @Get(':presaleNumber/qr.png')
  @RequireAnyScope(...READ_SCOPES)
  @ApiOperation({ summary: '二维码（PNG）：内容为核验地址 QR code (PNG) holding the verification URL' })
  @ApiParam(PRESALE_NUMBER_PARAM)
  @ApiProduces('image/png')
  @ApiResponse({
    status: 200,
    description: 'PNG 图片',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblemExamples(400, '编号格式错误 Invalid number', { invalidNumber: PRESALE_NUMBER_INVALID })
  @ApiProblems(401, 403)
  @ApiProblemExamples(404, '预售许可证不存在 Not found', { presaleNotFound: PRESALE_NOT_FOUND })
  @ApiProblems(429, 503)
  async qrPng(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @CorrelationId() cid: string,
  ): Promise<StreamableFile> {
    return fileResponse(await this.presale.qr(principal, presale, 'png', cid));
  }

  @Get(':presaleNumber/qr.svg')
  @RequireAnyScope(...READ_SCOPES)
  @ApiOperation({ summary: '二维码（SVG）：内容为核验地址 QR code (SVG) holding the verification URL' })
  @ApiParam(PRESALE_NUMBER_PARAM)
  @ApiProduces('image/svg+xml')
  @ApiResponse({ status: 200, description: 'SVG 图片', content: { 'image/svg+xml': { schema: { type: 'string' } } } })
  @ApiProblemExamples(400, '编号格式错误 Invalid number', { invalidNumber: PRESALE_NUMBER_INVALID })
  @ApiProblems(401, 403)
  @ApiProblemExamples(404, '预售许可证不存在 Not found', { presaleNotFound: PRESALE_NOT_FOUND })
  @ApiProblems(429, 503)
  async qrSvg(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @CorrelationId() cid: string,
  ): Promise<StreamableFile> {
    return fileResponse(await this.presale.qr(principal, presale, 'svg', cid));
  }

  @Get(':presaleNumber/print-layout.pdf')
  @RequireAnyScope(...READ_SCOPES)
  @ApiOperation({
    summary:
      '套打版式（PDF）：左上角编号、左下角 25×25 mm 二维码及扫码说明 Print overlay (PDF): number top-left, 25 × 25 mm QR bottom-left with caption',
    description:
      '在已印制的预售许可证上套打：左上角统一编号（11 pt 宋体），左下角二维码 25×25 mm，其下「湘建云APP或湖南智慧住建公众号扫码查询」（≥ 6 pt）。纸张默认 A4。',
  })
  @ApiParam(PRESALE_NUMBER_PARAM)
  @ApiProduces('application/pdf')
  @ApiResponse({
    status: 200,
    description: 'PDF 文件',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblemExamples(400, '编号或纸张无效 Invalid number or paper', {
    invalidNumber: PRESALE_NUMBER_INVALID,
    invalidPaper: validationExample([
      { field: 'paper', reason: 'paper 须为 A4 / A3 / A5 / B5 / LETTER 之一 (unsupported paper size)' },
    ]),
  })
  @ApiProblems(401, 403)
  @ApiProblemExamples(404, '预售许可证不存在 Not found', { presaleNotFound: PRESALE_NOT_FOUND })
  @ApiProblems(429, 503)
  async printLayout(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @Query() query: PrintLayoutQuery,
    @CorrelationId() cid: string,
  ): Promise<StreamableFile> {
    return fileResponse(await this.presale.printLayout(principal, presale, query.paper ?? 'A4', cid));
  }
}

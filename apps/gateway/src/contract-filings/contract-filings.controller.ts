import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import {
  CONTRACT_NUMBER_EXAMPLE,
  ContractFilingCancellation,
  CONTRACT_FILING_EXAMPLE,
  ContractFilingIssuedV1,
  ContractFilingSubmission,
  ContractFilingSubmissionV1,
  ContractFilingV1,
  Principal,
} from '@hn/messages';
import type { FastifyReply } from 'fastify';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { SandboxSpace } from '../sandbox/sandbox-space';
import { RequireAnyScope } from '../presale/any-scope.guard';
import { IdempotencyKey, IdempotencyKeyGuard } from '../presale/idempotency-key.guard';
import { ApiProblemExamples, ProblemExample } from '../presale/problem-examples.openapi';
import { CancelContractFilingPipe, ContractFilingSubmissionPipe } from './contract-filing.pipes';
import { ContractFilingsGatewayService } from './contract-filings-gateway.service';
import { ContractNumberPipe, ParsedContractNumber } from './contract-number.pipe';
import {
  IDEMPOTENCY_IN_FLIGHT_EXAMPLE,
  IDEMPOTENCY_REUSED_EXAMPLE,
  incompleteExample,
} from '../openapi/problem-example.builders';

export const CONTRACT_NUMBER_PARAM = {
  name: 'contractNumber',
  example: CONTRACT_NUMBER_EXAMPLE,
  description: '统一网签合同备案编号：<预售许可证号>-B<四位序号>',
};

/** Reading a filing is open to the signing systems and to permit readers (buyers' numbers masked unless pii:read). */
const READ_SCOPES = [Scopes.contractsIssue, Scopes.permitsRead];

const INVALID_CONTRACT_NUMBER: ProblemExample = {
  code: 'INVALID_CONTRACT_NUMBER',
  detail:
    '合同备案编号无效：格式应为 <预售许可证号>-B<0001–9999>，如 430223202406200101-Y01-B0001 (format <18 digits>-<Y|Z><NN>-B<NNNN>)',
  errors: [
    {
      field: 'contractNumber',
      reason:
        'FORMAT: 格式应为 <预售许可证号>-B<0001–9999>，如 430223202406200101-Y01-B0001 (format <18 digits>-<Y|Z><NN>-B<NNNN>)',
    },
  ],
};
const CONTRACT_NOT_FOUND: ProblemExample = {
  code: 'CONTRACT_NOT_FOUND',
  detail: '未找到合同备案 430223202406200101-Y01-B0099 (contract filing not found)',
};
const REGION_FORBIDDEN: ProblemExample = {
  code: 'REGION_FORBIDDEN',
  detail: "合同备案 430102202405100101-Y01-B0001 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
};
const SCOPE_FORBIDDEN: ProblemExample = {
  code: 'SCOPE_FORBIDDEN',
  detail: '凭据缺少权限范围 contracts:issue (missing scope)',
};

@ApiTags('网签备案 Contract filings')
@ApiBearerAuth()
@Controller('api/v1/contract-filings')
export class ContractFilingsController {
  constructor(private readonly filings: ContractFilingsGatewayService) {}

  @Post()
  @HttpCode(201)
  @RequireScopes(Scopes.contractsIssue)
  @SandboxSpace()
  @UseGuards(IdempotencyKeyGuard)
  @ApiOperation({
    summary: '网签合同备案取号：返回统一合同备案编号 Issue a unified contract filing number',
    description:
      '市县网签合同系统在本地完成网签备案后上传合同要素，省级平台校验完整性后按 `<预售许可证号>-B<NNNN>` 发放统一编号（每个预售许可证 0001–9999，连续不断号、不复用，用尽为 409 SERIAL_EXHAUSTED）。' +
      '居民身份证号按 GB 11643 校验（出生日期、校验位），统一社会信用代码按 GB 32100 校验；首付款与贷款之和须等于合同总价；备案日期自切换日 2024-09-01 起（此前的合同按统计数据报送）。' +
      '同一房号已有有效备案时为 409 ROOM_ALREADY_FILED（须先注销）。\n\n' +
      '必须携带 `Idempotency-Key` 请求头：同一 key 与相同请求体重试返回同一编号（201）；同一 key 配不同请求体为 422 IDEMPOTENCY_KEY_REUSED；同一 key 的请求仍在处理时为 409 IDEMPOTENCY_KEY_IN_FLIGHT。' +
      '缺项或无效字段一次性全部列在 422 INCOMPLETE_SUBMISSION 的 `errors[]` 中；被拒绝的请求不占用序号。买受人证件号码与电话加密存储，应答中脱敏，持 `pii:read` 权限范围者可见明文。\n\n' +
      'Files a contract and issues the next B serial of its presale permit. Requires the Idempotency-Key header; every missing or invalid field is listed at once (422 INCOMPLETE_SUBMISSION); rejected requests consume no serial; buyer ID and phone numbers are masked unless the credential holds pii:read.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '幂等键：1–128 位 [A-Za-z0-9._:-]，按客户端隔离；重试时使用同一个值',
    example: 'yx-sign-2024-0902-000123',
  })
  @ApiBody({
    type: ContractFilingSubmission,
    examples: {
      workPlan: {
        summary: '攸县 锦绣星城三期 22#栋 1-101（组合贷款，自然人与单位共同购买）',
        value: CONTRACT_FILING_EXAMPLE,
      },
    },
  })
  @ApiCreatedResponse({
    type: ContractFilingIssuedV1,
    description: '已备案取号（幂等重放同样返回 201 与相同编号）filed, or the stored answer of an idempotent retry',
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
      detail: "预售许可证 430102202405100101-Y01 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
      errors: [{ field: 'presaleNumber', reason: '区划 430102 不在授权范围 (region 430102 not granted)' }],
    },
    scopeForbidden: SCOPE_FORBIDDEN,
  })
  @ApiProblemExamples(404, '预售许可证不存在 Presale permit not found', {
    presaleNotFound: {
      code: 'PRESALE_NOT_FOUND',
      detail: '未找到预售许可证 430223202406200101-Y07 (presale permit not found)',
      errors: [{ field: 'presaleNumber', reason: '430223202406200101-Y07' }],
    },
  })
  @ApiProblemExamples(409, '冲突 Conflict', {
    roomAlreadyFiled: {
      code: 'ROOM_ALREADY_FILED',
      detail:
        '房号 1-101（430223202406200101-Y01-B0001） 已有有效的备案合同，须先注销 (room already under an active filing)',
      errors: [{ field: 'rooms', reason: '1-101 已备案于 430223202406200101-Y01-B0001' }],
    },
    serialExhausted: {
      code: 'SERIAL_EXHAUSTED',
      detail: '预售许可证 430223202406200101-Y01 的合同备案流水号 B0001–B9999 已用尽 (serial space exhausted)',
    },
    inFlight: IDEMPOTENCY_IN_FLIGHT_EXAMPLE,
  })
  @ApiProblemExamples(422, '提交不完整或不符合备案条件 Incomplete or ineligible', {
    incomplete: incompleteExample([
      {
        field: 'buyers[0].idNumber',
        reason:
          '居民身份证号码无效（GB 11643：18 位、出生日期、校验位）(invalid resident ID number: length, birth date or check digit)',
      },
      {
        field: 'buyers[1].creditCode',
        reason: '统一社会信用代码无效：须为 18 位且校验位正确（GB 32100）(invalid unified social credit code)',
      },
      {
        field: 'payment',
        reason:
          '首付款与贷款之和 123456600 分不等于合同总价 123456700 分 (downPayment + loans must add up to contractAmount)',
      },
      {
        field: 'filingDate',
        reason:
          '备案日期早于切换日期 2024-09-01，此前的合同按统计数据报送 (before the cut-over 2024-09-01: report it as statistics)',
      },
    ]),
    buildingNotInPresale: {
      code: 'BUILDING_NOT_IN_PRESALE',
      detail:
        '楼栋 23# 不在预售许可证 430223202406200101-Y01 的预售范围内 (building not covered by the presale permit)',
      errors: [
        {
          field: 'building',
          reason: '不在预售许可证 430223202406200101-Y01 的楼栋中 (not a building of the presale permit)',
        },
      ],
    },
    presaleNotValid: {
      code: 'PRESALE_NOT_VALID',
      detail: '预售许可证 430223202406200101-Y01 状态为 REVOKED，不能备案 (presale permit not valid)',
      errors: [{ field: 'presaleNumber', reason: 'REVOKED' }],
    },
    keyReused: IDEMPOTENCY_REUSED_EXAMPLE,
  })
  @ApiProblems(429, 503)
  async issue(
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() idempotencyKey: string,
    @Body(ContractFilingSubmissionPipe) submission: ContractFilingSubmissionV1,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContractFilingIssuedV1> {
    const issued = await this.filings.issue(principal, idempotencyKey, submission, cid);
    void reply.header('location', `/api/v1/contract-filings/${encodeURIComponent(issued.contractNumber)}`);
    return issued;
  }

  @Get(':contractNumber')
  @RequireAnyScope(...READ_SCOPES)
  @ApiOperation({
    summary: '按统一编号查询网签合同备案 Look up a contract filing by its unified number',
    description:
      '需 contracts:issue 或 permits:read 权限范围之一；仅限本凭据区划内的备案。已注销的备案仍可查询（status CANCELLED，编号保留）。买受人证件号码与电话脱敏，持 pii:read 者为明文。',
  })
  @ApiParam(CONTRACT_NUMBER_PARAM)
  @ApiOkResponse({ type: ContractFilingV1 })
  @ApiProblemExamples(400, '编号格式错误 Invalid number', { invalidNumber: INVALID_CONTRACT_NUMBER })
  @ApiProblems(401)
  @ApiProblemExamples(403, '权限范围或区划不符 Outside scope or region', {
    regionForbidden: REGION_FORBIDDEN,
    scopeForbidden: {
      code: 'SCOPE_FORBIDDEN',
      detail:
        '凭据须具备以下权限范围之一：contracts:issue 或 permits:read (missing scope: one of contracts:issue, permits:read)',
    },
  })
  @ApiProblemExamples(404, '备案不存在 Not found', { contractNotFound: CONTRACT_NOT_FOUND })
  @ApiProblems(429, 503)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('contractNumber', ContractNumberPipe) contract: ParsedContractNumber,
    @CorrelationId() cid: string,
  ): Promise<ContractFilingV1> {
    return this.filings.get(principal, contract, cid);
  }

  @Post(':contractNumber/cancel')
  @HttpCode(200)
  @RequireScopes(Scopes.contractsIssue)
  @SandboxSpace()
  @ApiOperation({
    summary:
      '注销网签合同备案（编号保留、不复用，房号释放）Cancel a contract filing (the number is kept, the rooms become free)',
    description:
      '注销后备案状态为 CANCELLED，统一编号保留且永不复用；其房号可再次备案并取得下一个序号。已注销的备案再次注销为 409 ALREADY_CANCELLED。\n\n' +
      'The filing becomes CANCELLED; its number is kept and never reused, and its rooms can be filed again under the next serial. Cancelling again is 409 ALREADY_CANCELLED.',
  })
  @ApiParam(CONTRACT_NUMBER_PARAM)
  @ApiBody({
    type: ContractFilingCancellation,
    examples: { refund: { summary: '退房解除合同', value: { reason: '买受人退房，双方协商解除合同' } } },
  })
  @ApiOkResponse({ type: ContractFilingV1, description: '已注销的备案 the cancelled filing' })
  @ApiProblemExamples(400, '编号或请求体格式错误 Invalid number or body', {
    invalidNumber: INVALID_CONTRACT_NUMBER,
    malformedJson: {
      code: 'VALIDATION_FAILED',
      detail: '请求体不是合法的 JSON (malformed JSON body)',
      errors: [{ field: 'body', reason: 'malformed JSON' }],
    },
  })
  @ApiProblems(401)
  @ApiProblemExamples(403, '权限范围或区划不符 Outside scope or region', {
    regionForbidden: REGION_FORBIDDEN,
    scopeForbidden: SCOPE_FORBIDDEN,
  })
  @ApiProblemExamples(404, '备案不存在 Not found', { contractNotFound: CONTRACT_NOT_FOUND })
  @ApiProblemExamples(409, '已注销 Already cancelled', {
    alreadyCancelled: {
      code: 'ALREADY_CANCELLED',
      detail: '合同备案 430223202406200101-Y01-B0001 已注销 (already cancelled)',
    },
  })
  @ApiProblemExamples(422, '注销原因缺失或过长 Reason missing or too long', {
    incomplete: incompleteExample([{ field: 'reason', reason: '必填 (required)' }]),
  })
  @ApiProblems(429, 503)
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('contractNumber', ContractNumberPipe) contract: ParsedContractNumber,
    // typed with an interface so the global pipe (400) leaves the body to the route's pipe (422)
    @Body(CancelContractFilingPipe) body: { reason: string },
    @CorrelationId() cid: string,
  ): Promise<ContractFilingV1> {
    return this.filings.cancel(principal, contract, body.reason, cid);
  }
}

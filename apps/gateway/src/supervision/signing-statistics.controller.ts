import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { StaffScopes } from '@hn/auth';
import {
  Principal,
  SIGNING_STATISTIC_SORT,
  SigningStatisticFigures,
  SigningStatisticPageV1,
  SigningStatisticPutResultV1,
  SigningStatisticsQuery,
  SigningStatisticSubmission,
  SigningStatisticSubmitResultV1,
  SigningStatisticWithdrawal,
  SigningStatisticWithdrawResultV1,
  STATISTIC_PRESALE_EXAMPLE as PRESALE_EXAMPLE,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import { ApiInvalidSort } from '../validation/sort-query';
import type { FastifyReply } from 'fastify';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { ParsedPresaleNumber, PresaleNumberPipe } from '../presale/presale-number.pipe';
import {
  assertPresaleQuery,
  MonthPipe,
  PutStatisticPipe,
  SubmitStatisticsPipe,
  WithdrawStatisticPipe,
} from './supervision-inputs';
import { Audited, SupervisionGatewayService } from './supervision-gateway.service';
import {
  CommonSupervisionProblems,
  INVALID_MONTH_EXAMPLE,
  INVALID_PRESALE_EXAMPLE,
  MALFORMED_JSON_EXAMPLE,
  RECORD_LOCKED_EXAMPLE,
  REGION_FORBIDDEN_EXAMPLE,
  SupervisionRoute,
} from './supervision-problems.openapi';
import { incompleteExample, validationExample } from '../openapi/problem-example.builders';

const PRESALE_NOT_FOUND = {
  code: 'PRESALE_NOT_FOUND',
  detail: '未找到预售许可证 430223202406200101-Y07 (presale permit not found)',
  errors: [{ field: 'presaleNumber', reason: '430223202406200101-Y07' }],
};
const STATISTIC_NOT_FOUND = {
  code: 'STATISTIC_NOT_FOUND',
  detail: '未找到预售许可证 430223202406200101-Y01 2024-07 的网签统计 (signing statistic not found)',
  errors: [{ field: 'month', reason: '2024-07' }],
};

/** 网签统计补录: staff enter per presale permit and month, withdraw (撤回) and submit (提交, locks). */
@SupervisionRoute()
@RequireRoles('PROVINCE', 'CITY', 'COUNTY', 'ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/supervision/signing-statistics')
export class SigningStatisticsController {
  constructor(private readonly supervision: SupervisionGatewayService) {}

  @Put(':presaleNumber/:month')
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '录入或修改网签统计（草稿）Enter or change a signing statistic (draft)',
    description:
      '按预售许可证和月份录入网签套数、面积（平方米，两位小数）和金额（分）：切换日（2024-09-01）前的月份为补录（BACKFILL），此后为定期报送（PERIODIC）。' +
      '首次录入返回 201，修改生成新版本返回 200（与当前版本相同则 outcome=unchanged，不写新版本）。已提交的记录锁定：409 RECORD_LOCKED。月份不得晚于本月，不得早于预售许可证发证月份。' +
      '仅限本人区划内的预售许可证。\n\n' +
      "Creates (201) or versions (200) the DRAFT record of one presale permit and month. A submitted record is locked (409 RECORD_LOCKED). Staff of the permit's region only.",
  })
  @ApiParam({ name: 'presaleNumber', example: PRESALE_EXAMPLE, description: '统一预售许可证号' })
  @ApiParam({ name: 'month', example: '2024-08', description: '月份 YYYY-MM' })
  @ApiBody({
    type: SigningStatisticFigures,
    examples: {
      august: {
        summary: '2024 年 8 月（切换前补录）',
        value: { contractsSigned: 36, floorArea: 3456.78, amountFen: 2_345_678_900 },
      },
    },
  })
  @ApiCreatedResponse({ type: SigningStatisticPutResultV1, description: '新建 created' })
  @ApiOkResponse({ type: SigningStatisticPutResultV1, description: '已修改（新版本）或未变 updated or unchanged' })
  @ApiProblemExamples(400, '编号、月份或请求体格式错误 Invalid number, month or body', {
    invalidNumber: INVALID_PRESALE_EXAMPLE,
    invalidMonth: INVALID_MONTH_EXAMPLE,
    malformedJson: MALFORMED_JSON_EXAMPLE,
  })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '预售许可证不存在 Presale permit not found', { presaleNotFound: PRESALE_NOT_FOUND })
  @ApiProblemExamples(409, '已提交锁定 Locked', { recordLocked: RECORD_LOCKED_EXAMPLE })
  @ApiProblemExamples(422, '数据无效 Invalid figures', {
    incomplete: incompleteExample([
      { field: 'contractsSigned', reason: '网签套数不能为负数 (must not be negative)' },
      { field: 'amountFen', reason: '网签金额须为整数 (must be an integer)' },
    ]),
    futureMonth: incompleteExample([{ field: 'month', reason: '月份不能晚于本月 2024-09 (not in the future)' }]),
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @Param('month', MonthPipe) month: string,
    // typed with an interface so the global pipe (400) leaves the body to the route's pipe (422)
    @Body(PutStatisticPipe) body: { contractsSigned: number; floorArea: number; amountFen: number },
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Audited<SigningStatisticPutResultV1>> {
    const result = await this.supervision.putStatistic(
      principal,
      {
        presaleNumber: presale.value,
        month,
        contractsSigned: body.contractsSigned,
        floorArea: body.floorArea,
        amountFen: body.amountFen,
      },
      cid,
    );
    void reply.status(result.outcome === 'created' ? 201 : 200);
    return result;
  }

  @Get()
  @RequireScopes(StaffScopes.supervisionRead)
  @ApiOperation({
    summary: '查询网签统计 List signing statistics',
    description:
      "本人区划内的网签统计，可按预售许可证、月份、状态筛选，分页（pageSize 1–100）。\n\nSigning statistics inside the caller's region, filtered and paged.",
  })
  @ApiOkResponse({ type: SigningStatisticPageV1 })
  @ApiProblemExamples(400, '查询参数无效 Invalid query', {
    invalidNumber: INVALID_PRESALE_EXAMPLE,
    invalidPageSize: validationExample([{ field: 'pageSize', reason: 'pageSize 最大 100 (at most 100)' }]),
  })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiInvalidSort(SIGNING_STATISTIC_SORT)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SigningStatisticsQuery,
    @CorrelationId() cid: string,
  ): Promise<SigningStatisticPageV1> {
    assertPresaleQuery(query.presaleNumber);
    await sortOrder(SIGNING_STATISTIC_SORT, query.sort);
    return this.supervision.listStatistics(
      principal,
      {
        ...(query.presaleNumber ? { presaleNumber: query.presaleNumber } : {}),
        ...(query.month ? { month: query.month } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.sort ? { sort: query.sort } : {}),
        page: query.page,
        pageSize: query.pageSize,
      },
      cid,
    );
  }

  @Post('withdraw')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '撤回网签统计的最近版本 Withdraw the last draft version',
    description:
      '撤回本人录入的最近一个未提交版本：有上一版本则恢复（RESTORED），否则删除该草稿（REMOVED）。已提交的记录不能撤回（409 RECORD_LOCKED）；他人录入的版本不能撤回（409 NOT_OWN_VERSION）。\n\n' +
      "Undoes the caller's own last unsubmitted version: the previous version becomes current again, or the draft goes.",
  })
  @ApiBody({
    type: SigningStatisticWithdrawal,
    examples: { withdraw: { summary: '撤回 2024-08', value: { presaleNumber: PRESALE_EXAMPLE, month: '2024-08' } } },
  })
  @ApiOkResponse({ type: SigningStatisticWithdrawResultV1 })
  @ApiProblemExamples(400, '请求体格式错误 Malformed body', { malformedJson: MALFORMED_JSON_EXAMPLE })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '记录不存在 Not found', { statisticNotFound: STATISTIC_NOT_FOUND })
  @ApiProblemExamples(409, '已锁定或非本人版本 Locked or not own version', {
    recordLocked: RECORD_LOCKED_EXAMPLE,
    notOwnVersion: {
      code: 'NOT_OWN_VERSION',
      detail:
        "当前版本由 zhuzhou.wang 录入，只能撤回本人录入的最近一个版本 (only the caller's own last version can be withdrawn)",
    },
  })
  @ApiProblemExamples(422, '字段无效 Invalid fields', {
    incomplete: incompleteExample([
      { field: 'month', reason: '月份格式应为 YYYY-MM，自 2000-01 起 (month as YYYY-MM, from 2000-01)' },
    ]),
  })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Body(WithdrawStatisticPipe) body: { presaleNumber: string; month: string },
    @CorrelationId() cid: string,
  ): Promise<Audited<SigningStatisticWithdrawResultV1>> {
    return this.supervision.withdrawStatistic(principal, { presaleNumber: body.presaleNumber, month: body.month }, cid);
  }

  @Post('submit')
  @HttpCode(200)
  @RequireScopes(StaffScopes.supervisionWrite)
  @ApiOperation({
    summary: '提交网签统计（锁定并报送）Submit signing statistics (lock and report)',
    description:
      '一次提交一个预售许可证的若干月份（1–120 个，不重复，均须为草稿），全部成功或全部不提交；提交后记录锁定，并发布 hn.contracts.statistics.reported.v1。\n\n' +
      'Locks the listed DRAFT months of one presale permit, all or none, and reports them.',
  })
  @ApiBody({
    type: SigningStatisticSubmission,
    examples: {
      twoMonths: {
        summary: '提交 2024-07、2024-08',
        value: { presaleNumber: PRESALE_EXAMPLE, months: ['2024-07', '2024-08'] },
      },
    },
  })
  @ApiOkResponse({ type: SigningStatisticSubmitResultV1 })
  @ApiProblemExamples(400, '请求体格式错误 Malformed body', { malformedJson: MALFORMED_JSON_EXAMPLE })
  @CommonSupervisionProblems({ regionForbidden: REGION_FORBIDDEN_EXAMPLE })
  @ApiProblemExamples(404, '某月无记录 A month has no record', { statisticNotFound: STATISTIC_NOT_FOUND })
  @ApiProblemExamples(409, '已提交 Already submitted', { recordLocked: RECORD_LOCKED_EXAMPLE })
  @ApiProblemExamples(422, '字段无效 Invalid fields', {
    incomplete: incompleteExample([{ field: 'months', reason: '月份不能重复 (months must be distinct)' }]),
  })
  submit(
    @CurrentPrincipal() principal: Principal,
    @Body(SubmitStatisticsPipe) body: { presaleNumber: string; months: string[] },
    @CorrelationId() cid: string,
  ): Promise<Audited<SigningStatisticSubmitResultV1>> {
    return this.supervision.submitStatistics(
      principal,
      { presaleNumber: body.presaleNumber, months: body.months },
      cid,
    );
  }
}

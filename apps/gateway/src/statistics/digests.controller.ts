import { Body, Controller, Get, HttpCode, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { assertRegionAllowed, Scopes } from '@hn/auth';
import {
  Principal,
  Rpc,
  StatisticsDigestGenerateInput,
  StatisticsDigestGenerateRequestV1,
  StatisticsDigestGenerateResult,
  StatisticsDigestGenerateResultV1,
  StatisticsDigestListRequestV1,
  StatisticsDigestPage,
  StatisticsDigestPageV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CorrelationId, CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import { Audited } from '../supervision/supervision-gateway.service';
import { DigestGeneratePipe, DigestListQueryPipe } from './digest-inputs';
import { STATISTICS_TAG, StatisticsProblems, SUMMARY_INVALID } from './statistics-problems.openapi';

/**
 * How long the gateway waits for a date's digests: one batch of about 140 digests, each with the summary's
 * figures and the province's assessment evaluated once (seconds on a loaded machine, not one RPC's 5 s).
 */
const DIGEST_GENERATE_TIMEOUT_MS = 60_000;

/**
 * 统计日报 (issue 13 item 5, 推送省市县主管部门阅): the daily digests of a region, and the province's trigger
 * that writes a date's digests on demand (the alerts service writes them itself after each China day).
 */
@ApiTags(STATISTICS_TAG)
@ApiBearerAuth()
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/statistics/digests')
export class DigestsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @RequireScopes(Scopes.statisticsRead)
  @ApiOperation({
    summary: '统计日报（某区划）Daily digests of a region',
    description:
      '某区划（全省、市州或县市区）的每日统计日报，最新在前，每页 20 份：截至该日（北京时间当日结束）的各项统计数字、与上一期日报相比的变化（上期值、本期值、增减），当日新产生和解除的预警（按类型），以及考核得分变化 assessment（营商环境考核截至该日的得分与各规则扣分、项数，与上一期相比；全省不评分）。' +
      '每日北京时间零点后由预警服务自动生成前一日的日报，并发布 hn.statistics.digest.published.v1。\n\n' +
      "A region's daily digests, newest first: the figures as of the date, the change since the previous digest, alerts raised and cleared during the date, and the assessment changes (score and per rule points and count).",
  })
  @ApiQuery({
    name: 'regionCode',
    required: true,
    example: '430223',
    description: '区划代码，须在本人或本凭据的区划内',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    example: '2026-11-01',
    description: '起始日期（含）YYYY-MM-DD，不晚于 to',
  })
  @ApiQuery({ name: 'to', required: false, example: '2026-11-30', description: '截止日期（含）YYYY-MM-DD' })
  @ApiQuery({ name: 'page', required: false, example: 1, description: '页码，每页 20 份' })
  @ApiOkResponse({ type: StatisticsDigestPage })
  @StatisticsProblems(SUMMARY_INVALID)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(DigestListQueryPipe) q: StatisticsDigestListRequestV1,
    @CorrelationId() cid: string,
  ): Promise<StatisticsDigestPageV1> {
    assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    return this.rpc.call(
      Rpc.statisticsDigestList,
      principal,
      { regionCode: q.regionCode, ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), page: q.page },
      cid,
    );
  }

  @Post('generate')
  @HttpCode(200)
  @RequireRoles('PROVINCE', 'ADMIN')
  @ApiOperation({
    summary: '生成某日的统计日报（仅省厅）Generate the digests of a date (province / admin)',
    description:
      '为指定日期（2015-01-01 至今天）生成全省、各市州、各县市区尚未生成的日报并逐份发布 hn.statistics.digest.published.v1。' +
      '已生成的日报不重复生成、不改写（每个区划每日一份）；created 为本次新生成的份数。当日的日报取生成时已登记的记录。\n\n' +
      'Writes the missing digests of the date (one per region and date; existing ones are kept) and publishes each.',
  })
  @ApiBody({ type: StatisticsDigestGenerateInput })
  @ApiOkResponse({ type: StatisticsDigestGenerateResult })
  @StatisticsProblems({})
  async generate(
    @CurrentPrincipal() principal: Principal,
    @Body(DigestGeneratePipe) body: StatisticsDigestGenerateRequestV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<StatisticsDigestGenerateResultV1>> {
    const result = await this.rpc.call(Rpc.statisticsDigestGenerate, principal, { date: body.date }, cid, {
      timeoutMs: DIGEST_GENERATE_TIMEOUT_MS,
    });
    return { ...result, audit: { before: null, after: result, target: `digestDate=${body.date}` } };
  }
}

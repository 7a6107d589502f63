import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import {
  Principal,
  StatisticsConsistency,
  StatisticsConsistencyRequestV1,
  StatisticsConsistencyV1,
  StatisticsMonthly,
  StatisticsMonthlyRequestV1,
  StatisticsMonthlyV1,
  StatisticsRecordPage,
  StatisticsRecordPageV1,
  StatisticsRecordsRequestV1,
  StatisticsSummary,
  StatisticsSummaryRequestV1,
  StatisticsSummaryV1,
} from '@hn/messages';
import type { FastifyReply } from 'fastify';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { StatisticsGatewayService } from './statistics-gateway.service';
import { ConsistencyQueryPipe, MonthlyQueryPipe, RecordsQueryPipe, SummaryQueryPipe } from './statistics-inputs';
import {
  ApiConsistencyQuery,
  ApiMonthlyQuery,
  CONSISTENCY_INVALID,
  ApiRecordsQuery,
  ApiSummaryQuery,
  MONTHLY_INVALID,
  RECORDS_INVALID,
  STATISTICS_TAG,
  StatisticsProblems,
  SUMMARY_INVALID,
} from './statistics-problems.openapi';

const KOUJING =
  '口径：只统计省平台实际登记的记录（由各业务服务的事件生成），省、市、县同一口径；市州为所辖县市区与市本级之和，全省为各市州之和；已撤销的区划代码计入其承继区划。详见 docs/statistics.md。';

/**
 * 数据掌上查 / 统一数据统计口径 (work plan task 7): staff of every level (their own region, a city its
 * counties, the province all) and integrators of the provincial platforms with statistics:read
 * (inside the credential's regions). Parameters are typed with the interfaces so the global
 * ValidationPipe leaves them to the route pipes (422 INVALID_FILTER, as the alerts service answers).
 */
@ApiTags(STATISTICS_TAG)
@ApiBearerAuth()
@RequireScopes(Scopes.statisticsRead)
@Controller('api/v1/statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsGatewayService) {}

  @Get('summary')
  @ApiOperation({
    summary: '统计汇总（本级及下级）Summary of a region and its children as of a date',
    description:
      '施工许可、预售许可、资本保证金、预售资金监管、网签备案、预警的各项数字，截至 asOf（北京时间当日结束时已登记的记录）；children 为下级区划（全省：各市州；市州：各县市区及市本级），本级每个数字都等于下级之和。\n\n' +
      `${KOUJING}\n\nEvery numeric field of the region is the sum of the same field over its children.`,
  })
  @ApiSummaryQuery()
  @ApiOkResponse({ type: StatisticsSummary })
  @StatisticsProblems(SUMMARY_INVALID)
  summary(
    @CurrentPrincipal() principal: Principal,
    @Query(SummaryQueryPipe) query: StatisticsSummaryRequestV1,
    @CorrelationId() cid: string,
  ): Promise<StatisticsSummaryV1> {
    return this.statistics.summary(principal, query, cid);
  }

  @Get('monthly')
  @ApiOperation({
    summary: '按月统计（最多 60 个月）Monthly figures, one row per month',
    description:
      '每月一行（含无记录的月份）：当月发证的施工许可证、预售许可证，当月备案和注销的网签合同；按记录本身的日期归月，取现在已登记的情况。\n\n' +
      `${KOUJING}\n\nFlows by the records' own dates, as recorded now; at most 60 months.`,
  })
  @ApiMonthlyQuery()
  @ApiOkResponse({ type: StatisticsMonthly })
  @StatisticsProblems(MONTHLY_INVALID)
  monthly(
    @CurrentPrincipal() principal: Principal,
    @Query(MonthlyQueryPipe) query: StatisticsMonthlyRequestV1,
    @CorrelationId() cid: string,
  ): Promise<StatisticsMonthlyV1> {
    return this.statistics.monthly(principal, query, cid);
  }

  @Get('projects')
  @ApiOperation({
    summary: '统计数字背后的记录（分页）Records behind a figure, paginated',
    description:
      '从一个数字钻取到它统计的每一条记录（许可证、项目、备案、预警），total 等于汇总中该计数项的数字。\n\n' +
      'Drill-down from a number of the summary to its records; total equals the count.',
  })
  @ApiRecordsQuery(true)
  @ApiOkResponse({ type: StatisticsRecordPage })
  @StatisticsProblems(RECORDS_INVALID)
  records(
    @CurrentPrincipal() principal: Principal,
    @Query(RecordsQueryPipe) query: StatisticsRecordsRequestV1,
    @CorrelationId() cid: string,
  ): Promise<StatisticsRecordPageV1> {
    return this.statistics.records(principal, query, cid);
  }

  @Get('consistency')
  @ApiOperation({
    summary: '统计与源头数据一致性核对（从源头纠正）Consistency check against the owning services',
    description:
      '统计值与各源头服务（施工许可、预售许可、资金监管、网签备案）按同一口径、同一截止日重新计数的结果逐项比对：' +
      '每个统计项给出统计值、源头值、是否一致；不一致的列出项目（项目代码、统计项、统计中的数字、源头的数字），以便逐项目从源头纠正。' +
      '源头服务未在时限内应答时，其统计项标记为“未核对”（status UNCHECKED）并说明原因，整个核对仍返回 200。\n\n' +
      '比对的统计项：permits.count 与 permits.byProjectType.*（施工许可服务：有效许可证及项目类型）、presale.y / presale.z（预售许可服务）、' +
      'escrow.submitted（资金监管服务：已提交资金监管信息的预售许可证）、filings.count / filings.cancelled（网签备案服务：有效 / 已注销备案）。\n\n' +
      `${KOUJING}\n\nEach figure: the statistics value, the source's recount, equal or not, and the projects that differ; a source that does not answer leaves its figures UNCHECKED (未核对), never a 500.`,
  })
  @ApiConsistencyQuery()
  @ApiOkResponse({ type: StatisticsConsistency })
  @StatisticsProblems(CONSISTENCY_INVALID)
  consistency(
    @CurrentPrincipal() principal: Principal,
    @Query(ConsistencyQueryPipe) query: StatisticsConsistencyRequestV1,
    @CorrelationId() cid: string,
  ): Promise<StatisticsConsistencyV1> {
    return this.statistics.consistency(principal, query, cid);
  }

  @Get('projects/export')
  @ApiOperation({
    summary: '导出统计数字背后的全部记录（CSV）Export every record behind a figure as CSV',
    description:
      "与 /projects 相同的条件，导出全部结果（不只当前页），UTF-8 带 BOM，Excel 可直接打开；以 = + - @ 开头的内容前加 ' 防止公式注入。\n\n" +
      'Same query as /projects; every record, UTF-8 with BOM.',
  })
  @ApiRecordsQuery(false)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv; charset=utf-8', schema: { type: 'string' } })
  @StatisticsProblems(RECORDS_INVALID)
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query(RecordsQueryPipe) query: StatisticsRecordsRequestV1,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const chunks: string[] = [];
    for await (const chunk of this.statistics.exportCsv(principal, query, cid)) chunks.push(chunk);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="statistics-${query.regionCode}-${query.figure}.csv"`);
    return chunks.join('');
  }
}

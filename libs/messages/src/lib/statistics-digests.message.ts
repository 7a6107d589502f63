import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import {
  DigestAlertCountV1,
  DigestAssessmentV1,
  DigestFigureV1,
  DigestRuleChangeV1,
  StatisticsDigestGenerateRequestV1,
  StatisticsDigestGenerateResultV1,
  StatisticsDigestListRequestV1,
  StatisticsDigestPageV1,
  StatisticsDigestV1,
} from './statistics-digests';
import { statisticsDateReason, statisticsRegionReason } from './statistics.message';
import { FieldRule } from './validation/field-rule';
import {
  EventInteger,
  EventIsoDate,
  EventNested,
  EventNestedList,
  EventNumber,
  EventOneOf,
  EventRegionCode,
  EventText,
  EventTimestamp,
} from './validation/event-constraints';

/**
 * 统计日报 payloads as message classes: the list query and the generate body (the gateway validates them,
 * the alerts service validates the RPC payload again), and the digest itself, which is also the payload
 * of hn.statistics.digest.published.v1 (validateEvent; unknown fields refused).
 */

const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value;
const optionalDate = (v: unknown): string | null => (v === undefined ? null : statisticsDateReason(v));

/** Query of GET /api/v1/statistics/digests. */
export class StatisticsDigestListQuery implements StatisticsDigestListRequestV1 {
  @ApiProperty({
    example: '430223',
    description: '区划代码（现行）：430000 全省、市州或县市区；须在本人或本凭据的区划内',
  })
  @Transform(blankToUndefined)
  @FieldRule('statisticsRegionCode', statisticsRegionReason)
  regionCode!: string;

  @ApiPropertyOptional({
    example: '2026-11-01',
    format: 'date',
    description: '起始日期（含），2015-01-01 至今天，不晚于截止日期',
  })
  @Transform(blankToUndefined)
  @FieldRule('digestFrom', (v, o) => {
    const own = optionalDate(v);
    if (own || v === undefined) return own;
    const to = o['to'];
    if (typeof to !== 'string' || statisticsDateReason(to) !== null) return null; // reported on to
    return (v as string) > to ? '起始日期不能晚于截止日期 (from must not be after to)' : null;
  })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', format: 'date', description: '截止日期（含），2015-01-01 至今天' })
  @Transform(blankToUndefined)
  @FieldRule('digestTo', optionalDate)
  to?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10000, description: '页码（每页 20 份，最新在前）' })
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? 1 : Number(value)))
  @IsInt({ message: 'page 须为正整数 (positive integer)' })
  @Min(1, { message: 'page 须为正整数 (positive integer)' })
  @Max(10000, { message: 'page 最大 10000 (at most 10000)' })
  page: number = 1;
}

/** Body of POST /api/v1/statistics/digests/generate (province / admin). */
export class StatisticsDigestGenerateInput implements StatisticsDigestGenerateRequestV1 {
  @ApiProperty({
    example: '2026-11-30',
    format: 'date',
    description: '日报日期（北京时间），2015-01-01 至今天；已生成的日报不重复生成、不改写',
  })
  @Transform(blankToUndefined)
  @FieldRule('digestDate', (v) => statisticsDateReason(v))
  date!: string;
}

export class StatisticsDigestGenerateResult implements StatisticsDigestGenerateResultV1 {
  @ApiProperty({ example: '2026-11-30' }) date!: string;
  @ApiProperty({ example: 137, description: '本次新生成的日报份数（已全部生成时为 0）' }) created!: number;
  @ApiProperty({ example: 137, description: '该日日报总份数（每个区划一份）' }) total!: number;
}

export class DigestFigure implements DigestFigureV1 {
  @EventText({ example: 'permits.count', nonEmpty: true, description: '指标（汇总中的字段路径）' })
  figure!: string;

  @EventNumber({ example: 12, nullable: true, description: '上一期日报的值；首期为 null' })
  previous!: number | null;

  @EventNumber({ example: 13, description: '本期值（截至日报日期当日结束）' })
  now!: number;

  @EventNumber({ example: 1, nullable: true, description: '变化 = 本期 − 上期；首期为 null' })
  delta!: number | null;
}

export class DigestAlertCount implements DigestAlertCountV1 {
  @EventText({ example: 'OVERDUE_ACCEPTANCE', nonEmpty: true, description: '预警类型' })
  type!: string;

  @EventInteger({ example: 2, minimum: 1 })
  count!: number;
}

export class DigestRuleChange implements DigestRuleChangeV1 {
  @EventText({ example: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', nonEmpty: true, description: '扣分规则编号' })
  ruleId!: string;

  @EventText({ example: '已标记为预售商品房但未补录预售许可证的项目', description: '规则说明' })
  description!: string;

  @EventNumber({ example: 1, nullable: true, description: '上一期日报中的扣分；上期无考核时为 null' })
  pointsBefore!: number | null;

  @EventNumber({ example: 3, description: '本期扣分（截至日报日期当日结束）' })
  pointsAfter!: number;

  @EventNumber({ example: 2, nullable: true, description: '扣分变化 = 本期 − 上期；上期无考核时为 null' })
  pointsDelta!: number | null;

  @EventInteger({ example: 1, nullable: true, minimum: 0, description: '上一期扣分项数；上期无考核时为 null' })
  countBefore!: number | null;

  @EventInteger({ example: 3, minimum: 0, description: '本期扣分项数' })
  countAfter!: number;
}

export class DigestAssessment implements DigestAssessmentV1 {
  @EventText({ example: '2024.v1', nonEmpty: true, description: '扣分规则版本' })
  rulesVersion!: string;

  @EventNumber({ example: 95, nullable: true, description: '上一期考核得分；首期、全省（不评分）为 null' })
  scoreBefore!: number | null;

  @EventNumber({ example: 92, nullable: true, description: '本期考核得分（截至日报日期）；全省不评分为 null' })
  scoreAfter!: number | null;

  @EventNumber({ example: -3, nullable: true, description: '得分变化 = 本期 − 上期' })
  scoreDelta!: number | null;

  @EventNestedList(() => DigestRuleChange, { description: '按规则的扣分与项数：上期、本期' })
  rules!: DigestRuleChange[];
}

/** A digest (GET /api/v1/statistics/digests) and the data of hn.statistics.digest.published.v1. */
export class StatisticsDigest implements StatisticsDigestV1 {
  @EventText({ example: '6a1f0a52-1f7c-4d8e-9d2a-3b4c5d6e7f80', nonEmpty: true })
  id!: string;

  @EventRegionCode({ example: '430223' })
  regionCode!: string;

  @EventText({ example: '攸县', nonEmpty: true })
  regionName!: string;

  @EventOneOf(['PROVINCE', 'CITY', 'COUNTY'], { example: 'COUNTY' })
  level!: 'PROVINCE' | 'CITY' | 'COUNTY';

  @EventIsoDate({ example: '2026-11-30', description: '日报日期（北京时间）' })
  date!: string;

  @EventIsoDate({ example: '2026-11-29', nullable: true, description: '对比的上一期日报日期；首期为 null' })
  previousDate!: string | null;

  @EventNestedList(() => DigestFigure, { description: '各项指标：上期、本期与变化' })
  figures!: DigestFigure[];

  @EventNestedList(() => DigestAlertCount, { description: '当日新产生的预警（按类型）' })
  alertsRaised!: DigestAlertCount[];

  @EventNestedList(() => DigestAlertCount, { description: '当日解除（含核销）的预警（按类型）' })
  alertsCleared!: DigestAlertCount[];

  @EventTimestamp()
  generatedAt!: string;

  @EventNested(() => DigestAssessment, {
    nullable: true,
    optional: true,
    description: '考核得分变化（营商环境考核，截至日报日期，与上一期相比）；此前生成的日报为 null',
  })
  assessment!: DigestAssessment | null;
}

export class StatisticsDigestPage implements StatisticsDigestPageV1 {
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ type: [StatisticsDigest] }) items!: StatisticsDigest[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
}

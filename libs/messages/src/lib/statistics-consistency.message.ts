import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Matches, Min, ValidateNested } from 'class-validator';
import {
  CONSISTENCY_DIFFERENCES_LISTED,
  CONSISTENCY_FIGURE_NAMES,
  ConsistencyDifferenceV1,
  ConsistencyFigureResultV1,
  ConsistencyFigureV1,
  ConsistencySourceStatusV1,
  ConsistencySourceV1,
  ConsistencyStatusV1,
  ProjectCountV1,
  SourceFigureCountV1,
  SourceRecountRequestV1,
  SourceRecountV1,
  StatisticsConsistencyRequestV1,
  StatisticsConsistencyV1,
} from './statistics-consistency';
import { SigningStatisticsComparison } from './signing-statistics-comparison.message';
import { statisticsDateReason, statisticsRegionReason } from './statistics.message';
import { FieldRule } from './validation/field-rule';
import { REQUIRED_MESSAGE as REQUIRED } from './validation/submission-constraints';

/**
 * The consistency check's messages as classes: the gateway validates the query with
 * StatisticsConsistencyQuery, each source validates its recount request with SourceRecountRequest,
 * and the alerts service validates every source's reply with SourceRecount before comparing.
 */

const SOURCES: ConsistencySourceV1[] = ['permits', 'presale', 'escrow', 'contracts'];
const STATUSES: ConsistencyStatusV1[] = ['EQUAL', 'DIFFERENT', 'UNCHECKED'];
const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value;

const REGION_DOC = {
  example: '430200',
  description: '区划代码（现行）：430000 全省、市州或县市区；须在本人或本凭据的区划内',
};

/** Query of GET /api/v1/statistics/consistency (asOf optional: today). */
export class StatisticsConsistencyQuery implements StatisticsConsistencyRequestV1 {
  @ApiProperty(REGION_DOC)
  @Transform(blankToUndefined)
  @FieldRule('statisticsRegionCode', statisticsRegionReason)
  regionCode!: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    format: 'date',
    description: '核对截止日（北京时间当日结束时已登记的记录），2015-01-01 至今天；不填为今天',
  })
  @Transform(blankToUndefined)
  @FieldRule('statisticsAsOf', (v) => (v === undefined ? null : statisticsDateReason(v)))
  asOf?: string;
}

/** What the alerts service asks each source (asOf always given: the check pins one date for all). */
export class SourceRecountRequest implements SourceRecountRequestV1 {
  @FieldRule('statisticsRegionCode', statisticsRegionReason)
  regionCode!: string;

  @FieldRule('statisticsAsOf', (v) => (v === undefined ? REQUIRED.message : statisticsDateReason(v)))
  asOf!: string;
}

const COUNT_RULE = { message: '须为非负整数 (non-negative integer)' };

export class ProjectCount implements ProjectCountV1 {
  @IsString() @Matches(/\S/) projectCode!: string;
  @IsInt(COUNT_RULE) @Min(1, COUNT_RULE) count!: number;
}

export class SourceFigureCount implements SourceFigureCountV1 {
  @IsIn(CONSISTENCY_FIGURE_NAMES) figure!: ConsistencyFigureV1;
  @IsInt(COUNT_RULE) @Min(0, COUNT_RULE) total!: number;
  @IsArray()
  @ArrayMaxSize(1_000_000)
  @ValidateNested({ each: true })
  @Type(() => ProjectCount)
  projects!: ProjectCount[];
}

/** A source's reply, validated by the alerts service before it compares anything. */
export class SourceRecount implements SourceRecountV1 {
  @IsIn(SOURCES) source!: ConsistencySourceV1;
  @FieldRule('statisticsRegionCode', statisticsRegionReason) regionCode!: string;
  @FieldRule('statisticsAsOf', (v) => statisticsDateReason(v)) asOf!: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SourceFigureCount)
  figures!: SourceFigureCount[];
}

export class ConsistencyDifference implements ConsistencyDifferenceV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '项目代码' }) projectCode!: string;
  @ApiProperty({ enum: CONSISTENCY_FIGURE_NAMES, example: 'filings.count' }) figure!: ConsistencyFigureV1;
  @ApiProperty({ example: 13, type: 'integer', description: '统计中该项目的数字' }) statisticsCount!: number;
  @ApiProperty({ example: 12, type: 'integer', description: '源头业务服务中该项目的数字' }) sourceCount!: number;
}

export class ConsistencyFigureResult implements ConsistencyFigureResultV1 {
  @ApiProperty({ enum: CONSISTENCY_FIGURE_NAMES, example: 'filings.count', description: '统计项' })
  figure!: ConsistencyFigureV1;
  @ApiProperty({ example: '有效网签备案数（未注销）' }) label!: string;
  @ApiProperty({ enum: SOURCES, example: 'contracts', description: '负责该记录的源头服务' })
  source!: ConsistencySourceV1;
  @ApiProperty({
    enum: STATUSES,
    example: 'DIFFERENT',
    description: 'EQUAL 一致 / DIFFERENT 不一致 / UNCHECKED 未核对',
  })
  status!: ConsistencyStatusV1;
  @ApiProperty({ example: '不一致' }) statusLabel!: string;
  @ApiProperty({ example: 38, type: 'integer', description: '统计值（由事件生成的统计事实）' })
  statisticsValue!: number;
  @ApiProperty({
    example: 37,
    type: 'integer',
    nullable: true,
    description: '源头服务重新计数的值；源头服务未应答时为 null（未核对）',
  })
  sourceValue!: number | null;
  @ApiProperty({ example: false, nullable: true, type: Boolean, description: '是否一致；未核对时为 null' })
  equal!: boolean | null;
  @ApiProperty({
    type: [ConsistencyDifference],
    description: `数字不同的项目（逐项目从源头纠正），按项目代码列出前 ${CONSISTENCY_DIFFERENCES_LISTED} 个`,
  })
  differences!: ConsistencyDifference[];
  @ApiProperty({ example: 1, type: 'integer', description: '数字不同的项目总数（含未列出的）' })
  differenceTotal!: number;
  @ApiProperty({
    example: false,
    description: `超过 ${CONSISTENCY_DIFFERENCES_LISTED} 个时只列出前 ${CONSISTENCY_DIFFERENCES_LISTED} 个：请按市州或县市区核对其余 more than listed: check a city or county for the rest`,
  })
  differencesTruncated!: boolean;
}

export class ConsistencySourceStatus implements ConsistencySourceStatusV1 {
  @ApiProperty({ enum: SOURCES, example: 'escrow' }) source!: ConsistencySourceV1;
  @ApiProperty({ example: '资金监管服务' }) label!: string;
  @ApiProperty({ example: false, description: '是否在时限内应答' }) answered!: boolean;
  @ApiProperty({
    example: '资金监管服务未在 3 秒内应答，其统计项未核对 (source escrow did not answer: timeout)',
    nullable: true,
    type: String,
  })
  message!: string | null;
}

export class StatisticsConsistency implements StatisticsConsistencyV1 {
  @ApiProperty({ example: '430200' }) regionCode!: string;
  @ApiProperty({ example: '株洲市' }) regionName!: string;
  @ApiProperty({ example: '2026-11-30', format: 'date' }) asOf!: string;
  @ApiProperty({ example: false, description: '各源头服务均已应答、全部一致，且网签统计与备案一致' })
  consistent!: boolean;
  @ApiProperty({ example: 1, type: 'integer', description: '数字不同的（项目、统计项）数' }) differenceCount!: number;
  @ApiProperty({ type: [ConsistencySourceStatus] }) sources!: ConsistencySourceStatus[];
  @ApiProperty({ type: [ConsistencyFigureResult] }) figures!: ConsistencyFigureResult[];
  @ApiProperty({
    type: SigningStatisticsComparison,
    description: '县市区已提交的网签统计与平台登记的网签备案逐区划、逐月比对（截止日前提交的、切换日之后的月份）',
  })
  signingStatistics!: SigningStatisticsComparison;
}

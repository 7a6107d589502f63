import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MAX_STATISTIC_AMOUNT_FEN,
  MAX_STATISTIC_CONTRACTS,
  MAX_STATISTIC_FLOOR_AREA,
} from './signing-statistic.message';
import {
  ReportedSigningStatisticsV1,
  ReportedSigningStatisticV1,
  SIGNING_COMPARISON_FIGURES,
  SigningComparisonFigureV1,
  SigningDifferenceProjectV1,
  SigningStatisticsComparisonV1,
  SigningStatisticsDifferenceV1,
} from './signing-statistics-comparison';
import { SIGNING_DIFFERENCES_LISTED, SIGNING_PROJECTS_LISTED } from './statistics-consistency';
import { statisticsDateReason, statisticsRegionReason } from './statistics.message';
import { FieldRule } from './validation/field-rule';

/**
 * The reported-statistics reply as a class (the alerts service validates the contracts service's answer
 * with ReportedSigningStatistics before comparing), and the comparison's part of the consistency reply
 * (OpenAPI). The request is SourceRecountRequest, as for every recount.
 */

const COUNT = { message: '须为非负整数 (non-negative integer)' };

export class ReportedSigningStatistic implements ReportedSigningStatisticV1 {
  @IsString() @Matches(/^[0-9]{18}-[YZ][0-9]{2}$/) presaleNumber!: string;
  @IsOptional() @IsString() projectCode!: string | null;
  @IsString() @Matches(/^43[0-9]{4}$/) regionCode!: string;
  @IsString() @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/) month!: string;
  @IsInt(COUNT) @Min(0, COUNT) @Max(MAX_STATISTIC_CONTRACTS) contractsSigned!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(MAX_STATISTIC_FLOOR_AREA) floorArea!: number;
  @IsInt(COUNT) @Min(0, COUNT) @Max(MAX_STATISTIC_AMOUNT_FEN) amountFen!: number;
}

export class ReportedSigningStatistics implements ReportedSigningStatisticsV1 {
  @FieldRule('statisticsRegionCode', statisticsRegionReason) regionCode!: string;
  @FieldRule('statisticsAsOf', (v) => statisticsDateReason(v)) asOf!: string;
  @IsArray()
  @ArrayMaxSize(1_000_000)
  @ValidateNested({ each: true })
  @Type(() => ReportedSigningStatistic)
  statistics!: ReportedSigningStatistic[];
}

export class SigningDifferenceProject implements SigningDifferenceProjectV1 {
  @ApiProperty({ example: '430223202406200101-Y01', description: '预售许可证编号' }) presaleNumber!: string;
  @ApiProperty({
    example: '2024-430223-70-03-012345',
    nullable: true,
    type: String,
    description: '项目代码（未知为 null）',
  })
  projectCode!: string | null;
  @ApiProperty({ example: 2, description: '县市区上报的数字' }) reported!: number;
  @ApiProperty({ example: 0, description: '平台登记的网签备案的数字' }) issued!: number;
}

export class SigningStatisticsDifference implements SigningStatisticsDifferenceV1 {
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '攸县' }) regionName!: string;
  @ApiProperty({ example: '2024-10', description: '月份 YYYY-MM（备案日期所在月）' }) month!: string;
  @ApiProperty({ enum: SIGNING_COMPARISON_FIGURES, example: 'contractsSigned' }) figure!: SigningComparisonFigureV1;
  @ApiProperty({ example: '网签套数' }) label!: string;
  @ApiProperty({ example: 2, description: '上报合计（面积平方米、金额分）' }) reported!: number;
  @ApiProperty({ example: 0, description: '平台登记合计（有效备案）' }) issued!: number;
  @ApiProperty({
    type: [SigningDifferenceProject],
    description: `数字不同的预售许可证及其项目，列出前 ${SIGNING_PROJECTS_LISTED} 个`,
  })
  projects!: SigningDifferenceProject[];
  @ApiProperty({ example: 1, type: 'integer', description: '数字不同的预售许可证总数（含未列出的）' })
  projectCount!: number;
}

export class SigningStatisticsComparison implements SigningStatisticsComparisonV1 {
  @ApiProperty({ enum: ['EQUAL', 'DIFFERENT', 'UNCHECKED'], example: 'DIFFERENT' })
  status!: SigningStatisticsComparisonV1['status'];
  @ApiProperty({ example: '不一致' }) statusLabel!: string;
  @ApiProperty({ example: 3, type: 'integer', description: '比对的（区划、月份）数：有已提交网签统计的' })
  comparedMonths!: number;
  @ApiProperty({ example: 1, type: 'integer', description: '不一致的（区划、月份、数字）数' }) differenceCount!: number;
  @ApiProperty({ example: null, nullable: true, type: String, description: '未核对的原因' }) message!: string | null;
  @ApiProperty({
    type: [SigningStatisticsDifference],
    description: `按区划、月份列出前 ${SIGNING_DIFFERENCES_LISTED} 个 the first ones by region and month`,
  })
  differences!: SigningStatisticsDifference[];
  @ApiProperty({ example: false, description: '不一致项多于列出的（请按市州或县市区核对其余）' })
  differencesTruncated!: boolean;
}

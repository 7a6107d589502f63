import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { RECONCILIATION_SORT, SIGNING_STATISTIC_SORT } from './list-sorts';
import type { ReconciliationDifferenceStateV1, SigningStatisticStateV1 } from './reconciliation';
import { SortQueryProperty } from './validation/sort-constraints';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The page of a supervision list's query (`page` 1–10000, `pageSize` 1–100, strings of the URL turned
 * into numbers), shared by the gateway's list query classes.
 */
export abstract class PageQuery {
  @ApiPropertyOptional({ example: 1, default: 1, minimum: 1, maximum: 10_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 须为整数 (integer)' })
  @Min(1, { message: 'page 最小 1 (at least 1)' })
  @Max(10_000, { message: 'page 最大 10000 (at most 10000)' })
  page: number = 1;

  @ApiPropertyOptional({ example: 20, default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 须为整数 (integer)' })
  @Min(1, { message: 'pageSize 最小 1 (at least 1)' })
  @Max(100, { message: 'pageSize 最大 100 (at most 100)' })
  pageSize: number = 20;
}

/**
 * Query of GET /api/v1/supervision/signing-statistics, and the body of rpc.contracts.statistics.list.v1 (the
 * transformed query the gateway sends): 400 VALIDATION_FAILED on both paths, then the sort (422).
 */
export class SigningStatisticsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '430223202406200101-Y01', description: '统一预售许可证号' })
  @IsOptional()
  @IsString()
  presaleNumber?: string;

  @ApiPropertyOptional({ example: '2024-07', description: '月份 YYYY-MM' })
  @IsOptional()
  @Matches(MONTH, { message: 'month 格式应为 YYYY-MM (month as YYYY-MM)' })
  month?: string;

  @ApiPropertyOptional({ enum: ['DRAFT', 'SUBMITTED'], description: '草稿 / 已提交（锁定）' })
  @IsOptional()
  @IsIn(['DRAFT', 'SUBMITTED'], { message: 'state 须为 DRAFT 或 SUBMITTED (DRAFT|SUBMITTED)' })
  state?: SigningStatisticStateV1;

  @SortQueryProperty(SIGNING_STATISTIC_SORT)
  sort?: string;
}

/**
 * Query of GET /api/v1/supervision/reconciliation, and the body of rpc.contracts.reconciliation.list.v1:
 * 400 VALIDATION_FAILED on both paths, then the sort (422).
 */
export class ReconciliationQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'],
    description: '不填时列出 OPEN 与 ACKNOWLEDGED（without state: OPEN and ACKNOWLEDGED）',
  })
  @IsOptional()
  @IsIn(['OPEN', 'ACKNOWLEDGED', 'RESOLVED'], { message: 'state 须为 OPEN / ACKNOWLEDGED / RESOLVED 之一' })
  state?: ReconciliationDifferenceStateV1;

  @ApiPropertyOptional({
    example: '430223',
    description:
      "本人区划内的区划代码（市州代码含所辖县市区）a region inside the caller's (a city code covers its counties)",
  })
  @IsOptional()
  @Matches(/^43\d{4}$/, { message: 'regionCode 须为 43 开头的 6 位区划代码 (6-digit Hunan region code)' })
  regionCode?: string;

  @SortQueryProperty(RECONCILIATION_SORT)
  sort?: string;
}

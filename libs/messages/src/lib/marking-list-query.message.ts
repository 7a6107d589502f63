import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { isIsoDate } from '@hn/numbering';
import { MARKING_LIST_SORT } from './list-sorts';
import type { MarkingFilterTypeV1, MarkingListRequestV1 } from './marking';
import { PageQuery } from './supervision-queries.message';
import { SortQueryProperty } from './validation/sort-constraints';

/** Empty query strings count as absent. */
const EmptyAsUndefined = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** YYYY-MM-DD, a real calendar date. */
const IsoDate = (field: string): PropertyDecorator =>
  ValidateBy({
    name: 'isIsoDate',
    validator: {
      validate: (value: unknown): boolean => typeof value === 'string' && isIsoDate(value),
      defaultMessage: (): string => `${field} 格式应为 YYYY-MM-DD (date as YYYY-MM-DD)`,
    },
  });

/**
 * Query of GET /api/v1/supervision/marking (page 1..10 000, pageSize 1..100 from PageQuery), and the
 * body of rpc.permits.marking.list.v1 (the transformed query the gateway sends): 400 VALIDATION_FAILED
 * on both paths, then the sort (422). The date range against the configured start of "recent" and the
 * caller's regions need configuration and the principal: the permits service checks them.
 */
export class MarkingListQuery extends PageQuery implements MarkingListRequestV1 {
  @ApiPropertyOptional({
    example: '430223',
    description:
      "本人区划内的区划代码（市州代码含所辖县市区）a region inside the caller's (a city code covers its counties)",
  })
  @EmptyAsUndefined()
  @IsOptional()
  @Matches(/^43\d{4}$/, { message: 'regionCode 须为 6 位湖南省区划代码 (6-digit Hunan region code)' })
  regionCode?: string;

  @ApiPropertyOptional({
    example: '2015-01-01',
    format: 'date',
    description: '发证日期起（含）；不填为近期起点 2015-01-01（PERMITS_MARKING_SINCE），可人工调前 issued on or after',
  })
  @EmptyAsUndefined()
  @IsOptional()
  @IsoDate('issueDateFrom')
  issueDateFrom?: string;

  @ApiPropertyOptional({ example: '2024-07-31', format: 'date', description: '发证日期止（含）issued on or before' })
  @EmptyAsUndefined()
  @IsOptional()
  @IsoDate('issueDateTo')
  issueDateTo?: string;

  @ApiPropertyOptional({
    enum: ['PRESALE', 'CURRENT_SALE', 'OTHER', 'UNMARKED'],
    description: '项目类型（草稿标记按其标记类型）；UNMARKED = 未标记',
  })
  @EmptyAsUndefined()
  @IsOptional()
  @IsIn(['PRESALE', 'CURRENT_SALE', 'OTHER', 'UNMARKED'], {
    message: 'projectType 须为 PRESALE / CURRENT_SALE / OTHER / UNMARKED 之一',
  })
  projectType?: MarkingFilterTypeV1;

  @ApiPropertyOptional({
    example: '锦绣星城',
    description: '关键字：项目名称、施工许可证编号或工改项目编码（部分匹配，1–100 字，去掉首尾空格）',
  })
  // '' is absent; anything else is trimmed (a keyword of spaces is refused)
  @Transform(({ value }: { value: unknown }) =>
    value === '' ? undefined : typeof value === 'string' ? value.trim() : value,
  )
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100, { message: 'keyword 最长 100 字 (at most 100 characters)' })
  keyword?: string;

  @SortQueryProperty(MARKING_LIST_SORT)
  sort?: string;
}

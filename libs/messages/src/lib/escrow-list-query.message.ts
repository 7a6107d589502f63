import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ESCROW_LIST_SORT } from './list-sorts';
import { PageQuery } from './supervision-queries.message';
import { SortQueryProperty } from './validation/sort-constraints';

/**
 * Query of GET /api/v1/supervision/escrow, and the body of rpc.escrow.record.list.v1 (the transformed query
 * the gateway sends): 400 VALIDATION_FAILED on both paths, then the sort (422).
 */
export class EscrowListQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '430223',
    description:
      "本人区划内的区划代码（市州代码含所辖县市区）a region inside the caller's (a city code covers its counties)",
  })
  @IsOptional()
  @Matches(/^43\d{4}$/, { message: 'regionCode 须为 43 开头的 6 位区划代码 (6-digit Hunan region code)' })
  regionCode?: string;

  @ApiPropertyOptional({
    enum: ['DRAFT', 'SUBMITTED', 'NONE'],
    description: '草稿 / 已提交（锁定）/ 尚未录入 draft, submitted (locked), no record yet',
  })
  @IsOptional()
  @IsIn(['DRAFT', 'SUBMITTED', 'NONE'], { message: 'state 须为 DRAFT、SUBMITTED 或 NONE (DRAFT|SUBMITTED|NONE)' })
  state?: 'DRAFT' | 'SUBMITTED' | 'NONE';

  @SortQueryProperty(ESCROW_LIST_SORT)
  sort?: string;
}

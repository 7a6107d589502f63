import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { BACKFILL_CANDIDATE_SORT, PageQuery, SupervisionStateV1 } from '@hn/messages';
import { SortQueryProperty } from '../../validation/sort-query';

export class BackfillPageQuery extends PageQuery {
  @ApiPropertyOptional({ example: '430223', description: '区划（本人区划内；市州代码含其下县市区）' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode 须为 6 位区划代码 (6-digit region code)' })
  regionCode?: string;
}

export class BackfillKeywordQuery extends BackfillPageQuery {
  @ApiPropertyOptional({ example: '锦绣', description: '关键字：项目名称、编码或证号（部分匹配）' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'keyword 最长 100 字 (at most 100 characters)' })
  keyword?: string;
}

/** Query of GET /api/v1/supervision/backfill/candidates: the keyword query and its sort. */
export class BackfillCandidateQuery extends BackfillKeywordQuery {
  @SortQueryProperty(BACKFILL_CANDIDATE_SORT)
  sort?: string;
}

export class BackfillListQuery extends BackfillPageQuery {
  @ApiPropertyOptional({ enum: ['DRAFT', 'SUBMITTED'], description: '草稿 / 已提交（锁定）' })
  @IsOptional()
  @IsIn(['DRAFT', 'SUBMITTED'], { message: 'state 须为 DRAFT 或 SUBMITTED (DRAFT|SUBMITTED)' })
  state?: SupervisionStateV1;
}

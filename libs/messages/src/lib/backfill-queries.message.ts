import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type {
  BackfillCandidateListRequestV1,
  BackfillListRequestV1,
  UnpermittedPresaleListRequestV1,
} from './backfill';
import type { SupervisionStateV1 } from './scans';
import { BACKFILL_CANDIDATE_SORT } from './list-sorts';
import { PageQuery } from './supervision-queries.message';
import { SortQueryProperty } from './validation/sort-constraints';

/**
 * Queries of the backfill and 已办预售未办施工许可 lists, and the bodies of their Rpc entries (the
 * transformed query the gateway sends): 400 VALIDATION_FAILED on both paths; the candidates' sort after
 * the class (422 INVALID_FILTER).
 */
export class BackfillPageQuery extends PageQuery {
  @ApiPropertyOptional({ example: '430223', description: '区划（本人区划内；市州代码含其下县市区）' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode 须为 6 位区划代码 (6-digit region code)' })
  regionCode?: string;
}

/** Query of GET /api/v1/supervision/presale-without-permit, body of rpc.presale.unpermitted.list.v1. */
export class BackfillKeywordQuery extends BackfillPageQuery implements UnpermittedPresaleListRequestV1 {
  @ApiPropertyOptional({ example: '锦绣', description: '关键字：项目名称、编码或证号（部分匹配）' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'keyword 最长 100 字 (at most 100 characters)' })
  keyword?: string;
}

/** Query of GET /api/v1/supervision/backfill/candidates, body of rpc.presale.backfill.candidates.v1. */
export class BackfillCandidateQuery extends BackfillKeywordQuery implements BackfillCandidateListRequestV1 {
  @SortQueryProperty(BACKFILL_CANDIDATE_SORT)
  sort?: string;
}

/** Query of GET /api/v1/supervision/backfill/presale-permits, body of rpc.presale.backfill.list.v1. */
export class BackfillListQuery extends BackfillPageQuery implements BackfillListRequestV1 {
  @ApiPropertyOptional({ enum: ['DRAFT', 'SUBMITTED'], description: '草稿 / 已提交（锁定）' })
  @IsOptional()
  @IsIn(['DRAFT', 'SUBMITTED'], { message: 'state 须为 DRAFT 或 SUBMITTED (DRAFT|SUBMITTED)' })
  state?: SupervisionStateV1;
}

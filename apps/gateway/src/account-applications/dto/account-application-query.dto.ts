import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ACCOUNT_APPLICATION_SORT, PageQuery } from '@hn/messages';
import { SortQueryProperty } from '../../validation/sort-query';
import { APPLICATION_STATES, ApplicationState } from '../account-application-view';

/** Query of GET /api/v1/account-applications (page 1..10 000, pageSize 1..100 from PageQuery). */
export class AccountApplicationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATES, example: 'SUBMITTED', description: '状态 state' })
  @IsOptional()
  @IsIn(APPLICATION_STATES, { message: 'state 须为 DRAFT、SUBMITTED、APPROVED 或 RETURNED (unknown state)' })
  state?: ApplicationState;

  @ApiPropertyOptional({ example: '430223', description: '县市区区划代码 county code' })
  @IsOptional()
  @Matches(/^43[0-9]{4}$/, { message: 'countyCode 须为湖南省 6 位区划代码 (a 6-digit Hunan code)' })
  countyCode?: string;

  @SortQueryProperty(ACCOUNT_APPLICATION_SORT)
  sort?: string;
}

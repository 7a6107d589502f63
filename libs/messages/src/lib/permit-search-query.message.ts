import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { PermitSearchQueryV1 } from './permits';
import { PageProperty, PageSizeProperty } from './validation/page-query';
import { Trim } from './validation/submission-constraints';

/**
 * Query of GET /api/v1/construction-permits (search by project name), and the body of
 * rpc.permits.permit.search.v1 (the transformed query the gateway sends): 400 VALIDATION_FAILED on both
 * paths. The name is trimmed before its length (2–100) is checked.
 */
export class PermitSearchQuery implements PermitSearchQueryV1 {
  @ApiProperty({
    example: '锦绣星城',
    description: '项目名称关键字（部分匹配，去掉首尾空格后 2–100 个字）partial project name',
  })
  @Trim()
  @IsString()
  @Length(2, 100, { message: 'projectName 长度须为 2–100 个字 (2 to 100 characters)' })
  projectName!: string;

  @PageProperty()
  page: number = 1;

  @PageSizeProperty(20, 100)
  pageSize: number = 20;
}

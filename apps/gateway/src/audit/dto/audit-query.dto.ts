import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { AUDIT_SORT, PageProperty, PageSizeProperty } from '@hn/messages';
import { SortQueryProperty } from '../../validation/sort-query';

/** YYYY-MM-DD or an RFC 3339 date-time with offset (e.g. 2024-09-01T08:00:00+08:00). */
const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class AuditQueryDto {
  @ApiPropertyOptional({
    example: 'zhang.san',
    description:
      '操作人（工作人员用户名；登录失败时为尝试的用户名）actor: staff username, or the attempted username of a failed login',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  actor?: string;

  @ApiPropertyOptional({
    example: 'POST /api/v1/auth/login',
    description: '操作前缀匹配 action prefix, e.g. "POST /api/v1/supervision/"',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  action?: string;

  @ApiPropertyOptional({
    example: '2024-09-01',
    description: '起始时间（含）from, inclusive: YYYY-MM-DD (北京时间 00:00) or RFC 3339 date-time',
  })
  @IsOptional()
  @Matches(DATE_OR_DATETIME, {
    message: 'from 须为 YYYY-MM-DD 或带时区的 RFC 3339 时间 (date or date-time with offset)',
  })
  from?: string;

  @ApiPropertyOptional({
    example: '2024-09-30',
    description:
      '截止时间：日期含当天，时间不含 to: a date includes that whole day (Beijing time), a date-time is exclusive',
  })
  @IsOptional()
  @Matches(DATE_OR_DATETIME, { message: 'to 须为 YYYY-MM-DD 或带时区的 RFC 3339 时间 (date or date-time with offset)' })
  to?: string;

  @PageProperty()
  page: number = 1;

  @PageSizeProperty(50, 200)
  pageSize: number = 50;

  @SortQueryProperty(AUDIT_SORT)
  sort?: string;
}

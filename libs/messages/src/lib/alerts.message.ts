import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isIsoDate, parsePermitNumber } from '@hn/numbering';
import {
  ACCEPTANCE_KINDS,
  AcceptanceBackfillStateV1,
  AcceptanceKindV1,
  ALERT_SCOPES,
  ALERT_STATES,
  ALERT_TYPES,
  AlertScopeV1,
  AlertStateV1,
  AlertTypeV1,
} from './alerts';
import { ACCEPTANCE_BACKFILL_SORT, ALERT_SORT } from './list-sorts';
import { IsPlainText } from './plain-text';
import { IsSort } from './validation/sort-constraints';
import { ListPageProperty, ListPageSizeProperty } from './validation/page-query';
import { IsPastIsoDate, REQUIRED_MESSAGE as REQUIRED, RequiredText, Trim } from './validation/submission-constraints';

/**
 * Alerts payloads as message classes: the gateway validates query strings and bodies with them, the
 * alerts service validates the RPC payload with them again (validateMessage).
 */

export const ALERT_TEXT_MAX = 1000;
export const ACCEPTANCE_BACKFILL_STATES: readonly AcceptanceBackfillStateV1[] = ['PENDING', 'APPROVED', 'RETURNED'];

const oneOf = (values: readonly string[]): { message: string } => ({
  message: `须为 ${values.join(' / ')} 之一 (one of ${values.join(', ')})`,
});

/** Optional trimmed plain text up to `max` characters (absent or empty → undefined). */
function OptionalText(max: number): PropertyDecorator {
  return (target: object, key: string | symbol): void => {
    Transform(({ value }: { value: unknown }) => {
      if (typeof value !== 'string') return value;
      const trimmed = value.trim();
      return trimmed === '' ? undefined : trimmed;
    })(target, key);
    IsOptional()(target, key);
    IsString({ message: '须为字符串 (must be a string)' })(target, key);
    MaxLength(max, { message: `最长 ${max} 字 (at most ${max} characters)` })(target, key);
    IsPlainText()(target, key);
  };
}

/** 18-digit construction permit number with a valid structure. */
function IsPermitNumber(): PropertyDecorator {
  return ValidateBy({
    name: 'isPermitNumber',
    validator: {
      validate: (value: unknown): boolean => typeof value === 'string' && parsePermitNumber(value).ok,
      defaultMessage: (args): string => {
        const parsed = typeof args?.value === 'string' ? parsePermitNumber(args.value) : null;
        return parsed && !parsed.ok
          ? `${parsed.reason}: ${parsed.message}`
          : '施工许可证编号须为 18 位数字 (18-digit permit number)';
      },
    },
  });
}

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

/** Query of GET /api/v1/supervision/alerts (and its CSV export, which ignores page and pageSize). */
export class AlertListQuery {
  @ApiPropertyOptional({ enum: ALERT_TYPES, description: '预警类型' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(ALERT_TYPES, oneOf(ALERT_TYPES))
  type?: AlertTypeV1;

  @ApiPropertyOptional({ enum: ALERT_STATES, description: '状态；不填时列出未关闭的（OPEN、FOLLOWING）' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(ALERT_STATES, oneOf(ALERT_STATES))
  state?: AlertStateV1;

  @ApiPropertyOptional({ enum: ALERT_SCOPES, description: '增量 INCREMENT / 存量 STOCK' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(ALERT_SCOPES, oneOf(ALERT_SCOPES))
  scope?: AlertScopeV1;

  @ApiPropertyOptional({ example: '430223', description: '区划（须在本人区划内；市州代码含所辖县市区）' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^43\d{4}$/, { message: '区划代码须为 43 开头的 6 位数字 (6-digit Hunan region code)' })
  regionCode?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: '按某日（北京时间当日结束时）重现当时的列表' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isIsoDate',
    validator: {
      validate: (v: unknown): boolean => typeof v === 'string' && isIsoDate(v),
      defaultMessage: (): string => '须为 YYYY-MM-DD 格式的真实日期 (must be a real YYYY-MM-DD date)',
    },
  })
  asOf?: string;

  @ApiPropertyOptional({ example: '锦绣', maxLength: 50, description: '关键字：项目名称、项目代码、许可证号' })
  @OptionalText(50)
  keyword?: string;

  @ApiPropertyOptional({ enum: ALERT_SORT.values, description: '排序：字段名升序，前加 - 降序；不填为发现时间倒序' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsSort(ALERT_SORT.fields)
  sort?: string;

  @ListPageProperty()
  page: number = 1;

  @ListPageSizeProperty()
  pageSize: number = 20;
}

/** 跟踪记录 body of POST /api/v1/supervision/alerts/{id}/follow-ups. */
export class AlertFollowUpInput {
  @ApiProperty({ example: '主体结构完工后因资金紧张停工三个月', maxLength: ALERT_TEXT_MAX, description: '逾期原因' })
  @RequiredText(ALERT_TEXT_MAX)
  reason!: string;

  @ApiProperty({
    example: '约谈开发企业，督促复工，加强预售资金监管拨付审核',
    maxLength: ALERT_TEXT_MAX,
    description: '采取的措施',
  })
  @RequiredText(ALERT_TEXT_MAX)
  measures!: string;

  @ApiProperty({ example: '张伟', maxLength: 50, description: '责任人' })
  @RequiredText(50)
  responsiblePerson!: string;

  @ApiProperty({ example: '13807330001', description: '联系电话（手机或座机，5–20 位数字，可含 + - 空格）' })
  @Trim()
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @Matches(/^\+?[0-9][0-9 -]{3,18}[0-9]$/, {
    message: '联系电话须为 5–20 位数字，可含 + - 空格 (phone: 5–20 digits, "+", "-" or spaces)',
  })
  phone!: string;

  @ApiProperty({ example: '2027-03-31', description: '计划完成日期 YYYY-MM-DD' })
  @Trim()
  @IsDefined(REQUIRED)
  @ValidateBy({
    name: 'isIsoDate',
    validator: {
      validate: (v: unknown): boolean => typeof v === 'string' && isIsoDate(v),
      defaultMessage: (): string => '须为 YYYY-MM-DD 格式的真实日期 (must be a real YYYY-MM-DD date)',
    },
  })
  plannedDate!: string;
}

/** `data` part of POST /api/v1/supervision/alerts/{id}/dismissal (with the evidence scan). */
export class AlertDismissalInput {
  @ApiProperty({
    example: '该项目已于 2024-05-10 完成竣工验收备案，线下办理未上传，附备案表扫描件',
    maxLength: ALERT_TEXT_MAX,
    description: '误报理由',
  })
  @RequiredText(ALERT_TEXT_MAX)
  reason!: string;
}

/** Body of POST …/dismissal/approve and …/dismissal/reject (a rejection needs the note). */
export class AlertDecisionInput {
  @ApiPropertyOptional({ example: '附件与备案系统一致，同意核销', maxLength: ALERT_TEXT_MAX, description: '审核意见' })
  @OptionalText(ALERT_TEXT_MAX)
  note?: string;
}

/** Body of POST /api/v1/supervision/alerts/{id}/permit-link. */
export class AlertPermitLinkInput {
  @ApiProperty({ example: '430223202406200101', description: '已补办的施工许可证编号' })
  @Trim()
  @IsDefined(REQUIRED)
  @IsPermitNumber()
  permitNumber!: string;
}

/** `data` part of POST /api/v1/supervision/acceptance-backfills (with the document scan). */
export class AcceptanceBackfillInput {
  @ApiProperty({ example: '430223202406200101', description: '施工许可证编号' })
  @Trim()
  @IsDefined(REQUIRED)
  @IsPermitNumber()
  permitNumber!: string;

  @ApiProperty({ enum: ACCEPTANCE_KINDS, description: '五方验收 FIVE_PARTY / 竣工验收备案 COMPLETION_FILING' })
  @IsDefined(REQUIRED)
  @IsIn(ACCEPTANCE_KINDS, oneOf(ACCEPTANCE_KINDS))
  kind!: AcceptanceKindV1;

  @ApiProperty({ example: '2024-05-10', description: '验收（备案）日期，不晚于今天' })
  @Trim()
  @IsDefined(REQUIRED)
  @IsPastIsoDate()
  date!: string;

  @ApiPropertyOptional({ example: '线下组织五方验收，未在工改系统上传', maxLength: ALERT_TEXT_MAX })
  @OptionalText(ALERT_TEXT_MAX)
  note?: string;
}

/** Query of GET /api/v1/supervision/acceptance-backfills. */
export class AcceptanceBackfillListQuery {
  @ApiPropertyOptional({ enum: ACCEPTANCE_BACKFILL_STATES })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(ACCEPTANCE_BACKFILL_STATES, oneOf(ACCEPTANCE_BACKFILL_STATES))
  state?: AcceptanceBackfillStateV1;

  @ApiPropertyOptional({ example: '430223' })
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^43\d{4}$/, { message: '区划代码须为 43 开头的 6 位数字 (6-digit Hunan region code)' })
  regionCode?: string;

  @ApiPropertyOptional({
    enum: ACCEPTANCE_BACKFILL_SORT.values,
    description: '排序：字段名升序，前加 - 降序；不填为提交时间倒序',
  })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsSort(ACCEPTANCE_BACKFILL_SORT.fields)
  sort?: string;

  @ListPageProperty()
  page: number = 1;

  @ListPageSizeProperty()
  pageSize: number = 20;
}

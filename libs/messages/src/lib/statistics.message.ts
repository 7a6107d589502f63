import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ListPageProperty, ListPageSizeProperty } from './validation/page-query';
import {
  activeRegionLevel,
  chinaToday,
  currentRegionCode,
  findRegionHistory,
  isIsoDate,
  regionName,
} from '@hn/numbering';
import {
  STATISTICS_EARLIEST_DATE,
  STATISTICS_FIGURES,
  STATISTICS_MAX_MONTHS,
  StatisticsFigureV1,
  StatisticsMonthlyRequestV1,
  StatisticsRecordsRequestV1,
  StatisticsSummaryRequestV1,
} from './statistics';
import { FieldRule } from './validation/field-rule';
import { REQUIRED_MESSAGE as REQUIRED } from './validation/submission-constraints';

/**
 * Statistics queries as message classes: the gateway validates the query string with them, the
 * alerts service validates its RPC payload with them again. Every rule here needs only the query
 * (and the GB/T 2260 table of @hn/numbering); "today" is the China date.
 */

const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value;

const named = (code: string): string => {
  const name = regionName(code);
  return name ? `${code}（${name}）` : code;
};

/** Null for a province, prefecture or county code in force today; else the reason, naming the successor of a retired code. */
export function statisticsRegionReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED.message;
  if (typeof value !== 'string' || !/^43\d{4}$/.test(value))
    return '区划代码须为 43 开头的 6 位数字 (6-digit Hunan region code)';
  if (activeRegionLevel(value)) return null;
  const rows = findRegionHistory(value);
  if (rows.length === 0) return `未知的行政区划代码 ${value} (unknown region code)`;
  const last = rows[rows.length - 1]!;
  const retired = `行政区划代码 ${value}（${last.name}）已于 ${last.endYear} 年撤销`;
  const successor = currentRegionCode(value);
  return successor
    ? `${retired}，其数据计入 ${named(successor)}，请改用 ${successor} (retired region code; use its successor ${successor})`
    : `${retired}，无现行承继区划 (retired region code without a successor in force)`;
}

/** Null for a real date from 2015-01-01 to today (China); else the reason. */
export function statisticsDateReason(value: unknown, today = chinaToday()): string | null {
  if (typeof value !== 'string' || !isIsoDate(value))
    return '须为 YYYY-MM-DD 格式的真实日期 (must be a real YYYY-MM-DD date)';
  if (value < STATISTICS_EARLIEST_DATE)
    return `不能早于 ${STATISTICS_EARLIEST_DATE}（统计自 2015 年起）(must not be before ${STATISTICS_EARLIEST_DATE})`;
  if (value > today) return `不能晚于今天 ${today} (must not be in the future)`;
  return null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** Null for a month YYYY-MM from 2015-01 to the current month (China); else the reason. */
export function statisticsMonthReason(value: unknown, today = chinaToday()): string | null {
  if (value === undefined || value === null) return REQUIRED.message;
  if (typeof value !== 'string' || !MONTH.test(value)) return '月份格式应为 YYYY-MM (month as YYYY-MM)';
  if (value < STATISTICS_EARLIEST_DATE.slice(0, 7))
    return `不能早于 ${STATISTICS_EARLIEST_DATE.slice(0, 7)} (must not be before ${STATISTICS_EARLIEST_DATE.slice(0, 7)})`;
  if (value > today.slice(0, 7)) return `不能晚于本月 ${today.slice(0, 7)} (must not be in the future)`;
  return null;
}

/** Months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++)
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

const RegionCode = (): PropertyDecorator => FieldRule('statisticsRegionCode', statisticsRegionReason);
const AsOf = (): PropertyDecorator =>
  FieldRule('statisticsAsOf', (v) => (v === undefined ? null : statisticsDateReason(v)));

const REGION_DOC = {
  example: '430000',
  description:
    '区划代码（现行）：430000 全省、市州（如 430200）或县市区（如 430223）；须在本人或本凭据的区划内。已撤销的代码为 422，并给出承继代码',
};
const AS_OF_DOC = {
  example: '2026-11-30',
  format: 'date',
  description: '统计截止日（北京时间当日结束时已登记的记录），2015-01-01 至今天；不填为今天',
};

/** Query of GET /api/v1/statistics/summary. */
export class StatisticsSummaryQuery implements StatisticsSummaryRequestV1 {
  @ApiProperty(REGION_DOC)
  @Transform(blankToUndefined)
  @RegionCode()
  regionCode!: string;

  @ApiPropertyOptional(AS_OF_DOC)
  @Transform(blankToUndefined)
  @AsOf()
  asOf?: string;
}

/** Query of GET /api/v1/statistics/monthly: at most 60 months, from ≤ to. */
export class StatisticsMonthlyQuery implements StatisticsMonthlyRequestV1 {
  @ApiProperty(REGION_DOC)
  @Transform(blankToUndefined)
  @RegionCode()
  regionCode!: string;

  @ApiProperty({ example: '2024-01', description: '起始月份 YYYY-MM（含），自 2015-01 起' })
  @Transform(blankToUndefined)
  @FieldRule('statisticsFrom', (v) => statisticsMonthReason(v))
  from!: string;

  @ApiProperty({
    example: '2024-12',
    description: `截止月份 YYYY-MM（含），不早于起始月份、不晚于本月，跨度最多 ${STATISTICS_MAX_MONTHS} 个月`,
  })
  @Transform(blankToUndefined)
  @FieldRule('statisticsTo', (v, o) => {
    const own = statisticsMonthReason(v);
    if (own) return own;
    const from = o['from'];
    if (typeof from !== 'string' || statisticsMonthReason(from) !== null) return null; // reported on from
    const to = v as string;
    if (to < from) return `不能早于起始月份 ${from} (must not be before from)`;
    const span = monthIndex(to) - monthIndex(from) + 1;
    return span > STATISTICS_MAX_MONTHS
      ? `跨度 ${span} 个月，最多 ${STATISTICS_MAX_MONTHS} 个月 (at most ${STATISTICS_MAX_MONTHS} months, got ${span})`
      : null;
  })
  to!: string;
}

/** Query of GET /api/v1/statistics/projects (and its CSV export, which ignores page and pageSize). */
export class StatisticsRecordsQuery implements StatisticsRecordsRequestV1 {
  @ApiProperty(REGION_DOC)
  @Transform(blankToUndefined)
  @RegionCode()
  regionCode!: string;

  @ApiProperty({
    enum: STATISTICS_FIGURES,
    example: 'permits.byProjectType.PRESALE',
    description: '统计项：汇总结果中该数字的字段路径；面积、金额项列出与其计数相同的记录',
  })
  @Transform(blankToUndefined)
  @FieldRule('statisticsFigure', (v) =>
    v === undefined
      ? REQUIRED.message
      : STATISTICS_FIGURES.includes(v as StatisticsFigureV1)
        ? null
        : `未知的统计项，可选：${STATISTICS_FIGURES.join(' / ')} (unknown figure)`,
  )
  figure!: StatisticsFigureV1;

  @ApiPropertyOptional(AS_OF_DOC)
  @Transform(blankToUndefined)
  @AsOf()
  asOf?: string;

  @ListPageProperty()
  page: number = 1;

  @ListPageSizeProperty()
  pageSize: number = 20;
}

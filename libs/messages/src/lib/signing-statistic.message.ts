import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { presaleNumberReason, REQUIRED } from './contract-filing-rules';
import type { FieldError } from './problem';
import type {
  SigningStatisticPutRequestV1,
  SigningStatisticSubmitRequestV1,
  SigningStatisticWithdrawRequestV1,
} from './reconciliation';
import { FieldRule } from './validation/field-rule';
import type { ExpandingConstraintContext } from './validation/flatten-validation-errors';

/**
 * 网签统计补录 payloads as message classes: the gateway validates the HTTP bodies with them (and
 * OpenAPI is generated from them), the contracts service validates its RPC payloads with them again
 * (validateMessage). Rules that need the clock or data (month not in the future, not before the
 * permit's issue month, records and locks) stay in the service.
 */

export const MAX_STATISTIC_CONTRACTS = 100_000;
/** numeric(14,2) holds up to 999 999 999 999.99 m²; far beyond any real project. */
export const MAX_STATISTIC_FLOOR_AREA = 100_000_000;
/** 1 万亿元 in fen: per permit and month, far beyond any real project. */
export const MAX_STATISTIC_AMOUNT_FEN = 100_000_000_000_000;
export const MAX_SUBMIT_MONTHS = 120;
export const STATISTIC_PRESALE_EXAMPLE = '430223202406200101-Y01';

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MONTH_REASON = '月份格式应为 YYYY-MM，自 2000-01 起 (month as YYYY-MM, from 2000-01)';

/** A YYYY-MM month from 2000-01 on. */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value) && value >= '2000-01';
}

export function monthReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return isMonth(value) ? null : MONTH_REASON;
}

function integerReason(value: unknown, max: number, what: string): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `${what}须为整数 (must be an integer)`;
  if (value < 0) return `${what}不能为负数 (must not be negative)`;
  if (value > max) return `${what}最大 ${max} (at most ${max})`;
  return null;
}

export function statisticFloorAreaReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '网签面积须为数字，单位平方米 (m², a number)';
  if (value < 0) return '网签面积不能为负数 (must not be negative)';
  if (Math.abs(value * 100 - Math.round(value * 100)) >= 1e-6) return '网签面积最多两位小数 (at most two decimals)';
  if (value > MAX_STATISTIC_FLOOR_AREA)
    return `网签面积最大 ${MAX_STATISTIC_FLOOR_AREA} 平方米 (at most ${MAX_STATISTIC_FLOOR_AREA} m²)`;
  return null;
}

export const statisticAmountReason = (value: unknown): string | null =>
  integerReason(value, MAX_STATISTIC_AMOUNT_FEN, '网签金额');

/** Zero contracts means zero area and amount (checked on contractsSigned once each figure is valid). */
export function contractsSignedReason(value: unknown, o: Record<string, unknown>): string | null {
  const own = integerReason(value, MAX_STATISTIC_CONTRACTS, '网签套数');
  if (own) return own;
  const area = o['floorArea'];
  const amount = o['amountFen'];
  const areaPositive = statisticFloorAreaReason(area) === null && (area as number) > 0;
  const amountPositive = statisticAmountReason(amount) === null && (amount as number) > 0;
  if (value === 0 && (areaPositive || amountPositive))
    return '网签套数为 0 时面积和金额须为 0 (zero contracts: zero area and amount)';
  return null;
}

/** The list itself: required, an array, 1..MAX_SUBMIT_MONTHS. */
function monthListReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  if (!Array.isArray(value)) return '须为月份数组 (must be an array of YYYY-MM months)';
  if (value.length < 1 || value.length > MAX_SUBMIT_MONTHS)
    return `须列出 1–${MAX_SUBMIT_MONTHS} 个月份 (1..${MAX_SUBMIT_MONTHS} months)`;
  return null;
}

function monthItemErrors(value: unknown, path: string): FieldError[] {
  if (monthListReason(value) !== null) return [];
  return (value as unknown[]).flatMap((m, i) => (isMonth(m) ? [] : [{ field: `${path}[${i}]`, reason: MONTH_REASON }]));
}

/**
 * The months of a submission: a problem of the list is reported on `months`, bad months each on
 * their own path (`months[1]`), and repeated months on `months` once every month is well-formed.
 */
function MonthList(): PropertyDecorator {
  const distinctReason = (value: unknown): string | null =>
    new Set(value as unknown[]).size !== (value as unknown[]).length ? '月份不能重复 (months must be distinct)' : null;
  const listReason = (value: unknown): string | null =>
    monthListReason(value) ?? (monthItemErrors(value, '').length > 0 ? null : distinctReason(value));
  const context: ExpandingConstraintContext = { expand: (value, path) => monthItemErrors(value, path) };
  return ValidateBy(
    {
      name: 'monthList',
      validator: {
        validate: (value: unknown): boolean => listReason(value) === null && monthItemErrors(value, '').length === 0,
        defaultMessage: (args): string => listReason(args?.value) ?? MONTH_REASON,
      },
    },
    { context },
  );
}

const PresaleNumberField = (): PropertyDecorator => FieldRule('presaleNumber', presaleNumberReason);

/** Body of PUT /api/v1/supervision/signing-statistics/{presaleNumber}/{month}: the month's figures. */
export class SigningStatisticFigures {
  @ApiProperty({
    example: 36,
    minimum: 0,
    maximum: MAX_STATISTIC_CONTRACTS,
    description: '当月网签套数（整数）contracts signed in the month',
  })
  @FieldRule('contractsSigned', contractsSignedReason)
  contractsSigned!: number;

  @ApiProperty({
    example: 3456.78,
    minimum: 0,
    description: '网签面积（平方米，最多两位小数）floor area, m², two decimals',
  })
  @FieldRule('floorArea', statisticFloorAreaReason)
  floorArea!: number;

  @ApiProperty({ example: 2_345_678_900, minimum: 0, description: '网签金额（分，整数）amount in fen' })
  @FieldRule('amountFen', statisticAmountReason)
  amountFen!: number;
}

/** Payload of rpc.contracts.statistics.put.v1: the path's presale number and month with the figures. */
export class SigningStatisticPut implements SigningStatisticPutRequestV1 {
  @ApiProperty({ example: STATISTIC_PRESALE_EXAMPLE, description: '统一预售许可证号' })
  @PresaleNumberField()
  presaleNumber!: string;

  @ApiProperty({ example: '2024-08', description: '月份 YYYY-MM' })
  @FieldRule('month', monthReason)
  month!: string;

  @ApiProperty({ example: 36, minimum: 0, maximum: MAX_STATISTIC_CONTRACTS })
  @FieldRule('contractsSigned', contractsSignedReason)
  contractsSigned!: number;

  @ApiProperty({ example: 3456.78, minimum: 0 })
  @FieldRule('floorArea', statisticFloorAreaReason)
  floorArea!: number;

  @ApiProperty({ example: 2_345_678_900, minimum: 0 })
  @FieldRule('amountFen', statisticAmountReason)
  amountFen!: number;
}

/** Body of POST …/signing-statistics/withdraw (撤回), also the RPC payload. */
export class SigningStatisticWithdrawal implements SigningStatisticWithdrawRequestV1 {
  @ApiProperty({ example: STATISTIC_PRESALE_EXAMPLE, description: '统一预售许可证号' })
  @PresaleNumberField()
  presaleNumber!: string;

  @ApiProperty({ example: '2024-07', description: '月份 YYYY-MM' })
  @FieldRule('month', monthReason)
  month!: string;
}

/** Body of POST …/signing-statistics/submit (提交), also the RPC payload. */
export class SigningStatisticSubmission implements SigningStatisticSubmitRequestV1 {
  @ApiProperty({ example: STATISTIC_PRESALE_EXAMPLE, description: '统一预售许可证号' })
  @PresaleNumberField()
  presaleNumber!: string;

  @ApiProperty({
    example: ['2024-06', '2024-07'],
    type: [String],
    minItems: 1,
    maxItems: MAX_SUBMIT_MONTHS,
    description: '要提交锁定的月份（均须为草稿，全部成功或全部不提交）',
  })
  @MonthList()
  months!: string[];
}

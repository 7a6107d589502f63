import { ApiProperty } from '@nestjs/swagger';
import { presaleNumberReason, REQUIRED, textReason } from '@hn/messages';
import { Rule } from '../../contract-filings/dto/rule.decorators';

/** Bounds shared with the contracts service (its validator has the same limits). */
export const MAX_CONTRACTS = 100_000;
export const MAX_FLOOR_AREA = 100_000_000;
export const MAX_AMOUNT_FEN = 100_000_000_000_000;
export const MAX_SUBMIT_MONTHS = 120;
export const MAX_EXPLANATION_LENGTH = 1000;
export const PRESALE_EXAMPLE = '430223202406200101-Y01';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const monthReason = (v: unknown): string | null => {
  if (v === undefined || v === null) return REQUIRED;
  return typeof v === 'string' && MONTH.test(v) && v >= '2000-01'
    ? null
    : '月份格式应为 YYYY-MM，自 2000-01 起 (month as YYYY-MM, from 2000-01)';
};

function integerReason(v: unknown, max: number, what: string): string | null {
  if (v === undefined || v === null) return REQUIRED;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return `${what}须为整数 (must be an integer)`;
  if (v < 0) return `${what}不能为负数 (must not be negative)`;
  if (v > max) return `${what}最大 ${max} (at most ${max})`;
  return null;
}

function floorAreaReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  if (typeof v !== 'number' || !Number.isFinite(v)) return '网签面积须为数字，单位平方米 (m², a number)';
  if (v < 0) return '网签面积不能为负数 (must not be negative)';
  if (Math.abs(v * 100 - Math.round(v * 100)) >= 1e-6) return '网签面积最多两位小数 (at most two decimals)';
  if (v > MAX_FLOOR_AREA) return `网签面积最大 ${MAX_FLOOR_AREA} 平方米 (at most ${MAX_FLOOR_AREA} m²)`;
  return null;
}

/** Zero contracts means zero area and amount (checked on contractsSigned once each figure is valid). */
function contractsReason(v: unknown, o: Record<string, unknown>): string | null {
  const own = integerReason(v, MAX_CONTRACTS, '网签套数');
  if (own) return own;
  const areaOk = floorAreaReason(o['floorArea']) === null;
  const amountOk = integerReason(o['amountFen'], MAX_AMOUNT_FEN, '网签金额') === null;
  if (v === 0 && ((areaOk && (o['floorArea'] as number) > 0) || (amountOk && (o['amountFen'] as number) > 0))) {
    return '网签套数为 0 时面积和金额须为 0 (zero contracts: zero area and amount)';
  }
  return null;
}

function monthsReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  if (!Array.isArray(v)) return '须为月份数组 (must be an array of YYYY-MM months)';
  if (v.length < 1 || v.length > MAX_SUBMIT_MONTHS)
    return `须列出 1–${MAX_SUBMIT_MONTHS} 个月份 (1..${MAX_SUBMIT_MONTHS} months)`;
  const bad = v.findIndex((m) => monthReason(m) !== null);
  if (bad >= 0) return `months[${bad}] 月份格式应为 YYYY-MM (month as YYYY-MM)`;
  if (new Set(v).size !== v.length) return '月份不能重复 (months must be distinct)';
  return null;
}

/** Body of PUT /api/v1/supervision/signing-statistics/{presaleNumber}/{month}. */
export class PutStatisticDto {
  @ApiProperty({
    example: 36,
    minimum: 0,
    maximum: MAX_CONTRACTS,
    description: '当月网签套数（整数）contracts signed in the month',
  })
  @Rule('contractsSigned', contractsReason)
  contractsSigned!: number;

  @ApiProperty({
    example: 3456.78,
    minimum: 0,
    description: '网签面积（平方米，最多两位小数）floor area, m², two decimals',
  })
  @Rule('floorArea', floorAreaReason)
  floorArea!: number;

  @ApiProperty({ example: 2_345_678_900, minimum: 0, description: '网签金额（分，整数）amount in fen' })
  @Rule('amountFen', (v) => integerReason(v, MAX_AMOUNT_FEN, '网签金额'))
  amountFen!: number;
}

/** Body of POST …/signing-statistics/withdraw (撤回). */
export class WithdrawStatisticDto {
  @ApiProperty({ example: PRESALE_EXAMPLE, description: '统一预售许可证号' })
  @Rule('presaleNumber', presaleNumberReason)
  presaleNumber!: string;

  @ApiProperty({ example: '2024-07', description: '月份 YYYY-MM' })
  @Rule('month', monthReason)
  month!: string;
}

/** Body of POST …/signing-statistics/submit (提交). */
export class SubmitStatisticsDto {
  @ApiProperty({ example: PRESALE_EXAMPLE, description: '统一预售许可证号' })
  @Rule('presaleNumber', presaleNumberReason)
  presaleNumber!: string;

  @ApiProperty({
    example: ['2024-06', '2024-07'],
    type: [String],
    minItems: 1,
    maxItems: MAX_SUBMIT_MONTHS,
    description: '要提交锁定的月份（均须为草稿，全部成功或全部不提交）',
  })
  @Rule('months', monthsReason)
  months!: string[];
}

/** Body of POST …/reconciliation/{differenceId}/acknowledge (核实说明). */
export class AcknowledgeDifferenceDto {
  @ApiProperty({
    example: '经核实，B0005 号合同已于 2024-10-12 在市网签系统备案，推送省平台失败，已补推。',
    maxLength: MAX_EXPLANATION_LENGTH,
    description: '核实说明（1–1000 字）',
  })
  @Rule('explanation', (v) => textReason(v, MAX_EXPLANATION_LENGTH))
  explanation!: string;
}

import { FieldError, SigningStatisticKindV1, SigningStatisticPutRequestV1 } from '@hn/messages';
import { parsePresaleNumber } from '@hn/numbering';
import { isMonth } from './statistic-months';

/** numeric(14,2) holds up to 999 999 999 999.99 m²; far beyond any real project. */
export const MAX_FLOOR_AREA = 100_000_000;
/** 1 万亿元 in fen: per permit and month, far beyond any real project. */
export const MAX_AMOUNT_FEN = 100_000_000_000_000;
export const MAX_CONTRACTS = 100_000;

/** A validated put request with the floor area in hundredths of m² (exact integer arithmetic). */
export interface ValidStatisticPut {
  presaleNumber: string;
  month: string;
  contractsSigned: number;
  floorAreaHundredths: number;
  amountFen: number;
}

/** Hundredths of a value with at most two decimals, or null (float noise of 1e-6 tolerated). */
export function toHundredths(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const scaled = Math.round(value * 100);
  return Math.abs(value * 100 - scaled) < 1e-6 ? scaled : null;
}

/**
 * Every problem of a put request at once (422 lists them all). The month may not be in the future;
 * a statistic of zero contracts has zero area and amount.
 */
export function validateStatisticPut(
  body: SigningStatisticPutRequestV1 | undefined,
  currentMonth: string,
): { value: ValidStatisticPut | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<
    Record<keyof SigningStatisticPutRequestV1, unknown>
  >;
  if (typeof b.presaleNumber !== 'string' || parsePresaleNumber(b.presaleNumber) === null) {
    errors.push({
      field: 'presaleNumber',
      reason: '预售许可证编号格式应为 18 位施工许可证编号-Y/Z 两位序号 (format <18 digits>-<Y|Z><NN>)',
    });
  }
  if (!isMonth(b.month))
    errors.push({ field: 'month', reason: '月份格式应为 YYYY-MM (month as YYYY-MM, from 2000-01)' });
  else if (b.month > currentMonth)
    errors.push({ field: 'month', reason: `月份不能晚于本月 ${currentMonth} (not in the future)` });
  const count = b.contractsSigned;
  const countOk = typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 && count <= MAX_CONTRACTS;
  if (!countOk)
    errors.push({
      field: 'contractsSigned',
      reason: `网签套数须为 0–${MAX_CONTRACTS} 的整数 (integer 0..${MAX_CONTRACTS})`,
    });
  const area = toHundredths(b.floorArea);
  const areaOk = area !== null && area >= 0 && area <= MAX_FLOOR_AREA * 100;
  if (!areaOk)
    errors.push({ field: 'floorArea', reason: '网签面积须为非负数，最多两位小数，单位平方米 (m², ≥ 0, two decimals)' });
  const amount = b.amountFen;
  const amountOk =
    typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_AMOUNT_FEN;
  if (!amountOk)
    errors.push({ field: 'amountFen', reason: '网签金额须为非负整数，单位为分 (non-negative integer, fen)' });
  if (countOk && count === 0 && ((areaOk && area > 0) || (amountOk && amount > 0))) {
    errors.push({
      field: 'contractsSigned',
      reason: '网签套数为 0 时面积和金额须为 0 (zero contracts: zero area and amount)',
    });
  }
  if (errors.length > 0) return { value: null, errors };
  return {
    value: {
      presaleNumber: b.presaleNumber as string,
      month: b.month as string,
      contractsSigned: count as number,
      floorAreaHundredths: area as number,
      amountFen: amount as number,
    },
    errors,
  };
}

/** BACKFILL before the cut-over month (contracts then got no unified numbers), PERIODIC from it on. */
export function statisticKind(month: string, cutoverDate: string): SigningStatisticKindV1 {
  return month < cutoverDate.slice(0, 7) ? 'BACKFILL' : 'PERIODIC';
}

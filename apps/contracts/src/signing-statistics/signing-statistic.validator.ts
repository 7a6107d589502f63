import { FieldError, SigningStatisticKindV1, SigningStatisticPut, validateMessage } from '@hn/messages';

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
 * The payload rules of @hn/messages SigningStatisticPut (every problem at once, as the gateway
 * reports them), then the clock's: the month may not be in the future.
 */
export async function validateStatisticPut(
  body: unknown,
  currentMonth: string,
): Promise<{ value: ValidStatisticPut | null; errors: FieldError[] }> {
  const checked = await validateMessage(SigningStatisticPut, body);
  if (!checked.ok) return { value: null, errors: checked.errors };
  const put = checked.value;
  if (put.month > currentMonth)
    return {
      value: null,
      errors: [{ field: 'month', reason: `月份不能晚于本月 ${currentMonth} (not in the future)` }],
    };
  return {
    value: {
      presaleNumber: put.presaleNumber,
      month: put.month,
      contractsSigned: put.contractsSigned,
      floorAreaHundredths: toHundredths(put.floorArea)!,
      amountFen: put.amountFen,
    },
    errors: [],
  };
}

/** BACKFILL before the cut-over month (contracts then got no unified numbers), PERIODIC from it on. */
export function statisticKind(month: string, cutoverDate: string): SigningStatisticKindV1 {
  return month < cutoverDate.slice(0, 7) ? 'BACKFILL' : 'PERIODIC';
}

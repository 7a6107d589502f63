import { FieldError, SigningStatisticKindV1, SigningStatisticPutRequestV1 } from '@hn/messages';

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
 * A put validated with @hn/messages SigningStatisticPut (by `@RpcHandler(Rpc.statisticPut)`, as the
 * gateway validates it), then the clock's rule: the month may not be in the future.
 */
export function checkStatisticPut(
  put: SigningStatisticPutRequestV1,
  currentMonth: string,
): { value: ValidStatisticPut | null; errors: FieldError[] } {
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

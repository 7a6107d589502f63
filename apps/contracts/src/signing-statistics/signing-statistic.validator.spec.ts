import { SigningStatisticPut, SigningStatisticPutRequestV1, validateMessage } from '@hn/messages';
import { checkStatisticPut, statisticKind, toHundredths } from './signing-statistic.validator';
import { currentMonthInChina, isMonth } from './statistic-months';

const body = (over: Partial<Record<keyof SigningStatisticPutRequestV1, unknown>> = {}) =>
  ({
    presaleNumber: '430223202306150101-Z01',
    month: '2024-05',
    contractsSigned: 12,
    floorArea: 1085.5,
    amountFen: 702_345_600,
    ...over,
  }) as SigningStatisticPutRequestV1;
/** What a put meets on its way in: the entry's class (@RpcHandler), then the service's clock rule. */
const validateStatisticPut = async (b: SigningStatisticPutRequestV1 | undefined, currentMonth: string) => {
  const checked = await validateMessage(SigningStatisticPut, b);
  return checked.ok ? checkStatisticPut(checked.value, currentMonth) : { value: null, errors: checked.errors };
};
const fields = async (b: SigningStatisticPutRequestV1 | undefined) =>
  (await validateStatisticPut(b, '2025-01')).errors.map((e) => e.field);

describe(checkStatisticPut.name, () => {
  it('accepts a complete statistic, area in hundredths', async () => {
    expect(await validateStatisticPut(body(), '2025-01')).toEqual({
      errors: [],
      value: {
        presaleNumber: '430223202306150101-Z01',
        month: '2024-05',
        contractsSigned: 12,
        floorAreaHundredths: 108550,
        amountFen: 702_345_600,
      },
    });
    expect(await fields(body({ contractsSigned: 0, floorArea: 0, amountFen: 0 }))).toEqual([]);
    expect(await fields(body({ month: '2025-01' }))).toEqual([]);
  });

  it('lists every problem at once 一次列出全部问题', async () => {
    expect(await fields(undefined)).toEqual(['presaleNumber', 'month', 'contractsSigned', 'floorArea', 'amountFen']);
    expect(await fields(body({ presaleNumber: '430223202306150101-X01' }))).toEqual(['presaleNumber']);
    expect(await fields(body({ month: '2024-5' }))).toEqual(['month']);
    expect(await fields(body({ month: '1999-12' }))).toEqual(['month']);
    expect(await fields(body({ month: '2025-02' }))).toEqual(['month']);
    expect(await fields(body({ contractsSigned: -1 }))).toEqual(['contractsSigned']);
    expect(await fields(body({ contractsSigned: 1.5 }))).toEqual(['contractsSigned']);
    expect(await fields(body({ floorArea: 10.123 }))).toEqual(['floorArea']);
    expect(await fields(body({ floorArea: -0.01 }))).toEqual(['floorArea']);
    expect(await fields(body({ floorArea: Number.NaN }))).toEqual(['floorArea']);
    expect(await fields(body({ amountFen: 1.5 }))).toEqual(['amountFen']);
    expect(await fields(body({ amountFen: '100' }))).toEqual(['amountFen']);
    expect(await fields(body({ contractsSigned: 0 }))).toEqual(['contractsSigned']);
  });
});

describe('statistic helpers', () => {
  it('derives the kind from the cut-over month', () => {
    expect(statisticKind('2024-08', '2024-09-01')).toBe('BACKFILL');
    expect(statisticKind('2024-09', '2024-09-01')).toBe('PERIODIC');
    expect(statisticKind('2024-09', '2024-10-01')).toBe('BACKFILL');
  });

  it('converts two-decimal areas exactly', () => {
    expect(toHundredths(0.1 + 0.2)).toBe(30);
    expect(toHundredths(1085.55)).toBe(108555);
    expect(toHundredths(1.005)).toBeNull();
    expect(toHundredths(Infinity)).toBeNull();
  });

  it('checks months', () => {
    expect(['2024-01', '2024-12'].every(isMonth)).toBe(true);
    expect(['2024-00', '2024-13', '24-01', 202401, '1999-12'].some(isMonth)).toBe(false);
    expect(currentMonthInChina(new Date('2024-08-31T16:30:00Z'))).toBe('2024-09');
  });
});

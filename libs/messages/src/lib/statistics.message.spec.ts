import { chinaToday } from '@hn/numbering';
import {
  monthsBetween,
  StatisticsMonthlyQuery,
  StatisticsRecordsQuery,
  statisticsRegionReason,
  StatisticsSummaryQuery,
} from './statistics.message';
import { validateMessage } from './validation/validate-message';

const errorsOf = async (type: new () => object, value: unknown) => {
  const r = await validateMessage(type, value);
  return r.ok ? [] : r.errors;
};

describe(statisticsRegionReason.name, () => {
  it('accepts the province, a prefecture and a county in force', () => {
    for (const code of ['430000', '430200', '430223', '433130']) expect(statisticsRegionReason(code)).toBeNull();
  });

  it('names the successor of a retired code', () => {
    expect(statisticsRegionReason('430124')).toContain('已于 2017 年撤销');
    expect(statisticsRegionReason('430124')).toContain('430182（宁乡市）');
    expect(statisticsRegionReason('430221')).toContain('请改用 430212');
  });

  it('refuses unknown, malformed and absent codes', () => {
    expect(statisticsRegionReason('439999')).toContain('未知的行政区划代码');
    expect(statisticsRegionReason('110101')).toContain('43 开头');
    expect(statisticsRegionReason(['430000', '430200'])).toContain('43 开头');
    expect(statisticsRegionReason(undefined)).toBeTruthy();
  });
});

describe(StatisticsSummaryQuery.name, () => {
  it('takes a region and an optional asOf from 2015-01-01 to today', async () => {
    expect(await errorsOf(StatisticsSummaryQuery, { regionCode: '430000' })).toEqual([]);
    expect(await errorsOf(StatisticsSummaryQuery, { regionCode: '430000', asOf: '2015-01-01' })).toEqual([]);
    expect(await errorsOf(StatisticsSummaryQuery, { regionCode: '430000', asOf: chinaToday() })).toEqual([]);
    const errors = await errorsOf(StatisticsSummaryQuery, { regionCode: '430124', asOf: '2014-12-31' });
    expect(errors.map((e) => e.field)).toEqual(['regionCode', 'asOf']);
    expect(errors[1]!.reason).toContain('2015-01-01');
    const future = await errorsOf(StatisticsSummaryQuery, { regionCode: '430000', asOf: '2999-01-01' });
    expect(future).toEqual([{ field: 'asOf', reason: expect.stringContaining('不能晚于今天') }]);
    expect((await errorsOf(StatisticsSummaryQuery, { regionCode: '430000', asOf: '2024-02-30' }))[0]!.field).toBe(
      'asOf',
    );
    expect((await errorsOf(StatisticsSummaryQuery, { regionCode: '430000', extra: 1 }))[0]!.field).toBe('extra');
  });
});

describe(StatisticsMonthlyQuery.name, () => {
  it('allows at most 60 months, from ≤ to, from 2015-01 to this month', async () => {
    expect(await errorsOf(StatisticsMonthlyQuery, { regionCode: '430200', from: '2020-01', to: '2024-12' })).toEqual(
      [],
    );
    expect(await errorsOf(StatisticsMonthlyQuery, { regionCode: '430200', from: '2020-01', to: '2025-01' })).toEqual([
      { field: 'to', reason: expect.stringContaining('跨度 61 个月') },
    ]);
    expect(await errorsOf(StatisticsMonthlyQuery, { regionCode: '430200', from: '2024-05', to: '2024-04' })).toEqual([
      { field: 'to', reason: expect.stringContaining('不能早于起始月份') },
    ]);
    const bad = await errorsOf(StatisticsMonthlyQuery, { regionCode: '430200', from: '2014-12', to: '2999-01' });
    expect(bad.map((e) => e.field)).toEqual(['from', 'to']);
    expect(
      (await errorsOf(StatisticsMonthlyQuery, { regionCode: '430200', from: '2024-13', to: '2024-12' }))[0],
    ).toEqual({ field: 'from', reason: expect.stringContaining('YYYY-MM') });
  });

  it('lists the months of a range', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
});

describe(StatisticsRecordsQuery.name, () => {
  it('needs a known figure and pages of at most 100', async () => {
    expect(
      await errorsOf(StatisticsRecordsQuery, { regionCode: '430223', figure: 'permits.byProjectType.PRESALE' }),
    ).toEqual([]);
    const errors = await errorsOf(StatisticsRecordsQuery, {
      regionCode: '430223',
      figure: 'permits.sum',
      pageSize: '101',
    });
    expect(errors.map((e) => e.field)).toEqual(['figure', 'pageSize']);
    expect((await errorsOf(StatisticsRecordsQuery, { regionCode: '430223' }))[0]!.field).toBe('figure');
  });
});

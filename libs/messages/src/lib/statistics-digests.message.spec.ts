import { DigestAssessment, StatisticsDigestListQuery } from './statistics-digests.message';
import { validateEvent } from './validation/validate-event';
import { validateMessage } from './validation/validate-message';

const fieldsOf = async <T extends object>(type: new () => T, value: unknown): Promise<string[]> => {
  const result = await validateMessage(type, value);
  return result.ok ? [] : result.errors.map((e) => e.field).sort();
};

describe(StatisticsDigestListQuery.name, () => {
  it('accepts a region with an ordered date range, or none', async () => {
    expect(await fieldsOf(StatisticsDigestListQuery, { regionCode: '430223' })).toEqual([]);
    expect(
      await fieldsOf(StatisticsDigestListQuery, { regionCode: '430223', from: '2026-01-01', to: '2026-01-01' }),
    ).toEqual([]);
  });

  it('refuses from after to on from, and a bad to on to alone', async () => {
    const result = await validateMessage(StatisticsDigestListQuery, {
      regionCode: '430223',
      from: '2026-02-01',
      to: '2026-01-01',
    });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'from', reason: '起始日期不能晚于截止日期 (from must not be after to)' },
    ]);
    expect(
      await fieldsOf(StatisticsDigestListQuery, { regionCode: '430223', from: '2026-02-01', to: '2014-01-01' }),
    ).toEqual(['to']);
  });
});

describe(DigestAssessment.name, () => {
  const rule = {
    ruleId: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT',
    description: '已标记为预售商品房但未补录预售许可证的项目',
    pointsBefore: 1,
    pointsAfter: 3,
    pointsDelta: 2,
    countBefore: 1,
    countAfter: 3,
  };

  it('takes the province’s null score and a first digest’s null befores', async () => {
    const first = { ...rule, pointsBefore: null, pointsDelta: null, countBefore: null };
    const value = { rulesVersion: '2024.v1', scoreBefore: null, scoreAfter: null, scoreDelta: null, rules: [first] };
    expect((await validateEvent(DigestAssessment, value)).errors ?? []).toEqual([]);
  });

  it('refuses a negative count and an unknown field, per rule', async () => {
    const value = {
      rulesVersion: '2024.v1',
      scoreBefore: 95,
      scoreAfter: 92,
      scoreDelta: -3,
      rules: [{ ...rule, countAfter: -1, extra: 1 }],
    };
    const result = await validateEvent(DigestAssessment, value);
    expect(result.ok ? [] : result.errors.map((e) => e.field).sort()).toEqual([
      'rules[0].countAfter',
      'rules[0].extra',
    ]);
  });
});

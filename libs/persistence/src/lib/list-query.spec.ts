import { pageOf, regionCondition } from './list-query';

describe('list query helpers', () => {
  it('reads page and page size with defaults and bounds', () => {
    expect(pageOf(undefined)).toEqual({ page: 1, pageSize: 20, offset: 0 });
    expect(pageOf({ page: '3', pageSize: '50' })).toEqual({ page: 3, pageSize: 50, offset: 100 });
    expect(pageOf({ page: 0, pageSize: 1000 })).toEqual({ page: 1, pageSize: 100, offset: 0 });
    expect(pageOf({ page: 10_001, pageSize: -1 })).toEqual({ page: 1, pageSize: 20, offset: 0 });
    expect(pageOf({ page: 2, pageSize: 80 }, 50)).toEqual({ page: 2, pageSize: 50, offset: 50 });
  });

  it('builds the prefix condition on the given column and parameter', () => {
    expect(regionCondition('p.region_code', 3)).toBe(
      'EXISTS (SELECT 1 FROM unnest($3::text[]) AS rp(prefix) WHERE starts_with(p.region_code::text, rp.prefix))',
    );
  });
});

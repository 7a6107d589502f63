import { GB2260_HUNAN_REGIONS } from './data/gb2260-hunan.data';
import { activeCountyCodes, findRegionHistory, regionName, regionValidOn } from './regions';

describe('GB2260_HUNAN_REGIONS (generated data)', () => {
  it('holds well-formed, non-overlapping Hunan rows', () => {
    expect(GB2260_HUNAN_REGIONS.length).toBeGreaterThan(250);
    for (const row of GB2260_HUNAN_REGIONS) {
      expect(row.code).toMatch(/^43\d{4}$/);
      expect(row.endYear === null || row.endYear > row.startYear).toBe(true);
      for (const c of row.newCode) expect(c).toMatch(/^\d{6}$/);
    }
    const codes = new Set(GB2260_HUNAN_REGIONS.map((r) => r.code));
    for (const code of codes) {
      const rows = findRegionHistory(code);
      for (let i = 1; i < rows.length; i++) expect(rows[i - 1].endYear).not.toBeNull();
      for (let i = 1; i < rows.length; i++) expect(rows[i - 1].endYear!).toBeLessThanOrEqual(rows[i].startYear);
    }
  });
});

describe(findRegionHistory.name, () => {
  it('returns all rows of a renamed code, oldest first', () => {
    expect(findRegionHistory('430102').map((r) => [r.name, r.startYear, r.endYear])).toEqual([
      ['东区', 1983, 1996],
      ['芙蓉区', 1996, null],
    ]);
  });

  it('returns the retired 株洲县 row with its successor', () => {
    expect(findRegionHistory('430221')).toEqual([
      {
        code: '430221',
        name: '株洲县',
        level: 'county',
        parentCode: '430200',
        startYear: 1981,
        endYear: 2018,
        newCode: ['430212'],
      },
    ]);
  });

  it('returns an empty array for unknown codes and a fresh array each call', () => {
    expect(findRegionHistory('110101')).toEqual([]);
    const a = findRegionHistory('430223');
    a.pop();
    expect(findRegionHistory('430223')).toHaveLength(1);
  });

  it('hands out frozen rows so shared data cannot be corrupted', () => {
    const [row] = findRegionHistory('430223');
    expect(Object.isFrozen(row)).toBe(true);
    expect(Object.isFrozen(row.newCode)).toBe(true);
  });
});

describe(regionValidOn.name, () => {
  it('430221 株洲县 (retired 2018) is valid in 2017 but not 2018 or 2019', () => {
    expect(regionValidOn('430221', '2017-12-31')?.name).toBe('株洲县');
    expect(regionValidOn('430221', '2018-01-01')).toBeNull();
    expect(regionValidOn('430221', '2019-05-01')).toBeNull();
    expect(regionValidOn('430212', '2018-01-01')?.name).toBe('渌口区');
    expect(regionValidOn('430212', '2017-12-31')).toBeNull();
  });

  it('430124 宁乡县 became 430182 宁乡市 in 2017', () => {
    expect(regionValidOn('430124', '2016-06-30')?.name).toBe('宁乡县');
    expect(regionValidOn('430124', '2017-01-01')).toBeNull();
    expect(regionValidOn('430182', '2017-01-01')?.name).toBe('宁乡市');
    expect(regionValidOn('430182', '2016-12-31')).toBeNull();
  });

  it('picks the row in force for a renamed code', () => {
    expect(regionValidOn('430102', '1995-12-31')?.name).toBe('东区');
    expect(regionValidOn('430102', '1996-01-01')?.name).toBe('芙蓉区');
  });

  it('returns null for unknown codes and malformed dates', () => {
    expect(regionValidOn('439999', '2024-01-01')).toBeNull();
    expect(regionValidOn('430223', '2024-02-30')).toBeNull();
    expect(regionValidOn('430223', '1982-12-31')).toBeNull();
  });
});

describe(regionName.name, () => {
  it('returns the current name, the latest name of a retired code, or undefined', () => {
    expect(regionName('430223')).toBe('攸县');
    expect(regionName('430102')).toBe('芙蓉区');
    expect(regionName('430221')).toBe('株洲县');
    expect(regionName('432500')).toBe('娄底地区');
    expect(regionName('110000')).toBeUndefined();
  });
});

describe(activeCountyCodes.name, () => {
  it('lists active county-level codes only, sorted and unique', () => {
    const codes = activeCountyCodes();
    expect(codes).toContain('430223');
    expect(codes).toContain('430212');
    expect(codes).toContain('430182');
    expect(codes).not.toContain('430221');
    expect(codes).not.toContain('430124');
    expect(codes).not.toContain('430200');
    expect(codes).not.toContain('430000');
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(regionValidOn(code, '2024-06-20')?.level).toBe('county');
  });

  it('returns a copy', () => {
    const codes = activeCountyCodes();
    codes.length = 0;
    expect(activeCountyCodes().length).toBeGreaterThan(100);
  });
});

import { GB2260_HUNAN_REGIONS } from './data/gb2260-hunan.data';
import { activeChildRegions, activeRegionLevel, currentRegionCode, regionCodesCountedUnder } from './region-succession';
import { activeCountyCodes } from './regions';

describe(currentRegionCode.name, () => {
  it('keeps a code in force', () => {
    expect(currentRegionCode('430223')).toBe('430223');
    expect(currentRegionCode('430200')).toBe('430200');
    expect(currentRegionCode('430000')).toBe('430000');
  });

  it('counts the codes retired since 2015 under their successors', () => {
    expect(currentRegionCode('430124')).toBe('430182'); // 宁乡县 → 宁乡市 (2017)
    expect(currentRegionCode('430221')).toBe('430212'); // 株洲县 → 渌口区 (2018)
    expect(currentRegionCode('430521')).toBe('430582'); // 邵东县 → 邵东市 (2019)
    expect(currentRegionCode('431121')).toBe('431181'); // 祁阳县 → 祁阳市 (2021)
  });

  it('follows a chain of changes to the code in force today', () => {
    // 432124 浏阳县 (湘潭地区) → 430123 浏阳县 (1983) → 430181 浏阳市 (1993)
    expect(currentRegionCode('432124')).toBe('430181');
    // 430222 醴陵县 → 430219 醴陵市 → 439001 → 430281 醴陵市
    expect(currentRegionCode('430222')).toBe('430281');
  });

  it('is null for unknown codes and for divisions with no successor in force', () => {
    expect(currentRegionCode('110101')).toBeNull();
    expect(currentRegionCode('439999')).toBeNull();
    expect(currentRegionCode('432100')).toBeNull(); // 湘潭地区 (1983), no successor recorded
  });

  it('maps every known code to a code in force or to null, never to a retired one', () => {
    for (const row of GB2260_HUNAN_REGIONS) {
      const current = currentRegionCode(row.code);
      if (current !== null) expect(activeRegionLevel(current)).toBeDefined();
    }
  });
});

describe(activeChildRegions.name, () => {
  it('lists the 14 prefectures of the province and the counties of a prefecture', () => {
    const cities = activeChildRegions('430000');
    expect(cities).toHaveLength(14);
    expect(cities).toContain('433100'); // 湘西土家族苗族自治州
    expect(activeChildRegions('430200')).toEqual([
      '430202',
      '430203',
      '430204',
      '430211',
      '430212',
      '430223',
      '430224',
      '430225',
      '430281',
    ]);
    expect(activeChildRegions('430223')).toEqual([]);
  });

  it('covers every county in force exactly once through its prefecture', () => {
    const viaCities = activeChildRegions('430000').flatMap((c) => activeChildRegions(c));
    expect(viaCities.sort()).toEqual(activeCountyCodes());
  });
});

describe(regionCodesCountedUnder.name, () => {
  it('includes retired codes that now count inside the region', () => {
    // 432324 宁乡县 (益阳地区) → 430124 (1983) → 430182 (2017)
    expect(regionCodesCountedUnder('430182')).toEqual(['430124', '430182', '432324']);
    expect(regionCodesCountedUnder('430200')).toEqual(expect.arrayContaining(['430200', '430221', '430223']));
    expect(regionCodesCountedUnder('430200')).not.toContain('430124');
  });

  it('partitions the province: every code counted under exactly one county or prefecture (市本级)', () => {
    const all = regionCodesCountedUnder('430000').filter((c) => currentRegionCode(c) !== '430000');
    const parts = activeChildRegions('430000').flatMap((city) => [
      ...regionCodesCountedUnder(city).filter((c) => currentRegionCode(c) === city),
      ...activeChildRegions(city).flatMap((county) => regionCodesCountedUnder(county)),
    ]);
    expect(parts.sort()).toEqual(all);
    expect(new Set(parts).size).toBe(parts.length);
  });
});

import { STATISTICS_FIGURES } from '@hn/messages';
import { activeChildRegions } from '@hn/numbering';
import { countUnderCurrentCodes, regionFigures, RegionNode, rollUp, toFigures } from './region-rollup';

describe(rollUp.name, () => {
  const records = new Map([
    ['430223', { 'permits.count': 2, 'permits.floorArea': 1234567 }],
    ['430221', { 'permits.count': 1 }], // 株洲县, retired 2018 → 430212 渌口区
    ['430200', { 'filings.count': 3 }], // 株洲市本级
    ['430124', { 'presale.y': 1 }], // 宁乡县 → 430182 宁乡市
    ['999999', { 'permits.count': 5 }], // unknown: never counted
  ]);
  const current = countUnderCurrentCodes(records);

  it('counts retired codes under their successors and drops unknown codes', () => {
    expect(current.get('430212')).toEqual({ 'permits.count': 1 });
    expect(current.get('430182')).toEqual({ 'presale.y': 1 });
    expect(current.has('430221')).toBe(false);
    expect(current.has('999999')).toBe(false);
  });

  it('a city is the sum of its counties and 市本级; the province the sum of its cities', () => {
    const city = rollUp('430200', current);
    expect(city.children.map((c) => c.code)).toEqual([...activeChildRegions('430200'), '430200']);
    expect(city.children[city.children.length - 1]).toMatchObject({ level: 'OWN', name: '株洲市本级' });
    expect(city.figures).toEqual({ 'permits.count': 3, 'permits.floorArea': 1234567, 'filings.count': 3 });
    const province = rollUp('430000', current);
    expect(province.children).toHaveLength(14);
    expect(province.figures).toEqual({ ...city.figures, 'presale.y': 1 });
    expect(rollUp('430223', current)).toMatchObject({ level: 'COUNTY', children: [], figures: records.get('430223') });
  });

  it('every figure of every node is the sum over its children', () => {
    const check = (n: RegionNode): void => {
      if (n.children.length === 0) return;
      for (const f of STATISTICS_FIGURES)
        expect([f, n.figures[f] ?? 0]).toEqual([f, n.children.reduce((s, c) => s + (c.figures[f] ?? 0), 0)]);
      n.children.forEach(check);
    };
    check(rollUp('430000', current));
    for (const city of activeChildRegions('430000')) check(rollUp(city, current));
  });
});

describe(toFigures.name, () => {
  it('nests the figures by path, areas in m² and absent figures 0', () => {
    const f = toFigures({ 'permits.floorArea': 1234567, 'filings.byPaymentMethod.FULL': 2 });
    expect(f.permits).toEqual({
      count: 0,
      floorArea: 12345.67,
      byProjectType: { PRESALE: 0, CURRENT_SALE: 0, OTHER: 0, UNMARKED: 0 },
      socialInvestment: 0,
    });
    expect(f.filings.byPaymentMethod.FULL).toBe(2);
    expect(f.alerts).toEqual({
      overdueAcceptanceIncrement: 0,
      overdueAcceptanceStock: 0,
      presaleWithoutPermit: 0,
      openDifferences: 0,
    });
    expect(regionFigures(rollUp('430223', new Map()))).toMatchObject({ regionCode: '430223', regionName: '攸县' });
  });
});

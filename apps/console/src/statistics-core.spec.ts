import {
  addMonths,
  ALL_FIGURES,
  ancestry,
  breadcrumb,
  classLabel,
  classOf,
  colourClasses,
  figureValue,
  homeRegion,
  monthRange,
  niceScale,
} from './statistics-core';

describe('统计 page logic', () => {
  it('names every figure of the statistics API once, each with a Chinese label', () => {
    const paths = ALL_FIGURES.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toHaveLength(32); // STATISTICS_FIGURES of @hn/messages
    for (const f of ALL_FIGURES) expect(f.label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads a figure by its path (0 when the summary has none)', () => {
    const s = { permits: { count: 1234, byProjectType: { PRESALE: 3 } }, escrow: { balanceFen: 8_765_432_100 } };
    expect(figureValue(s, 'permits.byProjectType.PRESALE')).toBe(3);
    expect(figureValue(s, 'escrow.balanceFen')).toBe(8_765_432_100);
    expect(figureValue(s, 'filings.count')).toBe(0);
    expect(figureValue(null, 'permits.count')).toBe(0);
  });

  it('chooses a nice axis: whole steps for counts, 1 / 2 / 2.5 / 5 × 10ⁿ otherwise', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(3)).toEqual({ max: 3, step: 1, ticks: [0, 1, 2, 3] });
    expect(niceScale(7)).toEqual({ max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(38)).toEqual({ max: 40, step: 10, ticks: [0, 10, 20, 30, 40] });
    expect(niceScale(1001).ticks).toEqual([0, 500, 1000, 1500]);
    expect(niceScale(0.9, 4, false)).toEqual({ max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] });
    for (const max of [1, 5, 17, 99, 12345.67, 8_765_432_100]) {
      const s = niceScale(max, 4, false);
      expect(s.max).toBeGreaterThanOrEqual(max);
      expect(s.ticks.length).toBeLessThanOrEqual(6);
    }
  });

  it('colours the map in classes with a text legend: 0 apart, then equal ranges up to the maximum', () => {
    const text = (v: number): string => String(v);
    const classes = colourClasses([0, 1, 3, 7]);
    expect(classes.map((c) => classLabel(c, 'count', text))).toEqual(['0（无）', '1–2', '3–4', '5–6', '7–8']);
    expect([0, 1, 2, 3, 7, 8].map((v) => classOf(v, classes))).toEqual([0, 1, 1, 2, 4, 4]);
    expect(colourClasses([0, 0]).map((c) => classLabel(c, 'count', text))).toEqual(['0（无）']);
    expect(colourClasses([0, 2]).map((c) => classLabel(c, 'count', text))).toEqual(['0（无）', '1', '2']);
    const money = colourClasses([150_000_000], 4, false);
    const yuan = (fen: number): string => (fen / 100).toFixed(2);
    expect(classLabel(money[1]!, 'money', yuan)).toBe('大于 0.00 至 500000.00 元');
    expect(classLabel(money[1]!, 'units', text)).toBe('1–50000000 套');
    expect(classOf(150_000_000, money)).toBe(3);
  });

  it('counts months across years and defaults to the twelve months up to this one', () => {
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2023-12', 13)).toBe('2025-01');
    expect(monthRange(new URLSearchParams(), '2026-12-04')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(monthRange(new URLSearchParams('from=2024-03&to=2024-09'), '2026-12-04')).toEqual({
      from: '2024-03',
      to: '2024-09',
    });
    expect(monthRange(new URLSearchParams('from=2024-13&to=x'), '2026-12-04')).toEqual({
      from: '2026-01',
      to: '2026-12',
    });
  });

  it('limits the breadcrumb to the levels the user may read', () => {
    expect(ancestry('430223')).toEqual(['430000', '430200', '430223']);
    expect(ancestry('433100')).toEqual(['430000', '433100']);
    expect(breadcrumb('430223', ['430000'])).toEqual(['430000', '430200', '430223']);
    expect(breadcrumb('430223', ['430200'])).toEqual(['430200', '430223']);
    expect(breadcrumb('430223', ['430223'])).toEqual(['430223']);
    expect(breadcrumb('430224', ['430223'])).toEqual([]);
    expect(breadcrumb('430102', ['430200'])).toEqual([]);
    expect(homeRegion(['430223', '430200'])).toBe('430200');
    expect(homeRegion([])).toBe('430000');
  });
});

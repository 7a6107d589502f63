import { STATISTICS_FIGURES } from '@hn/messages';
import { alertCounts, AlertTransitionRow, digestFigures, flattenFigures } from './digest-deltas';

describe('digest deltas', () => {
  it('has no previous value nor delta for a region without a previous digest', () => {
    expect(digestFigures(null, { 'permits.count': 3 })).toEqual([
      { figure: 'permits.count', previous: null, now: 3, delta: null },
    ]);
  });

  it('takes the previous digest’s values, counting a figure it did not hold as 0', () => {
    const previous = [
      { figure: 'permits.count', previous: null, now: 3, delta: null },
      { figure: 'permits.floorArea', previous: null, now: 1200.1, delta: null },
    ];
    expect(digestFigures(previous, { 'permits.count': 4, 'permits.floorArea': 1000.3, 'presale.y': 2 })).toEqual([
      { figure: 'permits.count', previous: 3, now: 4, delta: 1 },
      { figure: 'permits.floorArea', previous: 1200.1, now: 1000.3, delta: -199.8 },
      { figure: 'presale.y', previous: 0, now: 2, delta: 2 },
    ]);
  });

  it('gives delta 0 for an unchanged figure and exact decimals for areas', () => {
    const previous = [{ figure: 'presale.presaleArea', previous: null, now: 0.1, delta: null }];
    expect(digestFigures(previous, { 'presale.presaleArea': 0.3 })[0]!.delta).toBe(0.2);
    expect(digestFigures([{ figure: 'x', previous: 1, now: 5, delta: 4 }], { x: 5 })[0]!.delta).toBe(0);
  });

  it('reads every summary figure by its path, absent ones as 0', () => {
    const flat = flattenFigures({ permits: { count: 2, byProjectType: { PRESALE: 1 } } });
    expect(Object.keys(flat)).toEqual([...STATISTICS_FIGURES]);
    expect(flat['permits.count']).toBe(2);
    expect(flat['permits.byProjectType.PRESALE']).toBe(1);
    expect(flat['presale.y']).toBe(0);
  });

  it('counts raised and cleared alerts by type inside the region only', () => {
    const rows: AlertTransitionRow[] = [
      { region_code: '430223', type: 'OVERDUE_ACCEPTANCE', kind: 'RAISED', n: 2 },
      { region_code: '430224', type: 'OVERDUE_ACCEPTANCE', kind: 'RAISED', n: 5 },
      { region_code: '430223', type: 'PRESALE_WITHOUT_PERMIT', kind: 'RAISED', n: 1 },
      { region_code: '430223', type: 'OVERDUE_ACCEPTANCE', kind: 'CLEARED', n: 1 },
    ];
    const yx = new Set(['430223']);
    expect(alertCounts(rows, 'RAISED', yx)).toEqual([
      { type: 'OVERDUE_ACCEPTANCE', count: 2 },
      { type: 'PRESALE_WITHOUT_PERMIT', count: 1 },
    ]);
    expect(alertCounts(rows, 'CLEARED', yx)).toEqual([{ type: 'OVERDUE_ACCEPTANCE', count: 1 }]);
    expect(alertCounts(rows, 'RAISED', new Set(['430223', '430224']))[0]).toEqual({
      type: 'OVERDUE_ACCEPTANCE',
      count: 7,
    });
  });
});

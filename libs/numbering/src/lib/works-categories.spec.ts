import { WORKS_CATEGORIES, worksCategoryName } from './works-categories';

describe('WORKS_CATEGORIES', () => {
  it('has exactly the codes 01..19 with non-empty Chinese names', () => {
    // note: integer-like keys '10'..'19' enumerate before '01'..'09'; sort for display
    expect(Object.keys(WORKS_CATEGORIES).sort()).toEqual(
      Array.from({ length: 19 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(WORKS_CATEGORIES['01']).toBe('一般工业与民用建筑');
    expect(WORKS_CATEGORIES['19']).toBe('其他');
    for (const name of Object.values(WORKS_CATEGORIES)) expect(name).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(WORKS_CATEGORIES)).toBe(true);
  });
});

describe(worksCategoryName.name, () => {
  it('looks up own keys only', () => {
    expect(worksCategoryName('05')).toBe(WORKS_CATEGORIES['05']);
    expect(worksCategoryName('20')).toBeUndefined();
    expect(worksCategoryName('00')).toBeUndefined();
    expect(worksCategoryName('toString')).toBeUndefined();
  });
});

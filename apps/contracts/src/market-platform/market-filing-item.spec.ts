import { parseMarketPage, validateMarketItem } from './market-filing-item';

const P = '430223202406200101-Y01';
const good = {
  id: 'MP00000001',
  contractNumber: `${P}-B0001`,
  localContractNo: 'WQ43022320241000001',
  presaleNumber: P,
  month: '2024-10',
  filingDate: '2024-10-08',
  floorArea: 89.57,
  amountFen: 123_456_700,
  status: 'FILED',
};
const problemsOf = (item: unknown): string[] => {
  const check = validateMarketItem(item);
  return check.ok ? [] : check.problems.map((p) => p.split(':')[0]!);
};

describe(validateMarketItem.name, () => {
  it('accepts a complete item, area in hundredths 合法记录', () => {
    expect(validateMarketItem(good)).toEqual({
      ok: true,
      value: {
        id: good.id,
        contractNumber: good.contractNumber,
        localContractNo: good.localContractNo,
        presaleNumber: P,
        month: '2024-10',
        filingDate: '2024-10-08',
        floorAreaHundredths: 8957,
        amountFen: 123_456_700,
        status: 'FILED',
      },
    });
  });

  it('accepts items without a unified number (before the cut-over) and cancelled ones', () => {
    for (const contractNumber of [undefined, null, '']) {
      const check = validateMarketItem({
        ...good,
        contractNumber,
        month: '2024-05',
        filingDate: '2024-05-02',
        status: 'CANCELLED',
      });
      expect(check).toMatchObject({ ok: true, value: { contractNumber: null, status: 'CANCELLED' } });
    }
  });

  it('names every problem of a bad item 无效记录', () => {
    expect(problemsOf(null)).toEqual(['item']);
    expect(problemsOf([good])).toEqual(['item']);
    expect(problemsOf({ ...good, id: '' })).toEqual(['id']);
    expect(problemsOf({ ...good, id: 'x'.repeat(65) })).toEqual(['id']);
    expect(problemsOf({ ...good, localContractNo: undefined })).toEqual(['localContractNo']);
    expect(problemsOf({ ...good, presaleNumber: '4302232024-X1' })).toEqual(['presaleNumber']);
    expect(problemsOf({ ...good, contractNumber: 'B0001' })).toEqual(['contractNumber']);
    expect(problemsOf({ ...good, contractNumber: '430000000000000000-Y01-B0001' })).toEqual(['contractNumber']);
    expect(problemsOf({ ...good, month: '2024-13' })).toEqual(['month']);
    expect(problemsOf({ ...good, filingDate: '2024-02-30' })).toEqual(['filingDate']);
    expect(problemsOf({ ...good, floorArea: -1 })).toEqual(['floorArea']);
    expect(problemsOf({ ...good, floorArea: 89.575 })).toEqual(['floorArea']);
    expect(problemsOf({ ...good, floorArea: '89.5' })).toEqual(['floorArea']);
    expect(problemsOf({ ...good, amountFen: 12.5 })).toEqual(['amountFen']);
    expect(problemsOf({ ...good, amountFen: -1 })).toEqual(['amountFen']);
    expect(problemsOf({ ...good, status: 'UNKNOWN' })).toEqual(['status']);
    expect(problemsOf({ localContractNo: 1 })).toEqual([
      'id',
      'localContractNo',
      'presaleNumber',
      'month',
      'filingDate',
      'floorArea',
      'amountFen',
      'status',
    ]);
  });

  it('keeps the source id of a bad item when it has one', () => {
    expect(validateMarketItem({ ...good, status: 'X' })).toMatchObject({ ok: false, sourceId: 'MP00000001' });
    expect(validateMarketItem({ ...good, id: 7 })).toMatchObject({ ok: false, sourceId: null });
  });
});

describe(parseMarketPage.name, () => {
  it('reads the page envelope', () => {
    expect(parseMarketPage({ items: [], nextCursor: null })).toEqual({ items: [], nextCursor: null });
    expect(parseMarketPage({ items: [1], nextCursor: 'abc', hasMore: true })).toEqual({
      items: [1],
      nextCursor: 'abc',
      hasMore: true,
    });
    expect(parseMarketPage({ items: [] })).toEqual({ items: [], nextCursor: null });
  });

  it('describes a broken envelope', () => {
    for (const bad of [null, [], 'x', { items: {} }, { items: [], nextCursor: 5 }, { items: [], hasMore: 'yes' }])
      expect(typeof parseMarketPage(bad)).toBe('string');
  });
});

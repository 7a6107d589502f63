import { fenToYuan, yuanToFen } from './money';

describe(yuanToFen.name, () => {
  it.each([
    ['0', 0],
    ['0.29', 29],
    ['0.1', 10],
    ['19.99', 1999],
    ['1,500,000.00', 150_000_000],
    ['1，500，000', 150_000_000],
    [' 87654321.00 元', 8_765_432_100],
    ['¥12.30', 1230],
    ['1234567890.12', 123_456_789_012],
    ['00012.5', 1250],
    ['7.', 700],
    ['1000000000000.00', 100_000_000_000_000],
  ])('%j is exactly %d fen', (text, fen) => {
    expect(yuanToFen(text)).toEqual({ ok: true, fen });
  });

  it('never goes through a float: every cent of 0.00–9.99 survives', () => {
    for (let cents = 0; cents < 1000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(yuanToFen(text)).toEqual({ ok: true, fen: cents });
    }
  });

  it.each([
    ['', '必填'],
    ['   ', '必填'],
    ['-5', '负数'],
    ['1.234', '两位小数'],
    ['1e6', '金额（元）'],
    ['12a', '金额（元）'],
    ['.5', '金额（元）'],
    ['1.2.3', '金额（元）'],
    ['99999999999999999', '过大'],
  ])('%j is refused (%s)', (text, reason) => {
    const result = yuanToFen(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('refuses more than the given maximum, naming it in yuan', () => {
    expect(yuanToFen('100.01', 10_000)).toEqual({ ok: false, reason: expect.stringContaining('100.00 元') });
    expect(yuanToFen('100.00', 10_000)).toEqual({ ok: true, fen: 10_000 });
  });
});

describe(fenToYuan.name, () => {
  it.each([
    [0, '0.00', '0.00'],
    [5, '0.05', '0.05'],
    [29, '0.29', '0.29'],
    [150_000_000, '1,500,000.00', '1500000.00'],
    [8_765_432_100, '87,654,321.00', '87654321.00'],
    [-65_000_000, '-650,000.00', '-650000.00'],
    [100_000_000_000_000, '1,000,000,000,000.00', '1000000000000.00'],
  ])('%d fen reads %s (field %s)', (fen, grouped, plain) => {
    expect(fenToYuan(fen)).toBe(grouped);
    expect(fenToYuan(fen, false)).toBe(plain);
  });

  it('round-trips with yuanToFen', () => {
    for (const fen of [0, 1, 99, 100, 123_456_789_012, 9_007_199_254_740_991]) {
      expect(yuanToFen(fenToYuan(fen))).toEqual({ ok: true, fen });
    }
  });
});

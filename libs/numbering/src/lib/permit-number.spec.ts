import fc from 'fast-check';
import { GB2260_HUNAN_REGIONS } from './data/gb2260-hunan.data';
import { isIsoDate } from './iso-date';
import {
  formatPermitNumber,
  parsePermitNumber,
  type PermitNumberRejection,
  type PermitNumberResult,
} from './permit-number';
import { activeCountyCodes } from './regions';
import { WORKS_CATEGORIES } from './works-categories';

const TODAY = '2025-06-30';
const opts = { today: TODAY };
const DAY_MS = 86_400_000;
const REASONS: readonly PermitNumberRejection[] = [
  'WRONG_LENGTH',
  'NOT_DIGITS',
  'UNKNOWN_REGION',
  'RETIRED_REGION',
  'IMPOSSIBLE_DATE',
  'FUTURE_DATE',
  'INVALID_SERIAL',
  'INVALID_CATEGORY',
];

function rejection(result: PermitNumberResult): { reason: PermitNumberRejection; message: string } {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`);
  return { reason: result.reason, message: result.message };
}

describe(parsePermitNumber.name, () => {
  describe('valid numbers', () => {
    it('parses the design example 430223202406200101 (攸县, 2024-06-20, serial 01, category 01)', () => {
      expect(parsePermitNumber('430223202406200101', opts)).toEqual({
        ok: true,
        value: {
          value: '430223202406200101',
          regionCode: '430223',
          regionName: '攸县',
          issueDate: '2024-06-20',
          serial: '01',
          categoryCode: '01',
          categoryName: '一般工业与民用建筑',
        },
      });
    });

    it('defaults today to the current UTC+8 date', () => {
      expect(parsePermitNumber('430223202406200101').ok).toBe(true);
      expect(rejection(parsePermitNumber('430223209912310101')).reason).toBe('FUTURE_DATE');
    });

    it('accepts a prefecture-level code', () => {
      const r = parsePermitNumber('430100202406209919', opts);
      expect(r.ok && [r.value.regionName, r.value.serial, r.value.categoryName]).toEqual(['长沙市', '99', '其他']);
    });

    it('accepts an issue date equal to today', () => {
      expect(parsePermitNumber(`430223${TODAY.replace(/-/g, '')}0101`, opts).ok).toBe(true);
    });

    it('accepts 430221 株洲县 for a permit dated 2017 and reports the name in force then', () => {
      const r = parsePermitNumber('430221201712310102', opts);
      expect(r.ok && r.value.regionName).toBe('株洲县');
    });

    it('accepts 430124 宁乡县 in 2016 and 430182 宁乡市 from 2017', () => {
      expect(parsePermitNumber('430124201612310101', opts).ok).toBe(true);
      expect(parsePermitNumber('430182201701010101', opts).ok).toBe(true);
    });

    it('uses the name in force at the issue date for a renamed code', () => {
      const before = parsePermitNumber('430102199512310101', opts);
      const after = parsePermitNumber('430102199601010101', opts);
      expect(before.ok && before.value.regionName).toBe('东区');
      expect(after.ok && after.value.regionName).toBe('芙蓉区');
    });

    it('accepts every active county code today', () => {
      for (const code of activeCountyCodes()) expect(parsePermitNumber(`${code}202406200101`, opts).ok).toBe(true);
    });
  });

  describe('rejections (one example per reason)', () => {
    const examples: [string, string, PermitNumberRejection, RegExp][] = [
      ['too short', '43022320240620010', 'WRONG_LENGTH', /18/],
      ['too long', '4302232024062001011', 'WRONG_LENGTH', /18/],
      ['empty', '', 'WRONG_LENGTH', /18/],
      ['letter', '43022320240620010A', 'NOT_DIGITS', /数字/],
      ['full-width digit', '４30223202406200101', 'NOT_DIGITS', /digits/],
      ['space', '430223 20240620011', 'NOT_DIGITS', /digits/],
      ['Feb 30', '430223202402300101', 'IMPOSSIBLE_DATE', /日期不存在 \(not a calendar date: 2024-02-30\)/],
      ['Feb 29 non-leap', '430223202302290101', 'IMPOSSIBLE_DATE', /2023-02-29/],
      ['month 13', '430223202413010101', 'IMPOSSIBLE_DATE', /calendar/],
      ['year 0000', '430223000001010101', 'IMPOSSIBLE_DATE', /calendar/],
      ['tomorrow', '430223202507010101', 'FUTURE_DATE', /2025-07-01/],
      ['not Hunan', '110101202406200101', 'UNKNOWN_REGION', /110101/],
      ['unknown Hunan code', '439999202406200101', 'UNKNOWN_REGION', /439999/],
      ['province code', '430000202406200101', 'UNKNOWN_REGION', /省级.*province-level/],
      ['株洲县 in 2019', '430221201901010101', 'RETIRED_REGION', /2018.*430212.*successor: 430212/],
      ['株洲县 in 2018', '430221201801010101', 'RETIRED_REGION', /430212（渌口区）/],
      ['宁乡县 in 2017', '430124201703010101', 'RETIRED_REGION', /430182（宁乡市）/],
      ['渌口区 before it existed', '430212201712310101', 'RETIRED_REGION', /2018.*2017/],
      ['retired prefecture without successor', '432300200001010101', 'RETIRED_REGION', /1994/],
      ['serial 00', '430223202406200001', 'INVALID_SERIAL', /01\.\.99/],
      ['category 00', '430223202406200100', 'INVALID_CATEGORY', /00/],
      ['category 20', '430223202406200120', 'INVALID_CATEGORY', /20/],
      ['category 99', '430223202406200199', 'INVALID_CATEGORY', /99/],
    ];

    it.each(examples)('%s: %j → %s', (_label, input, reason, message) => {
      const r = rejection(parsePermitNumber(input, opts));
      expect(r.reason).toBe(reason);
      expect(r.message).toMatch(message);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.message).toMatch(/\([^)]*[a-z]{3,}[^)]*\)/);
    });

    it('the example table covers every rejection reason', () => {
      expect(new Set(examples.map(([, , reason]) => reason))).toEqual(new Set(REASONS));
    });
  });

  describe('check order (first failing reason wins)', () => {
    it.each<[string, PermitNumberRejection]>([
      ['43022A2024022', 'WRONG_LENGTH'], // wrong length beats non-digits
      ['43022A202402300100', 'NOT_DIGITS'], // non-digit beats impossible date
      ['999999202402300000', 'IMPOSSIBLE_DATE'], // impossible date beats unknown region / serial / category
      ['999999209901010000', 'FUTURE_DATE'], // future beats unknown region
      ['999999202406200000', 'UNKNOWN_REGION'], // unknown region beats serial/category
      ['430221201901010000', 'RETIRED_REGION'], // retired beats serial/category
      ['430223202406200000', 'INVALID_SERIAL'], // serial beats category
    ])('%j → %s', (input, reason) => {
      expect(rejection(parsePermitNumber(input, opts)).reason).toBe(reason);
    });
  });

  it('throws RangeError for a malformed today option', () => {
    expect(() => parsePermitNumber('430223202406200101', { today: '2024/06/20' })).toThrow(RangeError);
  });

  describe('properties', () => {
    const issuingRows = GB2260_HUNAN_REGIONS.filter((r) => r.level !== 'province');
    const todayMs = Date.parse(`${TODAY}T00:00:00Z`);
    const validNumber = fc.constantFrom(...issuingRows).chain((row) => {
      const fromMs = Date.UTC(row.startYear, 0, 1);
      const toMs = Math.min(todayMs, row.endYear === null ? todayMs : Date.UTC(row.endYear, 0, 1) - DAY_MS);
      return fc.record({
        row: fc.constant(row),
        date: fc
          .integer({ min: 0, max: Math.round((toMs - fromMs) / DAY_MS) })
          .map((d) => new Date(fromMs + d * DAY_MS).toISOString().slice(0, 10)),
        serial: fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(2, '0')),
        category: fc.constantFrom(...Object.keys(WORKS_CATEGORIES)),
      });
    });

    it('any generated valid number parses ok and round-trips its fields', () => {
      fc.assert(
        fc.property(validNumber, ({ row, date, serial, category }) => {
          const input = `${row.code}${date.replace(/-/g, '')}${serial}${category}`;
          expect(parsePermitNumber(input, opts)).toEqual({
            ok: true,
            value: {
              value: input,
              regionCode: row.code,
              regionName: row.name,
              issueDate: date,
              serial,
              categoryCode: category,
              categoryName: WORKS_CATEGORIES[category],
            },
          });
        }),
        { numRuns: 2000 },
      );
    });

    it('any string whose length is not 18 is WRONG_LENGTH', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.string({ unit: 'binary', maxLength: 40 }),
            fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 40 }),
          ),
          (s) => {
            fc.pre(s.length !== 18);
            expect(rejection(parsePermitNumber(s, opts)).reason).toBe('WRONG_LENGTH');
          },
        ),
        { numRuns: 2000 },
      );
    });

    it('a single-digit mutation of an 18-digit string never throws and yields a well-formed result', () => {
      const eighteenDigits = fc.oneof(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 18, maxLength: 18 }),
        validNumber.map(
          ({ row, date, serial, category }) => `${row.code}${date.replace(/-/g, '')}${serial}${category}`,
        ),
      );
      fc.assert(
        fc.property(eighteenDigits, fc.nat(17), fc.constantFrom(...'0123456789'), (base, index, digit) => {
          const mutated = base.slice(0, index) + digit + base.slice(index + 1);
          const result = parsePermitNumber(mutated, opts);
          if (result.ok) {
            expect(result.value.value).toBe(mutated);
            expect(isIsoDate(result.value.issueDate)).toBe(true);
            expect(result.value.issueDate <= TODAY).toBe(true);
          } else {
            expect(REASONS).toContain(result.reason);
            expect(['WRONG_LENGTH', 'NOT_DIGITS']).not.toContain(result.reason);
            expect(result.message.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 5000 },
      );
    });

    it('never throws on arbitrary strings', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', minLength: 0, maxLength: 24 }), (s) => {
          const result = parsePermitNumber(s, opts);
          expect(typeof result.ok).toBe('boolean');
        }),
      );
    });
  });
});

describe('formatPermitNumber', () => {
  it('builds a number the parser reads back', () => {
    const n = formatPermitNumber('430223', '2024-06-20', 7, '01', { today: '2024-06-20' });
    expect(n).toBe('430223202406200701');
    expect(parsePermitNumber(n, { today: '2024-06-20' })).toMatchObject({ ok: true, value: { serial: '07' } });
  });
  it('refuses serials outside 01..99 and invalid parts', () => {
    expect(() => formatPermitNumber('430223', '2024-06-20', 100, '01', { today: '2024-06-20' })).toThrow(RangeError);
    expect(() => formatPermitNumber('430223', '2024-06-20', 0, '01', { today: '2024-06-20' })).toThrow(RangeError);
    expect(() => formatPermitNumber('430223', '2024-06-20', 1, '99', { today: '2024-06-20' })).toThrow(RangeError);
  });
});
